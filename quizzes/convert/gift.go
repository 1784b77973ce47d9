package convert

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// GIFT is read the way Moodle's own importer reads it (see FORMATS.md):
// blank lines separate questions, the first unescaped {…} is the answer
// block, and its contents decide the type. Escaped specials are swapped for
// private-use runes first, so the structural scan never sees them.

const escBase = '\uE000'

const giftSpecials = "\\~=#{}:" // the characters `\` escapes, in placeholder order

func protect(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			if k := strings.IndexByte(giftSpecials, s[i+1]); k >= 0 {
				b.WriteRune(escBase + rune(k))
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// restore turns placeholders back into the characters they stand for, and
// `\n` into a newline (before `\\` is restored, so `\\n` stays literal).
func restore(s string) string {
	s = strings.ReplaceAll(s, `\n`, "\n")
	return strings.Map(func(r rune) rune {
		if r >= escBase && r < escBase+rune(len(giftSpecials)) {
			return rune(giftSpecials[r-escBase])
		}
		return r
	}, s)
}

// unplaceholder removes any placeholder rune already in the input, so that
// input can never forge an escape.
func unplaceholder(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= escBase && r < escBase+rune(len(giftSpecials)) {
			return '\uFFFD'
		}
		return r
	}, s)
}

type giftReader struct {
	b        *builder
	category string // the first $CATEGORY, for the deck title
}

var (
	categoryRE = regexp.MustCompile(`^\$CATEGORY:`)
	nameLineRE = regexp.MustCompile(`^::.*::`)
	clozeRE    = regexp.MustCompile(`\[[^\]]+\]|_{3,}`)
)

func readGIFT(src string, lang string) (*builder, string) {
	g := &giftReader{b: newBuilder("GIFT", "line", lang)}
	var cur []giftLine
	flush := func() {
		if len(cur) > 0 {
			g.block(cur)
		}
		cur = nil
	}
	for i, l := range strings.Split(unplaceholder(src), "\n") {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "//"):
			continue // a comment never ends a question
		case t == "":
			flush()
		default:
			cur = append(cur, giftLine{text: l, n: i + 1})
		}
	}
	flush()
	return g.b, g.category
}

// giftLine is one line of a block and its 1-based line in the file.
type giftLine struct {
	text string
	n    int
}

// block reads the lines between two blank lines. Moodle reads such a block
// as one question; when it plainly holds more (a $CATEGORY line, or a new
// question after a closed answer block, with no blank line between), it is
// read as several and each is reported with a warning naming its line,
// never glued into one prompt.
func (g *giftReader) block(lines []giftLine) {
	type part struct {
		lines []giftLine
		warn  string
	}
	var parts []part
	depth, closed := 0, false
	for k, l := range lines {
		t := strings.TrimSpace(protect(l.text))
		warn, newPart := "", k == 0
		switch {
		case k == 0:
		case categoryRE.MatchString(t):
			newPart, warn = true, fmt.Sprintf("no blank line before the $CATEGORY on line %d", l.n)
		case closed && (strings.HasPrefix(t, "::") || strings.ContainsRune(t, '{')):
			newPart, warn = true, fmt.Sprintf("no blank line between this question (line %d) and the one on line %d: read as two questions", l.n, parts[len(parts)-1].lines[0].n)
		case len(parts[len(parts)-1].lines) == 1 && categoryRE.MatchString(strings.TrimSpace(lines[k-1].text)):
			newPart, warn = true, fmt.Sprintf("no blank line after the $CATEGORY on line %d", lines[k-1].n)
		case depth == 0 && nameLineRE.MatchString(t):
			// A new ::name:: after text with no answer block yet: a
			// description (or a question missing its braces) glued on top.
			newPart, warn = true, fmt.Sprintf("no blank line between this question (line %d) and the text on line %d: read apart", l.n, parts[len(parts)-1].lines[0].n)
		}
		if newPart {
			parts = append(parts, part{warn: warn})
			depth, closed = 0, false
		}
		cur := &parts[len(parts)-1]
		cur.lines = append(cur.lines, l)
		for _, r := range t {
			switch r {
			case '{':
				depth++
			case '}':
				if depth > 0 {
					depth--
					closed = closed || depth == 0
				}
			}
		}
	}
	for _, p := range parts {
		g.question(p.lines, p.warn)
	}
}

