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
		if d := time.Since(start); d > 5*time.Second { // well under a second without -race
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
// in seconds with every slide's HTML bounded.
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
	d, _ := Parse("hostile", []byte(b.String()))
	if d := time.Since(start); d > 60*time.Second { // about 3 s without -race
		t.Errorf("took %v", d)
	}
	for i, s := range d.Slides {
		if len(s.HTML) > maxHTMLBytes {
			t.Errorf("slide %d: %d bytes of HTML", i+1, len(s.HTML))
		}
	}
}

// TestRenderCapped checks the last line of defence: rendering stops at
// maxHTMLBytes and the caller gets the text instead.
func TestRenderCapped(t *testing.T) {
	w := &cappedBuffer{max: 10}
	if n, err := w.Write([]byte("0123456789")); n != 10 || err != nil {
		t.Errorf("Write under the cap: %d, %v", n, err)
	}
	if _, err := w.Write([]byte("x")); err == nil || !w.over {
		t.Error("Write over the cap succeeded")
	}
	md := strings.Repeat("www.example.org ", maxHTMLBytes/16)
	if got := RenderMarkdown(md); !strings.HasPrefix(got, "<p>www.example.org www.example.org") || len(got) > len(md)+16 {
		t.Errorf("over the cap: got %d bytes starting %q", len(got), got[:40])
	}
}
