package quizzes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzSeeds are decks and fragments that reach every branch of the parser.
func fuzzSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	builtins, _ := filepath.Glob("../embed/decks/*.md")
	for _, name := range append(files, builtins...) {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"", "---", "---\n---", "---\ntitle: [\n---\n", "---\ntitle: T\nlang: en\n---\n",
		fm + q2, fm + "<!-- question: multiple -->\n# Q\n1. [x] a\n2) [ ] b\n  more\n",
		fm + "<!-- question: poll\n-->\n# Q\n- [ ] a\n- [ ]\n", fm + "<!-- a --> <!-- id: x --> tail\n# Q\n",
		fm + "# A\n\n```\n---\n", fm + "# A\n<!--\n---\n", fm + "Text\n---\n", fm + "\n---\n\n---\n",
		fm + "<!-- question: truefalse -->\n<!-- check: pre -->\n<!-- id: a -->\n# Q\n- [x] T\n- [ ] F\n\nExplanation: x\nNote: y\n",
		fm + "Note: only notes\n<!-- question: single -->\n- [x] a\n", "\ufeff" + fm + "# A\r\n\r\n---\r\n\r\n# B\r",
		fm + "<!-- question: single -->\n\n- [x] `a\n- [ ] b`\n", fm + "# Q\n\n| a |\n|---|\n| [x](javascript:1) |\n",
		"---\na: &a [*a]\n---\n", "---\n" + strings.Repeat("- ", 100) + "\n---\n",
	} {
		f.Add([]byte(s))
	}
	for _, a := range attacks {
		f.Add([]byte(fm + a))
	}
}

// FuzzParse checks that no input makes Parse panic, lose the source, report
// a line outside the file or put unsafe HTML on a slide.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		d, probs := Parse("fuzz", src)
		lines := strings.Count(string(src), "\n") + strings.Count(string(src), "\r") + 1
		for _, p := range probs {
			if strings.HasPrefix(p.Message, "internal error") {
				t.Fatalf("%s", p.Message)
			}
			if p.Line < 0 || p.Line > lines {
				t.Errorf("problem on line %d of %d: %s", p.Line, lines, p)
			}
		}
		if d == nil {
			if !HasErrors(probs) {
				t.Fatal("no deck and no error")
			}
			return
		}
		if d.Source != string(src) {
			t.Error("Source differs from the input")
		}
		for i, s := range d.Slides {
			if bad := unsafeHTML(s.HTML); bad != "" {
				t.Errorf("slide %d html %q has %q", i+1, s.HTML, bad)
			}
			if s.Line < 1 || s.Line > lines {
				t.Errorf("slide %d starts on line %d of %d", i+1, s.Line, lines)
			}
			if q := s.Question; q != nil {
				if bad := unsafeHTML(q.ExplanationHTML); bad != "" {
					t.Errorf("slide %d explanation %q has %q", i+1, q.ExplanationHTML, bad)
				}
				if !HasErrors(probs) && (!q.Kind.Valid() || q.Kind.HasOptions() && (len(q.Options) < MinChoiceOption || len(q.Options) > MaxOptions)) {
					t.Errorf("slide %d: a question the linter passed is not runnable: %+v", i+1, q)
				}
			}
		}
	})
}

// FuzzRenderMarkdown checks that rendered Markdown is always inert.
func FuzzRenderMarkdown(f *testing.F) {
	for _, a := range attacks {
		f.Add(a)
	}
	f.Add("**a** [b](https://c) ![d](e.png) `f` ~~g~~ www.h.org <i@j.org>")
	f.Fuzz(func(t *testing.T, md string) {
		out := RenderMarkdown(md)
		if bad := unsafeHTML(out); bad != "" {
			t.Errorf("RenderMarkdown(%q) = %q: has %q", md, out, bad)
		}
		_ = PlainText(md)
	})
}

// FuzzCheckTwins checks that comparing any two parsed decks is safe.
func FuzzCheckTwins(f *testing.F) {
	en, _ := os.ReadFile("testdata/full.en.md")
	es, _ := os.ReadFile("testdata/full.es.md")
	f.Add(en, es)
	f.Add([]byte(fm+q2), []byte(fm))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		da, _ := Parse("a", a)
		db, _ := Parse("b", b)
		_ = CheckTwins(da, db)
	})
}
