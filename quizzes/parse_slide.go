package quizzes

import (
	"fmt"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"regexp"
	"strings"
)

// role says what a line of a slide is.
type role int

const (
	roleBody    role = iota
	roleRemoved      // directive or comment: not shown
	roleNote
	roleOption // starts a task list item
	roleOptionMore
	roleExplain
	roleItem // starts a plain list item: an option when it is in a question's last list
)

type slideLine struct {
	text    string // for notes, options and the explanation: without its prefix
	raw     string
	role    role
	code    bool // inside a code fence
	checked bool // an option marked [x]
	n       int  // 1-based line in the deck
}

var (
	directiveRe = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*)$`)
	optionRe    = regexp.MustCompile(`^ {0,3}(?:[-*+]|[0-9]{1,9}[.)])[ \t]+\[([ xX])\](?:[ \t]+(.*))?$`)
	itemRe      = regexp.MustCompile(`^ {0,3}(?:[-*+]|[0-9]{1,9}[.)])[ \t]+(.*)$`)
	breakRe     = regexp.MustCompile(`^ {0,3}([-*_])(?:[ \t]*[-*_])+[ \t]*$`) // "- - -": a rule, not an item
	textDirRe   = regexp.MustCompile(`(?is)^(notes?|explanation|explicación|explicacion)[ \t]*:(.*)$`)
	noteRe      = regexp.MustCompile(`^ {0,3}(?i:notes?):(.*)$`)
	explainRe   = regexp.MustCompile(`^ {0,3}(?i:explanation|explicación|explicacion):(.*)$`)
	commentRe   = regexp.MustCompile(`(?s)<!--(.*?)-->`)
	codeSpanRe  = regexp.MustCompile("`+[^`]*`+")
)

// directive is one `<!-- key: value -->` seen on a slide.
type directive struct {
	value string
	line  int
}

// slide reads one chunk into a Slide; n is its 1-based number. The site's
// line is 0 when the slide holds no question.
func (p *deckParser) slide(c chunk, n int) (Slide, questionSite) {
	lines, notes, dirs := p.classify(c)
	s := Slide{Line: c.start + 1}
	for _, l := range lines {
		if !isBlank(l.raw) {
			s.Line = l.n
			break
		}
	}
	size := 0
	for _, l := range c.lines {
		size += len(l) + 1
	}
	if size > MaxSlideBytes {
		p.errorf(s.Line, "slide %d is %d bytes; the limit is %d (32 KiB)", n, size, MaxSlideBytes)
	}

	qd, isQ := dirs["question"]
	// The last list is the options only for a kind that has them; for an
	// open question, a word cloud, a scale… a list is slide content.
	optQ := isQ && Kind(strings.ToLower(qd.value)).HasOptions()
	hasTask := pickOptions(lines, optQ)
	var body, explain []string
	var opts []slideLine
	for _, l := range lines {
		switch {
		case l.role == roleOption && optQ:
			opts = append(opts, l)
		case l.role == roleOptionMore && optQ && len(opts) > 0:
			opts[len(opts)-1].text += " " + strings.TrimSpace(l.raw)
		case l.role == roleExplain && isQ:
			explain = append(explain, l.text)
		case l.role == roleBody, l.role == roleOption, l.role == roleOptionMore, l.role == roleExplain, l.role == roleItem:
			body = appendLine(body, l.raw, l.code)
		default:
			body = appendLine(body, "", false)
		}
	}
	if d, ok := dirs["explanation"]; ok && isQ {
		if len(explain) > 0 {
			p.errorf(d.line, "the explanation is given twice on this slide: as an Explanation: paragraph and in a comment")
		}
		explain = append(explain, d.value)
	}
	s.Markdown = strings.Trim(strings.Join(body, "\n"), "\n")
	s.Notes = strings.TrimSpace(strings.Join(notes, "\n"))
	if len(s.Notes) > MaxNotesBytes {
		p.errorf(s.Line, "the notes of slide %d are %d bytes; the limit is %d (16 KiB)", n, len(s.Notes), MaxNotesBytes)
	}
	var doc ast.Node
	var src []byte
	if size <= MaxSlideBytes {
		doc, src = parseMarkdown([]byte(s.Markdown))
		s.Title = firstHeading(doc, src)
		html, ok := renderDoc(doc, src)
		if !ok {
			p.errorf(s.Line, "slide %d would make more than %d KiB of HTML; simplify its tables, nesting or repeated links", n, maxHTMLBytes>>10)
		}
		s.HTML = html
		p.lintImages(doc, src, c, s.Line)
	}

	p.slideReactions(&s, dirs)
	p.slideKind(&s, dirs, isQ)
	if !isQ {
		p.notQuestion(lines, dirs)
		p.optionDirectives(nil, dirs)
		return s, questionSite{}
	}
	q := &Question{ID: fmt.Sprintf("s%d", n), Kind: Kind(strings.ToLower(qd.value)), Prompt: s.Title}
	if q.Prompt == "" && doc != nil {
		q.Prompt = firstParagraph(doc, src)
	}
	if d, ok := dirs["id"]; ok {
		q.ID = d.value
		if d.value != "" && !validID(d.value) {
			p.errorf(d.line, "bad id %q: use letters, digits, - _ and . (at most %d)", d.value, MaxQuestionID)
		}
	}
	if d, ok := dirs["check"]; ok {
		if v := strings.ToLower(d.value); v != CheckPre && v != CheckPost {
			p.errorf(d.line, "check must be pre or post, not %q", d.value)
		} else {
			q.Check = v
		}
	}
	p.questionSteps(q, dirs)
	var optLines []int
	for _, o := range opts {
		q.Options = append(q.Options, Option{Text: plainInline(o.text), Correct: o.checked})
		optLines = append(optLines, o.n)
	}
	p.optionDirectives(q, dirs)
	if len(explain) > 0 && size <= MaxSlideBytes {
		q.Explanation = strings.TrimSpace(strings.Join(explain, "\n"))
		q.ExplanationHTML = RenderMarkdown(q.Explanation)
	}
	if q.Prompt == "" {
		p.errorf(qd.line, "the question has no prompt: give the slide a heading")
	}
	p.answerKey(q, dirs, hasTask)
	p.voiceFields(q, dirs, qd.line)
	p.probs = append(p.probs, lintQuestion(q, qd.line, optLines)...)
	s.Question = q
	return s, questionSite{line: qd.line}
}

