package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/quizzes"
)

func TestRunImport(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gift := write("week1.gift", "::pw::Which password is strongest?{~1234 =lamp river cactus moon}\n\nMatch.{=a -> 1 =b -> 2}\n\nSky is blue.{T}\n")
	empty := write("empty.gift", "// nothing here\n")
	deck := write("deck.md", "---\ntitle: X\nlang: en\n---\n# Hi\n")

	tests := []struct {
		name     string
		args     []string
		code     int
		out, err string // substrings of stdout and stderr
	}{
		{"gift", []string{gift}, 0, "<!-- id: pw -->\n<!-- answer: B -->\n\n## Which password is strongest?\n\n- 1234\n- lamp river cactus moon",
			"line 1: taken: single choice, 2 options (\"Which password is strongest?\")\nline 3: skipped: matching questions are not supported (2 pairs) (\"Match.\")\nline 5: taken: true/false"},
		{"spanish, flags after the file", []string{gift, "-lang", "es", "-title", "Semana 1"}, 0, "title: Semana 1\nlang: es\n", "GIFT: 2 taken, 1 skipped\n"},
		{"nothing read", []string{empty}, 1, "", "roundtable import: nothing could be read from empty.gift as GIFT\n"},
		{"already a deck", []string{deck}, 1, "", "already the deck format"},
		{"missing file", []string{filepath.Join(dir, "nope.gift")}, 1, "", "no such file or directory"},
		{"no file", nil, 2, "", "Usage: roundtable import"},
		{"two files", []string{gift, gift}, 2, "", "Usage: roundtable import"},
		{"bad lang", []string{"-lang", "fr", gift}, 2, "", `-lang "fr": use en or es`},
		{"bad flag", []string{"-x", gift}, 2, "", "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := runImport(tt.args, &out, &errb); code != tt.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tt.code, errb.String())
			}
			if !strings.Contains(out.String(), tt.out) {
				t.Errorf("stdout lacks %q:\n%s", tt.out, out.String())
			}
			if !strings.Contains(errb.String(), tt.err) {
				t.Errorf("stderr lacks %q:\n%s", tt.err, errb.String())
			}
			if tt.code == 0 {
				if _, probs := quizzes.Parse("x", out.Bytes()); len(probs) > 0 {
					t.Errorf("the printed deck has problems: %v", probs)
				}
			}
		})
	}
}
