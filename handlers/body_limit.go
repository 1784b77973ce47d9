package handlers

import (
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// deckBody bounds a deck's JSON ({"source": …}): the deck's own limit and
// room for the JSON around it.
const deckBody = quizzes.MaxDeckBytes + 4096

// bodyLimitFor is each route's body limit, as API.md lists them: a deck's
// source, an import's upload, and 64 KiB for every other route (most take
// no body at all). MaxBody, the server's, is the largest of them.
func bodyLimitFor(method, path string) int {
	switch {
	case method == fiber.MethodPost && path == "/api/decks/import":
		return MaxBody
	case method == fiber.MethodPost && (path == "/api/decks" || path == "/api/decks/check"),
		method == fiber.MethodPut && strings.HasPrefix(path, "/api/decks/"):
		return deckBody
	}
	return maxJSON
}

// bodyLimit refuses a body over its route's limit, before the route runs.
// The server has read it (up to MaxBody), so the client, even one that
// writes its whole body before reading, gets this readable answer.
func bodyLimit(c *fiber.Ctx) error {
	n := len(c.Request().Body())
	if limit := bodyLimitFor(c.Method(), c.Path()); n > limit {
		return errcode.TooLarge.With(fmt.Sprintf("This route takes a body of at most %s; this one has %d bytes.", sizeName(limit), n))
	}
	return c.Next()
}

// sizeName writes a limit as API.md does: 64 KiB, 8 MiB.
func sizeName(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	if n >= 1<<20 {
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", n>>10)
}
