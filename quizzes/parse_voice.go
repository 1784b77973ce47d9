package quizzes

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/roundtable-kit/roundtable/freetext"
)

// The directives of the room's voice kinds (DECKS.md, "The room's voice"),
// each with the kinds it applies to.
var voiceKeys = map[string][]Kind{
	"max":        {OpenText, TypeAnswer, WordCloud, Feedback},
	"moderation": {OpenText},
	"entries":    {WordCloud},
	"scale":      {Scale},
	"low":        {Scale, Feedback},
	"high":       {Scale, Feedback},
	"range":      {Number},
	"step":       {Number},
	"tolerance":  {Number},
	"accept":     {TypeAnswer},
	"prefer-not": {Poll, Scale, OpenText, WordCloud, Number, Ranking},
	"open":       {Feedback},
}

// voiceKeyOrder is the order the directives are read in, so that problems
// come out the same each time.
var voiceKeyOrder = []string{"max", "moderation", "entries", "scale", "low", "high", "range", "step", "tolerance", "accept", "prefer-not", "open"}

// maxNumber bounds every number a deck gives, so that no step or range can
// make a histogram or a comparison misbehave.
const maxNumber = 1e12

// voiceFields reads the room's voice directives into q and sets the
// defaults of its kind; line is the question directive's line.
func (p *deckParser) voiceFields(q *Question, dirs map[string]directive, line int) {
	for _, key := range voiceKeyOrder {
		d, ok := dirs[key]
		if !ok || d.value == "" {
			continue
		}
		if !q.Kind.Valid() {
			continue // the kind is reported
		}
		kinds := voiceKeys[key]
		if !containsKind(kinds, q.Kind) {
			p.errorf(d.line, "%s: does not apply to a %s question (it is for %s)", key, q.Kind, kindList(kinds))
			continue
		}
		p.voiceField(q, key, d)
	}
	switch q.Kind {
	case OpenText:
		if q.MaxChars == 0 {
			q.MaxChars = DefaultOpenChars
		}
		if q.Moderation == "" {
			q.Moderation = ModerationQueue
		}
	case TypeAnswer:
		if q.MaxChars == 0 {
			q.MaxChars = DefaultTypeChars
		}
		if len(q.Accept) == 0 {
			p.errorf(line, "a typeanswer question needs its accepted answers: <!-- accept: Answer | Variant -->")
		}
		for _, a := range q.Accept {
			if n := utf8.RuneCountInString(a); n > q.MaxChars {
				p.errorf(dirs["accept"].line, "accept: %q is %d characters, longer than max: %d; no phone could type it", a, n, q.MaxChars)
			}
		}
	case WordCloud:
		if q.MaxChars == 0 {
			q.MaxChars = DefaultWordChars
		}
		if q.Entries == 0 {
			q.Entries = 1
		}
	case Scale:
		if q.Points == 0 {
			q.Points = DefaultPoints
		}
	case Feedback:
		q.Points = FeedbackPoints
		if q.MaxChars == 0 {
			q.MaxChars = DefaultOpenChars
		}
	case Number:
		if _, ok := dirs["range"]; !ok {
			p.errorf(line, "a number question needs its range: <!-- range: 0..100 -->")
		}
		if q.Step == 0 {
			q.Step = 1
		}
		if q.Answer != nil && q.Max > q.Min && (*q.Answer < q.Min || *q.Answer > q.Max) {
			p.errorf(dirs["answer"].line, "answer: %g is outside the range %g..%g", *q.Answer, q.Min, q.Max)
		}
		if d, ok := dirs["tolerance"]; ok && q.Answer == nil {
			p.errorf(d.line, "tolerance: needs the true value: <!-- answer: 42 -->")
		}
		if q.Max > q.Min && (q.Max-q.Min)/q.Step > 1e6 {
			at := dirs["range"].line
			if d, ok := dirs["step"]; ok {
				at = d.line
			}
			p.errorf(at, "the range %g..%g in steps of %g has more than a million values; use a larger step", q.Min, q.Max, q.Step)
		}
	}
}

