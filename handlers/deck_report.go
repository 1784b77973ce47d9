package handlers

import (
	"bytes"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/reports"
	"github.com/roundtable-kit/roundtable/results"
)

// deckReport answers a deck's report over its sessions and its twin's:
// ?from=YYYY-MM-DD&to=YYYY-MM-DD (the laptop's local dates) and
// ?practice=1 to count practice sessions too. A deck no longer in the
// library still reports on the sessions that ran it.
func (h *handler) deckReport(csv bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, cancel := requestContext()
		defer cancel()
		id, twin := c.Params("id"), ""
		title, lang := "", ""
		if e, err := h.Decks.Get(ctx, id); err == nil {
			twin, title, lang = e.Deck.Translation, e.Deck.Title, e.Deck.Lang
		}
		r, err := reports.Deck(ctx, h.Store, id, twin, c.Query("from"), c.Query("to"), c.Query("practice") == "1", h.MinGroup)
		if err != nil {
			return errcode.BadRequest.With(err.Error())
		}
		if len(r.Sessions) == 0 && title == "" {
			return errNoDeck
		}
		if r.Title == "" {
			r.Title, r.Lang = title, lang
		}
		if !csv {
			return c.JSON(r)
		}
		var buf bytes.Buffer
		if err := results.WriteDeckCSV(&buf, r); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
		c.Attachment("roundtable-report-" + id + ".csv")
		return c.Send(buf.Bytes())
	}
}
