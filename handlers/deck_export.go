package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/quizzes/convert"
)

// deckExport downloads a deck as Markdown (its own source) or as GIFT, so
// content can go back to Moodle.
func (h *handler) deckExport(format string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, cancel := requestContext()
		defer cancel()
		e, err := h.Decks.Get(ctx, c.Params("id"))
		if err != nil {
			return notFoundAs(err, errNoDeck)
		}
		c.Set(fiber.HeaderContentType, "text/plain; charset=utf-8")
		if format == "gift" {
			c.Attachment(e.Deck.ID + ".gift")
			return c.Send(convert.ToGIFT(e.Deck))
		}
		c.Attachment(e.Deck.ID + ".md")
		return c.SendString(e.Deck.Source)
	}
}
