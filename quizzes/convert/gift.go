package convert

import (
	"fmt"
	"regexp"
	"strings"

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

func readGIFT(src string, lang string) (*builder, string) {
	g := &giftReader{b: newBuilder("GIFT", "line", lang)}
	start, cur := 0, []string(nil)
	flush := func() {
		if len(cur) > 0 {
			g.block(start, cur)
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
			if len(cur) == 0 {
				start = i + 1
			}
			cur = append(cur, l)
		}
	}
	flush()
	return g.b, g.category
}

// block reads one question (or a category line) starting at line.
func (g *giftReader) block(line int, lines []string) {
	if first := strings.TrimSpace(lines[0]); strings.HasPrefix(first, "$CATEGORY:") {
		if g.category == "" {
			g.category = categoryTitle(restore(protect(first[len("$CATEGORY:"):])))
		}
		lines = lines[1:]
		line++
		if len(lines) == 0 {
			return
		}
	}
	text := strings.TrimSpace(protect(strings.Join(lines, "\n")))

	var name string
	if strings.HasPrefix(text, "::") {
		if end := strings.Index(text[2:], "::"); end >= 0 {
			name = oneLine(restore(text[2 : 2+end]))
			text = strings.TrimSpace(text[4+end:])
		}
	}
	format := ""
	for _, f := range []string{"html", "moodle", "plain", "markdown"} {
		if strings.HasPrefix(strings.ToLower(text), "["+f+"]") {
			format, text = f, strings.TrimSpace(text[len(f)+2:])
			break
		}
	}
	plain := func(s string) string { return giftText(s, format) }
	md := func(s string) string { return giftMarkdown(s, format) }

	open := strings.IndexByte(text, '{')
	if open < 0 {
		body := restore(text)
		switch format {
		case "markdown":
			body = sanitizeMarkdown(body)
		case "html":
			body = escapeBlock(stripHTML(body))
		default:
			body = escapeBlock(body)
		}
		g.b.content(line, name, body)
		return
	}
	closeAt := strings.IndexByte(text[open:], '}')
	if closeAt < 0 {
		g.b.rep.skip(line, firstNonEmpty(name, plain(text[:open])), "the answer block has no closing }")
		return
	}
	closeAt += open
	answer := strings.TrimSpace(text[open+1 : closeAt])
	prompt := text[:open]
	if after := strings.TrimSpace(text[closeAt+1:]); after != "" {
		prompt += "_____" + text[closeAt+1:] // the blank goes where the braces were
	}
	prompt = oneLine(plain(prompt))
	if prompt == "" {
		prompt = name
	}

	var general string
	if i := strings.LastIndex(answer, "####"); i >= 0 {
		general = md(answer[i+4:])
		answer = strings.TrimSpace(answer[:i])
	}

	d := draft{line: line, name: name, prompt: prompt}
	switch {
	case answer == "":
		g.b.rep.skip(line, prompt, "open (essay) questions are not supported yet")
	case answer[0] == '#':
		g.b.rep.skip(line, prompt, "numerical questions are not supported yet ("+numericalAnswers(answer[1:])+")")
	case strings.ContainsRune(answer, '~'):
		g.multichoice(d, answer, general, plain, md)
	case strings.ContainsRune(answer, '=') && strings.Contains(answer, "->"):
		g.b.rep.skip(line, prompt, fmt.Sprintf("matching questions are not supported (%d pairs)", strings.Count(answer, "->")))
	default:
		head, _, _ := strings.Cut(answer, "#")
		switch strings.ToUpper(strings.TrimSpace(head)) {
		case "T", "TRUE", "F", "FALSE":
			g.trueFalse(d, answer, general, md)
		default:
			var accepted []string
			for _, a := range giftAnswers(answer) {
				accepted = append(accepted, clip(plain(a.text), 40))
			}
			g.b.rep.skip(line, prompt, "short-answer questions are not supported yet (accepted answers: "+listSome(accepted, ", ")+")")
		}
	}
}

// giftText turns a piece of GIFT text into plain text for its format.
func giftText(s, format string) string {
	s = restore(s)
	switch format {
	case "html":
		return stripHTML(s)
	case "markdown":
		return markdownToPlain(s)
	}
	return s
}

// giftMarkdown turns a piece of GIFT text (feedback) into deck Markdown.
func giftMarkdown(s, format string) string {
	s = restore(s)
	switch format {
	case "html":
		return escapeBlock(stripHTML(s))
	case "markdown":
		return sanitizeMarkdown(s)
	}
	return escapeBlock(s)
}

type giftAnswer struct {
	mark     byte    // '=' or '~' (0 for text before the first mark)
	weight   float64 // percent
	weighted bool    // an explicit %n% was given
	text     string
	feedback string
}

var weightRE = regexp.MustCompile(`^\s*%(-?\d{1,3}(?:\.\d+)?)%`)

// giftAnswers splits an answer block at every unescaped = and ~, as Moodle
// does (so an unescaped = inside feedback also starts an answer).
func giftAnswers(block string) []giftAnswer {
	var out []giftAnswer
	cut := func(mark byte, s string) {
		s = strings.TrimSpace(s)
		if s == "" && mark == 0 {
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
			cut(mark, block[from:i])
			mark, from = block[i], i+1
		}
	}
	cut(mark, block[from:])
	return out
}

func (g *giftReader) multichoice(d draft, block, general string, plain, md func(string) string) {
	answers := giftAnswers(block)
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
	// right; without one (Moodle's multiple-answer), every positive weight is.
	d.kind = quizzes.Multiple
	if hasFull {
		d.kind = quizzes.Single
	}
	var feedback []string
	for _, a := range answers {
		text := oneLine(plain(a.text))
		right := a.weight > 0
		if hasFull {
			right = a.weight >= 100
			if a.weight > 0 && a.weight < 100 {
				d.notes = append(d.notes, fmt.Sprintf("partial credit (%g%%) for %q counted as wrong", a.weight, clip(text, 40)))
			}
		}
		d.options = append(d.options, quizzes.Option{Text: text, Correct: right})
		if fb := md(a.feedback); fb != "" {
			feedback = append(feedback, escapeLineStart(escapeInline(text))+": "+fb)
		}
	}
	d.explanation = joinParagraphs(append([]string{general}, feedback...)...)
	g.b.question(d)
}

func (g *giftReader) trueFalse(d draft, block, general string, md func(string) string) {
	parts := strings.SplitN(block, "#", 3)
	answer := strings.ToUpper(strings.TrimSpace(parts[0]))
	isTrue := answer == "T" || answer == "TRUE"
	t, f := trueFalseWords(g.b.lang)
	d.kind = quizzes.TrueFalse
	d.options = []quizzes.Option{{Text: t, Correct: isTrue}, {Text: f, Correct: !isTrue}}
	var wrongFB, rightFB string
	if len(parts) > 1 {
		wrongFB = md(parts[1])
	}
	if len(parts) > 2 {
		rightFB = md(parts[2])
	}
	d.explanation = joinParagraphs(general, rightFB, wrongFB)
	g.b.question(d)
}

// numericalAnswers describes a numerical answer block for the skip reason:
// "answer 1822 ± 5", "answer 3.141 to 3.142", "answers 1822 ± 0; 1822 ± 2 (50%)".
func numericalAnswers(block string) string {
	block = strings.TrimSpace(block)
	var parts []string
	answers := []giftAnswer{{text: block, weight: 100}}
	if strings.ContainsAny(block, "=~") {
		answers = giftAnswers(block)
	} else {
		answers[0].text, _, _ = strings.Cut(block, "#")
	}
	for _, a := range answers {
		v := clip(restore(a.text), 40)
		if lo, hi, ok := strings.Cut(v, ".."); ok {
			v = strings.TrimSpace(lo) + " to " + strings.TrimSpace(hi)
		} else if n, tol, ok := strings.Cut(v, ":"); ok {
			v = strings.TrimSpace(n) + " ± " + strings.TrimSpace(tol)
		}
		if a.weighted && a.weight != 100 {
			v += fmt.Sprintf(" (%g%%)", a.weight)
		}
		parts = append(parts, v)
	}
	if len(parts) == 1 {
		return "answer " + parts[0]
	}
	return "answers " + listSome(parts, "; ")
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
