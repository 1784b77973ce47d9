package library

import (
	"testing"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// TestCopySourceMarksTheTitle parses each copy: the title reads as a copy in
// the deck's language and nothing else in the deck changed.
func TestCopySourceMarksTheTitle(t *testing.T) {
	body := "\n# Hello\n\nText.\n"
	for _, c := range []struct {
		name, src, title, lang, want string
	}{
		{"plain", "---\ntitle: Try it\nlang: en\n---\n" + body, "Try it", "en", "Try it (copy)"},
		{"spanish", "---\nlang: es\ntitle: Prueba\n---\n" + body, "Prueba", "es", "Prueba (copia)"},
		{"quoted with a colon", "---\ntitle: \"Safety: online\"\nlang: en\n---\n" + body, "Safety: online", "en", "Safety: online (copy)"},
		{"folded title", "---\ntitle: >\n  A long\n  title\nlang: en\n---\n" + body, "A long title", "en", "A long title (copy)"},
		{"windows line ends", "---\r\ntitle: Win\r\nlang: en\r\n---\r\n\r\n# Hello\r\n", "Win", "en", "Win (copy)"},
		{"quotes inside", "---\ntitle: 'Say \"hi\"'\nlang: en\n---\n" + body, `Say "hi"`, "en", `Say "hi" (copy)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			orig, probs := quizzes.Parse(c.name, []byte(c.src))
			if orig == nil || orig.Title != c.title {
				t.Fatalf("the original: %+v, %v; want title %q", orig, probs, c.title)
			}
			cp, probs := quizzes.Parse(c.name, []byte(CopySource(c.src, orig.Title, orig.Lang)))
			if cp == nil {
				t.Fatalf("the copy does not parse: %v\n%s", probs, CopySource(c.src, orig.Title, orig.Lang))
			}
			if cp.Title != c.want || cp.Lang != orig.Lang || len(cp.Slides) != len(orig.Slides) {
				t.Errorf("copy: title %q lang %q slides %d; want %q %q %d", cp.Title, cp.Lang, len(cp.Slides), c.want, orig.Lang, len(orig.Slides))
			}
		})
	}
}
