package handlers

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/library"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// mediaSource is a Library that serves the image files decks bring with
// them (library.Library does).
type mediaSource interface {
	Media(name string) (quizzes.Image, bool)
	DeckImages(id string, d *quizzes.Deck) []quizzes.Problem
	AddImage(ctx context.Context, id, path string, data []byte) (string, error)
}

// imageProblems points the images of d, checked as the editor shows it, at
// the files the kit has for the deck named by ?deck= (none for a new deck)
// and warns of the others.
func (h *handler) imageProblems(c *fiber.Ctx, d *quizzes.Deck) []quizzes.Problem {
	if m, ok := h.Decks.(mediaSource); ok {
		return m.DeckImages(c.Query("deck"), d)
	}
	return nil
}

// deckImageUpload stores the request's body, an image file, with a user
// deck under the path after /images/ (PUT /api/decks/{id}/images/{path}),
// replacing one of the same path.
func (h *handler) deckImageUpload(c *fiber.Ctx) error {
	m, ok := h.Decks.(mediaSource)
	if !ok {
		return errNotFound
	}
	ctx, cancel := requestContext()
	defer cancel()
	path, err := url.PathUnescape(c.Params("*"))
	if err != nil {
		return errcode.BadRequest.With("The image's path is not a valid address.")
	}
	src, err := m.AddImage(ctx, c.Params("id"), path, c.Body())
	switch {
	case errors.Is(err, library.ErrReadOnly):
		return errcode.ReadOnly
	case errors.Is(err, library.ErrBadImage):
		return errcode.BadRequest.With(strings.ToUpper(err.Error()[:1]) + err.Error()[1:] + ".")
	case err != nil:
		return notFoundAs(err, errNoDeck)
	}
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"path": path, "src": src})
}

// deckImage serves an image file a deck brings with it, under a name made
// from a hash of its bytes: anyone in the room may load it (phones show
// the slide too), nobody can guess a name without the image. Only PNG,
// JPEG, GIF and WebP files are ever stored, each checked by its bytes.
func (h *handler) deckImage(c *fiber.Ctx) error {
	m, ok := h.Decks.(mediaSource)
	if !ok {
		return errNotFound
	}
	img, ok := m.Media(c.Params("name"))
	if !ok {
		return errNotFound
	}
	c.Set(fiber.HeaderContentType, img.Type)
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	c.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	return c.Send(img.Data)
}

// knownSession answers a session's pages with 404 when no session, live or
// stored, has the id: the page still comes (it says, in the presenter's
// language, that there is no such session), but a slide's relative image,
// which the audience screen asks for as /host/s/pic.png, is not answered
// with a page and 200.
func (h *handler) knownSession(c *fiber.Ctx) error {
	id := c.Params("id")
	if h.Live.Get(id) == nil {
		if _, err := h.Store.Session(c.UserContext(), id); err != nil {
			c.Status(fiber.StatusNotFound)
		}
	}
	return c.Next()
}
