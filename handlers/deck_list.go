package handlers

import (
	"cmp"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/library"
)

type deckSummary struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Lang        string `json:"lang"`
	Audience    string `json:"audience,omitempty"`
	Description string `json:"description,omitempty"`
	Minutes     int    `json:"minutes,omitempty"`
	Translation string `json:"translation,omitempty"`
	Builtin     bool   `json:"builtin"`
	Editable    bool   `json:"editable"`
	Slides      int    `json:"slides"`
	Questions   int    `json:"questions"`
}

func summarize(e library.Entry) deckSummary {
	d := e.Deck
	return deckSummary{ID: d.ID, Title: d.Title, Lang: d.Lang, Audience: d.Audience, Description: d.Description,
		Minutes: d.Minutes, Translation: d.Translation, Builtin: e.Builtin, Editable: e.Editable, Slides: len(d.Slides), Questions: len(d.Questions())}
}

func (h *handler) deckList(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	entries, err := h.Decks.List(ctx)
	if err != nil {
		return err
	}
	// Built-ins and folder decks keep the library's order; the user's decks
	// come from a map, so they are sorted here, in their places: title, then id.
	var pos []int
	var mine []library.Entry
	for i, e := range entries {
		if e.Editable {
			pos, mine = append(pos, i), append(mine, e)
		}
	}
	slices.SortFunc(mine, func(a, b library.Entry) int {
		return cmp.Or(cmp.Compare(a.Deck.Title, b.Deck.Title), cmp.Compare(a.Deck.ID, b.Deck.ID))
	})
	for i, p := range pos {
		entries[p] = mine[i]
	}
	out := make([]deckSummary, 0, len(entries))
	for _, e := range entries {
		out = append(out, summarize(e))
	}
	return c.JSON(out)
}

func (h *handler) deckGet(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	e, err := h.Decks.Get(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"summary": summarize(e), "deck": e.Deck, "source": e.Deck.Source})
}
