package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/library"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// deckCreate saves a new deck from {"source"}; deckUpdate replaces one.
func (h *handler) deckCreate(c *fiber.Ctx) error { return h.deckSave(c, "") }

func (h *handler) deckUpdate(c *fiber.Ctx) error { return h.deckSave(c, c.Params("id")) }

func (h *handler) deckSave(c *fiber.Ctx, id string) error {
	src, err := readSource(c)
	if err != nil {
		return err
	}
	return h.saveSource(c, id, src, fiber.Map{})
}

func (h *handler) saveSource(c *fiber.Ctx, id, src string, extra fiber.Map) error {
	ctx, cancel := requestContext()
	defer cancel()
	e, probs, err := h.Decks.Save(ctx, id, src)
	return h.saved(c, id, e, probs, err, extra)
}

// saved answers a save or a copy: the deck and its problems.
func (h *handler) saved(c *fiber.Ctx, id string, e library.Entry, probs []quizzes.Problem, err error, extra fiber.Map) error {
	if errors.Is(err, library.ErrReadOnly) {
		return errcode.ReadOnly
	}
	if err != nil {
		return notFoundAs(err, errNoDeck)
	}
	if e.Deck == nil {
		extra["problems"] = problemsJSON(probs)
		return errcode.InvalidDeck.WithFields(extra)
	}
	extra["deck"] = summarize(e)
	extra["problems"] = problemsJSON(probs)
	status := fiber.StatusOK
	if id == "" {
		status = fiber.StatusCreated
	}
	return c.Status(status).JSON(extra)
}

// deckCopy makes an editable copy of any deck, with its images.
func (h *handler) deckCopy(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	e, probs, err := h.Decks.Copy(ctx, c.Params("id"))
	return h.saved(c, "", e, probs, err, fiber.Map{})
}

func (h *handler) deckDelete(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	err := h.Decks.Delete(ctx, c.Params("id"))
	if errors.Is(err, library.ErrReadOnly) {
		return errcode.ReadOnly
	}
	if err != nil {
		return notFoundAs(err, errNoDeck)
	}
	return c.SendStatus(fiber.StatusNoContent)
}
