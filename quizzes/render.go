package quizzes

import (
	"bytes"
	"errors"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	emoji "github.com/yuin/goldmark-emoji"
	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown renders GFM (tables, strikethrough, linkify, task lists) and
// emoji shortcodes (:smile:, as Marp has them) with goldmark's defaults: raw
// HTML is omitted. safeLinks adds an allowlist of URL schemes on top of
// goldmark's own blocklist.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM, emoji.New(emoji.WithRenderingMethod(emoji.Unicode))),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(safeLinks{}, 1000))),
)

// RenderMarkdown renders deck Markdown to HTML that is safe to put in a page:
// no raw HTML, no event handlers, links only to http, https, mailto and tel
// (and relative ones).
func RenderMarkdown(md string) string {
	out, ok := renderDoc(parseMarkdown([]byte(md)))
	if !ok {
		return "<p>" + html.EscapeString(md) + "</p>\n"
	}
	return out
}

// PlainText returns the words of a Markdown text without its markup: blocks
// on their own lines, runs of spaces collapsed.
func PlainText(md string) string {
	return plainText(parseMarkdown([]byte(md)))
}

// plainInline is PlainText for one line that must be read as inline text
// only: a leading no-break space stops "2020. A year" or "# 1" from turning
// into a list or a heading, and is trimmed away with the other spaces.
func plainInline(s string) string {
	return PlainText("\u00a0" + s)
}

// parseMarkdown parses src after taming it; the document's nodes point into
// the returned source, which is what rendering must be given.
func parseMarkdown(src []byte) (ast.Node, []byte) {
	src = tame(src)
	return markdown.Parser().Parse(text.NewReader(src)), src
}

// Bounds on what goldmark is asked to do, so that a 32 KiB slide cannot
// take seconds to parse or render to megabytes (both measured: deep block
// quotes and wide tables with many rows).
const (
	maxQuoteDepth   = 16 // block quotes and lists opened on one line
	maxTableCells   = 10000
	maxLinksPerLine = 256
	maxHTMLBytes    = 8 * MaxSlideBytes
)

var delimRowRe = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)

