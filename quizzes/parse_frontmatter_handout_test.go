package quizzes

import (
	"strings"
	"testing"
)

// The handout key names one of the kit's take-home materials; anything
// else is an error that lists them, and twins must offer the same one.
func TestHandoutKey(t *testing.T) {
	deck := func(lang, h string) string {
		return "---\ntitle: T\nlang: " + lang + "\nhandout: " + h + "\n---\n\n# Hi\n"
	}
	d, probs := Parse("a", []byte(deck("en", "parents")))
	if HasErrors(probs) || d.Handout != "parents" {
		t.Fatalf("handout: parents: got %q %v, want parents and no error", d.Handout, probs)
	}
	for _, bad := range []string{"parent", "Parents", "../parents", "parents.en", "<b>x</b>", "[a, b]", strings.Repeat("x", 300)} {
		d, probs := Parse("b", []byte(deck("en", bad)))
		if !HasErrors(probs) || d.Handout != "" {
			t.Errorf("handout: %s: got %q %v, want an error and no handout", bad, d.Handout, probs)
			continue
		}
		if bad == "parent" && !strings.Contains(probs[0].Message, "parents, youth, educators") {
			t.Errorf("handout: parent: the message %q does not list the materials", probs[0].Message)
		}
	}
	es, _ := Parse("b", []byte(deck("es", "youth")))
	if probs := CheckTwins(d, es); !HasErrors(probs) {
		t.Error("twins offering parents and youth: no error")
	}
	es, _ = Parse("b", []byte(deck("es", "parents")))
	for _, p := range CheckTwins(d, es) {
		if strings.Contains(p.Message, "handout") {
			t.Errorf("twins offering the same handout: %s", p.Message)
		}
	}
}
