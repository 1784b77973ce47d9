package results

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/quizzes"
)

const feedbackDeck = `---
title: Feedback
lang: en
translation: fb.es
---

<!-- question: feedback -->
<!-- id: useful -->
<!-- open: What would make it better? -->

## How useful was this?
`

const feedbackDeckES = `---
title: Opinión
lang: es
translation: fb.en
---

<!-- question: feedback -->
<!-- id: useful -->
<!-- open: ¿Qué lo mejoraría? -->

## ¿Qué tan útil fue?
`

// fbSession is a session where n phones rated the feedback question with
// values[i % len], the first `comments` of them with a comment.
func fbSession(t *testing.T, d *quizzes.Deck, id string, n int, values []float64, comments int) Session {
	s := Session{ID: id, Code: "FB" + id, Deck: d, Participants: n, CreatedAt: t0}
	for i := range n {
		r := quizzes.Response{Value: num(values[i%len(values)])}
		if i < comments {
			r.Text = str(fmt.Sprintf("comment %s-%d", id, i))
		}
		s.Answers = append(s.Answers, give(d, fmt.Sprintf("p%s%d", id, i), 0, r, ""))
	}
	return s
}

// TestFeedbackSummary: a session's feedback question has its mean, counts
// per point and comments; not scored; the CSV's answer_text holds the
// value and comment the open answer, formula-safe.
func TestFeedbackSummary(t *testing.T) {
	d := parse(t, "fb.en", feedbackDeck)
	s := fbSession(t, d, "a", 6, []float64{5, 4, 4}, 2)
	s.Answers[0].Text = "=cmd()"
	r := Tally(s)
	Suppress(&r, 5)
	q := r.Questions[0]
	if q.Right != nil || q.Responses != 6 || q.Summary == nil {
		t.Fatalf("got %+v, want 6 responses, unscored, with a summary", q)
	}
	sm := q.Summary
	// 4 and 2 of 6: the 2 is under k, and hiding it alone would be read
	// back from the total: both are hidden. The mean (4.33) would give
	// them back too (4a + 5b = 26 with a + b = 6), so it is hidden.
	if !slices.Equal(sm.Counts, []Count{0, 0, 0, Hidden, Hidden}) || sm.Mean != nil {
		t.Errorf("counts %v mean %v, want the 4 and the 2 hidden and no mean", sm.Counts, sm.Mean)
	}
	// Three 5s and three 4s with k = 3: every point shown, and the mean
	// with them.
	r = Tally(fbSession(t, d, "b", 6, []float64{5, 4}, 0))
	Suppress(&r, 3)
	if sm := r.Questions[0].Summary; sm.Mean == nil || *sm.Mean != 4.5 || !slices.Equal(sm.Counts, []Count{0, 0, 0, 3, 3}) {
		t.Errorf("k 3: counts %v mean %v, want 0 0 0 3 3 and 4.5", sm.Counts, sm.Mean)
	}
	if !slices.Equal(sm.Comments, []string{"=cmd()", "comment a-1"}) {
		t.Errorf("comments %q", sm.Comments)
	}
	rows := readCSV(t, s)
	if rows[0][11] != "5" || rows[0][13] != "'=cmd()" || rows[1][13] != "comment a-1" || rows[2][13] != "" {
		t.Errorf("CSV rows %q", rows[:4])
	}
}

// TestFeedbackUnderK: with fewer than k answers, neither the session
// report nor the deck report shows a number or a comment of the question.
func TestFeedbackUnderK(t *testing.T) {
	d := parse(t, "fb.en", feedbackDeck)
	s := fbSession(t, d, "a", 4, []float64{1, 2}, 4)
	r := Tally(s)
	Suppress(&r, 5)
	b, _ := json.Marshal(r)
	for _, leak := range []string{"comment a-", `"mean"`, `"counts"`} {
		if strings.Contains(string(b), leak) {
			t.Errorf("4 answers under k 5: the report holds %s: %s", leak, b)
		}
	}
	dr := Deck("fb.en", "fb.es", []Session{s}, DeckOptions{})
	SuppressDeck(&dr, 5)
	b, _ = json.Marshal(dr)
	for _, leak := range []string{"comment a-", `"mean"`, `"responses":4`} {
		if strings.Contains(string(b), leak) {
			t.Errorf("deck report under k: holds %s: %s", leak, b)
		}
	}
	if !strings.Contains(dr.Items[0].Sentence, "Fewer than 5") {
		t.Errorf("sentence %q", dr.Items[0].Sentence)
	}
}

