package quizzes

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/roundtable-kit/roundtable/freetext"
)

// Response is one participant's answer, in whichever shape its question's
// kind takes (PROTOCOL.md, answer): exactly one field is set. Choice holds
// option indexes (choice kinds; a ranking's items, best first); Text an
// open or typed answer; Words a word cloud's entries; Value a scale's point
// or a number; Skip is "prefer not to answer".
type Response struct {
	Choice []int
	Text   *string
	Words  []string
	Value  *float64
	Skip   bool
}

// TextError is a problem with what a participant typed (empty, too long,
// invisible characters, a word given twice): the protocol's bad_text.
// Every other error of Take is a shape error (bad_choice).
type TextError struct{ Err error }

func (e *TextError) Error() string { return e.Err.Error() }
func (e *TextError) Unwrap() error { return e.Err }

func textErr(err error) error { return &TextError{err} }

// Take validates a response against the question and returns it as it is
// kept: choices sorted (a ranking's order kept), text normalized with
// freetext (open text keeps its line breaks, the others do not), a number
// checked against its range and step. Every bound is checked here.
func (q *Question) Take(r Response) (Response, error) {
	if q.Kind == Feedback {
		return q.takeFeedback(r)
	}
	n := 0
	for _, set := range []bool{r.Choice != nil, r.Text != nil, r.Words != nil, r.Value != nil, r.Skip} {
		if set {
			n++
		}
	}
	if n > 1 {
		return Response{}, errors.New("an answer holds one of choice, text, words, value or skip")
	}
	if !q.Kind.Takes() {
		return Response{}, errors.New("this slide takes no answer")
	}
	if r.Skip {
		if !q.PreferNot {
			return Response{}, errors.New("this question does not offer \"prefer not to answer\"")
		}
		return Response{Skip: true}, nil
	}
	switch q.Kind {
	case OpenText, TypeAnswer:
		if r.Text == nil {
			return Response{}, fmt.Errorf("a %s question takes text", q.Kind)
		}
		s, err := freetext.Normalize(*r.Text, q.maxChars(), q.Kind == OpenText)
		if err != nil {
			return Response{}, textErr(err)
		}
		return Response{Text: &s}, nil
	case WordCloud:
		if r.Words == nil {
			return Response{}, errors.New("a wordcloud question takes words")
		}
		return q.checkWords(r.Words)
	case Scale, Number:
		if r.Value == nil {
			return Response{}, fmt.Errorf("a %s question takes a value", q.Kind)
		}
		v, err := q.checkValue(*r.Value)
		if err != nil {
			return Response{}, err
		}
		return Response{Value: &v}, nil
	}
	if r.Text != nil || r.Words != nil || r.Value != nil {
		return Response{}, fmt.Errorf("a %s question takes choice", q.Kind)
	}
	c, err := q.Validate(r.Choice)
	if err != nil {
		return Response{}, err
	}
	return Response{Choice: c}, nil
}

func (q *Question) checkWords(words []string) (Response, error) {
	entries := max(q.Entries, 1)
	if len(words) == 0 {
		return Response{}, errors.New("no word given")
	}
	if len(words) > entries {
		return Response{}, fmt.Errorf("this question takes at most %d words", entries)
	}
	out := make([]string, len(words))
	seen := map[string]bool{}
	for i, w := range words {
		s, err := freetext.Normalize(w, q.maxChars(), false)
		if err != nil {
			return Response{}, textErr(err)
		}
		f := freetext.Fold(s)
		if f == "" {
			return Response{}, textErr(fmt.Errorf("%w (%q has no letter or digit)", freetext.ErrEmpty, s))
		}
		if seen[f] {
			return Response{}, textErr(fmt.Errorf("%q is given twice", s))
		}
		seen[f] = true
		out[i] = s
	}
	return Response{Words: out}, nil
}

func (q *Question) checkValue(v float64) (float64, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, errors.New("the value is not a number")
	}
	if q.Kind == Scale {
		if v != math.Trunc(v) || v < 1 || v > float64(q.points()) {
			return 0, fmt.Errorf("the value is a whole number from 1 to %d", q.points())
		}
		return v, nil
	}
	if v < q.Min || v > q.Max {
		return 0, fmt.Errorf("the value is from %g to %g", q.Min, q.Max)
	}
	step := q.Step
	if step <= 0 {
		step = 1
	}
	k := (v - q.Min) / step
	if math.Abs(k-math.Round(k)) > 1e-9*math.Max(1, math.Abs(k)) {
		return 0, fmt.Errorf("the value goes in steps of %g from %g", step, q.Min)
	}
	return v, nil
}

