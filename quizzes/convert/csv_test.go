package convert

import (
	"strings"
	"testing"
)

func TestCSV(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"header", "question,options,correct,explanation\nQ?,a|b|c,B,why\n", "single Q? a|*b|c"},
		{"headerless", "Q?,a|b|c,2\n", "single Q? a|*b|c"},
		{"letters lower", "Q?,a|b|c,a;c\n", "multiple Q? *a|b|*c"},
		{"numbers", "Q?,a|b|c,\"1,3\"\n", "multiple Q? *a|b|*c"},
		{"semicolons and BOM", "\uFEFFquestion;options;correct\r\nQ?;a|b;1\r\n", "single Q? *a|b"},
		{"quoted newline", "\"Two\nlines?\",a|b,1\n", "single Two lines? *a|b"},
		{"no correct is a poll", "Q?,a|b,\n", "poll Q? a|b"},
		{"true false", "Q?,True|False,2\n", "truefalse Q? True|*False"},
		{"kind column", "question,options,correct,kind\nQ?,a|b,1,multiple\n", "multiple Q? *a|b"},
		{"option columns", "Question,Option 1,Option 2,Option 3,Correct\nQ?,a,,c,3\n", "single Q? a|*c"},
		{"formula guard", "'=Q?,'-a|b,1\n", "single =Q? *-a|b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, rep, err := Import("q.csv", []byte(tc.src))
			if err != nil {
				t.Fatalf("%v\n%s", err, rep)
			}
			if got := strings.Join(summary(d), "\n"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCSVSkips(t *testing.T) {
	src := "question,options,correct,kind\nQ1?,a|b,1,\nQ2?,a|b,9,\nQ3?,a|b,x1,\nQ4?,a|b,1,essay\nQ5?,a,1,\n"
	_, rep, err := Import("q.csv", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"line 3: skipped: correct answer 9, but there are only 2 options",
		`line 4: skipped: correct answer "x1" is not an option number or letter`,
		`line 5: skipped: kind "essay" is not single, multiple, truefalse or poll`,
		"line 6: skipped: a question needs at least 2 options, this one has 1",
	}
	r := rep.String()
	for _, w := range want {
		if !strings.Contains(r, w) {
			t.Errorf("report lacks %q:\n%s", w, r)
		}
	}
}
