package convert

import (
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, data, format string
	}{
		{"q.gift", "Q?{=a ~b}", "GIFT"},
		{"q.txt", "Q?{=a ~b}", "GIFT"},
		{"q.txt", "Q?\nA. a\nB. b\nANSWER: A\n", "Aiken"},
		{"q", "Q?\nA) a\nB) b\nANSWER: B\n", "Aiken"},
		{"q.csv", "Q?,a|b,1", "CSV"},
		{"q.txt", "question,options,correct\nQ?,a|b,1", "CSV"},
	}
	for _, tc := range tests {
		_, rep, err := Import(tc.name, []byte(tc.data))
		if err != nil {
			t.Errorf("%s %q: %v", tc.name, tc.data, err)
			continue
		}
		if rep.Format != tc.format {
			t.Errorf("%s %q: read as %s, want %s", tc.name, tc.data, rep.Format, tc.format)
		}
	}
}

func TestImportErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"deck.md", "# hi", "already the deck format"},
		{"notes.txt", "just some words", "cannot tell the format"},
		{"q.gift", "// only a comment\n", "nothing could be read"},
		{"q.gift", strings.Repeat("x", MaxTextBytes+1), "larger than 2 MiB"},
		{"q.csv", "", "nothing could be read"},
	}
	for _, tc := range tests {
		if _, _, err := Import(tc.name, []byte(tc.data)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error with %q", tc.name, err, tc.want)
		}
	}
	if _, _, err := ImportWith("q.gift", []byte("Q?{T}"), Options{Lang: "fr"}); err == nil {
		t.Error("lang fr: no error")
	}
}

func TestDeckTitle(t *testing.T) {
	for _, tc := range []struct{ name, src, title string }{
		{"grant_tomb-quiz.gift", "Q?{T}", "Grant tomb quiz"},
		{"/some/dir/week 1.gift", "$CATEGORY: Safety\n\nQ?{T}", "Safety"},
		{".gift", "Q?{T}", "Imported quiz"},
	} {
		d, _, err := Import(tc.name, []byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != tc.title {
			t.Errorf("%s: title %q, want %q", tc.name, d.Title, tc.title)
		}
	}
}

// TestSlideLimit: a deck keeps at most MaxSlides slides; the rest are
// skipped with the reason.
func TestSlideLimit(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 305; i++ {
		b.WriteString("Q?{=a ~b}\n\n")
	}
	d, rep, err := Import("many.gift", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Slides) != 300 || len(rep.Skipped) != 5 || !strings.Contains(rep.Skipped[0].Reason, "300 slides") {
		t.Errorf("%d slides, skipped %+v", len(d.Slides), rep.Skipped)
	}
}

func TestReportString(t *testing.T) {
	rep := &Report{Format: "GIFT", Unit: "line"}
	rep.take(3, "First?", "single choice, 2 options")
	rep.skip(12, "Match\x1b[31m these", "matching questions are not supported")
	rep.take(20, "", "content slide")
	want := `line 3: taken: single choice, 2 options ("First?")
line 12: skipped: matching questions are not supported ("Match [31m these")
line 20: taken: content slide
GIFT: 2 taken, 1 skipped
`
	if got := rep.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestReportCap: a file of endless unusable blocks gives a short report.
func TestReportCap(t *testing.T) {
	src := strings.Repeat("Match.{=a -> 1 =b -> 2}\n\n", MaxSkipped+10) + "Q?{T}"
	_, rep, err := Import("q.gift", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) != MaxSkipped || rep.Unlisted != 10 || !strings.HasSuffix(rep.String(), "… and 10 more skipped, not listed\nGIFT: 1 taken, 1010 skipped\n") {
		t.Errorf("skipped %d, unlisted %d", len(rep.Skipped), rep.Unlisted)
	}
}
