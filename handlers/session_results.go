package handlers

import (
	"bytes"
	"context"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/results"
	"github.com/roundtable-kit/roundtable/store"
)

// sessionResults answers a session's state and its counts.
func (h *handler) sessionResults(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	snap, s, err := h.sessionData(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(struct {
		Session live.Snapshot `json:"session"`
		results.Report
	}{snap, results.Tally(s)})
}

// sessionResultsCSV answers one row per answer, as a download.
func (h *handler) sessionResultsCSV(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	snap, s, err := h.sessionData(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := results.WriteCSV(&buf, s); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Attachment("roundtable-" + snap.Code + "-" + snap.CreatedAt.Format("2006-01-02") + ".csv")
	return c.Send(buf.Bytes())
}

// sessionData loads what results need: the state (which holds the number
// who joined), the deck the session ran (its own copy) and the stored
// answers.
func (h *handler) sessionData(ctx context.Context, id string) (live.Snapshot, results.Session, error) {
	snap, err := h.snapshot(ctx, id)
	if err != nil {
		return snap, results.Session{}, notFoundAs(err, errNoSession)
	}
	// The stored steps hold the presenter's pins and removed words (saved
	// as they change, running or not).
	rec, err := h.Store.Session(ctx, id)
	if err != nil {
		return snap, results.Session{}, err
	}
	var deck *quizzes.Deck
	if s := h.Live.Get(id); s != nil {
		deck = s.Deck
	} else if deck, err = h.Parse(rec.DeckID, rec.DeckSource); err != nil {
		return snap, results.Session{}, err
	}
	answers, err := h.Store.Answers(ctx, id)
	rs := resultsSession(snap, deck, answers)
	rs.Pinned, rs.HiddenWords = rec.Steps.Pinned, rec.Steps.HiddenWords
	return snap, rs, err
}

// resultsSession is the one place stored rows become results' input.
func resultsSession(snap live.Snapshot, deck *quizzes.Deck, rows []store.Answer) results.Session {
	s := results.Session{ID: snap.ID, Code: snap.Code, Deck: deck, Participants: snap.Joined,
		Answers: make([]results.Answer, len(rows))}
	for i, a := range rows {
		ra := results.Answer{ParticipantID: a.ParticipantID, Slide: a.Slide, QuestionID: a.QuestionID,
			Choice: a.Choice, Correct: a.Correct, AnsweredAt: a.AnsweredAt,
			Text: a.Text, Value: a.Value, Skipped: a.Skipped, Credit: a.Credit, Status: a.Status}
		if a.Slide >= 0 && a.Slide < len(deck.Slides) && deck.Slides[a.Slide].Question != nil &&
			deck.Slides[a.Slide].Question.Kind == quizzes.WordCloud && !a.Skipped && a.Text != "" {
			ra.Words, ra.Text = strings.Split(a.Text, "\n"), "" // stored joined by line breaks
		}
		s.Answers[i] = ra
	}
	return s
}
