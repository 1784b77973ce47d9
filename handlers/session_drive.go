package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
)

// sessionDrive moves a session: next, prev, reveal, end or goto.
func (h *handler) sessionDrive(action string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		s := h.Live.Get(c.Params("id"))
		if s == nil {
			ctx, cancel := requestContext()
			defer cancel()
			if _, err := h.Store.Session(ctx, c.Params("id")); err == nil {
				return live.ErrEnded
			}
			return errNoSession
		}
		var slide *int
		if action == "goto" {
			var req struct {
				Slide *int `json:"slide"`
			}
			if err := decodeJSON(c, &req); err != nil {
				return err
			}
			if req.Slide == nil {
				return errcode.BadJSON.With(`goto takes {"slide": n}.`)
			}
			slide = req.Slide
		}
		snap, err := h.drive(s, action, slide)
		if err != nil {
			return err
		}
		return c.JSON(snap)
	}
}

// drive is shared by the HTTP routes and the host WebSocket.
func (h *handler) drive(s *live.Session, action string, slide *int) (live.Snapshot, error) {
	switch action {
	case "next":
		return s.Next()
	case "prev":
		return s.Prev()
	case "reveal":
		return s.Reveal()
	case "goto":
		return s.Goto(*slide)
	case "end":
		ctx, cancel := requestContext()
		defer cancel()
		return s.End(ctx)
	}
	return live.Snapshot{}, errcode.UnknownType.With("No such action.")
}
