// Package quizzes is the domain of Roundtable: decks, slides, questions and
// answers, the Markdown deck parser, the linter and scoring. It knows nothing
// of HTTP or SQL.
package quizzes

import (
	"fmt"
	"slices"
)

// Kind is the kind of a question. The deck syntax names it in a
// `<!-- question: KIND -->` directive; new kinds extend this list without
// changing the syntax.
type Kind string

const (
	Single    Kind = "single"    // one right option
	Multiple  Kind = "multiple"  // one or more right options; the phone may pick several
	TrueFalse Kind = "truefalse" // two options, one right
	Poll      Kind = "poll"      // no right answer; the phone picks one

	// The room's voice (issue 8).
	OpenText   Kind = "open"       // free text, moderated by default
	WordCloud  Kind = "wordcloud"  // one to Entries short words, drawn as a cloud
	Scale      Kind = "scale"      // a point from 1 to Points, labelled at both ends
	Ranking    Kind = "ranking"    // the Options put in order, best first
	Number     Kind = "number"     // a number from Min to Max; scored only with an Answer
	TypeAnswer Kind = "typeanswer" // short text scored against Accept
	QA         Kind = "qa"         // the anonymous Q&A shown on the audience screen; no answer

	// Feedback is "How useful was this?" from 1 to 5 with labelled ends,
	// plus one optional open question (Open), answered together; never
	// scored (issue 14).
	Feedback Kind = "feedback"
)

// Kinds lists the question kinds the live session supports, in the order the
// docs present them.
var Kinds = []Kind{Single, Multiple, TrueFalse, Poll, OpenText, WordCloud, Scale, Ranking, Number, TypeAnswer, QA, Feedback}

// Valid reports whether k is a kind the live session supports.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// MultiSelect reports whether a participant may pick more than one option.
func (k Kind) MultiSelect() bool { return k == Multiple }

// Scored reports whether questions of this kind have right answers. A
// number question is scored only when its deck gives the true value: ask
// Question.Scored.
func (k Kind) Scored() bool {
	return k == Single || k == Multiple || k == TrueFalse || k == TypeAnswer
}

// HasOptions reports whether the slide's last list is the question's
// options (the choice kinds) or items (ranking); for the other kinds a
// list is slide content.
func (k Kind) HasOptions() bool {
	switch k {
	case OpenText, WordCloud, Scale, Number, TypeAnswer, QA, Feedback:
		return false
	}
	return true
}

// Choice reports whether a phone answers with option indexes ("choice").
func (k Kind) Choice() bool {
	return k == Single || k == Multiple || k == TrueFalse || k == Poll || k == Ranking
}

// Takes reports whether a phone answers the kind at all (a qa slide shows
// the Q&A instead).
func (k Kind) Takes() bool { return k != QA }

// CanPreferNot reports whether the kind may offer "prefer not to answer".
func (k Kind) CanPreferNot() bool {
	switch k {
	case Poll, Scale, OpenText, WordCloud, Number, Ranking:
		return true
	}
	return false
}

// Scored reports whether the question has right answers: its kind's, or a
// number question's true value.
func (q *Question) Scored() bool {
	return q.Kind.Scored() || (q.Kind == Number && q.Answer != nil)
}

// Limits bound everything a deck may hold, so that no file can make the
// parser or a live session use unbounded memory.
const (
	MaxDeckBytes    = 1 << 20 // 1 MiB of Markdown
	MaxSlides       = 300
	MaxOptions      = 8
	MaxOptionRunes  = 200
	MaxTitleRunes   = 200
	MaxSlideBytes   = 32 << 10
	MaxQuestionID   = 64
	MaxNotesBytes   = 16 << 10
	MinChoiceOption = 2
)

