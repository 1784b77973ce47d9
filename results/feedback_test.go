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
	if *sm.Mean != 4.33 || !slices.Equal(sm.Counts, []Count{0, 0, 0, Hidden, Hidden}) && !slices.Equal(sm.Counts, []Count{0, 0, 0, 4, 2}) {
		t.Errorf("mean %v counts %v", *sm.Mean, sm.Counts)
	}
	// 4 and 2 of 6: the 2 is under k, and hiding it alone would be read
	// back from the total: both are hidden.
	if !slices.Equal(sm.Counts, []Count{0, 0, 0, Hidden, Hidden}) {
		t.Errorf("counts %v, want the 4 and the 2 hidden", sm.Counts)
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

// TestExperiencesCSV: a BOM, the header, one row per entry, formula-safe.
func TestExperiencesCSV(t *testing.T) {
	var b strings.Builder
	WriteExperiencesCSV(&b, Experiences{Session: "s", Code: "C", Entries: []Experience{{"2026-12-02", "+1 it helped"}, {"2026-12-02", "plain, with comma"}}})
	want := "\uFEFFsession,code,day,text\ns,C,2026-12-02,'+1 it helped\ns,C,2026-12-02,\"plain, with comma\"\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