// appendLine adds a Markdown line, keeping at most one blank line in a row
// outside code.
func appendLine(body []string, line string, code bool) []string {
	if !code && isBlank(line) && (len(body) == 0 || body[len(body)-1] == "") {
		return body
	}
	if !code && isBlank(line) {
		line = ""
	}
	return append(body, line)
}

// classify gives every line of a chunk its role, gathers the notes and reads
// the directives.
func (p *deckParser) classify(c chunk) ([]slideLine, []string, map[string]directive) {
	var out []slideLine
	var notes []string
	dirs := map[string]directive{}
	var f fence
	region := roleBody // roleBody, roleExplain or roleNote
	inOption := false
	for i := 0; i < len(c.lines); i++ {
		l := slideLine{raw: c.lines[i], n: c.start + i + 1, role: region}
		code := f.step(l.raw, i)
		switch {
		case code:
			l.code = true
			if region == roleNote {
				notes = append(notes, l.raw)
			} else if region == roleExplain {
				l.text = l.raw
			}
		case commentStart(l.raw):
			// The comment runs to the first line holding "-->".
			j := i
			if !strings.Contains(l.raw[strings.Index(l.raw, "<!--")+4:], "-->") {
				for j+1 < len(c.lines) {
					j++
					if strings.Contains(c.lines[j], "-->") {
						break
					}
				}
			}
			block := strings.Join(c.lines[i:j+1], "\n")
			notes = append(notes, p.comments(block, l.n, dirs)...)
			for k := i; k <= j; k++ {
				out = append(out, slideLine{raw: c.lines[k], n: c.start + k + 1, role: roleRemoved})
			}
			i = j
			inOption = false
			continue
		case region != roleNote && noteRe.MatchString(l.raw):
			region = roleNote
			l.role = roleNote
			notes = append(notes, strings.TrimSpace(noteRe.FindStringSubmatch(l.raw)[1]))
		case region == roleNote:
			notes = append(notes, l.raw)
		case region == roleBody && explainRe.MatchString(l.raw):
			region = roleExplain
			l.role = roleExplain
			l.text = explainRe.FindStringSubmatch(l.raw)[1]
		case region == roleExplain:
			l.text = l.raw
		case optionRe.MatchString(l.raw):
			l.role = roleOption
			m := optionRe.FindStringSubmatch(l.raw)
			l.text, l.checked = m[2], m[1] != " "
			inOption = true
		case itemRe.MatchString(l.raw) && !breakRe.MatchString(l.raw):
			l.role = roleItem
			l.text = itemRe.FindStringSubmatch(l.raw)[1]
			inOption = true
		case inOption && !isBlank(l.raw) && (strings.HasPrefix(l.raw, "  ") || strings.HasPrefix(l.raw, "\t")):
			l.role = roleOptionMore
		}
		if l.role != roleOption && l.role != roleOptionMore && l.role != roleItem {
			inOption = false
		}
		if !code && region != roleNote && strings.Contains(codeSpanRe.ReplaceAllString(l.raw, ""), "<!--") {
			p.warnf(l.n, "an HTML comment inside a line of text is dropped, not read: put directives and notes on a line of their own")
		}
		out = append(out, l)
	}
	return out, notes, dirs
}