// question reads one question (or a category line, or a description).
func (g *giftReader) question(lines []giftLine, warn string) {
	line := lines[0].n
	first := strings.TrimSpace(lines[0].text)
	if categoryRE.MatchString(first) {
		cat := categoryTitle(restore(protect(first[len("$CATEGORY:"):])))
		switch {
		case g.category == "":
			g.category = cat
		case cat != g.category && cat != "":
			g.b.rep.warn(line, first, fmt.Sprintf("category %q is not kept: a deck has one title (%q, the first category)", clip(cat, 40), clip(g.category, 40)))
		}
		if warn != "" {
			g.b.rep.warn(line, first, warn)
		}
		return
	}
	raw := make([]string, len(lines))
	for i, l := range lines {
		raw[i] = l.text
	}
	text := strings.TrimSpace(protect(strings.Join(raw, "\n")))
	lineOf := func(pos int) int { // the file line of a byte in text
		return line + strings.Count(text[:pos], "\n")
	}

	var name string
	var lost []string
	if strings.HasPrefix(text, "::") {
		if end := strings.Index(text[2:], "::"); end >= 0 {
			name = oneLine(restore(text[2 : 2+end]))
			text = text[4+end:]
		}
	}
	// Keep text's offsets valid for lineOf: blank out, do not cut, leading space.
	format, body := giftFormat(strings.TrimLeft(text, " \t\n"), "")
	text = blankOut(text[:len(text)-len(body)]) + body

	d := draft{line: line, name: name}
	if warn != "" {
		d.notes = append(d.notes, "warning: "+warn)
	}
	open := strings.IndexByte(text, '{')
	closeAt := strings.IndexByte(text, '}')
	if open < 0 && closeAt >= 0 {
		g.b.rep.skip(line, firstNonEmpty(name, plainOnly(text[:closeAt], format)), fmt.Sprintf("a } on line %d without a { before it", lineOf(closeAt)))
		return
	}
	if open < 0 {
		md, lost := giftMarkdown(text, format)
		if plain := plainOnly(text, format); strings.Contains(plain, "?") || clozeRE.MatchString(plain) {
			d.notes = append(d.notes, "it has no answer block { … }, so it is a slide without a question, as Moodle reads it")
		}
		g.b.content(line, name, md, append(d.notes, lost...)...)
		return
	}
	closeAt = strings.IndexByte(text[open:], '}')
	if closeAt < 0 {
		g.b.rep.skip(line, firstNonEmpty(name, plainOnly(text[:open], format)), "the answer block has no closing }")
		return
	}
	closeAt += open
	answer := strings.TrimSpace(text[open+1 : closeAt])
	prompt := text[:open]
	if after := text[closeAt+1:]; strayAfter(after) {
		d.notes = append(d.notes, fmt.Sprintf("warning: stray text (%s) after the answer block on line %d left out", clip(strings.TrimSpace(restore(after)), 20), lineOf(closeAt+1+len(after)-len(strings.TrimLeft(after, " \t\n")))))
	} else if strings.TrimSpace(after) != "" {
		prompt += "_____" + after // the blank goes where the braces were
		if nl := strings.IndexByte(after, '\n'); nl >= 0 && strings.TrimSpace(after[:nl]) == "" {
			at := closeAt + 1 + nl + 1
			d.notes = append(d.notes, fmt.Sprintf("warning: the text on line %d, after the answer block, was read as the end of the prompt (a missing-word question); leave a blank line after a question", lineOf(at)))
		}
	}
	d.prompt, lost = giftPlain(prompt, format)
	if looksHTML(restore(prompt)) && format != "plain" && format != "markdown" {
		// The slide shows the prompt's formatting, pictures and links.
		d.body, lost = giftMarkdown(prompt, format)
	}
	d.notes = append(d.notes, lost...)
	if d.prompt == "" {
		d.prompt = name
	}

	var general string
	if i := strings.LastIndex(answer, "####"); i >= 0 {
		general, lost = giftMarkdown(answer[i+4:], format)
		d.notes = append(d.notes, lost...)
		answer = strings.TrimSpace(answer[:i])
	}
	d.explanation = general

	switch {
	case answer == "":
		g.essay(d)
	case answer[0] == '#':
		g.numerical(d, answer[1:])
	case strings.ContainsRune(answer, '~'):
		g.multichoice(d, answer, format)
	case strings.ContainsRune(answer, '=') && strings.Contains(answer, "->"):
		g.b.rep.skip(line, d.prompt, fmt.Sprintf("matching questions are not supported (%d pairs)", strings.Count(answer, "->")))
	default:
		head, _, _ := strings.Cut(answer, "#")
		switch strings.ToUpper(strings.TrimSpace(head)) {
		case "T", "TRUE", "F", "FALSE":
			g.trueFalse(d, answer, format)
		default:
			g.shortAnswer(d, answer, format)
		}
	}
}

