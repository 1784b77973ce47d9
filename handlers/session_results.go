package handlers

import (
	"bytes"
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/reports"
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
	r := results.Tally(s)
	qa, err := h.Store.QAQuestions(ctx, snap.ID)
	if err != nil {
		return err
	}
	if len(qa) > 0 {
		r.QA = results.QA(resultsQA(qa))
	}
	k := results.MinGroup(h.MinGroup)
	results.Suppress(&r, k)
	return c.JSON(struct {
		Session shownSession `json:"session"`
		results.Report
	}{shownSession{snap, results.Total(snap.Joined, k), results.Total(snap.Connected, k), results.Total(snap.Answered, k), s.Practice, s.Deck.Lang}, r})
}

// shownSession is the session beside its results: its live counts follow
// the small-group rule there too (they shadow the snapshot's), so 4 who
// joined do not show through the totals the report hides.
type shownSession struct {
	live.Snapshot
	Joined    results.Count `json:"joined"`
	Connected results.Count `json:"connected"`
	Answered  results.Count `json:"answered"`
	// Practice: the session is marked practice, left out of deck reports.
	Practice bool `json:"practice"`
	// Lang is the deck's language, which the report page is drawn in.
	Lang string `json:"lang"`
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
	if err := results.WriteAnswersCSV(&buf, results.MinGroup(h.MinGroup), s); err != nil {
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
	if err != nil {
		return snap, results.Session{}, err
	}
	rs := resultsSession(snap, deck, answers)
	rs.Pinned, rs.HiddenWords = rec.Steps.Pinned, rec.Steps.HiddenWords
	rs.Practice, rs.CreatedAt, rs.Mode = rec.Practice, rec.CreatedAt, modeOf(rec)
	rs.Roles, err = h.Store.Roles(ctx, id)
	return snap, rs, err
}

// resultsSession is the one place stored rows become results' input.
func resultsSession(snap live.Snapshot, deck *quizzes.Deck, rows []store.Answer) results.Session {
	return results.Session{ID: snap.ID, Code: snap.Code, Deck: deck, Participants: snap.Joined,
		Answers: reports.Answers(deck, rows)}
}
