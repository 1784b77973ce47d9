package convert

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// draft is a question as a reader found it, before the checks that every
// format shares.
type draft struct {
	line        int
	name        string // the source's own name for it (GIFT ::title::), for the id
	kind        quizzes.Kind
	prompt      string // plain text
	body        string // the prompt as Markdown when it has formatting plain text loses (GIFT HTML), else ""
	options     []quizzes.Option
	explanation string   // Markdown, already escaped or sanitized by the reader
	notes       []string // what was lost on the way, for the report
	// voice holds the fields of the kinds beyond choices (MaxChars,
	// Accept, Min, Max, Answer, …), copied onto the question as they are.
	voice quizzes.Question
}

// builder collects slides and the report; it owns the checks against the
// deck limits so that every reader skips the same things for the same
// reasons.
type builder struct {
	lang  string
	deck  quizzes.Deck
	rep   Report
	ids   map[string]bool
	count int // questions taken, for generated ids
}

func newBuilder(format, unit, lang string) *builder {
	return &builder{lang: lang, rep: Report{Format: format, Unit: unit}, ids: map[string]bool{}}
}

func (b *builder) full(line int, title string) bool {
	if len(b.deck.Slides) < quizzes.MaxSlides {
		return false
	}
	b.rep.skip(line, title, fmt.Sprintf("the deck already has %d slides, the most a deck may have", quizzes.MaxSlides))
	return true
}

// question checks d and adds it as a question slide, or reports why not.
func (b *builder) question(d draft) {
	d.prompt = oneLine(d.prompt)
	if b.full(d.line, d.prompt) {
		return
	}
	if d.prompt == "" {
		b.rep.skip(d.line, d.name, "the question has no text")
		return
	}
	if !optionKind(d.kind) {
		if len(d.options) > 0 {
			d.notes = append(d.notes, fmt.Sprintf("its %d options are left out: %s", len(d.options), kindWithout(d.kind)))
			d.options = nil
		}
	} else if reason := b.checkOptions(&d); reason != "" {
		b.rep.skip(d.line, d.prompt, reason)
		return
	}
	q := &quizzes.Question{
		ID:          b.newID(d.name),
		Kind:        d.kind,
		Prompt:      d.prompt,
		Options:     d.options,
		Explanation: collapseBlank(d.explanation),
	}
	setVoice(q, &d.voice)
	if d.name != "" && q.ID != d.name {
		if safeName(d.name) {
			q.Name = d.name // the id had to change; the name is kept for export
		} else {
			d.notes = append(d.notes, "its name is not kept (it holds \"-->\" or is over 200 characters)")
		}
	}
	s := quizzes.Slide{Question: q, Line: d.line}
	if d.body != "" {
		s.Markdown = promptMarkdown(d.prompt, d.body)
	} else if utf8.RuneCountInString(d.prompt) <= quizzes.MaxTitleRunes {
		s.Title = d.prompt
		s.Markdown = "## " + escapeInline(d.prompt)
	} else {
		// Too long for a title: the parser takes the first paragraph instead.
		s.Markdown = escapeBlock(d.prompt)
	}
	if len(s.Markdown)+len(q.Explanation)+optionBytes(q.Options) > quizzes.MaxSlideBytes-1024 {
		b.rep.skip(d.line, d.prompt, fmt.Sprintf("the question is longer than a slide may be (%d KiB)", quizzes.MaxSlideBytes>>10))
		return
	}
	b.deck.Slides = append(b.deck.Slides, s)
	b.count++
	reason := describe(q)
	if len(d.notes) > 0 {
		reason += "; " + strings.Join(d.notes, "; ")
	}
	b.rep.take(d.line, d.prompt, reason)
}

// checkOptions trims the options, settles the kind from the right answers
// and returns why the question cannot be taken, or "".
func (b *builder) checkOptions(d *draft) string {
	n := len(d.options)
	switch {
	case n < quizzes.MinChoiceOption:
		return fmt.Sprintf("a question needs at least %d options, this one has %d", quizzes.MinChoiceOption, n)
	case n > quizzes.MaxOptions:
		return fmt.Sprintf("%d options; a question may have at most %d", n, quizzes.MaxOptions)
	}
	same := true
	for i := range d.options {
		same = same && oneLine(d.options[i].Text) == oneLine(d.options[0].Text)
	}
	if same {
		return fmt.Sprintf("all %d options read the same (%q): the answers must have been pictures or media the file does not hold", n, clip(oneLine(d.options[0].Text), 20))
	}
	right := 0
	for i := range d.options {
		o := &d.options[i]
		o.Text = oneLine(o.Text)
		if o.Text == "" {
			return fmt.Sprintf("option %d is empty", i+1)
		}
		if utf8.RuneCountInString(o.Text) > quizzes.MaxOptionRunes {
			return fmt.Sprintf("option %d is longer than %d characters", i+1, quizzes.MaxOptionRunes)
		}
		if o.Correct {
			right++
		}
	}
	switch d.kind {
	case quizzes.Ranking:
		for i := range d.options {
			d.options[i].Correct, d.options[i].Weight = false, 0
		}
		if right > 0 {
			d.notes = append(d.notes, "the right answers marked are left out: a ranking has no right order")
		}
		return ""
	case quizzes.Poll:
		for i := range d.options {
			d.options[i].Correct = false
		}
	case quizzes.TrueFalse:
		if n != 2 || right != 1 {
			return "a true/false question needs two options and one right answer"
		}
	case quizzes.Single:
		if right > 1 {
			d.kind = quizzes.Multiple
			d.notes = append(d.notes, "several right answers, so participants may pick several")
			weighted := false
			for i := range d.options {
				weighted = weighted || d.options[i].Weight != 0
				d.options[i].Weight = 0
			}
			if weighted {
				d.notes = append(d.notes, "its partial-credit weights are left out: they were meant for picking one answer")
			}
		}
	}
	if right == 0 && d.kind != quizzes.Poll {
		d.kind = quizzes.Poll
		d.notes = append(d.notes, "no right answer, so it became a poll")
	}
	if d.kind == quizzes.Poll {
		weighted := false
		for i := range d.options {
			weighted = weighted || d.options[i].Weight != 0
			d.options[i].Weight = 0
		}
		if weighted {
			d.notes = append(d.notes, "its answer weights are left out: a poll scores nothing")
		}
	}
	return ""
}

