package live

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// The messages of PROTOCOL.md that a session sends. Field names are the
// protocol; keep them stable.

type phoneQuestion struct {
	ID      string   `json:"id"`
	Kind    string   `json:"kind"`
	Prompt  string   `json:"prompt"`
	Options []string `json:"options,omitempty"` // choice kinds; a ranking's items
	// The room's voice kinds' settings, when set (PROTOCOL.md).
	MaxChars  int      `json:"max_chars,omitempty"`
	Entries   int      `json:"entries,omitempty"`
	Points    int      `json:"points,omitempty"`
	Low       string   `json:"low,omitempty"`
	High      string   `json:"high,omitempty"`
	Min       *float64 `json:"min,omitempty"`
	Max       *float64 `json:"max,omitempty"`
	Step      float64  `json:"step,omitempty"`
	PreferNot bool     `json:"prefer_not,omitempty"`
	Open      string   `json:"open,omitempty"` // feedback: its open question
}

type reveal struct {
	Correct     []int  `json:"correct"`
	Counts      []int  `json:"counts"`
	Total       int    `json:"total"`
	Explanation string `json:"explanation,omitempty"`
	// A room's voice kind's summary (its total is Total).
	*Summary
}

type slideMsg struct {
	Type     string         `json:"type"`
	Index    int            `json:"index"`
	Total    int            `json:"total"`
	Phase    string         `json:"phase"`
	Lang     string         `json:"lang,omitempty"` // set when the text is the deck's twin's: its language
	Title    string         `json:"title,omitempty"`
	Question *phoneQuestion `json:"question,omitempty"`
	// Countdown is the seconds left before the question closes, while a
	// countdown runs.
	Countdown int     `json:"countdown,omitempty"`
	Reveal    *reveal `json:"reveal,omitempty"`
	// Reactions: phones may send react now (reactions.go).
	Reactions bool `json:"reactions,omitempty"`
	// Resources: the slide shows the facilitator's local contacts, which
	// the phone has from its help data (API.md, GET /j/{code}/help).
	Resources bool `json:"resources,omitempty"`
	// Handout is the deck's take-home material, on the ended slide (and a
	// self-paced phone's finished one) only: the phone links to
	// /handouts/NAME.LANG in its language.
	Handout string `json:"handout,omitempty"`
	// Pace: this phone moves on its own (a self-paced session, pace.go);
	// HTML is a content slide's body, ClosesAt when the session closes.
	Pace     bool       `json:"pace,omitempty"`
	HTML     string     `json:"html,omitempty"`
	ClosesAt *time.Time `json:"closes_at,omitempty"`
}

type welcomeMsg struct {
	Type        string           `json:"type"`
	Participant string           `json:"participant"`
	Token       string           `json:"token"`
	Nick        string           `json:"nick,omitempty"` // in a game only (game.go joinNick)
	Resumed     bool             `json:"resumed"`
	Answers     map[string][]int `json:"answers"`
	// Given holds the answers of the other shapes, by slide (PROTOCOL.md).
	Given map[string]GivenMsg `json:"given,omitempty"`
	// JoinQuestion is the deck's join question, on a new participant's
	// welcome only: the phone may answer it once with a role message.
	JoinQuestion *quizzes.JoinQuestion `json:"join_question,omitempty"`
	// Share is the deck's "Share your experience" prompt by language
	// ({"en": …, "es": …}) when it offers the form (share.go).
	Share map[string]string `json:"share,omitempty"`
}

// GivenMsg is an answer that is not a choice, as welcome.given and the ack
// carry it: exactly one field is set.
type GivenMsg struct {
	Text  *string  `json:"text,omitempty"`
	Words []string `json:"words,omitempty"`
	Value *float64 `json:"value,omitempty"`
	Skip  bool     `json:"skip,omitempty"`
}

type byeMsg struct {
	Type   string `json:"type"`
	Reason string `json:"reason"`
}

// SessionInfo is the part of host_state that does not change.
type SessionInfo struct {
	ID      string `json:"id"`
	Code    string `json:"code"`
	Deck    string `json:"deck"`
	Title   string `json:"title"`
	JoinURL string `json:"join_url"`
}

type hostOption struct {
	Text    string `json:"text"`
	Correct bool   `json:"correct"`
}

type hostQuestion struct {
	ID              string       `json:"id"`
	Kind            string       `json:"kind"`
	Prompt          string       `json:"prompt"`
	Options         []hostOption `json:"options"`
	ExplanationHTML string       `json:"explanation_html,omitempty"`
	voiceSettings
}

// voiceSettings are a room's voice question's settings as the presenter
// view and the audience screen get them (the phones' less the answers).
type voiceSettings struct {
	MaxChars   int      `json:"max_chars,omitempty"`
	Moderation string   `json:"moderation,omitempty"`
	Entries    int      `json:"entries,omitempty"`
	Points     int      `json:"points,omitempty"`
	Low        string   `json:"low,omitempty"`
	High       string   `json:"high,omitempty"`
	Min        *float64 `json:"min,omitempty"`
	Max        *float64 `json:"max,omitempty"`
	Step       float64  `json:"step,omitempty"`
	Answer     *float64 `json:"answer,omitempty"`
	Tolerance  float64  `json:"tolerance,omitempty"`
	Accept     []string `json:"accept,omitempty"`
	PreferNot  bool     `json:"prefer_not,omitempty"`
	Open       string   `json:"open,omitempty"` // feedback: its open question (answers: results page only)
}