// Deck is one parsed deck: a title, its language and its slides.
type Deck struct {
	ID          string `json:"id"` // stable: a built-in's file stem ("parents.en") or a stored deck's id
	Title       string `json:"title"`
	Lang        string `json:"lang"` // "en" or "es"
	Audience    string `json:"audience,omitempty"`
	Description string `json:"description,omitempty"`
	Minutes     int    `json:"minutes,omitempty"`
	// Translation is the ID of the same deck in another language, if any.
	Translation string `json:"translation,omitempty"`
	// Reactions turns on the emoji reactions for the whole deck (front
	// matter reactions: on); a slide may say otherwise (Slide.Reactions).
	Reactions bool `json:"reactions,omitempty"`
	// Join is the question a phone answers as it joins (front matter
	// join-question), stored with the anonymous participant and used to
	// split results by role; nil when the deck asks none.
	Join *JoinQuestion `json:"join,omitempty"`
	// Help is the deck's own help resources (front matter help:, help.go),
	// shown on phones behind "Need help?"; HelpDefaults names the kit's
	// set shown with them ("internet-safety"), or is "".
	Help         []HelpEntry `json:"help,omitempty"`
	HelpDefaults string      `json:"help_defaults,omitempty"`
	// Handout names the kit's take-home material for this deck (front
	// matter handout: parents; package handouts), offered on every phone
	// when the session ends; "" when the deck names none.
	Handout string `json:"handout,omitempty"`
	// Share is the prompt of the deck's "Share your experience" form
	// (front matter share:): phones may send anonymous free text that only
	// the facilitator reads; "" offers none.
	Share  string  `json:"share,omitempty"`
	Slides []Slide `json:"slides"`
	// Source is the Markdown the deck was parsed from; a running session keeps
	// its own copy so that later edits do not change it.
	Source string `json:"-"`
}

// JoinQuestion is asked once, on joining: "I am a | parent | educator |
// student | other" is the prompt "I am a" and four options. Answering it
// is optional.
type JoinQuestion struct {
	Prompt  string   `json:"prompt"`
	Options []string `json:"options"`
}

// MaxJoinOptions bounds a join question's list.
const MaxJoinOptions = 8

// Slide is one slide: Markdown rendered to safe HTML, presenter notes and, on
// a question slide, the question.
type Slide struct {
	Title    string    `json:"title"`           // the first heading's text, or ""
	Markdown string    `json:"markdown"`        // the body as written, without directives, notes and options
	HTML     string    `json:"html"`            // Markdown rendered with raw HTML and unsafe links removed
	Notes    string    `json:"notes,omitempty"` // presenter notes, plain text
	Question *Question `json:"question,omitempty"`
	Line     int       `json:"line"` // 1-based line in Source where the slide starts
	// Reactions is the slide's reactions: directive, "on" or "off"; ""
	// follows the deck (Deck.Reactions).
	Reactions string `json:"reactions,omitempty"`
	// Resources: the slide shows the facilitator's local contacts below its
	// Markdown (<!-- slide: resources -->).
	Resources bool `json:"resources,omitempty"`
}

