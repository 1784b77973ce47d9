package quizzes

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuiltInSlidesPassTheFitRule: no slide of a built-in deck is warned
// about (they fit at full size or close to it in the browser test
// e2e/TestEveryBuiltInSlideFits), and the tallest stays well under the
// budget, so that the rule is not merely tuned to them.
func TestBuiltInSlidesPassTheFitRule(t *testing.T) {
	files, _ := filepath.Glob("../embed/decks/*.md")
	if len(files) < 8 {
		t.Fatalf("want the 8 built-in decks, got %v", files)
	}
	tallest := 0.0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, probs := Parse(filepath.Base(f), src)
		for _, p := range probs {
			if strings.Contains(p.Message, "may not fit") {
				t.Errorf("%s:%s", f, p)
			}
		}
		for i := range d.Slides {
			tallest = max(tallest, fitEstimate(&d.Slides[i]))
		}
	}
	if tallest > 0.8*fitBudgetEm {
		t.Errorf("the tallest built-in slide is estimated at %.1f of %.1f ems", tallest, fitBudgetEm)
	}
}

// longQuestion is the slide of e2e/TestEveryBuiltInSlideFits that is too
// long for any screen: in the browser it shrinks to the minimum and scrolls.
func longQuestion() string {
	long := strings.Repeat("A long option that goes on and on about many things ", 3)
	src := "---\ntitle: Long\nlang: en\n---\n\n<!-- question: single -->\n\n## " + strings.Repeat("A very long prompt that keeps going ", 8) + "?\n\n"
	for i := 0; i < 8; i++ {
		src += fmt.Sprintf("- [%s] %s%d\n", map[bool]string{true: "x", false: " "}[i == 0], long, i)
	}
	return src + "\nExplanation: " + strings.Repeat("An explanation that is far too long for one screen. ", 20) + "\n"
}

func TestFitRule(t *testing.T) {
	fm := "---\ntitle: T\nlang: en\n---\n\n"
	opts := func(n int, text string) string {
		s := ""
		for i := 0; i < n; i++ {
			s += fmt.Sprintf("- [%s] %s %d\n", map[bool]string{true: "x", false: " "}[i == 0], text, i)
		}
		return s
	}
	for _, tc := range []struct {
		name, src string
		warn      bool
	}{
		{"the long question", longQuestion(), true},
		{"a short question", fm + "<!-- question: single -->\n\n## Which?\n\n" + opts(4, "an option"), false},
		{"eight short options", fm + "<!-- question: single -->\n\n## Which?\n\n" + opts(8, "an option"), false},
		{"eight options of 200 characters", fm + "<!-- question: single -->\n\n## Which?\n\n" + opts(8, strings.Repeat("long words ", 18)), true},
		{"a slide of prose", fm + "# Title\n\n" + strings.Repeat("Some words in a sentence. ", 40) + "\n", false},
		{"a wall of prose", fm + "# Title\n\n" + strings.Repeat("Some words in a sentence. ", 200) + "\n", true},
		{"a list of 12 points", fm + "# Title\n\n" + strings.Repeat("- a point\n", 12), false},
		{"a list of 40 points", fm + "# Title\n\n" + strings.Repeat("- a point\n", 40), true},
		{"one image", fm + "# Title\n\n![a](data:image/png;base64,AAAA)\n", false},
		{"three images", fm + "# Title\n\n![a](a.png)\n\n![b](b.png)\n\n![c](c.png)\n", true},
		{"forty lines of code", fm + "# Code\n\n```\n" + strings.Repeat("x := 1\n", 40) + "```\n", true},
	} {
		_, probs := Parse("t", []byte(tc.src))
		got := false
		for _, p := range probs {
			if strings.Contains(p.Message, "may not fit one screen") {
				got = true
				if p.Severity != Warning || p.Line != 5 && p.Line != 6 {
					t.Errorf("%s: %s: want a warning on the slide's line", tc.name, p)
				}
			}
		}
		if got != tc.warn {
			t.Errorf("%s: fit warning %v, want %v (estimate %v)", tc.name, got, tc.warn, probs)
		}
	}
}
