package handlers

import (
	"slices"
	"sync"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
)

// Candidate is an address phones could join at.
type Candidate struct {
	URL     string `json:"url"`
	Iface   string `json:"iface"`
	Private bool   `json:"private"`
}

// Network holds the join address: the base URL phones reach the kit at,
// chosen among the laptop's LAN addresses (or fixed by -public-url).
type Network struct {
	mu           sync.RWMutex
	candidates   []Candidate
	current      string
	loopbackOnly bool
	fixed        bool
}

// NewNetwork starts with the first candidate. loopbackOnly says that no LAN
// address exists, so phones cannot join.
func NewNetwork(candidates []Candidate, loopbackOnly bool) *Network {
	n := &Network{candidates: candidates, loopbackOnly: loopbackOnly}
	if len(candidates) > 0 {
		n.current = candidates[0].URL
	}
	return n
}

// NewFixedNetwork always uses url (from -public-url).
func NewFixedNetwork(url string) *Network {
	return &Network{candidates: []Candidate{{URL: url}}, current: url, fixed: true}
}

// Base returns the join base URL, like "http://192.168.1.20:8080".
func (n *Network) Base() string {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.current
}

// Use switches to one of the candidates.
func (n *Network) Use(url string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if !slices.ContainsFunc(n.candidates, func(c Candidate) bool { return c.URL == url }) {
		return false
	}
	n.current = url
	return true
}

func (h *handler) networkGet(c *fiber.Ctx) error {
	n := h.Network
	n.mu.RLock()
	defer n.mu.RUnlock()
	return c.JSON(fiber.Map{"current": n.current, "candidates": n.candidates, "loopback_only": n.loopbackOnly, "fixed": n.fixed})
}

func (h *handler) networkSet(c *fiber.Ctx) error {
	var req struct {
		URL string `json:"url"`
	}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if !h.Network.Use(req.URL) {
		return errcode.BadURL
	}
	for _, s := range h.Live.Sessions() {
		s.SetJoinURL(h.joinURL(s.Code))
	}
	return h.networkGet(c)
}

func (h *handler) joinURL(code string) string { return h.Network.Base() + "/j/" + code }

// LoopbackOnly reports that phones cannot reach this laptop.
func (n *Network) LoopbackOnly() bool {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.loopbackOnly
}
