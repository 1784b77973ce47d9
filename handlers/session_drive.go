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
		if s == nil { // ended, or no such session
			ctx, cancel := requestContext()
			defer cancel()
			rec, err := h.Store.Session(ctx, c.Params("id"))
			if err != nil {
				return notFoundAs(err, errNoSession)
			}
			if action == "end" && rec.EndedAt != nil {
				// Ending an ended session is not an error: it answers
				// with the state, as the WebSocket end does.
				snap, err := h.storedSnapshot(ctx, rec)
				if err != nil {
					return err
				}
				return c.JSON(snap)
			}
			return live.ErrEnded
		}
		// The body is optional except for goto: {"slide": n} is where goto
		// goes, {"on": n} the slide the command was made on (see driveOn).
		var req struct {
			Slide *int `json:"slide"`
			On    *int `json:"on"`
		}
		if len(c.Body()) > 0 || action == "goto" {
			if err := decodeJSON(c, &req); err != nil {
				return err
			}
		}
		if action == "goto" && req.Slide == nil {
			return errcode.BadJSON.With(`goto takes {"slide": n}.`)
		}
		snap, err := h.driveOn(s, action, req.Slide, req.On)
		if err != nil {
			return err
		}
		return c.JSON(snap)
	}
}

// driveOn is drive refused with stale_slide unless on (when given) is the
// slide showing: the pages name the slide each command was made on, so a
// key press queued while the server stalled cannot replay on another slide.
// Scripts may leave it out.
func (h *handler) driveOn(s *live.Session, action string, slide, on *int) (live.Snapshot, error) {
	if on == nil {
		return h.drive(s, action, slide)
	}
	return s.On(*on, func() (live.Snapshot, error) { return h.drive(s, action, slide) })
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
