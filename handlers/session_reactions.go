package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
)

const errReactionsArgs = `reactions takes {"on": true} or {"on": false}.`

// sessionReactions is the presenter's reactions switch over HTTP, as the
// host socket's reactions message: {"on": bool}; it answers the state.
func (h *handler) sessionReactions(c *fiber.Ctx) error {
	s := h.Live.Get(c.Params("id"))
	if s == nil {
		ctx, cancel := requestContext()
		defer cancel()
		if _, err := h.Store.Session(ctx, c.Params("id")); err != nil {
			return notFoundAs(err, errNoSession)
		}
		return live.ErrEnded
	}
	var req struct {
		On *bool `json:"on"`
	}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.On == nil {
		return errcode.BadJSON.With(errReactionsArgs)
	}
	snap, err := s.SetReactions(*req.On)
	if err != nil {
		return err
	}
	return c.JSON(snap)
}
