package quizzes

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/freetext"
)

// TestVoiceRules runs the linter over each room's voice kind: each case's
// problems are exactly the ones listed (starts of "line: message").
func TestVoiceRules(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"clean open", "<!-- question: open -->\n<!-- max: 140 -->\n<!-- moderation: stream -->\n\n## Q?\n\n- a list stays content\n", nil},
		{"clean wordcloud", "<!-- question: wordcloud -->\n<!-- entries: 3 -->\n<!-- max: 20 -->\n\n## Q?\n", nil},
		{"clean scale", "<!-- question: scale -->\n<!-- scale: 7 -->\n<!-- low: Disagree -->\n<!-- high: Agree -->\n<!-- prefer-not: yes -->\n\n## Q?\n", nil},
		{"clean ranking", "<!-- question: ranking -->\n\n## Q?\n\n- a\n- b\n- c\n", nil},
		{"clean number", "<!-- question: number -->\n<!-- range: -5..5.5 -->\n<!-- step: 0.5 -->\n<!-- answer: 2 -->\n<!-- tolerance: 1 -->\n\n## Q?\n", nil},
		{"clean typeanswer", "<!-- question: typeanswer -->\n<!-- accept: Take It Down | TakeItDown -->\n<!-- accept: take-it-down -->\n\n## Q?\n", nil},
		{"clean qa", "<!-- question: qa -->\n\n## Your questions\n", nil},
		{"max out of range", "<!-- question: open -->\n<!-- max: 300 -->\n\n## Q?\n", []string{`6: max: must be a whole number from 1 to 280, not "300"`}},
		{"max on a wordcloud", "<!-- question: wordcloud -->\n<!-- max: 26 -->\n\n## Q?\n", []string{`6: max: must be a whole number from 1 to 25`}},
		{"moderation bad", "<!-- question: open -->\n<!-- moderation: later -->\n\n## Q?\n", []string{`6: moderation: must be queue or stream`}},
		{"entries bad", "<!-- question: wordcloud -->\n<!-- entries: 4 -->\n\n## Q?\n", []string{`6: entries: must be a whole number from 1 to 3`}},
		{"scale too big", "<!-- question: scale -->\n<!-- scale: 12 -->\n\n## Q?\n", []string{`6: scale: must be a whole number from 3 to 11`}},
		{"scale too small", "<!-- question: scale -->\n<!-- scale: 2 -->\n\n## Q?\n", []string{`6: scale: must be a whole number from 3 to 11`}},
		{"number without range", "<!-- question: number -->\n\n## Q?\n", []string{"5: a number question needs its range"}},
		{"range bad", "<!-- question: number -->\n<!-- range: 10 -->\n\n## Q?\n", []string{"5: a number question needs its range", `6: range: must be MIN..MAX`}[1:]},
		{"range empty", "<!-- question: number -->\n<!-- range: 5..1 -->\n\n## Q?\n", []string{"6: range: 5..1 is empty"}},
		{"step bad", "<!-- question: number -->\n<!-- range: 0..10 -->\n<!-- step: 0 -->\n\n## Q?\n", []string{"7: step: must be a number above 0"}},
		{"step too fine", "<!-- question: number -->\n<!-- range: 0..10 -->\n<!-- step: 0.000001 -->\n\n## Q?\n", []string{"7: the range 0..10 in steps of 1e-06 has more than a million values"}},
		{"answer outside", "<!-- question: number -->\n<!-- range: 0..10 -->\n<!-- answer: 11 -->\n\n## Q?\n", []string{"7: answer: 11 is outside the range 0..10"}},
		{"answer not a number", "<!-- question: number -->\n<!-- range: 0..10 -->\n<!-- answer: B -->\n\n## Q?\n", []string{"7: answer: a number question's answer is its true value"}},
		{"tolerance without answer", "<!-- question: number -->\n<!-- range: 0..10 -->\n<!-- tolerance: 1 -->\n\n## Q?\n", []string{"7: tolerance: needs the true value"}},
		{"tolerance negative", "<!-- question: number -->\n<!-- range: 0..10 -->\n<!-- answer: 1 -->\n<!-- tolerance: -1 -->\n\n## Q?\n", []string{"8: tolerance: must be a number, 0 or more"}},
		{"typeanswer without accept", "<!-- question: typeanswer -->\n\n## Q?\n", []string{"5: a typeanswer question needs its accepted answers"}},
		{"accept empty part", "<!-- question: typeanswer -->\n<!-- accept: a || b -->\n\n## Q?\n", []string{"6: accept: an accepted answer is empty"}},
		{"accept twice folded", "<!-- question: typeanswer -->\n<!-- accept: Niño | nino -->\n\n## Q?\n", []string{`6: warning: accept: "nino" is given twice`}},
		{"accept longer than max", "<!-- question: typeanswer -->\n<!-- max: 3 -->\n<!-- accept: abcd -->\n\n## Q?\n", []string{`7: accept: "abcd" is 4 characters, longer than max: 3`}},
		{"answer on typeanswer", "<!-- question: typeanswer -->\n<!-- accept: x -->\n<!-- answer: A -->\n\n## Q?\n", []string{"7: a typeanswer question lists its accepted answers with accept:"}},
		{"answer on ranking", "<!-- question: ranking -->\n<!-- answer: A -->\n\n## Q?\n\n- a\n- b\n", []string{"6: a ranking has no right answer"}},
		{"answer on open", "<!-- question: open -->\n<!-- answer: A -->\n\n## Q?\n", []string{"6: a open question has no right answer"}},
		{"ranking one item", "<!-- question: ranking -->\n\n## Q?\n\n- a\n", []string{"5: too few options: 1"}},
		{"ranking no items", "<!-- question: ranking -->\n\n## Q?\n", []string{"5: a ranking has no items"}},
		{"ranking [x]", "<!-- question: ranking -->\n\n## Q?\n\n- [x] a\n- [ ] b\n", []string{"9: a ranking has no right answer: remove its [x] marks"}},
		{"directive of another kind", "<!-- question: scale -->\n<!-- entries: 2 -->\n\n## Q?\n", []string{"6: entries: does not apply to a scale question (it is for wordcloud)"}},
		{"prefer-not on single", "<!-- question: single -->\n<!-- answer: A -->\n<!-- prefer-not: yes -->\n\n## Q?\n\n- a\n- b\n", []string{"7: prefer-not: does not apply to a single question"}},
		{"prefer-not bad", "<!-- question: poll -->\n<!-- prefer-not: maybe -->\n\n## Q?\n\n- a\n- b\n", []string{`6: prefer-not: must be yes or no`}},
		{"low too long", "<!-- question: scale -->\n<!-- low: " + strings.Repeat("x", 201) + " -->\n\n## Q?\n", []string{"6: low: is 201 characters"}},
		{"voice directive on a plain slide", "<!-- scale: 5 -->\n# Hi\n", []string{"5: warning: scale: on a slide without"}},
		{"reactions on a plain slide", "<!-- reactions: on -->\n# Hi\n", nil},
		{"reactions bad", "<!-- reactions: loud -->\n# Hi\n", []string{`5: reactions: must be yes or no`}},
		{"unknown kind", "<!-- question: essay -->\n\n## Q?\n\n- a\n- b\n", []string{`5: unknown question kind "essay": use single, multiple, truefalse, poll, open, wordcloud`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := Parse("t", withFM(tt.body))
			if len(probs) != len(tt.want) {
				t.Fatalf("got %d problems %v, want %v", len(probs), probs, tt.want)
			}
			for i, p := range probs {
				if !strings.HasPrefix(p.String(), tt.want[i]) {
					t.Errorf("problem %d: got %q, want it to start %q", i, p.String(), tt.want[i])
				}
			}
		})
	}
}

