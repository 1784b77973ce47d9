package results

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// want is what a facilitator reads off one question.
type want struct {
	slide     int
	id, kind  string
	responses int
	right     int // -1: a poll, no right answer
	counts    []int
}

func TestTally(t *testing.T) {
	d := parse(t, "safe", quiz)
	for _, tc := range []struct {
		name    string
		parts   int
		answers []Answer
		want    []want
	}{
		{"nobody answered: every question listed with zeros", 3, nil, []want{
			{0, "pw", "single", 0, 0, []int{0, 0, 0}},
			{1, "s2", "poll", 0, -1, []int{0, 0}},
			{3, "safe", "multiple", 0, 0, []int{0, 0, 0}},
		}},
		{"counts per option, right ones and polls", 4, []Answer{
			ans(d, "p1", 0, 1), ans(d, "p2", 0, 1), ans(d, "p3", 0, 0), ans(d, "p4", 0, 1),
			ans(d, "p1", 1, 0), ans(d, "p2", 1, 1), ans(d, "p3", 1, 1),
			ans(d, "p1", 3, 0, 2), ans(d, "p2", 3, 0), ans(d, "p3", 3, 0, 1, 2),
		}, []want{
			{0, "pw", "single", 4, 3, []int{1, 3, 0}},
			{1, "s2", "poll", 3, -1, []int{1, 2}},
			{3, "safe", "multiple", 3, 1, []int{3, 1, 2}},
		}},
		{"an answer to a slide without a question is left out", 1, []Answer{
			ans(d, "p1", 2, 0), ans(d, "p1", 9, 0), ans(d, "p1", 0, 1),
		}, []want{
			{0, "pw", "single", 1, 1, []int{0, 1, 0}},
			{1, "s2", "poll", 0, -1, []int{0, 0}},
			{3, "safe", "multiple", 0, 0, []int{0, 0, 0}},
		}},
		{"a choice out of range is a response for no option", 2, []Answer{
			ans(d, "p1", 0, 7), ans(d, "p2", 0, -1, 2),
		}, []want{
			{0, "pw", "single", 2, 0, []int{0, 0, 1}},
			{1, "s2", "poll", 0, -1, []int{0, 0}},
			{3, "safe", "multiple", 0, 0, []int{0, 0, 0}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Tally(Session{ID: "s1", Code: "K7P3QX", Deck: d, Participants: tc.parts, Answers: tc.answers})
			if int(r.Participants) != tc.parts {
				t.Errorf("participants: got %d, want %d", r.Participants, tc.parts)
			}
			if len(r.Questions) != len(tc.want) {
				t.Fatalf("got %d questions, want %d", len(r.Questions), len(tc.want))
			}
			for i, w := range tc.want {
				if got := read(r.Questions[i]); got.String() != w.String() {
					t.Errorf("question %d: got %s, want %s", i, got, w)
				}
			}
		})
	}
}

// read turns a tallied question into what the test compares.
func read(q Question) want {
	w := want{q.Slide, q.ID, q.Kind, int(q.Responses), -1, nil}
	if q.Right != nil {
		w.right = int(*q.Right)
	}
	for _, o := range q.Options {
		w.counts = append(w.counts, int(o.Count))
	}
	return w
}

func (w want) String() string {
	return fmt.Sprintf("slide %d %s (%s): %d responses, %d right, counts %v", w.slide, w.id, w.kind, w.responses, w.right, w.counts)
}

func TestTallyKeepsTheDeckText(t *testing.T) {
	d := parse(t, "safe", quiz)
	q := Tally(Session{Deck: d}).Questions[2]
	if q.Prompt != "Which of these are safe?" {
		t.Errorf("prompt: got %q", q.Prompt)
	}
	var right []string
	for _, o := range q.Options {
		if o.Correct {
			right = append(right, o.Text)
		}
	}
	if !slices.Equal(right, []string{"A password manager", "Two-factor codes"}) {
		t.Errorf("right options: got %q", right)
	}
}

// The JSON is the results route's body beside "session": a poll has no
// "right", and empty lists are [] (never null) for the pages and scripts.
func TestReportJSON(t *testing.T) {
	for _, tc := range []struct {
		name, src   string
		has, hasNot []string
	}{
		{"a deck without questions", "---\ntitle: Talk\nlang: en\n---\n\n# Hello\n",
			[]string{`{"participants":2,"questions":[],"prepost":[]}`}, nil},
		{"a poll has no right", quiz,
			[]string{`"id":"s2","kind":"poll","prompt":"How sure are you?","responses":0,"options":[`,
				`"id":"pw","kind":"single","prompt":"Which password is strongest?","responses":0,"right":0,"options":[{"text":"abc123","correct":false,"count":0}`},
			[]string{`"check"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(Tally(Session{Deck: parse(t, "d", tc.src), Participants: 2}))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tc.has {
				if !strings.Contains(string(b), s) {
					t.Errorf("got %s, want it to hold %s", b, s)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(string(b), s) {
					t.Errorf("got %s, want no %s", b, s)
				}
			}
		})
	}
}
