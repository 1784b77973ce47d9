package convert

import (
	"slices"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/quizzes"
)

func num(v float64) *float64 { return &v }

// TestGIFTVoice reads each construct of GIFT's short-answer, numerical and
// essay questions into the room's voice kinds, and checks the question
// the deck parser gives back and what the report says was left out.
func TestGIFTVoice(t *testing.T) {
	tests := []struct {
		name, src string
		want      quizzes.Question // the fields compared: Kind, Prompt, Accept, number fields, Explanation
		report    []string         // pieces the taken line must hold
	}{
		{"short answer", "Who's buried in Grant's tomb?{=no one =nobody}",
			quizzes.Question{Kind: quizzes.TypeAnswer, Prompt: "Who's buried in Grant's tomb?", Accept: []string{"no one", "nobody"}},
			[]string{"type the answer, accepted: no one | nobody"}},
		{"missing word", "Two plus two equals {=four =4}.",
			quizzes.Question{Kind: quizzes.TypeAnswer, Prompt: "Two plus two equals _____.", Accept: []string{"four", "4"}}, nil},
		{"text before the first =", "Capital of France?{Paris =paris =Lutetia}",
			quizzes.Question{Kind: quizzes.TypeAnswer, Prompt: "Capital of France?", Accept: []string{"Paris", "Lutetia"}},
			[]string{`"paris" (it reads the same as another once case and accents are folded)`}},
		{"partial credit", "From?{=Nazareth#Yes! =%75%Nazereth#Misspelled. =%25%Bethlehem}",
			quizzes.Question{Kind: quizzes.TypeAnswer, Prompt: "From?", Accept: []string{"Nazareth"}},
			[]string{"partial-credit answers left out: Nazereth (75%), Bethlehem (25%)", "feedback on 2 answer(s) left out"}},
		{"explicit 100%", "Which animal?{=%100%Frog#Good! =%0%*#Anything else.}",
			quizzes.Question{Kind: quizzes.TypeAnswer, Prompt: "Which animal?", Accept: []string{"Frog"}},
			[]string{"partial-credit answers left out: * (0%)"}},
		{"wildcard", "Name?{=Gr*nt =Grant}",
			quizzes.Question{Kind: quizzes.TypeAnswer, Prompt: "Name?", Accept: []string{"Grant"}},
			[]string{`"Gr*nt" (Moodle's * wildcard: a typed answer is compared whole)`}},
		{"partial before full, same text", "Spell it.{=%50%colour =colour}",
			quizzes.Question{Kind: quizzes.TypeAnswer, Prompt: "Spell it.", Accept: []string{"colour"}},
			[]string{"partial-credit answers left out: colour (50%)"}},
		{"an escaped star is a star", `Rate it.{=5\* =\\*x =4*}`,
			quizzes.Question{Kind: quizzes.TypeAnswer, Prompt: "Rate it.", Accept: []string{"5*", "*x"}},
			[]string{`"4*" (Moodle's * wildcard`}},
		{"a bar in an answer", "Pipe?{=a|b =c}",
			quizzes.Question{Kind: quizzes.TypeAnswer, Prompt: "Pipe?", Accept: []string{"c"}},
			[]string{`"a|b" (it holds | or -->`}},
		{"markdown answers", "[markdown]Who's buried in **Grant's tomb**?{=no *one* =nobody####General.}",
			quizzes.Question{Kind: quizzes.TypeAnswer, Prompt: "Who's buried in Grant's tomb?", Accept: []string{"no one", "nobody"}, Explanation: "General."}, nil},
		{"only partial credit", "Spell it.{=%50%colour}",
			quizzes.Question{Kind: quizzes.OpenText, Prompt: "Spell it."},
			[]string{"no full-credit answer the deck can hold, so it became open text"}},

		{"essay", "Describe your week.{}", quizzes.Question{Kind: quizzes.OpenText, Prompt: "Describe your week."},
			[]string{"open text, moderated"}},
		{"essay with feedback", "::Essay::[html]<p>Describe your week.</p>{####<p>Any answer is fine.</p>}",
			quizzes.Question{Kind: quizzes.OpenText, Prompt: "Describe your week.", Explanation: "Any answer is fine."}, nil},

		{"numerical with tolerance", "When was Grant born?{#1822:5}",
			quizzes.Question{Kind: quizzes.Number, Prompt: "When was Grant born?", Min: 1600, Max: 2100, Step: 1, Answer: num(1822), Tolerance: 5},
			[]string{"number from 1600 to 2100, answer 1822 ± 5", "range chosen, as GIFT gives none: room either side of the answer"}},
		{"numerical exact", "What's 2 plus 2? {#4}",
			quizzes.Question{Kind: quizzes.Number, Prompt: "What's 2 plus 2?", Min: 0, Max: 20, Step: 1, Answer: num(4)}, nil},
		{"numerical decimals", "Pi?{#3.1415:0.0005}",
			quizzes.Question{Kind: quizzes.Number, Prompt: "Pi?", Min: 2.8, Max: 3.5, Step: 0.0001, Answer: num(3.1415), Tolerance: 0.0005},
			[]string{"in steps of 0.0001"}},
		{"numerical range", "Pi?{#3.141..3.142}",
			quizzes.Question{Kind: quizzes.Number, Prompt: "Pi?", Min: 2.8, Max: 3.5, Step: 0.001, Answer: num(3.1415), Tolerance: 0.0005}, nil},
		{"negative range", "Minus pi?{#-3.142..-3.141}",
			quizzes.Question{Kind: quizzes.Number, Prompt: "Minus pi?", Min: -3.5, Max: -2.8, Step: 0.001, Answer: num(-3.1415), Tolerance: 0.0005}, nil},
		{"range around zero", "Pick one from -5 to 5.{#-5..5}",
			quizzes.Question{Kind: quizzes.Number, Prompt: "Pick one from -5 to 5.", Min: -60, Max: 60, Step: 1, Answer: num(0), Tolerance: 5}, nil},
		{"a range of whole numbers", "Sleep?{#9..12}",
			quizzes.Question{Kind: quizzes.Number, Prompt: "Sleep?", Min: 0, Max: 30, Step: 1, Answer: num(10.5), Tolerance: 1.5}, nil},
		{"several answers", "Born?{#\n=1822:0 #Correct!\n=%50%1822:2 #Close.\n}",
			quizzes.Question{Kind: quizzes.Number, Prompt: "Born?", Min: 1600, Max: 2100, Step: 1, Answer: num(1822)},
			[]string{"other answers left out: 1822 ± 2 (50%)", "feedback on 2 answer(s) left out"}},
		{"full credit not first", "How many?{#=%0%5:0#No. =%100%9:0#Yes. =%0%23:0}",
			quizzes.Question{Kind: quizzes.Number, Prompt: "How many?", Min: 0, Max: 20, Step: 1, Answer: num(9)},
			[]string{"other answers left out: 5; 23"}},
		{"a zero-credit answer is the range", "Guess.{#=42:5 =%0%0..100}",
			quizzes.Question{Kind: quizzes.Number, Prompt: "Guess.", Min: 0, Max: 100, Step: 1, Answer: num(42), Tolerance: 5}, nil},
		{"no full credit", "Roughly?{#=%50%10:1}",
			quizzes.Question{Kind: quizzes.Number, Prompt: "Roughly?", Min: 0, Max: 30, Step: 1},
			[]string{"no answer earns full credit, so it has no true value"}},
		{"text before the first = is a full-credit answer, as in Moodle", "Born?{#1822:5 =1823}",
			quizzes.Question{Kind: quizzes.Number, Prompt: "Born?", Min: 1600, Max: 2100, Step: 1, Answer: num(1822), Tolerance: 5},
			[]string{"other answers left out: 1823 (100%);"}},
		{"wrong-answer feedback only", "Born?{#=1822 ~#Look it up.}",
			quizzes.Question{Kind: quizzes.Number, Prompt: "Born?", Min: 1600, Max: 2100, Step: 1, Answer: num(1822)},
			[]string{"feedback on 1 answer(s) left out"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, rep, err := Import("t.gift", []byte(tc.src))
			if err != nil {
				t.Fatalf("%v\n%s", err, rep)
			}
			if len(rep.Taken) != 1 || len(d.Questions()) != 1 {
				t.Fatalf("want one question taken:\n%s", rep)
			}
			q := d.Slides[d.Questions()[0]].Question
			w := tc.want
			if q.Kind != w.Kind || q.Prompt != w.Prompt || !slices.Equal(q.Accept, w.Accept) || q.Explanation != w.Explanation ||
				q.Min != w.Min || q.Max != w.Max || q.Step != w.Step || q.Tolerance != w.Tolerance || !sameAnswer(q.Answer, w.Answer) {
				t.Errorf("got  %s %q accept=%q expl=%q%s\nwant %s %q accept=%q expl=%q%s", q.Kind, q.Prompt, q.Accept, q.Explanation, voiceString(q),
					w.Kind, w.Prompt, w.Accept, w.Explanation, voiceString(&w))
			}
			if q.Kind.HasOptions() || len(q.Options) > 0 {
				t.Errorf("%s has options %v", q.Kind, q.Options)
			}
			for _, piece := range tc.report {
				if !strings.Contains(rep.Taken[0].Reason, piece) {
					t.Errorf("the report lacks %q:\n%s", piece, rep)
				}
			}
			if s := rep.String(); strings.Contains(s, "not supported") || strings.Contains(s, "warning") {
				t.Errorf("report:\n%s", s)
			}
		})
	}
}

