package quizzes

import (
	"strings"
	"testing"
	"time"
)

// hostile are slide bodies just under MaxSlideBytes that once made goldmark
// slow (seconds) or its output huge; tame and the HTML cap bound them.
var hostile = map[string]string{
	"deep quotes":          strings.Repeat("> ", 16000),
	"deep quoted lists":    strings.Repeat("> - ", 8000),
	"deep ordered lists":   strings.Repeat("1. ", 10000),
	"unclosed links":       strings.Repeat("[a](", 8000),
	"wide table many rows": "|" + strings.Repeat("a|", 100) + "\n|" + strings.Repeat("-|", 100) + "\n" + strings.Repeat("|\n", 15000),
	"one reference reused": "[a]: /" + strings.Repeat("x", 16000) + "\n\n" + strings.Repeat("[a]", 5000),
	"comments on one line": strings.Repeat("<!--a-->", 4000),
}

func TestRenderBounded(t *testing.T) {
	for name, md := range hostile {
		start := time.Now()
		out := RenderMarkdown(md)
		if len(out) > maxHTMLBytes+len(md)*6 {
			t.Errorf("%s: %d bytes of HTML", name, len(out))
		}
		if n := strings.Count(out, "<blockquote>") + strings.Count(out, "<ul>") + strings.Count(out, "<ol>"); n > maxQuoteDepth {
			t.Errorf("%s: %d nested blocks, want at most %d", name, n, maxQuoteDepth)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: took %v", name, d)
		}
	}
	if out := RenderMarkdown(hostile["wide table many rows"]); strings.Contains(out, "<table>") {
		t.Error("a table of 1.5 million cells was rendered")
	}
	if out := RenderMarkdown("> > a\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[x](https://a.example)"); !strings.Contains(out, "<table>") ||
		strings.Count(out, "<blockquote>") != 2 || !strings.Contains(out, `href="https://a.example"`) {
		t.Errorf("ordinary Markdown was tamed: %q", out)
	}
}

// TestParseHostileDeck parses a whole deck of hostile slides: it must finish
// in seconds and report the slide whose HTML is too large.
func TestParseHostileDeck(t *testing.T) {
	var b strings.Builder
	b.WriteString(fm)
	for full := false; !full; {
		for _, md := range hostile {
			if b.Len()+len(md)+8 > MaxDeckBytes {
				full = true
				break
			}
			b.WriteString(md + "\n\n---\n\n")
		}
	}
	start := time.Now()
	_, probs := Parse("hostile", []byte(b.String()))
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v", d)
	}
	found := false
	for _, p := range probs {
		found = found || strings.Contains(p.Message, "KiB of HTML")
	}
	if !found {
		t.Errorf("no problem about too much HTML in %d problems", len(probs))
	}
}
