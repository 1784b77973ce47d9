package convert

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/roundtable-kit/roundtable/freetext"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// The room's voice kinds (issue 8) as the readers make them: open text,
// word cloud, type the answer, number and ranking. Their fields ride on
// draft.voice; this file holds what every reader shares about them.

// Bounds the deck parser holds these kinds to (DECKS.md, "The room's voice").
const (
	typeAnswerChars = quizzes.DefaultTypeChars // the longest accepted answer a phone can type
	maxNumberAbs    = 1e12                     // the largest number a deck may give
	maxNumberValues = 1e6                      // the most values a number question's range may hold
	maxDecimals     = 9                        // the finest step an import makes
	numberRoomTols  = 10                       // room either side of the answer, in tolerances…
	numberRoomShare = 0.1                      // …or in shares of the answer's size…
	numberRoomSteps = 10                       // …or in steps, whichever is most
	roomEpsilon     = 1e-12                    // float slack when rounding a range out
)

// optionKind reports whether the kind's question has options (choices) or
// items (ranking); the other kinds have neither.
func optionKind(k quizzes.Kind) bool { return k.HasOptions() }

// kindWithout says why a kind has no options, for the report.
func kindWithout(k quizzes.Kind) string {
	switch k {
	case quizzes.OpenText:
		return "an open question is answered in the phone's own words"
	case quizzes.WordCloud:
		return "a word cloud is answered in the phone's own words"
	case quizzes.TypeAnswer:
		return "a typed answer is compared with the accepted answers"
	case quizzes.Number:
		return "a number question is answered with a number"
	}
	return "this kind has none"
}

// setVoice copies the fields of the kinds beyond choices from v onto q.
func setVoice(q, v *quizzes.Question) {
	q.MaxChars, q.Moderation, q.Entries = v.MaxChars, v.Moderation, v.Entries
	q.Points, q.Low, q.High = v.Points, v.Low, v.High
	q.Min, q.Max, q.Step, q.Answer, q.Tolerance = v.Min, v.Max, v.Step, v.Answer, v.Tolerance
	q.Accept, q.PreferNot = v.Accept, v.PreferNot
}

// describeVoice says in a few words what a question of a voice kind became.
func describeVoice(q *quizzes.Question) string {
	switch q.Kind {
	case quizzes.OpenText:
		return "open text, moderated (answers wait for the presenter)"
	case quizzes.WordCloud:
		return "word cloud"
	case quizzes.TypeAnswer:
		return fmt.Sprintf("type the answer, accepted: %s", listSome(q.Accept, " | "))
	case quizzes.Number:
		s := fmt.Sprintf("number from %s to %s", formatNumber(q.Min), formatNumber(q.Max))
		if q.Step != 0 && q.Step != 1 {
			s += " in steps of " + formatNumber(q.Step)
		}
		if q.Answer == nil {
			return s + ", no true value"
		}
		return s + fmt.Sprintf(", answer %s ± %s", formatNumber(*q.Answer), formatNumber(q.Tolerance))
	case quizzes.Ranking:
		return fmt.Sprintf("ranking, %d items", len(q.Options))
	case quizzes.Scale:
		return fmt.Sprintf("scale of %d points", q.Points)
	}
	return string(q.Kind)
}

// formatNumber writes a number as the deck syntax reads it: plain decimals,
// never an exponent.
func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// plainNumberRE is a number as a quiz file writes it: no hex, no "Inf",
// no "NaN", which strconv would also read.
var plainNumberRE = regexp.MustCompile(`^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d{1,3})?$`)

// parsePlainNumber reads a decimal number within the bounds of a deck.
func parsePlainNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if !plainNumberRE.MatchString(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.Abs(v) > maxNumberAbs {
		return 0, false
	}
	return v, true
}

// decimals counts the digits after the point that v needs.
func decimals(v float64) int {
	_, frac, _ := strings.Cut(formatNumber(v), ".")
	return len(frac)
}

func roundTo(v float64, dec int) float64 {
	p := math.Pow(10, float64(dec))
	return math.Round(v*p) / p
}

