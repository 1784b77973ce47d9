// Package reports reads stored sessions as the results package takes
// them: the deck each ran (its own copy), its answers and its
// participants' roles. The host's routes and `roundtable export` share it.
package reports

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
	"github.com/roundtable-kit/roundtable/results"
)

// Reader is what reports need from the store.
type Reader interface {
	Sessions(ctx context.Context, open bool) ([]record.Session, error)
	Answers(ctx context.Context, sessionID string) ([]record.Answer, error)
	Roles(ctx context.Context, sessionID string) (map[string]int, error)
}

// Answers turns stored answers into results' (a cloud's words are stored
// joined by line breaks).
func Answers(deck *quizzes.Deck, rows []record.Answer) []results.Answer {
	out := make([]results.Answer, len(rows))
	for i, a := range rows {
		ra := results.Answer{ParticipantID: a.ParticipantID, Slide: a.Slide, QuestionID: a.QuestionID,
			Choice: a.Choice, Correct: a.Correct, AnsweredAt: a.AnsweredAt,
			Text: a.Text, Value: a.Value, Skipped: a.Skipped, Credit: a.Credit, Status: a.Status}
		if a.Slide >= 0 && a.Slide < len(deck.Slides) && deck.Slides[a.Slide].Question != nil &&
			deck.Slides[a.Slide].Question.Kind == quizzes.WordCloud && !a.Skipped && a.Text != "" {
			ra.Words, ra.Text = strings.Split(a.Text, "\n"), ""
		}
		out[i] = ra
	}
	return out
}

// DeckSessions reads every session of the given decks (a deck and its
// twin) that started in [from, to) (zero: open), ended or not, oldest
// first. A session whose saved deck no longer reads is skipped and named
// in skipped.
func DeckSessions(ctx context.Context, st Reader, from, to time.Time, deckIDs ...string) (out []results.Session, skipped []string, err error) {
	all, err := st.Sessions(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	want := map[string]bool{}
	for _, id := range deckIDs {
		if id != "" {
			want[id] = true
		}
	}
	for i := len(all) - 1; i >= 0; i-- { // Sessions lists newest first
		rec := all[i]
		if !want[rec.DeckID] || !from.IsZero() && rec.CreatedAt.Before(from) || !to.IsZero() && !rec.CreatedAt.Before(to) {
			continue
		}
		deck, probs := quizzes.Parse(rec.DeckID, []byte(rec.DeckSource))
		if deck == nil || quizzes.HasErrors(probs) {
			skipped = append(skipped, rec.ID)
			continue
		}
		rows, err := st.Answers(ctx, rec.ID)
		if err != nil {
			return nil, nil, err
		}
		roles, err := st.Roles(ctx, rec.ID)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, results.Session{ID: rec.ID, Code: rec.Code, Deck: deck, Participants: rec.Participants,
			Answers: Answers(deck, rows), Roles: roles, Practice: rec.Practice, CreatedAt: rec.CreatedAt, Mode: paced(rec.Mode),
			Pinned: rec.Steps.Pinned, HiddenWords: rec.Steps.HiddenWords})
	}
	return out, skipped, nil
}

// Range reads -from and -to (or ?from= and ?to=) as dates in loc, the
// laptop's local time: from is the start of its day, to the end of its.
func Range(from, to string, loc *time.Location) (f, t time.Time, err error) {
	if from != "" {
		if f, err = time.ParseInLocation("2006-01-02", from, loc); err != nil {
			return f, t, fmt.Errorf("from %q is not a date like 2026-09-01", from)
		}
	}
	if to != "" {
		if t, err = time.ParseInLocation("2006-01-02", to, loc); err != nil {
			return f, t, fmt.Errorf("to %q is not a date like 2026-12-31", to)
		}
		t = t.AddDate(0, 0, 1)
	}
	return f, t, nil
}

// Deck builds a deck's report over its sessions and its twin's, with k's
// small groups hidden.
func Deck(ctx context.Context, st Reader, deckID, twin, from, to string, practice bool, k int) (results.DeckReport, error) {
	f, t, err := Range(from, to, time.Local)
	if err != nil {
		return results.DeckReport{}, err
	}
	ss, _, err := DeckSessions(ctx, st, f, t, deckID, twin)
	if err != nil {
		return results.DeckReport{}, err
	}
	r := results.Deck(deckID, twin, ss, results.DeckOptions{Practice: practice})
	r.From, r.To = from, to
	if r.Title == "" {
		r.Lang = "en"
	}
	results.SuppressDeck(&r, results.MinGroup(k))
	return r, nil
}

// paced is a session's mode as results keep it: "self-paced", or "" for a
// live one.
func paced(mode string) string {
	if mode == record.ModeSelfPaced {
		return mode
	}
	return ""
}
