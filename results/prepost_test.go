package results

import (
	"fmt"
	"testing"
)

func TestPrePostPairs(t *testing.T) {
	d := parse(t, "before-after", prepost)
	// Slides: 0 late (post, asked first), 1 pw pre, 2 upd pre, 3 lesson,
	// 4 pw post, 5 late pre.
	for _, tc := range []struct {
		name    string
		answers []Answer
		want    []string
	}{
		{"only a pre-check before its post-check pairs; nobody answered", nil,
			[]string{"pw: pre slide 1 0/0, post slide 4 0/0"}},
		{"the gain reads off: 1 of 4 right before, 3 of 4 after", []Answer{
			ans(d, "p1", 1, 0), ans(d, "p2", 1, 0), ans(d, "p3", 1, 1), ans(d, "p4", 1, 0),
			ans(d, "p1", 2, 1), ans(d, "p2", 2, 1),
			ans(d, "p1", 4, 1), ans(d, "p2", 4, 1), ans(d, "p3", 4, 1), ans(d, "p4", 4, 0),
			ans(d, "p1", 0, 1), ans(d, "p1", 5, 1),
		}, []string{"pw: pre slide 1 1/4, post slide 4 3/4"}},
		{"fewer answered after than before", []Answer{
			ans(d, "p1", 1, 1), ans(d, "p2", 1, 0), ans(d, "p3", 1, 1),
			ans(d, "p1", 4, 1),
		}, []string{"pw: pre slide 1 2/3, post slide 4 1/1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Tally(Session{Deck: d, Participants: 4, Answers: tc.answers})
			var got []string
			for _, p := range r.PrePost {
				if p.Prompt != "Which password is strongest?" {
					t.Errorf("pair %s: prompt %q", p.ID, p.Prompt)
				}
				got = append(got, fmt.Sprintf("%s: pre slide %d %d/%d, post slide %d %d/%d",
					p.ID, p.Pre.Slide, p.Pre.Right, p.Pre.Responses, p.Post.Slide, p.Post.Right, p.Post.Responses))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPairsInTheOrderOfTheirPostChecks(t *testing.T) {
	d := parse(t, "two", `---
title: Two checks
lang: en
---

<!-- question: single -->
<!-- id: a -->
<!-- check: pre -->

## First?

- [x] yes
- [ ] no

---

<!-- question: single -->
<!-- id: b -->
<!-- check: pre -->

## Second?

- [x] yes
- [ ] no

---

<!-- question: single -->
<!-- id: b -->
<!-- check: post -->

## Second?

- [x] yes
- [ ] no

---

<!-- question: single -->
<!-- id: a -->
<!-- check: post -->

## First?

- [x] yes
- [ ] no
`)
	r := Tally(Session{Deck: d, Answers: []Answer{ans(d, "p1", 0, 0), ans(d, "p1", 3, 1)}})
	var got []string
	for _, p := range r.PrePost {
		got = append(got, fmt.Sprintf("%s %d→%d %d/%d→%d/%d", p.ID, p.Pre.Slide, p.Post.Slide, p.Pre.Right, p.Pre.Responses, p.Post.Right, p.Post.Responses))
	}
	if want := []string{"b 1→2 0/0→0/0", "a 0→3 1/1→0/1"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