// voiceField reads one directive that applies to q's kind.
func (p *deckParser) voiceField(q *Question, key string, d directive) {
	v := d.value
	switch key {
	case "max":
		lo, hi := 1, DefaultOpenChars
		switch q.Kind {
		case TypeAnswer:
			hi = DefaultTypeChars
		case WordCloud:
			hi = DefaultWordChars
		}
		if n, ok := p.intIn(d, key, lo, hi); ok {
			q.MaxChars = n
		}
	case "moderation":
		switch m := strings.ToLower(v); m {
		case ModerationQueue, ModerationStream:
			q.Moderation = m
		default:
			p.errorf(d.line, "moderation: must be queue or stream, not %q", v)
		}
	case "entries":
		if n, ok := p.intIn(d, key, 1, MaxEntries); ok {
			q.Entries = n
		}
	case "scale":
		if n, ok := p.intIn(d, key, MinPoints, MaxPoints); ok {
			q.Points = n
		}
	case "low", "high":
		t := plainInline(v)
		if n := utf8.RuneCountInString(t); n > MaxOptionRunes {
			p.errorf(d.line, "%s: is %d characters; the limit is %d", key, n, MaxOptionRunes)
			return
		}
		if key == "low" {
			q.Low = t
		} else {
			q.High = t
		}
	case "range":
		a, b, ok := strings.Cut(v, "..")
		lo, err1 := parseNumber(a)
		hi, err2 := parseNumber(b)
		switch {
		case !ok || err1 != nil || err2 != nil:
			p.errorf(d.line, "range: must be MIN..MAX, like 0..100 or -5..5.5, not %q", v)
		case lo >= hi:
			p.errorf(d.line, "range: %g..%g is empty: the first number must be the smaller", lo, hi)
		default:
			q.Min, q.Max = lo, hi
		}
	case "step":
		s, err := parseNumber(v)
		if err != nil || s <= 0 {
			p.errorf(d.line, "step: must be a number above 0, like 1 or 0.5, not %q", v)
			return
		}
		q.Step = s
	case "tolerance":
		t, err := parseNumber(v)
		if err != nil || t < 0 {
			p.errorf(d.line, "tolerance: must be a number, 0 or more, not %q", v)
			return
		}
		q.Tolerance = t
	case "accept":
		seen := map[string]bool{}
		for _, a := range strings.Split(v, "|") {
			a = strings.TrimSpace(a)
			f := freetext.Fold(a)
			switch {
			case a == "":
				p.errorf(d.line, "accept: an accepted answer is empty (answers are separated by |)")
			case f == "":
				p.errorf(d.line, "accept: %q has no letter or digit, so no typed answer can match it", a)
			case seen[f]:
				p.warnf(d.line, "accept: %q is given twice (answers are compared without case and accents)", a)
			default:
				seen[f] = true
				q.Accept = append(q.Accept, a)
			}
		}
	case "prefer-not":
		if b, ok := p.yesNo(d, key); ok {
			q.PreferNot = b
		}
	case "open":
		t := plainInline(v)
		if n := utf8.RuneCountInString(t); n > MaxTitleRunes {
			p.errorf(d.line, "open: is %d characters; the limit is %d", n, MaxTitleRunes)
			return
		}
		q.Open = t
	}
}

// intIn reads a whole number from lo to hi.
func (p *deckParser) intIn(d directive, key string, lo, hi int) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(d.value))
	if err != nil || n < lo || n > hi {
		p.errorf(d.line, "%s: must be a whole number from %d to %d, not %q", key, lo, hi, d.value)
		return 0, false
	}
	return n, true
}

// yesNo reads yes or no (also on/off, true/false).
func (p *deckParser) yesNo(d directive, key string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(d.value)) {
	case "yes", "on", "true":
		return true, true
	case "no", "off", "false":
		return false, true
	}
	p.errorf(d.line, "%s: must be yes or no, not %q", key, d.value)
	return false, false
}

// parseNumber reads a plain decimal number, bounded by maxNumber.
func parseNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err == nil && (math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > maxNumber) {
		err = strconv.ErrRange
	}
	return v, err
}

// numberAnswer reads a number question's answer: directive, its true value.
func (p *deckParser) numberAnswer(q *Question, d directive) {
	v, err := parseNumber(d.value)
	if err != nil {
		p.errorf(d.line, "answer: a number question's answer is its true value, a number like 42 or 3.5, not %q", d.value)
		return
	}
	q.Answer = &v
}

// slideReactions reads a slide's reactions: directive.
func (p *deckParser) slideReactions(s *Slide, dirs map[string]directive) {
	d, ok := dirs["reactions"]
	if !ok || d.value == "" {
		return
	}
	if on, ok := p.yesNo(d, "reactions"); ok {
		s.Reactions = map[bool]string{true: "on", false: "off"}[on]
	}
}

func containsKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func kindList(ks []Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