// TestVoiceFields checks what the directives set, and each kind's defaults.
func TestVoiceFields(t *testing.T) {
	src := "---\ntitle: T\nlang: en\nreactions: on\n---\n" +
		"<!-- question: open -->\n\n## O?\n\n- stays\n\n---\n\n" +
		"<!-- question: wordcloud -->\n<!-- entries: 3 -->\n<!-- reactions: off -->\n\n## W?\n\n---\n\n" +
		"<!-- question: scale -->\n<!-- low: **No** -->\n<!-- high: Yes -->\n<!-- prefer-not: yes -->\n\n## S?\n\n---\n\n" +
		"<!-- question: ranking -->\n\n## R?\n\n- a\n- b\n- c\n\n---\n\n" +
		"<!-- question: number -->\n<!-- range: 0..100 -->\n<!-- answer: 42 -->\n<!-- tolerance: 5 -->\n\n## N?\n\n---\n\n" +
		"<!-- question: typeanswer -->\n<!-- accept: Take It Down -->\n<!-- accept: TakeItDown | NCMEC -->\n\n## T?\n"
	d, probs := Parse("t", []byte(src))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if !d.Reactions || d.Slides[1].Reactions != "off" || d.Slides[0].Reactions != "" {
		t.Errorf("reactions: deck %v, slides %q %q", d.Reactions, d.Slides[0].Reactions, d.Slides[1].Reactions)
	}
	o, w, s, r, n, ta := d.Slides[0].Question, d.Slides[1].Question, d.Slides[2].Question, d.Slides[3].Question, d.Slides[4].Question, d.Slides[5].Question
	if o.MaxChars != 280 || o.Moderation != ModerationQueue || len(o.Options) != 0 || !strings.Contains(d.Slides[0].HTML, "stays") {
		t.Errorf("open: %+v, html %q", o, d.Slides[0].HTML)
	}
	if w.Entries != 3 || w.MaxChars != 25 {
		t.Errorf("wordcloud: %+v", w)
	}
	if s.Points != 5 || s.Low != "No" || s.High != "Yes" || !s.PreferNot {
		t.Errorf("scale: %+v", s)
	}
	if len(r.Options) != 3 || len(r.Correct()) != 0 {
		t.Errorf("ranking: %+v", r)
	}
	if n.Min != 0 || n.Max != 100 || n.Step != 1 || n.Answer == nil || *n.Answer != 42 || n.Tolerance != 5 || !n.Scored() {
		t.Errorf("number: %+v", n)
	}
	if !slices.Equal(ta.Accept, []string{"Take It Down", "TakeItDown", "NCMEC"}) || ta.MaxChars != 80 {
		t.Errorf("typeanswer: %+v", ta)
	}
}

