package convert

import (
	"fmt"
	"math"
	"strings"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// GIFT's essay, short-answer and numerical questions, read into the room's
// voice kinds: open text, type the answer and number.

// essay reads `{}` (or `{####general feedback}`): open text, moderated.
func (g *giftReader) essay(d draft) {
	d.kind = quizzes.OpenText
	g.b.question(d)
}

// shortAnswer reads `{=a =b}`: each full-credit answer is accepted, as
// Moodle accepts it; partial credit, wildcards and answers the deck cannot
// hold are left out, each named in the report. Without one accepted answer
// left, the question becomes open text.
func (g *giftReader) shortAnswer(d draft, block, format string) {
	seen := map[string]bool{}
	var partial, dropped []string
	feedback := 0
	for _, a := range giftAnswers(block) {
		text, lost := giftPlain(literalStars(a.text), format)
		d.notes = append(d.notes, lost...)
		if a.feedback != "" {
			feedback++
		}
		w := a.weight
		if a.mark != '=' && !a.weighted {
			w = 100 // Moodle reads text before the first = as a full-credit answer
		}
		why := ""
		if w >= 100 {
			why = acceptable(text, seen) // before the literal stars are stars again: only a wildcard is one
		}
		text = strings.ReplaceAll(text, string(literalStar), "*")
		switch {
		case w < 100:
			partial = append(partial, fmt.Sprintf("%s (%g%%)", clip(text, 30), w))
		case why != "":
			dropped = append(dropped, fmt.Sprintf("%q (%s)", clip(text, 30), why))
		default:
			d.voice.Accept = append(d.voice.Accept, text)
		}
	}
	if len(partial) > 0 {
		d.notes = append(d.notes, "partial-credit answers left out: "+listSome(partial, ", ")+"; a typed answer is right or not")
	}
	if len(dropped) > 0 {
		d.notes = append(d.notes, "accepted answers left out: "+listSome(dropped, ", "))
	}
	if feedback > 0 {
		d.notes = append(d.notes, fmt.Sprintf("feedback on %d answer(s) left out; the accepted answers show at reveal", feedback))
	}
	d.kind = quizzes.TypeAnswer
	if len(d.voice.Accept) == 0 {
		d.kind = quizzes.OpenText
		d.notes = append(d.notes, "no full-credit answer the deck can hold, so it became open text")
	}
	g.b.question(d)
}

// literalStar stands for a short answer's escaped * while its text is
// converted, so that only an unescaped * reads as Moodle's wildcard.
const literalStar = '\uE0FF'

// literalStars marks the stars Moodle's short answer takes literally: "\*",
// and "\\*" (GIFT makes it "\*" too).
func literalStars(s string) string {
	s = strings.ReplaceAll(s, string(escBase)+"*", string(literalStar)) // escBase is an escaped backslash
	return strings.ReplaceAll(s, `\*`, string(literalStar))
}

// giftNumber is one answer of a numerical block: value ± tolerance.
type giftNumber struct {
	value, tol float64
	dec        int     // decimals the values were written with
	weight     float64 // percent
}

// numerical reads `{#42:5}`, `{#40..44}` and `{#=42:0 =%50%42:2}` into a
// number question: the first full-credit answer is the true value and its
// tolerance; a zero-credit answer around it is the range (ToGIFT writes the
// range that way), else numberRange chooses one. Other answers are named in
// the report.
func (g *giftReader) numerical(d draft, block string) {
	block = strings.TrimSpace(block)
	var answers []giftAnswer
	if strings.ContainsAny(block, "=~") {
		answers = giftAnswers(block)
	} else {
		a := giftAnswer{weight: 100, weighted: true}
		a.text, a.feedback, _ = strings.Cut(block, "#")
		answers = []giftAnswer{a}
	}
	var nums []giftNumber
	feedback := 0
	for _, a := range answers {
		if a.feedback != "" {
			feedback++
		}
		text := strings.TrimSpace(restore(a.text))
		if text == "" {
			continue // "~#feedback": what any other answer gets
		}
		n, ok := parseGIFTNumber(text)
		if !ok {
			g.b.rep.skip(d.line, d.prompt, fmt.Sprintf("numerical answer %q is not a number, a number:tolerance or a min..max range (numbers up to 10^12, at most %d decimals)", clip(text, 30), maxDecimals))
			return
		}
		n.weight = a.weight
		switch {
		case a.weighted:
		case a.mark == '~':
			n.weight = 0
		default:
			n.weight = 100 // "=x", and, as in Moodle, text before the first =
		}
		nums = append(nums, n)
	}
	if len(nums) == 0 {
		g.b.rep.skip(d.line, d.prompt, "the numerical question has no answer")
		return
	}
	right := -1
	for i, n := range nums {
		if n.weight >= 100 {
			right = i
			break
		}
	}
	v := &d.voice
	d.kind = quizzes.Number
	var left []string
	truth := nums[0]
	if right >= 0 {
		truth = nums[right]
		a := truth.value
		v.Answer, v.Tolerance = &a, truth.tol
	} else {
		d.notes = append(d.notes, "no answer earns full credit, so it has no true value: the room's answers show as a distribution")
	}
	dec := truth.dec
	ranged := false
	for i, n := range nums {
		if i == right {
			continue
		}
		lo, hi := n.value-n.tol, n.value+n.tol
		if right >= 0 && !ranged && n.weight == 0 && lo <= truth.value-truth.tol && hi >= truth.value+truth.tol && n.tol > truth.tol {
			v.Min, v.Max, ranged = roundTo(lo, n.dec), roundTo(hi, n.dec), true
			dec = max(dec, n.dec)
			continue
		}
		s := numberText(n)
		if n.weight != 0 {
			s += fmt.Sprintf(" (%g%%)", n.weight)
		}
		left = append(left, s)
	}
	if len(left) > 0 {
		d.notes = append(d.notes, "other answers left out: "+listSome(left, "; ")+"; a number question has one true value and its tolerance")
	}
	if feedback > 0 {
		d.notes = append(d.notes, fmt.Sprintf("feedback on %d answer(s) left out; the true value shows at reveal", feedback))
	}
	if ranged {
		v.Step = stepFor(v.Min, v.Max, dec)
	} else {
		v.Min, v.Max, v.Step = numberRange(truth.value, truth.tol, dec)
		d.notes = append(d.notes, "range chosen, as GIFT gives none: "+rangeReason)
	}
	g.b.question(d)
}

// rangeReason says in the report how numberRange chose a range.
const rangeReason = "room either side of the answer (ten tolerances, a tenth of the answer or ten steps, whichever is most), rounded out; change range: to suit the room"

// parseGIFTNumber reads one numerical answer: "42", "42:5" or "40..44"
// (which Moodle reads as 42 ± 2). dec is the decimals the numbers were
// written with, which sets the step: 9..12 is answered in whole numbers
// even though its middle is 10.5.
func parseGIFTNumber(s string) (giftNumber, bool) {
	var n giftNumber
	if a, b, ok := strings.Cut(s, ".."); ok {
		lo, ok1 := parsePlainNumber(a)
		hi, ok2 := parsePlainNumber(b)
		if !ok1 || !ok2 {
			return n, false
		}
		lo, hi = min(lo, hi), max(lo, hi)
		n.dec = max(decimals(lo), decimals(hi))
		n.value, n.tol = roundTo((lo+hi)/2, n.dec+1), roundTo((hi-lo)/2, n.dec+1)
	} else {
		num, tol, _ := strings.Cut(s, ":")
		var ok bool
		if n.value, ok = parsePlainNumber(num); !ok {
			return n, false
		}
		if strings.TrimSpace(tol) != "" {
			if n.tol, ok = parsePlainNumber(tol); !ok || n.tol < 0 {
				return n, false
			}
		}
		n.dec = max(decimals(n.value), decimals(n.tol))
	}
	if n.dec > maxDecimals || math.Abs(n.value)+n.tol > maxNumberAbs {
		return n, false
	}
	return n, true
}

// numberText writes an answer for the report: "1822 ± 2".
func numberText(n giftNumber) string {
	if n.tol == 0 {
		return formatNumber(n.value)
	}
	return formatNumber(n.value) + " ± " + formatNumber(n.tol)
}
