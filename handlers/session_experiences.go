package handlers

import (
	"bytes"
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/results"
	"github.com/roundtable-kit/roundtable/store"
)

// experienceStore is the store's side of "Share your experience", asked
// for apart from Store so that stores written for tests need not have it.
type experienceStore interface {
	Experiences(ctx context.Context, sessionID string) ([]store.Experience, error)
}

// sessionExperiences answers a session's "Share your experience" entries
// for the host: JSON, or with ?format=csv a download. They are read on
// request only, never part of the results exports.
func (h *handler) sessionExperiences(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	rec, err := h.Store.Session(ctx, c.Params("id"))
	if err != nil {
		return notFoundAs(err, errNoSession)
	}
	out := results.Experiences{Session: rec.ID, Code: rec.Code, Entries: []results.Experience{}}
	if s := h.Live.Get(rec.ID); s != nil {
		out.Prompt = s.Deck.Share
	} else if d, err := h.Parse(rec.DeckID, rec.DeckSource); err == nil {
		out.Prompt = d.Share
	}
	if es, ok := h.Store.(experienceStore); ok {
		rows, err := es.Experiences(ctx, rec.ID)
		if err != nil {
			return err
		}
		for _, r := range rows {
			out.Entries = append(out.Entries, results.Experience{Day: r.Day, Text: r.Text})
		}
	}
	if c.Query("format") != "csv" {
		return c.JSON(out)
	}
	var buf bytes.Buffer
	if err := results.WriteExperiencesCSV(&buf, out); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Attachment("roundtable-" + rec.Code + "-" + rec.CreatedAt.Format("2006-01-02") + "-experiences.csv")
	return c.Send(buf.Bytes())
}
