package convert

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/roundtable-kit/roundtable/quizzes"
)

var (
	aikenOptRE = regexp.MustCompile(`^([A-Z])[.)]\s*(.*)$`)
	aikenAnsRE = regexp.MustCompile(`(?i)^ANSWER\s*:\s*(.*)$`)
)

// aikenQuestion is one question being read: its text lines, then options.
type aikenQuestion struct {
	line    int
	prompt  []string
	options []quizzes.Option
	bad     string // why it cannot be taken, found while reading its options
}

// readAiken reads Moodle's Aiken format: a question (one line, or several
// before the first option), options "A. text" or "A) text", then
// "ANSWER: X". A question with a mistake is skipped with its line; reading
// goes on at the next question.
func readAiken(src, lang string) *builder {
	b := newBuilder("Aiken", "line", lang)
	var cur *aikenQuestion
	drop := func(reason string) {
		if cur != nil {
			b.rep.skip(cur.line, strings.Join(cur.prompt, " "), reason)
		}
		cur = nil
	}
	for i, l := range strings.Split(src, "\n") {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if m := aikenAnsRE.FindStringSubmatch(t); m != nil {
			if cur == nil {
				b.rep.skip(i+1, "", "ANSWER: line without a question before it")
				continue
			}
			b.aikenAnswer(cur, strings.ToUpper(strings.TrimSpace(m[1])))
			cur = nil
			continue
		}
		if m := aikenOptRE.FindStringSubmatch(t); m != nil && cur != nil {
			want := byte('A' + len(cur.options))
			if m[1][0] != want && cur.bad == "" {
				cur.bad = fmt.Sprintf("option %s. on line %d where %c. was expected", m[1], i+1, want)
			}
			cur.options = append(cur.options, quizzes.Option{Text: m[2]})
			continue
		}
		if cur != nil && len(cur.options) > 0 {
			drop("no ANSWER: line after the options")
		}
		if cur == nil {
			cur = &aikenQuestion{line: i + 1}
			if m := aikenOptRE.FindStringSubmatch(t); m != nil && len(t) > 2 && (t[1] == '.' || t[1] == ')') {
				// Moodle reads this as an option with no question before it.
				cur.bad = fmt.Sprintf("line %d is an option (%s) with no question before it", i+1, t[:2])
			}
		}
		cur.prompt = append(cur.prompt, t)
	}
	if cur != nil {
		drop("no ANSWER: line after the options")
	}
	return b
}

func (b *builder) aikenAnswer(q *aikenQuestion, answer string) {
	prompt := strings.Join(q.prompt, " ")
	switch {
	case q.bad != "" && len(q.options) == 0:
		b.rep.skip(q.line, prompt, q.bad)
		return
	case q.bad != "":
		b.rep.skip(q.line, prompt, q.bad)
		return
	case len(q.options) == 0:
		b.rep.skip(q.line, prompt, "the question has no options (A. text, B. text, …)")
		return
	case len(answer) != 1 || answer[0] < 'A' || answer[0] > 'Z':
		b.rep.skip(q.line, prompt, fmt.Sprintf("ANSWER: %q is not one option letter", answer))
		return
	}
	k := int(answer[0] - 'A')
	if k >= len(q.options) {
		b.rep.skip(q.line, prompt, fmt.Sprintf("ANSWER: %s, but the options go from A to %c", answer, 'A'+len(q.options)-1))
		return
	}
	q.options[k].Correct = true
	b.question(draft{line: q.line, kind: quizzes.Single, prompt: prompt, options: q.options})
}
