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
	src := "question,options,correct,kind\nQ1?,a|b,1,\nQ2?,a|b,9,\nQ3?,a|b,x1,\nQ4?,a|b,1,scale\nQ5?,a,1,\n"
	_, rep, err := Import("q.csv", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"line 3: skipped: correct answer 9, but there are only 2 options",
		`line 4: skipped: correct answer "x1" is not an option number or letter`,
		"line 5: skipped: scale questions are not read from a sheet, which has no columns for their points or range: write them in the deck (DECKS.md)",
		"line 6: skipped: a question needs at least 2 options, this one has 1",
	}
	r := rep.String()
	for _, w := range want {
		if !strings.Contains(r, w) {
			t.Errorf("report lacks %q:\n%s", w, r)
		}
	}
}

// TestCSVLayouts: columns are found by what their headers mean, whatever
// their order, and a header row is never a skipped question.
func TestCSVLayouts(t *testing.T) {
	tests := []struct{ name, src, format, want string }{
		{"question number before question text", "Question #,Question Text,Answer 1,Answer 2,Correct Answer(s)\n1,Q?,a,b,2\n", "CSV (Blooket)", "single Q? a|*b"},
		{"Gimkit: right answer by text", "Question,Correct Answer,Incorrect Answer 1\nQ?,yes,no\n", "CSV (Gimkit)", "single Q? *yes|no"},
		{"Google Forms: right answers by text", "Question Title,Question Type,Option 1,Option 2,Option 3,Correct Answer\nQ?,Checkboxes,1,2,3,\"2, 3\"\n", "CSV (Google Forms)", "multiple Q? 1|*2|*3"},
		{"Moodle CSV: letters run together", "questionname,questiontext,choices,answer\nn,Q?,a;b;c,AC\n", "CSV (Moodle CSV)", "multiple Q? *a|b|*c"},
		{"Moodle CSV: true/false", "truefalsename,questiontext,answer\nn,Q?,0\n", "CSV (Moodle CSV)", "truefalse Q? True|*False"},
		{"Quizlet: term and definition", "a\tone\nb\ttwo\n", "CSV (Quizlet)", "single a *one|two\nsingle b one|*two"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, rep, err := Import("q.csv", []byte(tc.src))
			if err != nil {
				t.Fatalf("%v\n%s", err, rep)
			}
			if got := strings.Join(summary(d), "\n"); got != tc.want || rep.Format != tc.format {
				t.Errorf("got %q as %q, want %q as %q", got, rep.Format, tc.want, tc.format)
			}
			for _, it := range rep.Skipped {
				if it.Line == 1 {
					t.Errorf("the header is reported as a skipped question: %+v", it)
				}
			}
		})
	}
}

// TestCSVUnknownLayout: a file the reader cannot place says which columns it
// looked for, and never calls its header a skipped question.
func TestCSVUnknownLayout(t *testing.T) {
	for name, src := range map[string]string{
		"unknown header":       "Word,Meaning,Hint\ndog,perro,animal\ncat,gato,animal\n",
		"known words, no text": "Answer,Explanation,Points\nyes,because,1\n",
		"form responses":       "Timestamp,Email Address,Score,What is 2 + 2?\n2024/01/01 10:00,a@example.org,1 / 1,4\n",
	} {
		_, rep, err := Import("q.csv", []byte(src))
		if err == nil {
			t.Errorf("%s: read something", name)
			continue
		}
		r := rep.String()
		if !strings.Contains(r, "the reader looks for a header row with a question column (Question, Question Text, Prompt or Term)") {
			t.Errorf("%s: the report does not say what the reader looked for:\n%s", name, r)
		}
		if strings.Contains(r, `("Word")`) || strings.Contains(r, `("Answer")`) {
			t.Errorf("%s: a header reported as a question:\n%s", name, r)
		}
	}
}

// TestReportCitesSourceOnce: a parser warning on an imported question names
// the source line, once, and no line of the generated deck.
func TestReportCitesSourceOnce(t *testing.T) {
	_, rep, err := Import("q.csv", []byte("question,options,correct\nQ?,a|a|a|b,4\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := rep.String()
	if n := strings.Count(r, `option "a" is listed twice`); n != 1 || strings.Contains(r, "first on line") || !strings.HasPrefix(r, "line 2: taken:") {
		t.Errorf("want one warning on line 2 citing no deck line:\n%s", r)
	}
}
