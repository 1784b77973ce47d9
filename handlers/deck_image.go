package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// mediaSource is a Library that serves the image files decks bring with
// them (library.Library does).
type mediaSource interface {
	Media(name string) (quizzes.Image, bool)
	FolderImages(id string, d *quizzes.Deck) ([]quizzes.Problem, bool)
}

// imageProblems warns of the images of d, checked as the editor shows it:
// as a version of the folder deck named by ?deck= (its images pointed at
// the files beside it), else as a deck the kit keeps, which brings none.
func (h *handler) imageProblems(c *fiber.Ctx, d *quizzes.Deck) []quizzes.Problem {
	if m, ok := h.Decks.(mediaSource); ok && c.Query("deck") != "" {
		if probs, ok := m.FolderImages(c.Query("deck"), d); ok {
			return probs
		}
	}
	return quizzes.StoredImageProblems(d)
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

// knownSession lets a session's pages through only for a session that
// exists, live or stored: any other address under /host/s/ (such as a
// slide's relative image, pic.png, which the projector page would ask for
// as /host/s/pic.png) is a 404, not the page.
func (h *handler) knownSession(c *fiber.Ctx) error {
	id := c.Params("id")
	if h.Live.Get(id) != nil {
		return c.Next()
	}
	if _, err := h.Store.Session(c.UserContext(), id); err == nil {
		return c.Next()
	}
	return errNotFound
}