func ptr[T any](v T) *T { return &v }

// TestTake checks every kind's validation on arrival and the credit it
// earns: bounds, shapes, normalizing, and which errors are text errors.
func TestTake(t *testing.T) {
	ans := 42.0
	open := &Question{Kind: OpenText, MaxChars: 10, PreferNot: true}
	cloud := &Question{Kind: WordCloud, MaxChars: 5, Entries: 2}
	scale := &Question{Kind: Scale, Points: 5}
	num := &Question{Kind: Number, Min: -1, Max: 2, Step: 0.1, Answer: &ans}
	guess := &Question{Kind: Number, Min: 0, Max: 100, Step: 1}
	typed := &Question{Kind: TypeAnswer, MaxChars: 20, Accept: []string{"Take It Down"}}
	rank := &Question{Kind: Ranking, Options: []Option{{Text: "a"}, {Text: "b"}, {Text: "c"}}}
	poll := &Question{Kind: Poll, Options: []Option{{Text: "a"}, {Text: "b"}}}
	qa := &Question{Kind: QA}
	tests := []struct {
		name string
		q    *Question
		r    Response
		want Response
		err  string // "" ok; "text:" a TextError; else a shape error containing it
	}{
		{"open ok", open, Response{Text: ptr("  héllo\r\nyou ")}, Response{Text: ptr("héllo\nyou")}, ""},
		{"open too long", open, Response{Text: ptr("12345678901")}, Response{}, "text:too long"},
		{"open empty", open, Response{Text: ptr("   ")}, Response{}, "text:empty"},
		{"open bidi", open, Response{Text: ptr("a\u202eb")}, Response{}, "text:invisible"},
		{"open skip", open, Response{Skip: true}, Response{Skip: true}, ""},
		{"open choice", open, Response{Choice: []int{0}}, Response{}, "takes text"},
		{"two shapes", open, Response{Text: ptr("a"), Skip: true}, Response{}, "one of"},
		{"typeanswer no line breaks", typed, Response{Text: ptr("a\nb")}, Response{}, "text:"},
		{"cloud ok", cloud, Response{Words: []string{" Miedo ", "paz"}}, Response{Words: []string{"Miedo", "paz"}}, ""},
		{"cloud too many", cloud, Response{Words: []string{"a", "b", "c"}}, Response{}, "at most 2"},
		{"cloud none", cloud, Response{Words: []string{}}, Response{}, "no word"},
		{"cloud duplicate folded", cloud, Response{Words: []string{"Miédo", "miedo"}}, Response{}, "text:twice"},
		{"cloud too long", cloud, Response{Words: []string{"abcdef"}}, Response{}, "text:too long"},
		{"cloud punctuation only", cloud, Response{Words: []string{"!!"}}, Response{}, "text:"},
		{"cloud skip not offered", cloud, Response{Skip: true}, Response{}, "does not offer"},
		{"scale ok", scale, Response{Value: ptr(3.0)}, Response{Value: ptr(3.0)}, ""},
		{"scale 0", scale, Response{Value: ptr(0.0)}, Response{}, "from 1 to 5"},
		{"scale 6", scale, Response{Value: ptr(6.0)}, Response{}, "from 1 to 5"},
		{"scale fraction", scale, Response{Value: ptr(2.5)}, Response{}, "whole number"},
		{"number on step", num, Response{Value: ptr(0.3)}, Response{Value: ptr(0.3)}, ""},
		{"number min", num, Response{Value: ptr(-1.0)}, Response{Value: ptr(-1.0)}, ""},
		{"number off step", num, Response{Value: ptr(0.35)}, Response{}, "steps of 0.1"},
		{"number out of range", num, Response{Value: ptr(2.1)}, Response{}, "from -1 to 2"},
		{"number takes no text", guess, Response{Text: ptr("3")}, Response{}, "takes a value"},
		{"ranking keeps order", rank, Response{Choice: []int{2, 0, 1}}, Response{Choice: []int{2, 0, 1}}, ""},
		{"ranking partial", rank, Response{Choice: []int{2, 0}}, Response{}, "all 3 items"},
		{"ranking repeat", rank, Response{Choice: []int{2, 2, 1}}, Response{}, "twice"},
		{"ranking out of range", rank, Response{Choice: []int{0, 1, 3}}, Response{}, "does not exist"},
		{"poll skip not offered", poll, Response{Skip: true}, Response{}, "does not offer"},
		{"poll words", poll, Response{Words: []string{"a"}}, Response{}, "takes choice"},
		{"qa takes nothing", qa, Response{Text: ptr("hi")}, Response{}, "takes no answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.q.Take(tt.r)
			var te *TextError
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("got error %v, want %+v", err, tt.want)
			case tt.err == "":
				if !sameResponse(got, tt.want) {
					t.Errorf("got %s, want %s", show(got), show(tt.want))
				}
			case err == nil:
				t.Fatalf("got %s, want an error %q", show(got), tt.err)
			case strings.HasPrefix(tt.err, "text:"):
				if !errors.As(err, &te) || !strings.Contains(err.Error(), strings.TrimPrefix(tt.err, "text:")) {
					t.Errorf("got %v (text error: %v), want a text error with %q", err, errors.As(err, &te), tt.err)
				}
			default:
				if errors.As(err, &te) || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("got %v, want a shape error with %q", err, tt.err)
				}
			}
		})
	}
	// Credit: the one scoring model, for every kind.
	credit := func(q *Question, r Response) string {
		c := q.CreditOf(r)
		if c == nil {
			return "nil"
		}
		return strings.TrimRight(strings.TrimRight(strconvF(*c), "0"), ".")
	}
	wide := &Question{Kind: Number, Min: 0, Max: 100, Step: 1, Answer: &ans, Tolerance: 5}
	for _, c := range []struct {
		q    *Question
		r    Response
		want string
	}{
		{typed, Response{Text: ptr("take it down")}, "1"},
		{typed, Response{Text: ptr("TAKE IT DOWN!")}, "1"},
		{typed, Response{Text: ptr("take it")}, "0"},
		{&Question{Kind: TypeAnswer, Accept: []string{"Niño"}}, Response{Text: ptr("nino")}, "1"},
		{wide, Response{Value: ptr(47.0)}, "1"},
		{wide, Response{Value: ptr(48.0)}, "0"},
		{wide, Response{Skip: true}, "nil"},
		{guess, Response{Value: ptr(47.0)}, "nil"},
		{scale, Response{Value: ptr(3.0)}, "nil"},
		{rank, Response{Choice: []int{0, 1, 2}}, "nil"},
		{open, Response{Text: ptr("x")}, "nil"},
	} {
		if got := credit(c.q, c.r); got != c.want {
			t.Errorf("credit of %s on a %s: got %s, want %s", show(c.r), c.q.Kind, got, c.want)
		}
	}
	if !errors.Is(func() error { _, err := open.Take(Response{Text: ptr("")}); return err }(), freetext.ErrEmpty) {
		t.Error("an empty text's error is not freetext.ErrEmpty")
	}
}

func strconvF(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }

func sameResponse(a, b Response) bool {
	return show(a) == show(b)
}

func show(r Response) string {
	s := fmt.Sprintf("choice=%v words=%q skip=%v", r.Choice, r.Words, r.Skip)
	if r.Text != nil {
		s += fmt.Sprintf(" text=%q", *r.Text)
	}
	if r.Value != nil {
		s += fmt.Sprintf(" value=%g", *r.Value)
	}
	return s
}
