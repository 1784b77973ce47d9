package quizzes

import (
	"strings"
	"testing"
)

// The join question: a prompt and 2 to 8 options split by |; twins must
// ask it with as many options.
func TestJoinQuestion(t *testing.T) {
	deck := func(id, lang, jq string) string {
		return "---\ntitle: T\nlang: " + lang + "\njoin-question: " + jq + "\n---\n\n# Hi\n"
	}
	d, probs := Parse("a", []byte(deck("a", "en", "I am a | parent | educator | student | other")))
	if HasErrors(probs) || d.Join == nil || d.Join.Prompt != "I am a" || strings.Join(d.Join.Options, ",") != "parent,educator,student,other" {
		t.Fatalf("got %+v %v", d.Join, probs)
	}
	for _, bad := range []string{"I am a", "I am a | parent", "I am a | | x", "p|1|2|3|4|5|6|7|8|9"} {
		if _, probs := Parse("b", []byte(deck("b", "en", bad))); !HasErrors(probs) {
			t.Errorf("join-question %q: no error", bad)
		}
	}
	es, _ := Parse("b", []byte(deck("b", "es", "Soy | madre o padre | educador")))
	if probs := CheckTwins(d, es); !HasErrors(probs) {
		t.Error("twins with 4 and 2 join options: no error")
	}
	es, _ = Parse("b", []byte(deck("b", "es", "Soy | madre o padre | educador | estudiante | otro")))
	for _, p := range CheckTwins(d, es) {
		if strings.Contains(p.Message, "join-question") {
			t.Errorf("matching twins: %s", p.Message)
		}
	}
}
