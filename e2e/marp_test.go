package e2e

import (
	"html"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/embed"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// TestMarpShowsNoAnswers renders every built-in deck with marp-cli (the npm
// package @marp-team/marp-cli, installed by npm ci; HTML output needs no
// browser) and reads the slides it draws, leaving out Marp's presenter
// notes: no slide may show a right answer's mark, an explanation or a
// presenter note, every option must show, and Marp must cut the deck into
// the same slides Roundtable does.
func TestMarpShowsNoAnswers(t *testing.T) {
	marp, err := filepath.Abs(filepath.Join("node_modules", ".bin", "marp"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		need(t, "node")
	}
	if _, err := os.Stat(marp); err != nil {
		need(t, "marp-cli")
	}
	in, out := t.TempDir(), t.TempDir()
	names, err := fs.Glob(embed.Decks, "*.md")
	if err != nil || len(names) == 0 {
		t.Fatalf("no built-in decks (%v)", err)
	}
	for _, name := range names {
		src, err := fs.ReadFile(embed.Decks, name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, name), src, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(marp, "--html", "--no-config-file", "--input-dir", in, "--output", out)
	cmd.Env = append(os.Environ(), "CHROME_PATH=/nonexistent/chromium", "NO_COLOR=1")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("marp: %v\n%s", err, b)
	}
	var answers, explanations, notes int
	for _, name := range names {
		src, _ := fs.ReadFile(embed.Decks, name)
		deck, probs := quizzes.Parse(strings.TrimSuffix(name, ".md"), src)
		if quizzes.HasErrors(probs) {
			t.Fatalf("%s: %v", name, probs)
		}
		page, err := os.ReadFile(filepath.Join(out, strings.TrimSuffix(name, ".md")+".html"))
		if err != nil {
			t.Fatal(err)
		}
		slides := marpSlides(string(page))
		if len(slides) != len(deck.Slides) {
			t.Errorf("%s: Marp draws %d slides, Roundtable reads %d", name, len(slides), len(deck.Slides))
			continue
		}
		for i, s := range deck.Slides {
			shown := slides[i]
			for _, line := range strings.Split(s.Notes, "\n") {
				if len(line) >= 12 && strings.Contains(shown, squash(line)) {
					notes++
					t.Errorf("%s slide %d shows a presenter note: %q", name, i+1, line)
				}
			}
			q := s.Question
			if q == nil {
				continue
			}
			for _, o := range q.Options {
				text := squash(o.Text)
				if !strings.Contains(shown, text) {
					t.Errorf("%s slide %d does not show option %q", name, i+1, o.Text)
				}
				if o.Correct && (strings.Contains(strings.ToLower(shown), "[x] "+strings.ToLower(text)) || strings.Contains(shown, "answer:")) {
					answers++
					t.Errorf("%s slide %d marks the right option %q", name, i+1, o.Text)
				}
			}
			for _, line := range strings.Split(quizzes.PlainText(q.Explanation), "\n") {
				if len(line) >= 12 && strings.Contains(shown, squash(line)) {
					explanations++
					t.Errorf("%s slide %d shows its explanation: %q", name, i+1, line)
					break
				}
			}
		}
	}
	t.Logf("on Marp's slides: %d right answers, %d explanations, %d note lines", answers, explanations, notes)
}

var (
	sectionRe = regexp.MustCompile(`(?s)<section\b[^>]*>(.*?)</section>`)
	tagRe     = regexp.MustCompile(`(?s)<[^>]*>`)
)

// marpSlides returns the text of each slide of a marp-cli HTML page, as
// squash writes it. Marp's presenter notes sit outside the sections.
func marpSlides(page string) []string {
	var out []string
	for _, m := range sectionRe.FindAllStringSubmatch(page, -1) {
		out = append(out, squash(html.UnescapeString(tagRe.ReplaceAllString(m[1], " "))))
	}
	return out
}

// squash collapses runs of white space, so that text compares across
// line breaks and tags.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