// maxChars is the bound of a typed answer: the deck's, or the kind's default.
func (q *Question) maxChars() int {
	if q.MaxChars > 0 {
		return q.MaxChars
	}
	switch q.Kind {
	case TypeAnswer:
		return DefaultTypeChars
	case WordCloud:
		return DefaultWordChars
	}
	return DefaultOpenChars
}

func (q *Question) points() int {
	if q.Points > 0 {
		return q.Points
	}
	return DefaultPoints
}

// CreditOf is the one scoring model (Credit) for a response of any kind:
// the fraction of full credit it earns, or nil when the question is not
// scored or the participant preferred not to answer. A typed answer earns 1
// when it matches an accepted answer folded (case and accents), a number
// when it is within the tolerance of the true value; otherwise 0.
func (q *Question) CreditOf(r Response) *float64 {
	if !q.Scored() || r.Skip {
		return nil
	}
	c := 0.0
	switch {
	case q.Kind == TypeAnswer:
		if r.Text != nil && q.Accepts(*r.Text) {
			c = 1
		}
	case q.Kind == Number:
		if r.Value != nil && math.Abs(*r.Value-*q.Answer) <= q.Tolerance+1e-9 {
			c = 1
		}
	default:
		c = q.Credit(r.Choice)
	}
	return &c
}

// Accepts reports whether a typed answer matches one of Accept, folded.
func (q *Question) Accepts(text string) bool {
	f := freetext.Fold(text)
	return f != "" && slices.ContainsFunc(q.Accept, func(a string) bool { return freetext.Fold(a) == f })
}

// takeFeedback takes a feedback answer: a value from 1 to 5, and the open
// question's text with it when the question asks one (optional: empty
// text is none).
func (q *Question) takeFeedback(r Response) (Response, error) {
	if r.Choice != nil || r.Words != nil || r.Skip {
		return Response{}, errors.New("a feedback question takes a value, and optionally text")
	}
	if r.Value == nil {
		return Response{}, errors.New("a feedback question takes a value from 1 to 5")
	}
	v := *r.Value
	if math.IsNaN(v) || v != math.Trunc(v) || v < 1 || v > FeedbackPoints {
		return Response{}, fmt.Errorf("the value is a whole number from 1 to %d", FeedbackPoints)
	}
	out := Response{Value: &v}
	if r.Text == nil || strings.TrimSpace(*r.Text) == "" {
		return out, nil
	}
	if q.Open == "" {
		return Response{}, errors.New("this feedback question asks no open question: send the value alone")
	}
	s, err := freetext.Normalize(*r.Text, q.maxChars(), true)
	if err != nil {
		return Response{}, textErr(err)
	}
	out.Text = &s
	return out, nil
}

// FeedbackPoints is the size of a feedback question's usefulness scale.
const FeedbackPoints = 5

// FeedbackEnds are the default labels of the usefulness scale's ends, by
// deck language.
var FeedbackEnds = map[string][2]string{
	"en": {"Not useful", "Very useful"},
	"es": {"Nada útil", "Muy útil"},
}

// feedbackDefaults labels the ends of each feedback question that the deck
// left unlabelled, in the deck's language.
func feedbackDefaults(d *Deck) {
	ends, ok := FeedbackEnds[d.Lang]
	if !ok {
		ends = FeedbackEnds["en"]
	}
	for i := range d.Slides {
		if q := d.Slides[i].Question; q != nil && q.Kind == Feedback {
			if q.Low == "" {
				q.Low = ends[0]
			}
			if q.High == "" {
				q.High = ends[1]
			}
		}
	}
}

// Defaults of the room's voice kinds, and their bounds (DECKS.md).
const (
	DefaultOpenChars = 280
	DefaultTypeChars = 80
	DefaultWordChars = 25
	DefaultPoints    = 5
	MinPoints        = 3
	MaxPoints        = 11
	MaxEntries       = 3
	MinRankItems     = 2
)