// TestFeedbackDeckReport adds the feedback of sessions in both languages:
// the mean over every answer, the counts per point, every comment, and a
// sentence in the deck's language.
func TestFeedbackDeckReport(t *testing.T) {
	en, es := parse(t, "fb.en", feedbackDeck), parse(t, "fb.es", feedbackDeckES)
	a := fbSession(t, en, "a", 10, []float64{5, 4}, 1) // five 5s, five 4s
	b := fbSession(t, es, "b", 10, []float64{3}, 2)    // ten 3s
	b.CreatedAt = t0.AddDate(0, 0, 1)
	dr := Deck("fb.en", "fb.es", []Session{a, b}, DeckOptions{})
	SuppressDeck(&dr, 5)
	if len(dr.Items) != 1 || dr.Items[0].Feedback == nil {
		t.Fatalf("items %+v", dr.Items)
	}
	f := dr.Items[0].Feedback
	if f.Responses != 20 || *f.Mean != 3.75 || !slices.Equal(f.Counts, []Count{0, 0, 10, 5, 5}) {
		t.Errorf("feedback %+v mean %v, want 20 answers, mean 3.75, counts 0 0 10 5 5", f, *f.Mean)
	}
	if !slices.Equal(f.Comments, []string{"comment a-0", "comment b-0", "comment b-1"}) {
		t.Errorf("comments %q", f.Comments)
	}
	if want := "“How useful was this?”: 3.8 out of 5 on average (20 answers, 3 comments)."; dr.Items[0].Sentence != want {
		t.Errorf("sentence %q, want %q", dr.Items[0].Sentence, want)
	}
	var buf strings.Builder
	if err := WriteDeckCSV(&buf, dr); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	if !strings.HasSuffix(lines[0], ",sentence,usefulness_mean,usefulness_counts,comments") ||
		!strings.Contains(buf.String(), ",3.75,0;0;10;5;5,\"comment a-0\ncomment b-0\ncomment b-1\"") {
		t.Errorf("deck CSV:\n%s", buf.String())
	}
	dr = Deck("fb.es", "fb.en", []Session{a, b}, DeckOptions{})
	SuppressDeck(&dr, 5)
	if want := "«¿Qué tan útil fue?»: 3,8 de 5 en promedio (20 respuestas, 3 comentarios)."; dr.Items[0].Sentence != want {
		t.Errorf("sentence %q, want %q", dr.Items[0].Sentence, want)
	}
}

// TestFeedbackMeanGoesWithHiddenPoints: 20 answers, 14 fives, three 2s
// and three 1s. The 2s and 1s are hidden (each under k), but the mean,
// 3.95, and the total would give both back (2a + b = 9, a + b = 6), so the
// deck report, its CSV and its sentence leave the mean out and say why.
func TestFeedbackMeanGoesWithHiddenPoints(t *testing.T) {
	d := parse(t, "fb.en", feedbackDeck)
	values := []float64{5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 2, 2, 2, 1, 1, 1}
	s := fbSession(t, d, "a", 20, values, 1)
	dr := Deck("fb.en", "fb.es", []Session{s}, DeckOptions{})
	SuppressDeck(&dr, 5)
	f := dr.Items[0].Feedback
	if f.Responses != 20 || f.Mean != nil || !slices.Equal(f.Counts, []Count{Hidden, Hidden, 0, 0, 14}) {
		t.Fatalf("feedback %+v, want 20 answers, points 1 and 2 hidden, no mean", f)
	}
	r := Tally(s)
	Suppress(&r, 5)
	if sm := r.Questions[0].Summary; sm.Mean != nil {
		t.Errorf("session report: mean %v beside hidden points %v", *sm.Mean, sm.Counts)
	}
	if want := "“How useful was this?”: 20 answers, 1 comment; the average is not shown: it would give away the points of fewer than 5 people."; dr.Items[0].Sentence != want {
		t.Errorf("sentence %q, want %q", dr.Items[0].Sentence, want)
	}
	var buf strings.Builder
	if err := WriteDeckCSV(&buf, dr); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "3.95") || !strings.Contains(buf.String(), ",,fewer than 5;fewer than 5;0;0;14,") {
		t.Errorf("deck CSV holds a mean or not the hidden points:\n%s", buf.String())
	}
}

// TestExperiencesCSV: a BOM, the header, one row per entry, formula-safe.
func TestExperiencesCSV(t *testing.T) {
	var b strings.Builder
	WriteExperiencesCSV(&b, Experiences{Session: "s", Code: "C", Entries: []Experience{{"2026-12-02", "+1 it helped"}, {"2026-12-02", "plain, with comma"}}})
	want := "\uFEFFsession,code,day,text\ns,C,2026-12-02,'+1 it helped\ns,C,2026-12-02,\"plain, with comma\"\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
