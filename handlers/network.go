package handlers

import "github.com/gofiber/fiber/v2"

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
		return errorf(400, "bad_url", "That address is not one of this laptop's: pick one from GET /api/network.")
	}
	h.Live.JoinBaseChanged()
	return h.networkGet(c)
}

func (h *handler) joinURL(code string) string { return h.Live.JoinURL(code) }
