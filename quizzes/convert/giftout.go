package convert

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// ToGIFT writes d as GIFT for Moodle: each question under its id as the
// GIFT name, in [markdown] format so the explanation keeps its formatting;
// content slides become descriptions. Presenter notes have no place in GIFT
// and are left out. Reading the result back gives the same questions. A
// question GIFT cannot hold is left out and named in a comment at the top;
// ExportGIFT also returns that report.
func ToGIFT(d *quizzes.Deck) []byte {
	out, _ := ExportGIFT(d)
	return out
}

// ExportGIFT writes d as GIFT (see ToGIFT) and reports, slide by slide,
// what was written, what GIFT cannot hold and so was left out (scales,
// rankings, word clouds, the Q&A, a number question without a true
// value), and what a written question lost (a character limit, a
// step).
func ExportGIFT(d *quizzes.Deck) ([]byte, *Report) {
	rep := &Report{Format: "GIFT export", Unit: "slide"}
	var body strings.Builder
	var cannot []string // one comment line per thing left out or lost, in slide order
	for i := range d.Slides {
		s := &d.Slides[i]
		q := s.Question
		if q == nil {
			if md := strings.TrimSpace(s.Markdown); md != "" {
				body.WriteString("[markdown]" + giftEscape(md) + "\n\n")
				rep.take(i+1, s.Title, "description")
			}
			continue
		}
		block, lost, why := giftAnswerBlock(q)
		if why != "" {
			rep.skip(i+1, q.Prompt, why)
			cannot = append(cannot, fmt.Sprintf("// slide %d, left out: %s (\"%s\")", i+1, why, clip(oneLine(q.Prompt), 60)))
			continue
		}
		if n := firstNonEmpty(oneLine(q.Name), q.ID); n != "" {
			body.WriteString("::" + giftEscape(n) + "::")
		}
		body.WriteString("[markdown]" + giftInline(q.Prompt) + " {" + block + "}\n\n")
		rep.take(i+1, q.Prompt, describe(q))
		for _, l := range lost {
			rep.warn(i+1, q.Prompt, l)
			cannot = append(cannot, fmt.Sprintf("// slide %d, written, but %s (\"%s\")", i+1, l, clip(oneLine(q.Prompt), 60)))
		}
	}
	var b strings.Builder
	b.WriteString("// " + oneLine(d.Title) + " — exported from Roundtable\n")
	if len(cannot) > 0 {
		b.WriteString("//\n// GIFT cannot hold everything in this deck:\n" + strings.Join(cannot, "\n") + "\n")
	}
	b.WriteString("\n")
	if t := oneLine(d.Title); t != "" {
		b.WriteString("$CATEGORY: " + strings.ReplaceAll(t, "/", "-") + "\n\n")
	}
	b.WriteString(body.String())
	return []byte(b.String()), rep
}

// giftAnswerBlock writes what goes between a question's braces, with what
// GIFT loses of it; why says why the question cannot be written at all.
func giftAnswerBlock(q *quizzes.Question) (block string, lost []string, why string) {
	var b strings.Builder
	choice := false
	switch q.Kind {
	case quizzes.TypeAnswer, quizzes.Number, quizzes.OpenText:
		if block, lost, why = giftVoiceBlock(q); why != "" {
			return "", nil, why
		}
		b.WriteString(block)
	case quizzes.TrueFalse:
		if !trueFalseOrder(q.Options) || q.Weighted() {
			choice = true // written as a choice: it comes back single
			break
		}
		// {T#feedback for the wrong option#feedback for the right one}
		right, wrong, mark := 0, 1, "T"
		if !q.Options[0].Correct {
			right, wrong, mark = 1, 0, "F"
		}
		b.WriteString(mark)
		if fr, fw := q.Options[right].Feedback, q.Options[wrong].Feedback; fr != "" || fw != "" {
			b.WriteString("#" + giftEscape(fw))
			if fr != "" {
				b.WriteString("#" + giftEscape(fr))
			}
		}
	case quizzes.Single, quizzes.Multiple, quizzes.Poll:
		choice = true
	default:
		return "", nil, giftCannot(q.Kind)
	}
	if q.PreferNot {
		lost = append(lost, "prefer-not is not kept: GIFT has no way to decline an answer")
	}
	if choice {
		b.WriteString("\n")
		for _, o := range q.Options {
			b.WriteString(giftMark(q, o) + giftInline(o.Text))
			if f := strings.TrimSpace(o.Feedback); f != "" {
				b.WriteString("#" + giftEscape(f))
			}
			b.WriteString("\n")
		}
	}
	if e := strings.TrimSpace(q.Explanation); e != "" {
		b.WriteString("####" + giftEscape(e))
		if choice {
			b.WriteString("\n")
		}
	}
	return b.String(), lost, ""
}

// giftMark is the prefix of one option: = and ~ for a single answer, with
// ~%n% for partial credit; for multiple answers each option's weight, or
// when it has none the shares Moodle scores like Roundtable (rights share
// 100%, wrongs share -100%); ~ for all of a poll, which reads back as a
// poll.
func giftMark(q *quizzes.Question, o quizzes.Option) string {
	switch q.Kind {
	case quizzes.Poll:
		return "~"
	case quizzes.Multiple:
		right := len(q.Correct())
		if q.Weighted() {
			switch {
			case o.Weight != 0:
				return "~%" + weight(o.Weight*100) + "%"
			case o.Correct && right > 0:
				return "~%" + weight(100/float64(right)) + "%"
			}
			return "~"
		}
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
	if o.Weight != 0 {
		return "~%" + weight(o.Weight*100) + "%"
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