// blankOut replaces everything but line breaks with spaces.
func blankOut(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		return ' '
	}, s)
}

// strayAfter reports whether the text after an answer block is debris (a
// quote, a semicolon: no word, and not the end of a sentence), which Moodle
// would glue into a missing-word prompt.
func strayAfter(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
		return false
	}
	return strings.Trim(s, ".?!…:;,)]»”’ ") != "" && strings.ContainsAny(s, "\"'`;{}")
}

// giftFormat splits a leading [html], [moodle], [plain] or [markdown] off
// a piece of text (a question, an answer, a feedback), as Moodle does for
// each; def is the format when there is none.
func giftFormat(s, def string) (string, string) {
	t := strings.TrimLeft(s, " \t\n")
	if strings.HasPrefix(t, "[") {
		if end := strings.IndexByte(t, ']'); end > 0 {
			switch f := strings.ToLower(t[1:end]); f {
			case "html", "moodle", "plain", "markdown":
				return f, t[end+1:]
			}
		}
	}
	return def, s
}

// giftPlain turns a piece of GIFT text into plain text for a prompt or an
// option. A leading format prefix of its own overrides format. The default
// format, like [moodle] and [html], may hold HTML.
func giftPlain(s, format string) (string, []string) {
	format, s = giftFormat(s, format)
	s = restore(s)
	switch format {
	case "plain":
		return oneLine(s), nil
	case "markdown":
		return oneLine(markdownToPlain(s)), nil
	}
	if looksHTML(s) {
		return htmlToPlain(s)
	}
	return oneLine(s), nil
}

// plainOnly is giftPlain without the report, for a skipped item's title.
func plainOnly(s, format string) string { t, _ := giftPlain(s, format); return t }

// giftMarkdown turns a piece of GIFT text (a feedback, a description) into
// deck Markdown.
func giftMarkdown(s, format string) (string, []string) {
	format, s = giftFormat(s, format)
	s = restore(s)
	switch format {
	case "plain":
		return escapeBlock(s), nil
	case "markdown":
		return sanitizeMarkdown(s), nil
	case "html":
		md, lost := htmlToMarkdown(s)
		return sanitizeMarkdown(md), lost
	}
	if looksHTML(s) {
		// Moodle's own format keeps the author's line breaks.
		md, lost := htmlToMarkdown(strings.ReplaceAll(strings.TrimSpace(s), "\n", "<br>\n"))
		return sanitizeMarkdown(md), lost
	}
	return escapeBlock(s), nil
}

type giftAnswer struct {
	mark     byte    // '=' or '~' (0 for text before the first mark)
	weight   float64 // percent
	weighted bool    // an explicit %n% was given
	text     string  // with its own format prefix, if any
	feedback string
}

var weightRE = regexp.MustCompile(`^\s*%(-?\d{1,3}(?:\.\d+)?)%`)

// giftAnswers splits an answer block at every unescaped = and ~, as Moodle
// does (so an unescaped = inside feedback also starts an answer). Empty
// pieces are left out as Moodle leaves them out: the one before the first
// mark, the one between the ~ and = of "~=right", and blank answers; the
// count of blank answers is returned.
func giftAnswers(block string) []giftAnswer {
	out, _ := giftAnswersBlank(block)
	return out
}

func giftAnswersBlank(block string) ([]giftAnswer, int) {
	var out []giftAnswer
	blank := 0
	cut := func(mark byte, s string, next byte) {
		s = strings.TrimSpace(s)
		if s == "" {
			if mark == '~' && next != '=' {
				blank++
			}
			return
		}
		a := giftAnswer{mark: mark}
		if mark == '=' {
			a.weight = 100
		}
		if m := weightRE.FindStringSubmatch(s); m != nil {
			fmt.Sscan(m[1], &a.weight)
			a.weighted = true
			s = s[len(m[0]):]
		}
		a.text, a.feedback, _ = strings.Cut(s, "#")
		a.text, a.feedback = strings.TrimSpace(a.text), strings.TrimSpace(a.feedback)
		out = append(out, a)
	}
	mark, from := byte(0), 0
	for i := 0; i < len(block); i++ {
		if block[i] == '=' || block[i] == '~' {
			cut(mark, block[from:i], block[i])
			mark, from = block[i], i+1
		}
	}
	cut(mark, block[from:], 0)
	return out, blank
}

