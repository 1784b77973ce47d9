package handlers

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// sessionDrive moves a session: next, prev, reveal, end, goto, or one of a
// question's steps (close, open, results, countdown) or blank.
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
			driveArgs
		}
		if len(c.Body()) > 0 || action == "goto" || needsArgs[action] {
			if err := decodeJSON(c, &req); err != nil {
				return err
			}
		}
		if action == "goto" && req.Slide == nil {
			return errcode.BadJSON.With(`goto takes {"slide": n}.`)
		}
		if msg := req.driveArgs.check(action); msg != "" {
			return errcode.BadJSON.With(msg)
		}
		snap, err := h.driveOn(s, action, req.Slide, req.On, req.driveArgs)
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
func (h *handler) driveOn(s *live.Session, action string, slide, on *int, args driveArgs) (live.Snapshot, error) {
	if on == nil {
		return h.drive(s, action, slide, args)
	}
	return s.On(*on, func() (live.Snapshot, error) { return h.drive(s, action, slide, args) })
}

// driveArgs are the values the step commands take: results {"show": bool},
// countdown {"seconds": n}, blank {"blank": bool}.
type driveArgs struct {
	Show    *bool `json:"show"`
	Seconds *int  `json:"seconds"`
	Blank   *bool `json:"blank"`
}

// needsArgs are the actions whose body is required.
var needsArgs = map[string]bool{"results": true, "countdown": true, "blank": true}

// check says what is wrong with the arguments of action, or "".
func (a driveArgs) check(action string) string {
	switch {
	case action == "results" && a.Show == nil:
		return `results takes {"show": true} or {"show": false}.`
	case action == "blank" && a.Blank == nil:
		return `blank takes {"blank": true} or {"blank": false}.`
	case action == "countdown" && (a.Seconds == nil || *a.Seconds != 0 && (*a.Seconds < quizzes.MinCountdown || *a.Seconds > quizzes.MaxCountdown)):
		return fmt.Sprintf(`countdown takes {"seconds": n}, n from %d to %d, or 0 to stop it.`, quizzes.MinCountdown, quizzes.MaxCountdown)
	}
	return ""
}

// drive is shared by the HTTP routes and the host WebSocket.
func (h *handler) drive(s *live.Session, action string, slide *int, args driveArgs) (live.Snapshot, error) {
	switch action {
	case "close":
		return s.Close()
	case "open":
		return s.Open()
	case "results":
		return s.ShowResults(*args.Show)
	case "countdown":
		return s.StartCountdown(*args.Seconds)
	case "blank":
		return s.Blank(*args.Blank)
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
