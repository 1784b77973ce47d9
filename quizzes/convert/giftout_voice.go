package convert

import (
	"fmt"
	"math"
	"strings"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// What GIFT can hold of the room's voice kinds: a typed answer is a short
// answer, a number with a true value is a numerical question, open text is
// an essay. Scales, rankings, word clouds and the Q&A have no GIFT form.

// giftCannot says why a kind is left out of a GIFT export.
func giftCannot(k quizzes.Kind) string {
	switch k {
	case quizzes.Scale:
		return "a scale question: GIFT has no scale"
	case quizzes.Ranking:
		return "a ranking question: GIFT has no ranking (its matching questions pair items, they do not order them)"
	case quizzes.WordCloud:
		return "a word cloud: GIFT has no word cloud"
	case quizzes.QA:
		return "the anonymous Q&A slide: GIFT has no such question"
	}
	return fmt.Sprintf("a %s question: GIFT has no such question", k)
}

// giftVoiceBlock writes the answer block of a typed answer, a number or
// open text, without the general feedback.
func giftVoiceBlock(q *quizzes.Question) (block string, lost []string, why string) {
	var b strings.Builder
	switch q.Kind {
	case quizzes.TypeAnswer:
		n := 0
		for _, a := range q.Accept {
			if strings.Contains(a, "->") {
				lost = append(lost, fmt.Sprintf("accepted answer %q is left out: GIFT would read -> as a matching pair", clip(a, 30)))
				continue
			}
			b.WriteString("\n=" + giftAccepted(a))
			n++
		}
		if n == 0 {
			return "", nil, "a typed answer whose accepted answers all hold ->, which GIFT reads as matching pairs"
		}
		b.WriteString("\n")
		if q.MaxChars > 0 && q.MaxChars != defaultChars(q.Kind) {
			lost = append(lost, fmt.Sprintf("its limit of %d characters is not kept: GIFT has none", q.MaxChars))
		}
	case quizzes.Number:
		if q.Answer == nil {
			return "", nil, "a number question without a true value: GIFT's numerical question needs a right answer"
		}
		a := *q.Answer
		step := q.Step
		if step == 0 {
			step = 1
		}
		b.WriteString("#=" + giftValue(a, q.Tolerance, step))
		// What the reader makes of the block: the range numberRange
		// chooses, or, when that is not the deck's, the range written as a
		// zero-credit answer spanning it (Moodle scores it like any wrong
		// answer), with a step from the decimals written.
		dec := writtenDecimals(a, q.Tolerance, step)
		backMin, backMax, backStep := numberRange(a, q.Tolerance, dec)
		if backMin != q.Min || backMax != q.Max || !sameNumber(backStep, step) {
			b.WriteString(" =%0%" + giftNum(q.Min) + ".." + giftNum(q.Max))
			dec = max(dec, decimals(q.Min), decimals(q.Max))
			backMin, backMax, backStep = q.Min, q.Max, stepFor(q.Min, q.Max, dec)
		}
		if dec > maxDecimals {
			return "", nil, fmt.Sprintf("a number question with more than %d decimals, which Roundtable's GIFT reader does not read back", maxDecimals)
		}
		if backMin != q.Min || backMax != q.Max {
			lost = append(lost, fmt.Sprintf("its range %s..%s is not kept: it reads back as %s..%s", formatNumber(q.Min), formatNumber(q.Max), formatNumber(backMin), formatNumber(backMax)))
		}
		if !sameNumber(backStep, step) {
			lost = append(lost, fmt.Sprintf("its step %s is not kept: GIFT has none, and it reads back as %s", formatNumber(step), formatNumber(backStep)))
		}
	case quizzes.OpenText:
		if q.MaxChars > 0 && q.MaxChars != defaultChars(q.Kind) {
			lost = append(lost, fmt.Sprintf("its limit of %d characters is not kept: a Moodle essay has none", q.MaxChars))
		}
		if q.Moderation == quizzes.ModerationStream {
			lost = append(lost, "moderation: stream is not kept: a Moodle essay is graded, not shown")
		}
	}
	return b.String(), lost, ""
}

// giftAccepted writes an accepted answer as Moodle compares it: the text
// itself (with * escaped), since Moodle matches a short answer's typed
// response with the answer's raw text, never with its Markdown. When the
// question's [markdown] would read the text differently, a [plain] prefix
// says so (Moodle and this reader strip it).
func giftAccepted(a string) string {
	// A * is Moodle's wildcard; \* is the star itself.
	text := strings.ReplaceAll(giftEscape(a), "*", `\*`)
	if escapeText(a, true) != a || strings.HasPrefix(a, "%") || strings.HasPrefix(a, "[") {
		return "[plain]" + text
	}
	return text
}

func sameNumber(a, b float64) bool { return math.Abs(a-b) <= 1e-9*max(math.Abs(a), math.Abs(b)) }

// giftValue writes a true value and its tolerance as "42:5", or as the
// range "9..12" when that needs fewer decimals than "10.5:1.5" and those
// are the step's (the decimals written set the step when the file is read
// back).
func giftValue(a, tol, step float64) string {
	if lo, hi, ok := rangeForm(a, tol, step); ok {
		return giftNum(lo) + ".." + giftNum(hi)
	}
	if tol == 0 {
		return giftNum(a)
	}
	return giftNum(a) + ":" + giftNum(tol)
}

// rangeForm returns a ± tol as lo..hi when that form reads back exactly
// and needs fewer decimals.
func rangeForm(a, tol, step float64) (lo, hi float64, ok bool) {
	if tol <= 0 {
		return 0, 0, false
	}
	dec := max(decimals(a), decimals(tol))
	lo, hi = roundTo(a-tol, dec), roundTo(a+tol, dec)
	d := max(decimals(lo), decimals(hi))
	back := roundTo((lo+hi)/2, d+1)
	return lo, hi, d < dec && sameNumber(stepOf(d), step) && back == a && roundTo((hi-lo)/2, d+1) == tol
}

// writtenDecimals is the decimals giftValue writes a ± tol with.
func writtenDecimals(a, tol, step float64) int {
	if lo, hi, ok := rangeForm(a, tol, step); ok {
		return max(decimals(lo), decimals(hi))
	}
	return max(decimals(a), decimals(tol))
}

// giftNum writes a number for a GIFT numerical answer; a leading - is
// plain text there.
func giftNum(v float64) string { return giftEscape(formatNumber(v)) }