func (g *giftReader) multichoice(d draft, block, format string) {
	answers, blank := giftAnswersBlank(block)
	if blank > 0 {
		d.notes = append(d.notes, fmt.Sprintf("%d empty answer(s) left out, as Moodle leaves them out", blank))
	}
	if len(answers) > quizzes.MaxOptions {
		g.b.rep.skip(d.line, d.prompt, fmt.Sprintf("%d options; a question may have at most %d", len(answers), quizzes.MaxOptions))
		return
	}
	hasFull := false
	for _, a := range answers {
		if a.mark == '=' && a.weight >= 100 {
			hasFull = true
		}
	}
	// With an =answer the question is single-answer and only full marks are
	// right, other weights are partial credit; without one (Moodle's
	// multiple-answer), every positive weight is right and the weights are
	// kept unless they are the ones an export would write anyway.
	d.kind = quizzes.Multiple
	if hasFull {
		d.kind = quizzes.Single
	}
	for _, a := range answers {
		text, lost := giftPlain(a.text, format)
		d.notes = append(d.notes, lost...)
		o := quizzes.Option{Text: text}
		if hasFull {
			o.Correct = a.weight >= 100
			if !o.Correct && a.weight != 0 {
				o.Weight = a.weight / 100
			}
		} else {
			o.Correct = a.weight > 0
			o.Weight = a.weight / 100
		}
		if a.feedback != "" {
			o.Feedback, lost = giftMarkdown(a.feedback, format)
			d.notes = append(d.notes, lost...)
		}
		d.options = append(d.options, o)
	}
	if !hasFull && defaultShares(d.options) {
		for i := range d.options {
			d.options[i].Weight = 0
		}
	}
	g.b.question(d)
}

// defaultShares reports whether the weights of a multiple-answer question
// are the ones ToGIFT writes for one without weights: the right options
// share 100%, the wrong ones -100%.
func defaultShares(os []quizzes.Option) bool {
	right, wrong := 0, 0
	for _, o := range os {
		if o.Correct {
			right++
		} else {
			wrong++
		}
	}
	for _, o := range os {
		want := 1 / float64(right)
		if !o.Correct {
			want = -1 / float64(wrong)
		}
		if right == 0 || math.Abs(o.Weight-want) > 0.00001 {
			return false
		}
	}
	return true
}

func (g *giftReader) trueFalse(d draft, block, format string) {
	parts := strings.SplitN(block, "#", 3)
	answer := strings.ToUpper(strings.TrimSpace(parts[0]))
	isTrue := answer == "T" || answer == "TRUE"
	t, f := trueFalseWords(g.b.lang)
	d.kind = quizzes.TrueFalse
	d.options = []quizzes.Option{{Text: t, Correct: isTrue}, {Text: f, Correct: !isTrue}}
	// Moodle: {T#wrong feedback#right feedback}; each goes with the option
	// that earns it.
	right, wrong := 0, 1
	if !isTrue {
		right, wrong = 1, 0
	}
	var lost []string
	if len(parts) > 1 {
		d.options[wrong].Feedback, lost = giftMarkdown(parts[1], format)
		d.notes = append(d.notes, lost...)
	}
	if len(parts) > 2 {
		d.options[right].Feedback, lost = giftMarkdown(parts[2], format)
		d.notes = append(d.notes, lost...)
	}
	g.b.question(d)
}

// listSome joins the first few items, so that a reason stays one line.
func listSome(items []string, sep string) string {
	const most = 6
	if len(items) > most {
		return strings.Join(items[:most], sep) + fmt.Sprintf("%s… (%d in all)", sep, len(items))
	}
	return strings.Join(items, sep)
}

// categoryTitle keeps the last meaningful part of a category path:
// "$course$/top/Internet safety" → "Internet safety".
func categoryTitle(path string) string {
	parts := strings.Split(path, "/")
	for i := len(parts) - 1; i >= 0; i-- {
		p := oneLine(parts[i])
		if p != "" && p != "top" && !strings.HasPrefix(p, "$") {
			return p
		}
	}
	return ""
}

func joinParagraphs(ps ...string) string {
	var out []string
	for _, p := range ps {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}