// Question is the interactive part of a slide.
type Question struct {
	ID      string   `json:"id"` // stable id, given or generated ("s5")
	Kind    Kind     `json:"kind"`
	Prompt  string   `json:"prompt"` // plain text shown on phones: the slide's title or first paragraph
	Options []Option `json:"options"`
	// Explanation is shown at reveal, as Markdown and as safe HTML.
	Explanation     string `json:"explanation,omitempty"`
	ExplanationHTML string `json:"explanation_html,omitempty"`
	// Name is the question's name in the file it was imported from (GIFT's
	// ::name::) when it is not usable as the ID, kept so that an export can
	// give it back. Deck syntax: <!-- name: … -->.
	Name string `json:"name,omitempty"`
	// Check is CheckPre or CheckPost when the question is half of a
	// pre/post knowledge check (the same id asked twice), else "".
	Check string `json:"check,omitempty"`
	// Results is ResultsLive or ResultsHidden when the deck says whether the
	// room sees the answers come in before the reveal; "" is the kind's
	// default (LiveResults). Deck syntax: <!-- results: live -->.
	Results string `json:"results,omitempty"`
	// Countdown, in seconds, closes the question that long after it opens;
	// 0 is none, the default. Deck syntax: <!-- countdown: 30 -->.
	Countdown int `json:"countdown,omitempty"`

	// The room's voice: the fields of the kinds beyond choices. Each is
	// zero for a kind that does not use it.

	// MaxChars bounds a typed answer (open: 1–280, default 280; typeanswer
	// 1–80, default 80; wordcloud, each entry: 1–25, default 25). Deck
	// syntax: <!-- max: 140 -->.
	MaxChars int `json:"max_chars,omitempty"`
	// Moderation is ModerationQueue (the default for open text: answers wait
	// for the presenter) or ModerationStream (shown as they come, still held
	// back by the built-in word list). Deck syntax: <!-- moderation: stream -->.
	Moderation string `json:"moderation,omitempty"`
	// Entries is how many words a phone may give a word cloud, 1–3
	// (default 1). Deck syntax: <!-- entries: 3 -->.
	Entries int `json:"entries,omitempty"`
	// Points is a scale's size, 3–11 (default 5); Low and High label its
	// ends. Deck syntax: <!-- scale: 5 -->, <!-- low: Disagree -->,
	// <!-- high: Agree -->.
	Points int    `json:"points,omitempty"`
	Low    string `json:"low,omitempty"`
	High   string `json:"high,omitempty"`
	// Min and Max bound a number question, Step its precision (default 1);
	// Answer, when set, is its true value, shown at reveal and scored
	// within Tolerance. Deck syntax: <!-- range: 0..100 -->,
	// <!-- answer: 42 -->, <!-- tolerance: 5 -->, <!-- step: 0.5 -->.
	Min       float64  `json:"min,omitempty"`
	Max       float64  `json:"max,omitempty"`
	Step      float64  `json:"step,omitempty"`
	Answer    *float64 `json:"answer,omitempty"`
	Tolerance float64  `json:"tolerance,omitempty"`
	// Accept lists a typeanswer's accepted answers, compared folded (case
	// and accents). Deck syntax: <!-- accept: Take It Down | TakeItDown -->.
	Accept []string `json:"accept,omitempty"`
	// PreferNot offers "prefer not to answer" (poll, scale, open, wordcloud,
	// number, ranking): counted apart, never as an answer. Deck syntax:
	// <!-- prefer-not: yes -->.
	PreferNot bool `json:"prefer_not,omitempty"`
	// Open is a feedback question's optional open question, answered with
	// the usefulness in one message; "" asks none. Its answers are shown
	// to the facilitator only. Deck syntax: <!-- open: What could be better? -->.
	Open string `json:"open,omitempty"`
}

// The values of a `<!-- moderation: … -->` directive.
const (
	ModerationQueue  = "queue"
	ModerationStream = "stream"
)

// The values of a `<!-- results: … -->` directive.
const (
	ResultsLive   = "live"
	ResultsHidden = "hidden"
)

// The bounds of a countdown, in seconds.
const (
	MinCountdown = 5
	MaxCountdown = 3600
)

// LiveResults reports whether the room sees the counts while the question
// is open: as the deck says, else for polls (no right answer to give away)
// and not for the others.
func (q *Question) LiveResults() bool {
	if q.Results != "" {
		return q.Results == ResultsLive
	}
	return q.Kind == Poll
}

// The values of a `<!-- check: … -->` directive.
const (
	CheckPre  = "pre"
	CheckPost = "post"
)

// Option is one answer a participant can pick. Text is plain text.
type Option struct {
	Text    string `json:"text"`
	Correct bool   `json:"correct"`
	// Feedback is shown to whoever chose this option, at reveal (Markdown;
	// GIFT's per-answer "#feedback"). Deck syntax: <!-- feedback B: … -->.
	Feedback string `json:"feedback,omitempty"`
	// Weight is the share of the question's credit this option carries, as
	// a fraction from -1 to 1 (GIFT's %50% and %-100%); 0 means the default
	// that Correct implies. See Question.Credit. Deck syntax:
	// <!-- weight B: 50% -->.
	Weight float64 `json:"weight,omitempty"`
}

