package quizzes

import (
	"strings"
	"testing"
)

const optionDeck = `---
title: Options
lang: en
---

<!-- question: single -->
<!-- name: Grant's tomb, question 1 -->

## Who is buried in Grant's tomb?

- [ ] Grant
- [x] Grant and his wife
- [ ] Nobody

<!-- feedback A: Close: his wife **Julia** is there too. -->
<!-- weight A: 50% -->
<!-- feedback B: Yes.
Both lie in the tomb. -->
<!-- weight C: -33.33333% -->
`

func TestOptionDirectives(t *testing.T) {
	d, probs := Parse("t", []byte(optionDeck))
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	q := d.Slides[0].Question
	if q.Name != "Grant's tomb, question 1" {
		t.Errorf("name %q", q.Name)
	}
	want := []Option{
		{Text: "Grant", Feedback: "Close: his wife **Julia** is there too.", Weight: 0.5},
		{Text: "Grant and his wife", Correct: true, Feedback: "Yes.\nBoth lie in the tomb."},
		{Text: "Nobody", Weight: -0.3333333},
	}
	for i, w := range want {
		g := q.Options[i]
		if g.Text != w.Text || g.Correct != w.Correct || g.Feedback != w.Feedback || abs(g.Weight-w.Weight) > 1e-9 {
			t.Errorf("option %d: got %+v, want %+v", i, g, w)
		}
	}
	if strings.Contains(d.Slides[0].HTML, "Julia") || d.Slides[0].Notes != "" {
		t.Errorf("feedback must be neither on the slide nor in the notes: %q notes %q", d.Slides[0].HTML, d.Slides[0].Notes)
	}
	for _, c := range []struct {
		choice []int
		credit float64
	}{{[]int{0}, 0.5}, {[]int{1}, 1}, {[]int{2}, 0}} {
		if got := q.Credit(c.choice); abs(got-c.credit) > 1e-9 {
			t.Errorf("credit for %v: got %g, want %g", c.choice, got, c.credit)
		}
	}
}

func TestOptionDirectiveErrors(t *testing.T) {
	for _, tc := range []struct{ dir, want string }{
		{"<!-- weight D: 50% -->", "weight D: there is no option D (the question has 2 options)"},
		{"<!-- weight A: half -->", `weight A: "half" is not a percentage like 50% or -100%`},
		{"<!-- weight A: 150% -->", `weight A: "150%" is not between -100% and 100%`},
		{"<!-- feedback A: one -->\n<!-- feedback a: two -->", "feedback A: is given twice on this slide (first on line 12)"},
		{"<!-- feedback B: -->", "feedback B: needs a value"},
	} {
		src := "---\ntitle: T\nlang: en\n---\n\n<!-- question: single -->\n\n## Q?\n\n- [x] a\n- [ ] b\n" + tc.dir + "\n"
		_, probs := Parse("t", []byte(src))
		var msgs []string
		for _, p := range probs {
			msgs = append(msgs, p.Message)
		}
		if !strings.Contains(strings.Join(msgs, "\n"), tc.want) {
			t.Errorf("%s: got %q, want %q", tc.dir, msgs, tc.want)
		}
	}
	_, probs := Parse("t", []byte("---\ntitle: T\nlang: en\n---\n\n## Just a slide\n\n<!-- feedback A: x -->\n"))
	if len(probs) != 1 || probs[0].Severity == Error || !strings.Contains(probs[0].Message, "is ignored") {
		t.Errorf("feedback on a plain slide: got %v, want one warning", probs)
	}
}

// TestCredit: without weights an answer earns 1 exactly when it is right;
// with them, Moodle's sums, clamped to 0–1.
func TestCredit(t *testing.T) {
	multi := &Question{Kind: Multiple, Options: []Option{{Correct: true}, {Correct: true}, {}}}
	if multi.Credit([]int{0, 1}) != 1 || multi.Credit([]int{0}) != 0 || multi.Credit([]int{0, 1, 2}) != 0 {
		t.Error("unweighted multiple: full credit only for exactly the right options")
	}
	weighted := &Question{Kind: Multiple, Options: []Option{{Correct: true, Weight: 0.5}, {Correct: true, Weight: 0.5}, {Weight: -1}}}
	if weighted.Credit([]int{0}) != 0.5 || weighted.Credit([]int{0, 1}) != 1 || weighted.Credit([]int{0, 1, 2}) != 0 {
		t.Error("weighted multiple: sums of weights, at least 0")
	}
	poll := &Question{Kind: Poll, Options: []Option{{}, {}}}
	if poll.Credit([]int{0}) != 0 {
		t.Error("a poll earns nothing")
	}
	if got := FormatWeight(-1.0 / 3); got != "-33.33333%" {
		t.Errorf("FormatWeight: %q", got)
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