// numberRange chooses the range of a number question whose source gives
// only the true value and its tolerance (GIFT's numerical): the accepted
// values with room either side (ten tolerances, a tenth of the answer's
// size or ten steps, whichever is most), rounded out to whole multiples
// of a power of ten, and not below 0 when no accepted value is. So
// 1822 ± 1 gets 1600..2100, 4 gets 0..20, 3.1415 ± 0.0005 gets 2.8..3.5.
// It also returns the step, raised by powers of ten when the range would
// hold more values than a deck allows.
func numberRange(answer, tol float64, dec int) (lo, hi, step float64) {
	step = stepOf(dec)
	room := max(numberRoomTols*tol, numberRoomShare*math.Abs(answer), numberRoomSteps*step)
	unit := max(math.Pow(10, math.Floor(math.Log10(room))), step)
	lo = math.Floor((answer-tol-room)/unit+roomEpsilon) * unit
	hi = math.Ceil((answer+tol+room)/unit-roomEpsilon) * unit
	if answer-tol >= 0 && lo < 0 {
		lo = 0
	}
	lo, hi = max(lo, -maxNumberAbs), min(hi, maxNumberAbs)
	lo, hi = roundTo(lo, max(dec, 0)), roundTo(hi, max(dec, 0))
	return lo, hi, stepFor(lo, hi, dec)
}

// stepFor returns the step of numbers written with dec decimals, 10^-dec,
// made coarser by powers of ten until lo..hi holds at most the million
// values a deck allows.
func stepFor(lo, hi float64, dec int) float64 {
	step := stepOf(dec)
	for (hi-lo)/step > maxNumberValues {
		dec--
		step = stepOf(dec)
	}
	return step
}

// stepOf returns 10 to the power -dec, exactly as the deck parser reads
// it back from its decimal form.
func stepOf(dec int) float64 {
	v, _ := strconv.ParseFloat("1e"+strconv.Itoa(-dec), 64)
	return v
}

// acceptable checks one accepted answer of a typed-answer question against
// what the deck can hold, and returns why it cannot be kept, or "".
func acceptable(a string, seen map[string]bool) string {
	f := freetext.Fold(a)
	switch {
	case f == "":
		return "it has no letter or digit, so no typed answer can match it"
	case strings.Contains(a, "*"):
		return "Moodle's * wildcard: a typed answer is compared whole"
	case strings.Contains(a, "|") || strings.Contains(a, "-->"):
		return "it holds | or -->, which an accept: line cannot"
	case utf8.RuneCountInString(a) > typeAnswerChars:
		return fmt.Sprintf("it is longer than %d characters, more than a phone may type", typeAnswerChars)
	case seen[f]:
		return "it reads the same as another once case and accents are folded"
	}
	seen[f] = true
	return ""
}

// voiceDirectives writes the directives of q's voice fields, one per
// comment, in the deck syntax of DECKS.md; a field at its kind's default
// is left out.
func voiceDirectives(q *quizzes.Question) []string {
	var out []string
	add := func(k, v string) { out = append(out, k+": "+v) }
	switch q.Kind {
	case quizzes.OpenText, quizzes.WordCloud, quizzes.TypeAnswer:
		if q.MaxChars > 0 && q.MaxChars != defaultChars(q.Kind) {
			add("max", strconv.Itoa(q.MaxChars))
		}
	}
	if q.Kind == quizzes.OpenText && q.Moderation != "" && q.Moderation != quizzes.ModerationQueue {
		add("moderation", q.Moderation)
	}
	if q.Kind == quizzes.WordCloud && q.Entries > 1 {
		add("entries", strconv.Itoa(q.Entries))
	}
	if q.Kind == quizzes.Scale {
		if q.Points > 0 && q.Points != defaultPoints {
			add("scale", strconv.Itoa(q.Points))
		}
		if l := oneLine(q.Low); l != "" {
			add("low", commentSafe(escapeInline(l)))
		}
		if h := oneLine(q.High); h != "" {
			add("high", commentSafe(escapeInline(h)))
		}
	}
	if q.Kind == quizzes.Number {
		add("range", formatNumber(q.Min)+".."+formatNumber(q.Max))
		if q.Step > 0 && q.Step != 1 {
			add("step", formatNumber(q.Step))
		}
		if q.Answer != nil {
			add("answer", formatNumber(*q.Answer))
			if q.Tolerance > 0 {
				add("tolerance", formatNumber(q.Tolerance))
			}
		}
	}
	if q.Kind == quizzes.TypeAnswer && len(q.Accept) > 0 {
		add("accept", strings.Join(q.Accept, " | "))
	}
	if q.PreferNot {
		add("prefer-not", "yes")
	}
	return out
}

// The defaults of the voice kinds, which the writer leaves unsaid.
const defaultPoints = quizzes.DefaultPoints

func defaultChars(k quizzes.Kind) int {
	switch k {
	case quizzes.OpenText:
		return quizzes.DefaultOpenChars
	case quizzes.TypeAnswer:
		return quizzes.DefaultTypeChars
	}
	return quizzes.DefaultWordChars
}
