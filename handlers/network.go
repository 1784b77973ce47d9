package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
)

func (h *handler) networkGet(c *fiber.Ctx) error {
	return c.JSON(h.Network.State())
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
	h.Live.JoinBaseChanged()
	return h.networkGet(c)
}

func (h *handler) joinURL(code string) string { return h.Live.JoinURL(code) }
