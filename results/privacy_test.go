package results

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestMinGroupNeverBelowThree(t *testing.T) {
	for in, want := range map[int]int{0: 5, 1: 3, 3: 3, 7: 7, -2: 3} {
		if got := MinGroup(in); got != want {
			t.Errorf("MinGroup(%d): got %d, want %d", in, got, want)
		}
	}
}

// A partition's small cells are hidden, then more until what is hidden
// cannot be read back as the total minus what is shown.
func TestHidePartition(t *testing.T) {
	for _, tc := range []struct {
		cells []Count
		total Count
		want  string
	}{
		{[]Count{20, 10}, 30, "[20 10]"},
		{[]Count{20, 3, 7}, 30, "[20 null null]"},        // 3 alone would be 30-20-7
		{[]Count{26, 2, 2}, 30, "[null null null]"},      // 2+2 is still under 5
		{[]Count{30, 4}, 34, "[null null]"},              // 4 parents, 30 students
		{[]Count{25, 0, 5}, 30, "[25 0 5]"},              // nobody is no group
		{[]Count{20, 5}, 27, "[20 null]"},                // 2 answered out of range: the 5 hides with them
		{[]Count{3, 1}, 4, "[null null]"},                // a hidden total hides all
		{[]Count{10, 10, 1, 9}, 30, "[10 10 null null]"}, // 1 and the smallest other
	} {
		total := tc.total
		hideTotal(&total, 5)
		cells := append([]Count(nil), tc.cells...)
		hidePartition(cells, total, 5)
		b, _ := json.Marshal(cells)
		if got := strings.ReplaceAll(string(b), ",", " "); got != tc.want {
			t.Errorf("%v of %d: got %s, want %s", tc.cells, tc.total, got, tc.want)
		}
	}
}

// A count and its complement: 28 right of 30 says 2 were wrong.
func TestHidePart(t *testing.T) {
	for _, tc := range []struct{ c, total, want Count }{
		{28, 30, Hidden}, {2, 30, Hidden}, {25, 30, 25}, {30, 30, 30}, {0, 30, 0}, {3, Hidden, Hidden},
	} {
		c := tc.c
		hidePart(&c, tc.total, 5)
		if c != tc.want {
			t.Errorf("%d of %d: got %d, want %d", tc.c, tc.total, c, tc.want)
		}
	}
}

const roleDeck = `---
title: Roles
lang: en
join-question: I am a | parent | student
---

<!-- question: single -->
<!-- id: pw -->

## Which password is strongest?

- [ ] abc123
- [x] four random words
- [ ] your pet's name
`

// Four parents and thirty students: the parents' slice is hidden, and so
// is the students', which the total minus it would give away.
func TestSuppressRoles(t *testing.T) {
	d := parse(t, "roles", roleDeck)
	s := Session{Deck: d, Participants: 34, Roles: map[string]int{}}
	for i := range 34 {
		p := fmt.Sprintf("p%02d", i)
		role := 1
		if i < 4 {
			role = 0
		}
		s.Roles[p] = role
		s.Answers = append(s.Answers, ans(d, p, 0, 1+i%2))
	}
	r := Tally(s)
	if r.Roles[0].Participants != 4 || r.Roles[1].Participants != 30 || r.Roles[0].Questions[0].Responses != 4 {
		t.Fatalf("before suppression: %+v", r.Roles)
	}
	Suppress(&r, 5)
	b, _ := json.Marshal(r)
	for _, want := range []string{
		`"roles":[{"role":"parent","participants":null,"questions":[{"slide":0,"responses":null,"right":null,"options":[null,null,null]}]},` +
			`{"role":"student","participants":null,"questions":[{"slide":0,"responses":null,"right":null,"options":[null,null,null]}]}]`,
		`"participants":34`, `"responses":34,"right":17`, `"min_group":5`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("got %s\nwant it to hold %s", b, want)
		}
	}
}

// The raw CSV names each row's anonymous participant, so its role column
// holds a role only where the role's group, and its complement, is k or
// more: with 4 parents both columns stay empty; with 10, both show.
func TestCSVRoleOnlyForLargeGroups(t *testing.T) {
	d := parse(t, "roles", roleDeck)
	for _, tc := range []struct {
		parents int
		want    string
	}{{4, "0 parent, 0 student, 34 none"}, {10, "10 parent, 30 student, 0 none"}} {
		s := Session{Deck: d, Participants: tc.parents + 30, Roles: map[string]int{}}
		for i := range tc.parents + 30 {
			p := fmt.Sprintf("p%02d", i)
			s.Roles[p] = 1
			if i < tc.parents {
				s.Roles[p] = 0
			}
			s.Answers = append(s.Answers, ans(d, p, 0, 1))
		}
		n := map[string]int{}
		for _, r := range readCSV(t, s) {
			n[r[12]]++
		}
		if got := fmt.Sprintf("%d parent, %d student, %d none", n["parent"], n["student"], n[""]); got != tc.want {
			t.Errorf("%d parents: got %s, want %s", tc.parents, got, tc.want)
		}
	}
}
