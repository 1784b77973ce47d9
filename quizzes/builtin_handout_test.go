package quizzes_test

import (
	"strings"
	"testing"
)

// Every built-in workshop offers its handout, which phones are offered at
// the end: both youth decks the youth one.
func TestBuiltinWorkshopsOfferTheirHandout(t *testing.T) {
	want := map[string]string{"parents": "parents", "educators": "educators", "youth": "youth", "youth-short": "youth"}
	n := 0
	for _, d := range workshops(t) {
		stem := strings.TrimSuffix(strings.TrimSuffix(d.ID, ".en"), ".es")
		if d.Handout != want[stem] || d.Handout == "" {
			t.Errorf("%s offers handout %q, want %q", d.ID, d.Handout, want[stem])
		}
		n++
	}
	if n != 2*len(want) {
		t.Errorf("checked %d workshops, want %d", n, 2*len(want))
	}
}
