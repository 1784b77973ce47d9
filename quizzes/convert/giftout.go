package convert

import (
	"strconv"
	"strings"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// ToGIFT writes d as GIFT for Moodle: each question under its id as the
// GIFT name, in [markdown] format so the explanation keeps its formatting;
// content slides become descriptions. Presenter notes have no place in GIFT
// and are left out. Reading the result back gives the same questions.
func ToGIFT(d *quizzes.Deck) []byte {
	var b strings.Builder
	b.WriteString("// " + oneLine(d.Title) + " — exported from Roundtable\n\n")
	if t := oneLine(d.Title); t != "" {
		b.WriteString("$CATEGORY: " + strings.ReplaceAll(t, "/", "-") + "\n\n")
	}
	for i := range d.Slides {
		s := &d.Slides[i]
		q := s.Question
		if q == nil {
			if md := strings.TrimSpace(s.Markdown); md != "" {
				b.WriteString("[markdown]" + giftEscape(md) + "\n\n")
			}
			continue
		}
		if q.ID != "" {
			b.WriteString("::" + giftEscape(q.ID) + "::")
		}
		b.WriteString("[markdown]" + giftInline(q.Prompt) + " {")
		switch {
		case q.Kind == quizzes.TrueFalse && trueFalseOrder(q.Options):
			if q.Options[0].Correct {
				b.WriteString("T")
			} else {
				b.WriteString("F")
			}
		default:
			b.WriteString("\n")
			for _, o := range q.Options {
				b.WriteString(giftMark(q, o) + giftInline(o.Text) + "\n")
			}
		}
		if e := strings.TrimSpace(q.Explanation); e != "" {
			b.WriteString("####" + giftEscape(e))
			if q.Kind != quizzes.TrueFalse || !trueFalseOrder(q.Options) {
				b.WriteString("\n")
			}
		}
		b.WriteString("}\n\n")
	}
	return []byte(b.String())
}

// giftMark is the prefix of one option: = and ~ for a single answer;
// weights for multiple answers, as Moodle scores them (rights share 100%,
// wrongs share -100%); ~ for all of a poll, which reads back as a poll.
func giftMark(q *quizzes.Question, o quizzes.Option) string {
	switch q.Kind {
	case quizzes.Poll:
		return "~"
	case quizzes.Multiple:
		right := len(q.Correct())
		if o.Correct {
			return "~%" + weight(100/float64(right)) + "%"
		}
		if wrong := len(q.Options) - right; wrong > 0 {
			return "~%-" + weight(100/float64(wrong)) + "%"
		}
	}
	if o.Correct {
		return "="
	}
	return "~"
}

// weight writes a percentage with at most five decimals, as Moodle lists
// its grades (33.33333).
func weight(w float64) string {
	s := strconv.FormatFloat(w, 'f', 5, 64)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// trueFalseOrder reports whether the options are "True", "False" in either
// language, the only true/false question GIFT's {T} and {F} can say.
func trueFalseOrder(os []quizzes.Option) bool {
	if len(os) != 2 {
		return false
	}
	for _, lang := range []string{"en", "es"} {
		t, f := trueFalseWords(lang)
		if os[0].Text == t && os[1].Text == f {
			return true
		}
	}
	return false
}

// giftInline escapes plain text as Markdown (every emphasis marker, so
// the reader's Markdown-to-text step gives it back unchanged) and then for
// GIFT.
func giftInline(s string) string {
	md := escapeText(oneLine(s), true)
	if strings.HasPrefix(md, "%") {
		md = `\` + md // not a %weight%
	}
	return giftEscape(md)
}

// giftEscape escapes GIFT's specials and writes newlines as \n, so that a
// text is one line and can never end a question early.
func giftEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '~', '=', '#', '{', '}', ':':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
