package netaddr

import (
	"net"
	"net/url"
	"slices"
	"strings"
	"sync"
)

// Choice is a join address the presenter may pick: a base URL phones
// could reach the kit at, and where it comes from.
type Choice struct {
	URL     string `json:"url"`
	Iface   string `json:"iface"`
	Private bool   `json:"private"`
}

// Network is the join address in use, chosen among the laptop's LAN
// addresses (best first, see Rank) or fixed by -public-url. It is safe for
// concurrent use.
type Network struct {
	mu           sync.RWMutex
	choices      []Choice
	current      string
	loopbackOnly bool
	fixed        bool
	listen       net.IP // the one address the kit listens on; nil for every address
}

// State is the network as the presenter sees it (API.md, GET /api/network).
// The fields are in the order of their JSON names, as the answer was
// always written.
type State struct {
	Choices      []Choice `json:"candidates"`
	Current      string   `json:"current"`
	Fixed        bool     `json:"fixed"`
	LoopbackOnly bool     `json:"loopback_only"`
	// Unreachable: the kit listens on one address only (-addr) and the
	// join address is another, so phones following the QR are refused.
	Unreachable bool `json:"unreachable,omitempty"`
}

// Discover builds the network for a kit listening on port: the fixed
// publicURL if given, else this machine's LAN addresses, else loopback
// (phones cannot join; LoopbackOnly says so).
func Discover(publicURL string, port int) *Network {
	if publicURL != "" {
		return NewFixedNetwork(strings.TrimRight(publicURL, "/"))
	}
	cands, _ := Candidates()
	if len(cands) == 0 {
		return NewNetwork([]Choice{{URL: JoinBase(Loopback(), port), Iface: "loopback"}}, true)
	}
	out := make([]Choice, len(cands))
	for i, c := range cands {
		out[i] = Choice{URL: JoinBase(c, port), Iface: c.Iface, Private: c.Private}
	}
	return NewNetwork(out, false)
}

// NewNetwork starts with the first choice. loopbackOnly says that no LAN
// address exists, so phones cannot join.
func NewNetwork(choices []Choice, loopbackOnly bool) *Network {
	n := &Network{choices: choices, loopbackOnly: loopbackOnly}
	if len(choices) > 0 {
		n.current = choices[0].URL
	}
	return n
}

// NewFixedNetwork always uses url (from -public-url).
func NewFixedNetwork(url string) *Network {
	return &Network{choices: []Choice{{URL: url}}, current: url, fixed: true}
}

// Base returns the join base URL, like "http://192.168.1.20:8080".
func (n *Network) Base() string {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.current
}

// Use switches to one of the choices; it reports false for any other URL.
func (n *Network) Use(url string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if !slices.ContainsFunc(n.choices, func(c Choice) bool { return c.URL == url }) {
		return false
	}
	n.current = url
	return true
}

// LoopbackOnly reports that phones cannot reach this laptop.
func (n *Network) LoopbackOnly() bool {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.loopbackOnly
}

// State returns the choices and the one in use.
func (n *Network) State() State {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return State{Current: n.current, Choices: slices.Clone(n.choices), LoopbackOnly: n.loopbackOnly, Fixed: n.fixed,
		Unreachable: n.unreachable()}
}

// Listening records the address the kit listens on (-addr 127.0.0.1:8080
// listens on one; :8080 on every address, which any join address reaches).
func (n *Network) Listening(ip net.IP) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if ip == nil || ip.IsUnspecified() {
		n.listen = nil
		return
	}
	n.listen = ip
}

// Unreachable reports that the join address in use is not the one address
// the kit listens on: phones would be refused. A warning, never a refusal
// (RULINGS.md): a proxy or port forward may still make it right.
func (n *Network) Unreachable() bool {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.unreachable()
}

func (n *Network) unreachable() bool {
	if n.listen == nil {
		return false
	}
	u, err := url.Parse(n.current)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); ip != nil {
		return !ip.Equal(n.listen)
	}
	// A name: only "localhost" is known to be this machine.
	return !(host == "localhost" && n.listen.IsLoopback())
}
