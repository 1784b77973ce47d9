package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
)

// sessionDelete deletes an ended session with every answer: the organizer's
// way to keep no data once the results are exported.
func (h *handler) sessionDelete(c *fiber.Ctx) error {
	id := c.Params("id")
	if s := h.Live.Get(id); s != nil && !s.Ended() {
		return errcode.SessionRunning
	}
	ctx, cancel := requestContext()
	defer cancel()
	if err := h.Store.DeleteSession(ctx, id); err != nil {
		return notFoundAs(err, errNoSession)
	}
	h.Live.Forget(id)
	return c.SendStatus(fiber.StatusNoContent)
}