// tame escapes (with a backslash, so they read as text) the lines that
// would nest block quotes or lists too deep, start too large a table or
// hold hundreds of links. It returns
// src itself when nothing needs changing; rewritten lines keep their length
// plus one byte and the other lines their place.
func tame(src []byte) []byte {
	lines := bytes.Split(src, []byte("\n"))
	changed := false
	var f fence
	for i, l := range lines {
		if f.step(string(l), i) {
			continue
		}
		if containerDepth(l) > maxQuoteDepth {
			lines[i] = append([]byte(`\`), bytes.TrimLeft(l, " \t")...)
			changed = true
			continue
		}
		if bytes.Count(l, []byte("](")) > maxLinksPerLine {
			// goldmark is quadratic in unclosed "[a](" on one line.
			lines[i] = bytes.ReplaceAll(l, []byte("]("), []byte(`]\(`))
			changed = true
			continue
		}
		if bytes.Contains(l, []byte("-")) && delimRowRe.Match(l) {
			rows := 0
			for j := i + 1; j < len(lines) && len(bytes.TrimSpace(lines[j])) > 0; j++ {
				rows++
			}
			if cols := bytes.Count(l, []byte("|")) + 1; cols*(rows+1) > maxTableCells {
				lines[i] = append([]byte(`\`), bytes.TrimLeft(l, " \t")...)
				changed = true
			}
		}
	}
	if !changed {
		return src
	}
	return bytes.Join(lines, []byte("\n"))
}

// containerDepth counts the block quote and list markers that open a line.
func containerDepth(l []byte) int {
	depth := 0
	for i := 0; i < len(l); {
		switch c := l[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			depth++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
			depth++
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 10 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 < len(l) && (l[j] == '.' || l[j] == ')') && (l[j+1] == ' ' || l[j+1] == '\t') {
				depth++
				i = j + 2
				continue
			}
			return depth
		default:
			return depth
		}
	}
	return depth
}

// renderDoc renders a parsed document; ok is false when the HTML would be
// larger than maxHTMLBytes (e.g. one long link reference used many times).
func renderDoc(doc ast.Node, src []byte) (string, bool) {
	w := &cappedBuffer{max: maxHTMLBytes}
	if err := markdown.Renderer().Render(w, src, doc); err != nil || w.over {
		return "", false
	}
	// goldmark leaves a marker where it dropped raw HTML; it says nothing
	// useful to an audience.
	out := strings.ReplaceAll(w.String(), "<!-- raw HTML omitted -->\n", "")
	return strings.ReplaceAll(out, "<!-- raw HTML omitted -->", ""), true
}

// cappedBuffer is a bytes.Buffer that refuses to grow past max.
type cappedBuffer struct {
	bytes.Buffer
	max  int
	over bool
}

var errTooMuchHTML = errors.New("quizzes: the HTML is too large")

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.over || b.Len()+len(p) > b.max {
		b.over = true
		return 0, errTooMuchHTML
	}
	return b.Buffer.Write(p)
}

// plainText collects the text of n: inline text with escapes and entities
// resolved, code as written, one line per block.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				b.WriteByte('\n')
			}
			if n.Kind() == east.KindTableCell {
				b.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(unescape(n.Segment.Value(src)))
			if n.SoftLineBreak() {
				b.WriteByte(' ')
			}
			if n.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(n.Value)
		case *emojiast.Emoji:
			b.WriteString(string(n.Value.Unicode))
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				} else if s, ok := c.(*ast.String); ok {
					b.Write(s.Value)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(n.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock, *east.TaskCheckBox:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func unescape(b []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b)))
}

// firstHeading returns the plain text of the first heading in doc, or "".
func firstHeading(doc ast.Node, src []byte) string {
	var out string
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if found {
			return ast.WalkStop, nil
		}
		if h, ok := n.(*ast.Heading); ok && entering {
			out, found = plainText(h, src), true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// firstParagraph returns the plain text of the first top-level paragraph.
func firstParagraph(doc ast.Node, src []byte) string {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.Paragraph); ok {
			return plainText(c, src)
		}
	}
	return ""
}

// safeLinks unwraps links, images and autolinks whose URL is not on the
// allowlist, keeping their text: goldmark only blocks a few known-bad
// schemes, and a deck may come from anyone. It also unwraps links past a
// size budget.
type safeLinks struct{}

func (safeLinks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var bad []ast.Node
	// Every use of a link reference repeats its URL and title in the HTML:
	// past a budget, links are shown as their text.
	budget := maxHTMLBytes / 2
	spend := func(n ast.Node, dest, title []byte) bool {
		budget -= len(dest) + len(title)
		if budget < 0 {
			bad = append(bad, n)
			return false
		}
		return true
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if spend(n, n.Destination, n.Title) && !safeURL(n.Destination, false) {
				bad = append(bad, n)
			}
		case *ast.Image:
			if spend(n, n.Destination, n.Title) && !safeURL(n.Destination, true) {
				bad = append(bad, n)
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL && spend(n, n.URL(src), nil) && !safeURL(n.URL(src), false) {
				bad = append(bad, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range bad {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		if a, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(bytes.Clone(a.Label(src))))
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// safeURL reports whether u is relative or uses an allowed scheme. It looks
// at the URL the way a browser does: entities resolved, control characters
// and spaces removed, case ignored.
func safeURL(u []byte, image bool) bool {
	s := html.UnescapeString(string(u))
	s = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToLower(s))
	colon := strings.IndexByte(s, ':')
	if colon < 0 || strings.ContainsAny(s[:colon], "/?#") {
		return true // relative
	}
	switch s[:colon] {
	case "http", "https":
		return true
	case "mailto", "tel":
		return !image
	case "data":
		return image && dataImageRe.MatchString(s)
	}
	return false
}

// dataImageRe matches the data: URLs an image may have: a bitmap, inline.
var dataImageRe = regexp.MustCompile(`^data:image/(?:png|jpeg|gif|webp);base64,`)