func sameAnswer(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// TestNumberRange: the range chosen for a GIFT numerical question holds
// the accepted values with room either side, in round numbers, with a
// step that reaches the answer, within what a deck may hold.
func TestNumberRange(t *testing.T) {
	tests := []struct {
		answer, tol  float64
		dec          int
		lo, hi, step float64
	}{
		{1822, 1, 0, 1600, 2100, 1},
		{1822, 0, 0, 1600, 2100, 1},
		{4, 0, 0, 0, 20, 1},
		{42, 5, 0, 0, 100, 1},
		{-1, 0, 0, -20, 10, 1},
		{0, 0, 0, 0, 10, 1},
		{3.1415, 0.0005, 4, 2.8, 3.5, 0.0001},
		{-40, 2, 0, -70, -10, 1},
		{50, 100, 0, -2000, 2000, 1},
		{123456789, 0, 0, 110000000, 140000000, 100},
		{1e12, 0, 0, 9e11, 1e12, 1e5},
	}
	for _, tc := range tests {
		lo, hi, step := numberRange(tc.answer, tc.tol, tc.dec)
		if lo != tc.lo || hi != tc.hi || step != tc.step {
			t.Errorf("numberRange(%v ± %v, %d decimals) = %v..%v step %v, want %v..%v step %v", tc.answer, tc.tol, tc.dec, lo, hi, step, tc.lo, tc.hi, tc.step)
		}
		if lo > tc.answer-tc.tol || hi < tc.answer+tc.tol || (hi-lo)/step > maxNumberValues {
			t.Errorf("numberRange(%v ± %v) = %v..%v step %v: does not hold the answer or has too many values", tc.answer, tc.tol, lo, hi, step)
		}
	}
}
