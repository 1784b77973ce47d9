package handlers

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/quizzes"
)

var errNoRoom = errcode.NotFound.With("No room has this code.")

// helpData is what "Need help?" shows (API.md, GET /j/{code}/help): every
// phone fetches it once, in the background, whether or not it is ever
// opened, so that the kit cannot tell who opened it.
type helpData struct {
	Lang  string     `json:"lang"`  // the deck's language, or "" without a room
	Deck  []helpItem `json:"deck"`  // the deck's own, and its twin's
	Local []helpItem `json:"local"` // the facilitator's local contacts
	Kit   []helpItem `json:"kit"`   // the kit's set the deck asks for
}

// helpGet answers /help (no room: the kit's internet-safety set and the
// local contacts) and /j/{code}/help (a live room: its deck's resources
// too). A room that ended in the last day answers as no room; an unknown
// code is refused as the phone page refuses it.
func (h *handler) helpGet(c *fiber.Ctx) error {
	d := helpData{Deck: []helpItem{}, Kit: []helpItem{}}
	var deck *quizzes.Deck
	if code := strings.ToUpper(c.Params("code")); code != "" {
		if err := h.roomLookup(c); err != nil {
			return err
		}
		s, ended := h.Live.Room(code)
		if s == nil && !ended {
			h.missed(c)
			return errNoRoom
		}
		if s != nil {
			deck = s.Deck
			d.Lang = deck.Lang
			d.Deck = append(deckHelp(deck), deckHelp(s.Twin())...)
		}
	}
	set := "internet-safety" // no room: the kit's own
	if deck != nil {
		set = deck.HelpDefaults
	}
	d.Kit = append(d.Kit, kitHelp[set]...)
	ctx, cancel := requestContext()
	defer cancel()
	list, err := h.localContacts(ctx)
	if err != nil {
		return err
	}
	d.Local = localHelp(list)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(d)
}