// Correct returns the indexes of the right options.
func (q *Question) Correct() []int {
	var out []int
	for i, o := range q.Options {
		if o.Correct {
			out = append(out, i)
		}
	}
	return out
}

// Validate checks a participant's choice against the question: indexes in
// range, no repeats, exactly one unless the kind allows several. It returns
// the choice sorted.
//
// A ranking's choice is every item once, best first: it is returned in its
// order, not sorted.
func (q *Question) Validate(choice []int) ([]int, error) {
	if len(choice) == 0 {
		return nil, fmt.Errorf("no option chosen")
	}
	if !q.Kind.Choice() {
		return nil, fmt.Errorf("a %s question takes no choice", q.Kind)
	}
	if q.Kind == Ranking {
		if len(choice) != len(q.Options) {
			return nil, fmt.Errorf("a ranking puts all %d items in order", len(q.Options))
		}
		seen := make([]bool, len(q.Options))
		for _, c := range choice {
			if c < 0 || c >= len(q.Options) {
				return nil, fmt.Errorf("item %d does not exist", c)
			}
			if seen[c] {
				return nil, fmt.Errorf("item %d ranked twice", c)
			}
			seen[c] = true
		}
		return slices.Clone(choice), nil
	}
	if len(choice) > 1 && !q.Kind.MultiSelect() {
		return nil, fmt.Errorf("this question takes one option")
	}
	if len(choice) > len(q.Options) {
		return nil, fmt.Errorf("more options chosen than there are")
	}
	out := slices.Clone(choice)
	slices.Sort(out)
	for i, c := range out {
		if c < 0 || c >= len(q.Options) {
			return nil, fmt.Errorf("option %d does not exist", c)
		}
		if i > 0 && out[i-1] == c {
			return nil, fmt.Errorf("option %d chosen twice", c)
		}
	}
	return out, nil
}

// IsRight reports whether a (validated, sorted) choice is right: exactly the
// right options. A poll has no right answer and is never right.
func (q *Question) IsRight(choice []int) bool {
	return q.Kind.Scored() && slices.Equal(choice, q.Correct())
}

// Weighted reports whether any option carries an explicit weight.
func (q *Question) Weighted() bool {
	for _, o := range q.Options {
		if o.Weight != 0 {
			return true
		}
	}
	return false
}

// Credit is the one scoring model: the fraction of full credit, 0 to 1,
// that a (validated, sorted) choice earns. Without weights an answer earns
// 1 when it is right (IsRight) and 0 otherwise. With weights:
//   - one option picked (single, truefalse): 1 for a right option, else
//     the option's weight, at least 0;
//   - multiple: the sum of the picked options' weights (a right option
//     without a weight counts as an equal share of 1), between 0 and 1.
//
// A poll earns nothing. An answer with credit 1 is a full-credit answer,
// which results count as correct.
func (q *Question) Credit(choice []int) float64 {
	if !q.Kind.Scored() {
		return 0
	}
	if !q.Weighted() {
		if q.IsRight(choice) {
			return 1
		}
		return 0
	}
	right := len(q.Correct())
	sum := 0.0
	for _, c := range choice {
		if c < 0 || c >= len(q.Options) {
			continue
		}
		o := q.Options[c]
		switch {
		case o.Weight != 0:
			sum += o.Weight
		case o.Correct && q.Kind.MultiSelect() && right > 0:
			sum += 1 / float64(right)
		case o.Correct:
			sum++
		}
	}
	if !q.Kind.MultiSelect() && len(choice) == 1 && q.Options[choice[0]].Correct && q.Options[choice[0]].Weight == 0 {
		sum = 1
	}
	if sum > 0.99999 {
		return 1
	}
	return max(sum, 0)
}

// Questions returns the slide indexes that hold a question, in order.
func (d *Deck) Questions() []int {
	var out []int
	for i := range d.Slides {
		if d.Slides[i].Question != nil {
			out = append(out, i)
		}
	}
	return out
}
