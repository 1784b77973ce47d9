package quizzes

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Severity says whether a Problem stops a deck from being used.
type Severity int

const (
	Error   Severity = iota // the deck cannot be used until it is fixed
	Warning                 // the deck works, but probably not as the author meant
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one thing the parser or the linter found, at a 1-based line of
// the deck's source (0 when it belongs to no line).
type Problem struct {
	Line     int
	Severity Severity
	Message  string
}

// String gives "line: message", with "warning: " before a warning's message.
func (p Problem) String() string {
	msg := p.Message
	if p.Severity == Warning {
		msg = "warning: " + msg
	}
	if p.Line > 0 {
		return fmt.Sprintf("%d: %s", p.Line, msg)
	}
	return msg
}

// HasErrors reports whether any problem is an Error.
func HasErrors(probs []Problem) bool {
	return slices.ContainsFunc(probs, func(p Problem) bool { return p.Severity == Error })
}

// Parse reads a deck written in the format of docs/DECKS.md and lints it.
// It never panics. With errors it still returns as much of the deck as it
// could read (nil only when nothing was usable), for previews and messages;
// such a deck must not be run.
func Parse(id string, src []byte) (deck *Deck, probs []Problem) {
	p := &deckParser{}
	defer func() {
		// A bug in the parser must not take the server down with it; the
		// fuzz test fails on this message.
		if r := recover(); r != nil {
			deck = nil
			probs = append(p.probs, Problem{0, Error, fmt.Sprintf("internal error: the parser failed (%v)", r)})
		}
	}()
	if len(src) > MaxDeckBytes {
		return nil, []Problem{{1, Error, fmt.Sprintf("the deck is %d bytes; the limit is %d (1 MiB)", len(src), MaxDeckBytes)}}
	}
	deck = &Deck{ID: id, Source: string(src)}
	p.parse(deck, string(src))
	p.lintFit(deck)
	slices.SortStableFunc(p.probs, func(a, b Problem) int { return a.Line - b.Line })
	return deck, p.probs
}

type deckParser struct {
	probs []Problem
	lines []string
	qs    []questionSite
	// divide holds the heading levels that start a new slide, from Marp's
	// headingDivider (none by default).
	divide [7]bool
}

// questionSite remembers where a question was written, for deck-wide checks.
type questionSite struct {
	slide int // index in Deck.Slides
	line  int // the question directive's line
}

func (p *deckParser) errorf(line int, format string, args ...any) {
	p.probs = append(p.probs, Problem{line, Error, fmt.Sprintf(format, args...)})
}

func (p *deckParser) warnf(line int, format string, args ...any) {
	p.probs = append(p.probs, Problem{line, Warning, fmt.Sprintf(format, args...)})
}

func (p *deckParser) parse(deck *Deck, text string) {
	text = strings.TrimPrefix(text, "\ufeff")
	if !utf8.ValidString(text) {
		bad := 0
		for i, r := range text {
			if r == utf8.RuneError {
				bad = strings.Count(text[:i], "\n") + 1
				break
			}
		}
		p.errorf(bad, "the deck is not valid UTF-8 text; save it as UTF-8")
		text = strings.ToValidUTF8(text, "\ufffd")
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	p.lines = strings.Split(text, "\n")

	body := p.frontMatter(deck)
	titled := deck.Title != ""
	for _, c := range p.split(body) {
		if c.empty() {
			if c.sep >= 0 {
				p.warnf(c.sep+1, "empty slide (nothing after this ---); it is skipped")
			}
			continue
		}
		n := len(deck.Slides) + 1
		s, site := p.slide(c, n)
		if site.line > 0 {
			site.slide = n - 1
			p.qs = append(p.qs, site)
		}
		deck.Slides = append(deck.Slides, s)
	}
	if len(deck.Slides) > MaxSlides {
		p.errorf(deck.Slides[MaxSlides].Line, "too many slides: %d; the limit is %d", len(deck.Slides), MaxSlides)
	}
	if len(deck.Slides) == 0 {
		p.errorf(len(p.lines), "the deck has no slides")
	}
	for i := 0; !titled && deck.Title == "" && i < len(deck.Slides); i++ {
		// Marp needs no title: the first heading names the deck.
		deck.Title = deck.Slides[i].Title
		if n := utf8.RuneCountInString(deck.Title); n > MaxTitleRunes {
			deck.Title = string([]rune(deck.Title)[:MaxTitleRunes-1]) + "…"
		}
	}
	if deck.Title == "" && !titled {
		p.errorf(1, "the deck has no title: give the front matter a title, or a slide a heading")
	}
	feedbackDefaults(deck)
	p.lintIDs(deck)
}

// isRule reports whether a line is a slide separator candidate: "---" and
// nothing else but trailing spaces.
func isRule(line string) bool { return strings.TrimRight(line, " \t") == "---" }

func isBlank(line string) bool { return strings.TrimSpace(line) == "" }

// chunk is the lines of one slide: lines[start:end] of the deck, after the
// separator at line index sep (-1 for the first slide, or one that a
// headingDivider heading starts).
type chunk struct {
	sep, start, end int
	lines           []string
}

func (c chunk) empty() bool {
	for _, l := range c.lines {
		if !isBlank(l) {
			return false
		}
	}
	return true
}

// fence tracks ``` and ~~~ code blocks, where nothing is a separator,
// a directive or an option.
type fence struct {
	char byte
	n    int
	line int // 0-based line that opened it
}

var fenceRe = regexp.MustCompile("^\\s*(`{3,}|~{3,})(.*)$")

// step updates the fence state for one line and reports whether the line is
// code (inside a fence or one of its delimiters).
func (f *fence) step(line string, i int) bool {
	m := fenceRe.FindStringSubmatch(line)
	if f.n > 0 {
		if m != nil && m[1][0] == f.char && len(m[1]) >= f.n && isBlank(m[2]) {
			f.n = 0
		}
		return true
	}
	if m == nil || (m[1][0] == '`' && strings.Contains(m[2], "`")) {
		return false
	}
	f.char, f.n, f.line = m[1][0], len(m[1]), i
	return true
}

// commentStart reports whether a line starts an HTML comment block (at most
// three spaces in, as CommonMark has it).
func commentStart(line string) bool {
	t := strings.TrimLeft(line, " ")
	return len(line)-len(t) <= 3 && strings.HasPrefix(t, "<!--")
}

// split cuts the body (from line index from) into slides. A separator is a
// "---" line after a blank line (or first in the body), outside code fences
// and HTML comments.
func (p *deckParser) split(from int) []chunk {
	var out []chunk
	cur := chunk{sep: -1, start: from}
	var f fence
	inComment, commentLine := false, 0
	content := false // the current slide has text (for headingDivider)
	for i := from; i < len(p.lines); i++ {
		line := p.lines[i]
		switch {
		case inComment:
			inComment = !strings.Contains(line, "-->")
		case f.step(line, i):
			content = true
		case commentStart(line):
			inComment, commentLine = !strings.Contains(line[strings.Index(line, "<!--")+4:], "-->"), i
		case isRule(line):
			if i == from || isBlank(p.lines[i-1]) {
				cur.end = i
				cur.lines = p.lines[cur.start:i]
				out = append(out, cur)
				cur = chunk{sep: i, start: i + 1}
				content = false
				continue
			}
			p.warnf(i+1, "this --- is right under a line of text, so it underlines a heading instead of starting a new slide; put a blank line before it to start a slide")
		case p.divide[headingLevel(line)] && content:
			cur.end = i
			cur.lines = p.lines[cur.start:i]
			out = append(out, cur)
			cur = chunk{sep: -1, start: i}
		case !isBlank(line):
			content = true
		}
	}
	if f.n > 0 {
		p.warnf(f.line+1, "this code fence is never closed: everything after it is code")
	}
	if inComment {
		p.errorf(commentLine+1, "this HTML comment is never closed with -->")
	}
	cur.end = len(p.lines)
	if cur.start <= len(p.lines) {
		cur.lines = p.lines[min(cur.start, len(p.lines)):]
	}
	return append(out, cur)
}

// headingLevel returns the level of an ATX heading line (# to ######), or 0.
func headingLevel(line string) int {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return 0
	}
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(t) && t[n] != ' ' && t[n] != '\t') {
		return 0
	}
	return n
}
