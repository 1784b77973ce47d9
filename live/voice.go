package live

import (
	"errors"
	"slices"
	"strconv"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/freetext"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
)

// The room's voice: answers that are not a choice (open text, word clouds,
// scales, numbers, typed answers, "prefer not to answer"), their summary
// for the screens, and the moderation of open text (moderation.go).

// answerErr maps a validation error: a problem with typed text is
// bad_text, any other bad_choice; both keep the validator's words.
func answerErr(err error) *Error {
	var te *quizzes.TextError
	if errors.As(err, &te) {
		return errcode.BadText.With(err.Error())
	}
	return badChoice(err)
}

// statusOnArrival is an open text's status as it arrives: held when the
// built-in word list catches it, else pending (queue) or approved (stream).
func statusOnArrival(text, mode string) string {
	switch {
	case freetext.Blocked(text):
		return record.StatusHeld
	case mode == quizzes.ModerationStream:
		return record.StatusApproved
	}
	return record.StatusPending
}

// sameGiven reports whether two answers of the same participant and slide
// say the same (what the store's upsert also compares).
func sameGiven(a, b *record.Answer) bool {
	if a.Skipped != b.Skipped || a.Text != b.Text || !slices.Equal(a.Words, b.Words) || (a.Value == nil) != (b.Value == nil) {
		return false
	}
	return a.Value == nil || *a.Value == *b.Value
}

// givenOf is an answer as welcome.given and the ack carry it.
func givenOf(a *record.Answer) GivenMsg {
	switch {
	case a.Skipped:
		return GivenMsg{Skip: true}
	case a.Words != nil:
		return GivenMsg{Words: a.Words}
	case a.Value != nil:
		v := *a.Value
		g := GivenMsg{Value: &v}
		if a.Text != "" { // a feedback's open answer, beside its value
			t := a.Text
			g.Text = &t
		}
		return g
	}
	t := a.Text
	return GivenMsg{Text: &t}
}

func givenMap(g map[int]*record.Answer) map[string]GivenMsg {
	if len(g) == 0 {
		return nil
	}
	out := make(map[string]GivenMsg, len(g))
	for k, a := range g {
		out[strconv.Itoa(k)] = givenOf(a)
	}
	return out
}

// phoneQuestionOf is the question as phones get it: a typeanswer's accepted
// answers and a number's true value never go to phones before the reveal.
func phoneQuestionOf(q *quizzes.Question) *phoneQuestion {
	pq := &phoneQuestion{ID: q.ID, Kind: string(q.Kind), Prompt: q.Prompt, PreferNot: q.PreferNot}
	if q.Kind == quizzes.QA {
		return pq
	}
	if q.Kind.HasOptions() {
		pq.Options = optionTexts(q)
	}
	switch q.Kind {
	case quizzes.OpenText, quizzes.TypeAnswer:
		pq.MaxChars = q.MaxChars
	case quizzes.WordCloud:
		pq.MaxChars, pq.Entries = q.MaxChars, q.Entries
	case quizzes.Scale:
		pq.Points, pq.Low, pq.High = q.Points, q.Low, q.High
	case quizzes.Feedback:
		pq.Points, pq.Low, pq.High, pq.Open = q.Points, q.Low, q.High, q.Open
		if q.Open != "" {
			pq.MaxChars = q.MaxChars
		}
	case quizzes.Number:
		lo, hi := q.Min, q.Max
		pq.Min, pq.Max, pq.Step = &lo, &hi, q.Step
	}
	return pq
}

// fromRow turns a stored row back into the answer a session keeps: a word
// cloud's words are stored joined by line breaks.
func fromRow(q *quizzes.Question, a record.Answer) record.Answer {
	if q.Kind == quizzes.WordCloud && !a.Skipped && a.Text != "" {
		a.Words = splitLines(a.Text)
		a.Text = ""
	}
	return a
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// valid reports whether a stored answer still fits its question (a session
// brought back from its rows).
func validRow(q *quizzes.Question, a record.Answer) bool {
	if a.Skipped {
		return q.PreferNot
	}
	r := quizzes.Response{Choice: a.Choice, Words: a.Words, Value: a.Value}
	switch q.Kind {
	case quizzes.OpenText, quizzes.TypeAnswer:
		t := a.Text
		r = quizzes.Response{Text: &t}
	case quizzes.WordCloud:
		r = quizzes.Response{Words: a.Words}
	case quizzes.Scale, quizzes.Number:
		r = quizzes.Response{Value: a.Value}
	case quizzes.Feedback:
		r = quizzes.Response{Value: a.Value}
		if a.Text != "" {
			t := a.Text
			r.Text = &t
		}
	default:
		r = quizzes.Response{Choice: a.Choice}
	}
	_, err := q.Take(r)
	return err == nil
}

// optionCount is the length of a question's counts: its options, or a
// scale's points.
func optionCount(q *quizzes.Question) int {
	if q.Kind == quizzes.Scale || q.Kind == quizzes.Feedback {
		return q.Points
	}
	return len(q.Options)
}

// tallyGiven counts an answer that is not a choice in (d 1) or out (d -1):
// a cloud's words, a scale's point.
func (st *state) tallyGiven(slide int, q *quizzes.Question, a *record.Answer, d int) {
	if a == nil || a.Skipped {
		return
	}
	if a.Words != nil {
		st.cloudAdd(slide, a.Words, d)
	}
	if (q.Kind == quizzes.Scale || q.Kind == quizzes.Feedback) && a.Value != nil {
		st.tally(slide, q, []int{int(*a.Value) - 1}, d)
	}
}

func (st *state) untallyGiven(slide int, q *quizzes.Question, a *record.Answer) {
	st.tallyGiven(slide, q, a, -1)
}

// voiceSettingsOf is a question's settings for the hosts.
func voiceSettingsOf(q *quizzes.Question) voiceSettings {
	v := voiceSettings{MaxChars: q.MaxChars, Moderation: q.Moderation, Entries: q.Entries, Points: q.Points,
		Low: q.Low, High: q.High, Step: q.Step, Answer: q.Answer, Tolerance: q.Tolerance, Accept: q.Accept, PreferNot: q.PreferNot, Open: q.Open}
	if q.Kind == quizzes.Number {
		lo, hi := q.Min, q.Max
		v.Min, v.Max = &lo, &hi
	}
	return v
}