type hostSlide struct {
	Title    string        `json:"title"`
	HTML     string        `json:"html"`
	Notes    string        `json:"notes,omitempty"`
	Question *hostQuestion `json:"question,omitempty"`
	// Resources: a resources slide, drawn with the local contacts (API.md,
	// GET /api/contacts) below its HTML.
	Resources bool `json:"resources,omitempty"`
}

// hostSession is host_state's session: its facts and the deck's language,
// which the audience screen and the presenter view speak.
type hostSession struct {
	SessionInfo
	Lang string `json:"lang"`
	// Handout is the deck's take-home material (front matter handout:),
	// for the presenter page's panel; "" when it names none.
	Handout string `json:"handout,omitempty"`
}

type hostStateMsg struct {
	Type    string      `json:"type"`
	Session hostSession `json:"session"`
	Index   int         `json:"index"`
	Total   int         `json:"total"`
	Phase   string      `json:"phase"`
	Slide   *hostSlide  `json:"slide,omitempty"`
	Locked  bool        `json:"locked,omitempty"`
	Next    *hostSlide  `json:"next,omitempty"` // the slide after, for the presenter view
	// Results: the room sees the answers come in on this open or closed
	// question; Countdown runs; Blank: the audience screen shows nothing.
	Results   bool         `json:"results,omitempty"`
	Countdown *Countdown   `json:"countdown,omitempty"`
	Blank     bool         `json:"blank,omitempty"`
	Slides    []outlineRow `json:"slides"` // every slide, for the presenter view's overview
	// Reactions: phones may react now (reactions.go).
	Reactions bool `json:"reactions,omitempty"`
	Counts
	Summary *Summary  `json:"summary,omitempty"` // a room's voice question's (summary.go)
	Game    *hostGame `json:"game,omitempty"`    // game mode's view and board (game.go)
	Pace    *hostPace `json:"pace,omitempty"`    // a self-paced session's phones and answers (pace.go)
	// HiddenWords: the words the presenter removed from the word cloud
	// showing, so a presenter view that reconnects can bring them back.
	HiddenWords []string `json:"hidden_words,omitempty"`
}

// Countdown is a running countdown as hosts see it: its length, and the
// milliseconds left when the message was made.
type Countdown struct {
	Seconds int   `json:"seconds"`
	LeftMS  int64 `json:"left_ms"`
}

// outlineRow is one slide of the overview: its title and whether it asks.
type outlineRow struct {
	Title    string `json:"title"`
	Question bool   `json:"question,omitempty"`
}

// Counts is what changes as people join and answer.
type Counts struct {
	Joined    int    `json:"joined"`
	Connected int    `json:"connected"`
	Answered  int    `json:"answered"`
	Counts    []int  `json:"counts"`
	Storage   string `json:"storage"`
}

type hostCountsMsg struct {
	Type  string `json:"type"`
	Index int    `json:"index"`
	Counts
	Summary *Summary  `json:"summary,omitempty"`
	Pace    *hostPace `json:"pace,omitempty"` // a self-paced session's (pace.go)
}

// ErrorMsg is the error message of the protocol.
type ErrorMsg struct {
	Type    string `json:"type"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Ref     *int64 `json:"ref,omitempty"`
	// RetryAfter, in seconds, comes with a refusal that passes with time
	// (too_many_joins).
	RetryAfter int `json:"retry_after,omitempty"`
}

// AckMsg acknowledges a committed answer, echoing it as stored: its
// choice, or (GivenMsg) its text, words, value or skip.
type AckMsg struct {
	Type   string `json:"type"`
	Ref    int64  `json:"ref"`
	Slide  int    `json:"slide"`
	Choice []int  `json:"choice,omitempty"`
	GivenMsg
}

// Ack is the ack of an answer as Give returned it.
func Ack(ref int64, slide int, r quizzes.Response) AckMsg {
	return AckMsg{Type: "ack", Ref: ref, Slide: slide, Choice: r.Choice,
		GivenMsg: GivenMsg{Text: r.Text, Words: r.Words, Value: r.Value, Skip: r.Skip}}
}

// Encode marshals a message; the types here cannot fail to marshal.
func Encode(v any) *Frame {
	b, err := json.Marshal(v)
	if err != nil {
		panic("live: unable to encode " + err.Error())
	}
	return NewFrame(b)
}

// encodeOwn is Encode for one connection's own message (OwnFrame): a
// welcome, a bye. Prepared for sharing, each of 3,000 phones resuming in a
// storm cost a prepared copy of its welcome that no other connection used.
func encodeOwn(v any) *Frame {
	f := Encode(v)
	f.single = true
	return f
}

func optionTexts(q *quizzes.Question) []string {
	out := make([]string, len(q.Options))
	for i, o := range q.Options {
		out[i] = o.Text
	}
	return out
}

func answersMap(a map[int][]int) map[string][]int {
	out := make(map[string][]int, len(a))
	for k, v := range a {
		out[strconv.Itoa(k)] = v
	}
	return out
}
