package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// problem is a linter message as the editor shows it.
type problem struct {
	Line     int    `json:"line"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func problemsJSON(ps []quizzes.Problem) []problem {
	out := make([]problem, len(ps))
	for i, p := range ps {
		out[i] = problem{Line: p.Line, Severity: p.Severity.String(), Message: p.Message}
	}
	return out
}

// readSource takes a deck's Markdown from {"source": "..."}.
func readSource(c *fiber.Ctx) (string, error) {
	var req struct {
		Source string `json:"source"`
	}
	if len(c.Body()) > quizzes.MaxDeckBytes+4096 {
		return "", errcode.TooLarge.With("A deck is at most 1 MiB.")
	}
	if err := decodeJSONLimit(c, &req, quizzes.MaxDeckBytes+4096); err != nil {
		return "", err
	}
	return req.Source, nil
}

// deckCheck lints a deck without saving it: the editor's live preview and
// the same messages as `roundtable check`. ?deck=ID checks it as that
// folder deck, whose images are the files beside it.
func (h *handler) deckCheck(c *fiber.Ctx) error {
	src, err := readSource(c)
	if err != nil {
		return err
	}
	d, probs := quizzes.Parse("preview", []byte(src))
	if d != nil {
		probs = quizzes.SortProblems(append(probs, h.imageProblems(c, d)...))
	}
	return c.JSON(fiber.Map{"ok": d != nil && !quizzes.HasErrors(probs), "problems": problemsJSON(probs), "deck": d})
}