// comments reads the comments of one HTML block (starting on line): it
// records directives in dirs and returns the rest as notes.
func (p *deckParser) comments(block string, line int, dirs map[string]directive) []string {
	var notes []string
	var rest strings.Builder // the block without its comments
	at, pos, last := line, 0, 0
	for _, m := range commentRe.FindAllStringSubmatchIndex(block, -1) {
		content := strings.TrimSpace(block[m[2]:m[3]])
		at += strings.Count(block[pos:m[0]], "\n")
		rest.WriteString(block[last:m[0]])
		pos, last = m[0], m[1]
		if p.optionDirective(content, at, dirs) {
			continue
		}
		d := directiveRe.FindStringSubmatch(content)
		if d == nil || strings.Contains(content, "\n") {
			if content != "" {
				notes = p.textComment(content, at, dirs, notes)
			}
			continue
		}
		key, value := strings.ToLower(d[1]), strings.TrimSpace(d[2])
		switch {
		case textDirRe.MatchString(content):
			notes = p.textComment(content, at, dirs, notes)
		case slideKeys[key]:
			if prev, ok := dirs[key]; ok && key == "accept" && value != "" {
				// accept: may repeat; its answers add up.
				prev.value += " | " + value
				dirs[key] = prev
				continue
			}
			if prev, ok := dirs[key]; ok {
				p.errorf(at, "%s: is given twice on this slide (first on line %d)", key, prev.line)
				continue
			}
			if value == "" {
				p.errorf(at, "%s: needs a value", key)
			}
			dirs[key] = directive{value: value, line: at}
		case strings.TrimPrefix(d[1], "_") == "backgroundImage":
			p.warnf(at, "Roundtable does not show Marp's backgroundImage; the slides have the kit's own background")
		case marpKeys[d[1]] || marpKeys[strings.TrimPrefix(d[1], "_")]:
			// Marp's own; nothing to do.
		default:
			p.errorf(at, "unknown directive %q (Roundtable knows question, id, check, answer, results, countdown, name, feedback, weight, explanation, note, max, moderation, entries, scale, low, high, range, step, tolerance, accept, prefer-not, open, reactions and slide; write a presenter note as <!-- note: … -->)", d[1])
		}
	}
	// Text after the last "-->" (or an unclosed comment) is not shown either.
	rest.WriteString(block[last:])
	if r := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest.String()), "<!--")); r != "" {
		notes = append(notes, r)
	}
	return notes
}

// notQuestion warns about question parts on a slide that is not a question.
func (p *deckParser) notQuestion(lines []slideLine, dirs map[string]directive) {
	first := 0
	for _, l := range lines {
		if l.role == roleOption {
			first = l.n
			break
		}
	}
	_, hasID := dirs["id"]
	_, hasCheck := dirs["check"]
	switch {
	case first > 0 && (hasID || hasCheck):
		p.warnf(first, "this question has no kind: add <!-- question: single --> (or multiple, truefalse, poll)")
	case first > 0:
		p.warnf(first, "a task list on a slide that is not a question shows its [x] marks to everyone; add <!-- question: KIND --> to ask it")
	case hasID:
		p.warnf(dirs["id"].line, "id: on a slide without <!-- question: KIND --> is ignored")
	case hasCheck:
		p.warnf(dirs["check"].line, "check: on a slide without <!-- question: KIND --> is ignored")
	}
	for _, key := range append([]string{"answer", "explanation", "results", "countdown"}, voiceKeyOrder...) {
		if d, ok := dirs[key]; ok {
			p.warnf(d.line, "%s: on a slide without <!-- question: KIND --> is ignored", key)
		}
	}
}

// questionSteps reads how the question runs: results (live or hidden before
// the reveal) and countdown (seconds from opening to closing).
func (p *deckParser) questionSteps(q *Question, dirs map[string]directive) {
	if d, ok := dirs["results"]; ok && d.value != "" {
		if v := strings.ToLower(d.value); v == ResultsLive || v == ResultsHidden {
			q.Results = v
		} else {
			p.errorf(d.line, "results must be live or hidden, not %q", d.value)
		}
	}
	if d, ok := dirs["countdown"]; ok && d.value != "" {
		v := strings.TrimSuffix(strings.ToLower(d.value), "s")
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < MinCountdown || n > MaxCountdown {
			p.errorf(d.line, "countdown must be a number of seconds from %d to %d, not %q", MinCountdown, MaxCountdown, d.value)
		} else {
			q.Countdown = n
		}
	}
}
