package handlers

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
	"github.com/roundtable-kit/roundtable/store"
)

// TextStore pages the open text answers for the presenter's queue.
type TextStore interface {
	Texts(ctx context.Context, sessionID string, slide int, status, after string, limit int) ([]store.TextRow, string, error)
	TextCounts(ctx context.Context, sessionID string, slide int) (map[string]int, error)
}

// textsLimit bounds one page of the moderation queue.
const textsLimit = 50

type textRow struct {
	ID     string    `json:"id"`
	Text   string    `json:"text"`
	Status string    `json:"status"`
	Pinned bool      `json:"pinned"`
	At     time.Time `json:"at"`
}

type textCounts struct {
	Pending  int `json:"pending"`
	Approved int `json:"approved"`
	Hidden   int `json:"hidden"`
	Held     int `json:"held"`
}

var textStatuses = map[string]string{"": "", "all": "", record.StatusPending: record.StatusPending,
	record.StatusApproved: record.StatusApproved, record.StatusHidden: record.StatusHidden, record.StatusHeld: record.StatusHeld}

// sessionTexts pages a slide's open texts, newest first (API.md).
func (h *handler) sessionTexts(c *fiber.Ctx) error {
	ts, ok := h.Store.(TextStore)
	if !ok {
		return errcode.Internal
	}
	ctx, cancel := requestContext()
	defer cancel()
	id := c.Params("id")
	slide, pinned, err := h.openTextSlide(ctx, id, c.Params("slide"))
	if err != nil {
		return err
	}
	status, ok := textStatuses[c.Query("status")]
	if !ok {
		return errcode.BadRequest.With("status is pending, approved, hidden, held or all.")
	}
	limit := textsLimit
	if l := c.Query("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > textsLimit {
			return errcode.BadRequest.With("limit is a number from 1 to 50.")
		}
		limit = n
	}
	rows, next, err := ts.Texts(ctx, id, slide, status, c.Query("after"), limit)
	if errors.Is(err, store.ErrBadCursor) {
		return errcode.BadRequest.With("after is a cursor a page gave as next.")
	}
	if err != nil {
		return err
	}
	counts, err := ts.TextCounts(ctx, id, slide)
	if err != nil {
		return err
	}
	out := struct {
		Texts  []textRow  `json:"texts"`
		Next   string     `json:"next,omitempty"`
		Counts textCounts `json:"counts"`
	}{Texts: make([]textRow, len(rows)), Next: next, Counts: textCounts{counts[record.StatusPending], counts[record.StatusApproved], counts[record.StatusHidden], counts[record.StatusHeld]}}
	for i, r := range rows {
		out.Texts[i] = textRow{ID: r.ParticipantID, Text: r.Text, Status: r.Status, Pinned: r.ParticipantID == pinned, At: r.At}
	}
	return c.JSON(out)
}

// sessionTextModerate approves, hides, pins or unpins one open text.
func (h *handler) sessionTextModerate(c *fiber.Ctx) error {
	var body struct {
		Action string `json:"action"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	switch body.Action {
	case live.ActApprove, live.ActHide, live.ActPin, live.ActUnpin:
	default:
		return errcode.BadRequest.With("action is approve, hide, pin or unpin.")
	}
	s := h.Live.Get(c.Params("id"))
	if s == nil {
		ctx, cancel := requestContext()
		defer cancel()
		if _, err := h.Store.Session(ctx, c.Params("id")); err != nil {
			return notFoundAs(err, errNoSession)
		}
		return live.ErrEnded
	}
	slide, err := strconv.Atoi(c.Params("slide"))
	if err != nil {
		return errcode.BadSlide
	}
	ctx, cancel := requestContext()
	defer cancel()
	status, pinned, err := s.Moderate(ctx, slide, c.Params("pid"), body.Action)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"id": c.Params("pid"), "status": status, "pinned": pinned})
}

// openTextSlide checks that slide (a path parameter) of session id holds
// an open text question, and returns it with the participant whose text is
// pinned there.
func (h *handler) openTextSlide(ctx context.Context, id, param string) (int, string, error) {
	slide, err := strconv.Atoi(param)
	if err != nil {
		return 0, "", errcode.BadSlide
	}
	var deck *quizzes.Deck
	pinned := ""
	if s := h.Live.Get(id); s != nil {
		deck = s.Deck
		pinned = s.Pinned(slide)
	} else {
		rec, err := h.Store.Session(ctx, id)
		if err != nil {
			return 0, "", notFoundAs(err, errNoSession)
		}
		if deck, err = h.Parse(rec.DeckID, rec.DeckSource); err != nil {
			return 0, "", err
		}
		pinned = rec.Steps.Pinned[slide]
	}
	if slide < 0 || slide >= len(deck.Slides) || deck.Slides[slide].Question == nil || deck.Slides[slide].Question.Kind != quizzes.OpenText {
		return 0, "", live.ErrNotOpenText
	}
	return slide, pinned, nil
}