// content adds a slide without a question; body is Markdown.
func (b *builder) content(line int, title, body string, notes ...string) {
	title = oneLine(title)
	if b.full(line, title+body) {
		return
	}
	if utf8.RuneCountInString(title) > quizzes.MaxTitleRunes {
		body = escapeBlock(title) + "\n\n" + body
		title = ""
	}
	md := strings.TrimSpace(body)
	if title != "" {
		md = strings.TrimSpace("## " + escapeInline(title) + "\n\n" + md)
	}
	if md == "" {
		b.rep.skip(line, "", "the slide has no text")
		return
	}
	if len(md) > quizzes.MaxSlideBytes-1024 {
		b.rep.skip(line, title+body, fmt.Sprintf("the slide is longer than a slide may be (%d KiB)", quizzes.MaxSlideBytes>>10))
		return
	}
	b.deck.Slides = append(b.deck.Slides, quizzes.Slide{Title: title, Markdown: md, Line: line})
	reason := "content slide"
	if len(notes) > 0 {
		reason += "; " + strings.Join(notes, "; ")
	}
	b.rep.take(line, firstNonEmpty(title, body), reason)
}

// safeName reports whether a source's question name can be kept in a
// <!-- name: … --> directive and read back unchanged.
func safeName(n string) bool {
	return n == oneLine(n) && !strings.Contains(n, "-->") && utf8.RuneCountInString(n) <= quizzes.MaxTitleRunes
}

// promptMarkdown lays out a formatted prompt: its first paragraph as the
// slide's heading (headings keep emphasis and links) when it is a short
// paragraph, the rest below; otherwise the whole Markdown, whose first
// paragraph the parser takes as the prompt.
func promptMarkdown(plain, md string) string {
	first, rest, _ := strings.Cut(md, "\n\n")
	heading := strings.Join(strings.Fields(strings.ReplaceAll(first, "\\\n", " ")), " ")
	blockStart := strings.HasPrefix(first, "- ") || strings.HasPrefix(first, "```") || strings.HasPrefix(first, "![") || orderedItemRE.MatchString(first)
	if blockStart || utf8.RuneCountInString(plain) > quizzes.MaxTitleRunes || heading == "" {
		if utf8.RuneCountInString(plain) <= quizzes.MaxTitleRunes && blockStart {
			return "## " + escapeInline(plain) + "\n\n" + md
		}
		return md
	}
	return strings.TrimSpace("## " + heading + "\n\n" + rest)
}

var orderedItemRE = regexp.MustCompile(`^\d{1,9}[.)] `)

// newID returns a stable id: the source's name for the question when it has
// one (so a re-import keeps pre/post comparisons), else q1, q2, ...
func (b *builder) newID(name string) string {
	base := name
	if !validID(base) {
		base = slug(name)
	}
	if base == "" {
		base = "q" + strconv.Itoa(b.count+1)
	}
	id := base
	for i := 2; b.ids[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	b.ids[id] = true
	return id
}

func optionBytes(os []quizzes.Option) int {
	n := 0
	for _, o := range os {
		n += len(o.Text) + 8
	}
	return n
}

// describe says in a few words what a question became.
func describe(q *quizzes.Question) string {
	right := len(q.Correct())
	var s string
	switch q.Kind {
	case quizzes.Single:
		s = fmt.Sprintf("single choice, %d options", len(q.Options))
	case quizzes.Multiple:
		s = fmt.Sprintf("multiple answer, %d of %d options right", right, len(q.Options))
	case quizzes.TrueFalse:
		s = "true/false"
	case quizzes.Poll:
		s = fmt.Sprintf("poll, %d options", len(q.Options))
	default:
		return describeVoice(q)
	}
	if q.Weighted() {
		s += ", with answer weights"
	}
	fb := 0
	for _, o := range q.Options {
		if o.Feedback != "" {
			fb++
		}
	}
	if fb > 0 {
		s += fmt.Sprintf(", feedback on %d of %d options", fb, len(q.Options))
	}
	return s
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// trueFalseWords are the two options of a true/false question in a deck's
// language.
func trueFalseWords(lang string) (string, string) {
	if lang == "es" {
		return "Verdadero", "Falso"
	}
	return "True", "False"
}

// looksTrueFalse reports whether two options read as true/false in either
// language, so spreadsheets (which have no such type) still get one.
func looksTrueFalse(os []quizzes.Option) bool {
	if len(os) != 2 {
		return false
	}
	a, b := strings.ToLower(oneLine(os[0].Text)), strings.ToLower(oneLine(os[1].Text))
	return (a == "true" && b == "false") || (a == "verdadero" && b == "falso") ||
		(a == "false" && b == "true") || (a == "falso" && b == "verdadero")
}

var idRE = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// validID reports whether s may be used as a question id as it is.
func validID(s string) bool { return len(s) <= quizzes.MaxQuestionID && idRE.MatchString(s) }
