package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunCheck(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const q = "<!-- question: single -->\n<!-- id: q1 -->\n<!-- answer: A -->\n\n# Q\n\n- a\n- b\n"
	en := write("x.en.md", "---\ntitle: X\nlang: en\n---\n"+q)
	es := write("x.es.md", "---\ntitle: X\nlang: es\ncolour: red\n---\n"+strings.Replace(q, "answer: A", "answer: B", 1))
	bad := write("bad.md", "---\ntitle: B\nlang: en\n---\n<!-- question: poll -->\n\n# Q\n\n- [x] a\n- [ ] b\n")
	old := write("old.md", "---\ntitle: O\nlang: en\n---\n<!-- question: single -->\n\n# Q\n\n- [x] a\n- [ ] b\n\nExplanation: why\n\nNote: say\n")
	pics := write("pics.md", "---\ntitle: P\nlang: en\n---\n# Pictures\n\n![gone](gone.png) ![up](../up.png)\n\n---\n\n![here](here.png)\n")
	write("here.png", "\x89PNG\r\n\x1a\n")
	ok := write("ok.md", "---\ntitle: O\nlang: es\ntranslation: x.en\n---\n# Hola\n")

	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"clean", []string{en}, 0, "1 deck checked: 0 errors, 0 warnings\n"},
		{"warning only", []string{es}, 0, es + ":4: warning: unknown front matter key \"colour\" is ignored\n1 deck checked: 0 errors, 1 warning\n"},
		{"error", []string{bad}, 1, bad + ":9: a poll has no right answer: remove its [x] marks\n" + bad + ":9: warning: Marp draws the [ ] marks on the slide: write a poll's options as a plain list (- option)\n1 deck checked: 1 error, 1 warning\n"},
		{"twins by file name", []string{en, es}, 1, es + ":4: warning: unknown front matter key \"colour\" is ignored\n" +
			es + ":6: slide 1: right options A in x.en but B in x.es\n2 decks checked: 1 error, 1 warning\n"},
		{"twins by translation", []string{ok, en}, 1, en + ": ok names x.en as its translation, but x.en names none\n" +
			en + ":5: slide 1 is a question in x.en but not in ok\n2 decks checked: 2 errors, 0 warnings\n"},
		{"first syntax", []string{old}, 0, old + ":9: warning: Marp draws the [x] and [ ] marks on the slide, so the answer key shows: write the options as a plain list (- option) and the answer as <!-- answer: B -->\n" +
			old + ":12: warning: Marp draws this Explanation: paragraph on the slide: write it in a comment, <!-- Explanation: … -->\n" +
			old + ":14: warning: Marp draws this Note: paragraph on the slide: write it in a comment, <!-- Note: … -->\n1 deck checked: 0 errors, 3 warnings\n"},
		{"images beside the file", []string{pics}, 0, pics + ":7: warning: the image gone.png is not shown: no such file beside the deck\n" +
			pics + ":7: warning: the image ../up.png is not shown: an image file must be beside the deck, named without .., / at the start or a query\n1 deck checked: 0 errors, 2 warnings\n"},
		{"missing file", []string{filepath.Join(dir, "nope.md")}, 1, filepath.Join(dir, "nope.md") + ": no such file or directory\n1 deck checked: 1 error, 0 warnings\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runCheck(tt.args, &stdout, &stderr)
			if code != tt.code || stdout.String() != tt.out {
				t.Errorf("runCheck(%q) = %d\n%s\nwant %d\n%s\nstderr: %s", tt.args, code, stdout.String(), tt.code, tt.out, stderr.String())
			}
		})
	}

	var stdout, stderr bytes.Buffer
	if code := runCheck(nil, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "Usage: roundtable check FILE") {
		t.Errorf("no files: got %d, stderr %q", code, stderr.String())
	}
	if code := run([]string{"check", en}, &stdout, &stderr); code != 0 {
		t.Errorf("run check: got %d, want 0", code)
	}
}
