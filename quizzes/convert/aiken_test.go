package convert

import (
	"strings"
	"testing"
)

func TestAikenErrors(t *testing.T) {
	src := "Q1?\nA. a\nB. b\nANSWER: B\n\nQ2?\nA. a\nB. b\nANSWER: AB\n\nQ3?\nANSWER: A\n\nQ4?\nA. a\nB. b\nQ5?\nA. x\nB. y\nANSWER: A\n"
	d, rep, err := Import("q.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(summary(d), "\n"); got != "single Q1? a|*b\nsingle Q5? *x|y" {
		t.Errorf("questions:\n%s", got)
	}
	want := []string{
		`line 6: skipped: ANSWER: "AB" is not one option letter`,
		`line 11: skipped: the question has no options`,
		`line 14: skipped: no ANSWER: line after the options`,
	}
	r := rep.String()
	for _, w := range want {
		if !strings.Contains(r, w) {
			t.Errorf("report lacks %q:\n%s", w, r)
		}
	}
}
