// Package record holds the rows a session is kept as: a session, its
// participants and their answers. live writes them and store persists them;
// neither owns them, so live needs no SQL to compile and store no sessions.
package record

import "time"

// Session is a session's row: which deck (a copy of its source, so that later
// edits don't change a running session), where it is, and when it ended.
type Session struct {
	ID         string
	Code       string
	DeckID     string
	DeckTitle  string
	DeckSource string
	Slide      int
	Slides     int // how many slides the deck has
	Phase      string
	Revealed   []int
	Steps      Steps // what the presenter did besides moving and revealing
	CreatedAt  time.Time
	EndedAt    *time.Time
	// Practice marks a session run for practice; deck reports leave it
	// out unless asked.
	Practice bool
	// Mode is how the session runs: ModeLive (the presenter moves the
	// slides; "" reads as live) or ModeSelfPaced (each phone moves on its
	// own). ClosesAt is when a self-paced session ends by itself, nil when
	// the presenter ends it.
	Mode     string
	ClosesAt *time.Time
	// Participants is how many joined; filled by reads, not written.
	Participants int
	// Answered is how many answered the question on Slide; filled by reads,
	// not written.
	Answered int
}

// Participant is one phone in one session: a random id and the SHA-256 of
// its resume token. Nick is the name shown on the phone (given or generated).
type Participant struct {
	ID        string
	SessionID string
	TokenHash []byte
	Nick      string
	Lang      string
	CreatedAt time.Time
	// Role is the answer to the deck's join question, an index into its
	// options; nil when none was given or the deck asks none.
	Role *int
	// Slide is where the participant is in a self-paced session (a slide
	// index, or the slide count once it finished); nil when it never moved.
	Slide *int
}

// The modes a session runs in.
const (
	ModeLive      = "live"
	ModeSelfPaced = "self-paced"
)

// Answer is a participant's answer to the question on one slide. Choice is
// the option indexes, sorted (a ranking's items in the order given); Correct
// is nil for a question that is not scored. The room's voice kinds answer
// with Text (open, typeanswer), Words (wordcloud) or Value (scale, number)
// instead, or Skipped ("prefer not to answer"). Credit is the fraction of
// full credit (quizzes.Question.CreditOf), nil when not scored. Status is an
// open text's moderation: StatusPending, StatusApproved, StatusHidden or
// StatusHeld ("" for the other kinds).
type Answer struct {
	SessionID     string
	ParticipantID string
	Slide         int
	QuestionID    string
	Choice        []int
	Correct       *bool
	AnsweredAt    time.Time
	Text          string
	Words         []string
	Value         *float64
	Skipped       bool
	Credit        *float64
	Status        string
}

// The moderation statuses of an open text answer.
const (
	StatusPending  = "pending"  // waits for the presenter (queue mode)
	StatusApproved = "approved" // shown
	StatusHidden   = "hidden"   // the presenter hid it
	StatusHeld     = "held"     // the built-in word list held it back
)

// Steps is the state of a session's questions beyond where it is and what
// was revealed: questions closed, live results shown or hidden by the
// presenter, a countdown running, the audience screen blanked. It is kept
// as JSON beside the session, so a restart brings it all back.
type Steps struct {
	Closed    []int        `json:"closed,omitempty"`    // slides whose question is closed (not revealed)
	Results   map[int]bool `json:"results,omitempty"`   // live results the presenter turned on or off, by slide
	Countdown *Countdown   `json:"countdown,omitempty"` // the one running, if any
	Blank     bool         `json:"blank,omitempty"`     // the audience screen is blank
	// The room's voice: the participant whose open text is pinned, the
	// words removed from a word cloud (folded), and the presenter's
	// moderation mode ("queue" or "stream") where it differs from the
	// deck's; each by slide.
	Pinned      map[int]string   `json:"pinned,omitempty"`
	HiddenWords map[int][]string `json:"hidden_words,omitempty"`
	Moderation  map[int]string   `json:"moderation,omitempty"`
	// Reactions is the presenter's reactions switch; nil: the deck decides.
	Reactions *bool `json:"reactions,omitempty"`
	// Game is the game mode chosen when the session started, and when
	// each question opened (for the speed bonus); nil when it is off.
	Game *Game `json:"game,omitempty"`
	QA   *QA   `json:"qa,omitempty"` // the anonymous Q&A's switches, once touched
}

// Game is a session's game mode: on, with a speed bonus or not, and the
// clock of each question that opened with a speed countdown, by slide.
// Points and ranks are not kept: they are derived from the answers.
type Game struct {
	Speed  bool              `json:"speed,omitempty"`
	Teams  int               `json:"teams,omitempty"` // teams (2–8), 0 for none
	Opened map[int]GameClock `json:"opened,omitempty"`
	// View is what the audience screen shows instead of the slide: the
	// board or the podium, "" for the slide.
	View string `json:"view,omitempty"`
}

// GameClock is when a question opened and how long its countdown ran.
type GameClock struct {
	At      time.Time `json:"at"`
	Seconds int       `json:"seconds"`
}

// Countdown closes the question on Slide at Ends.
type Countdown struct {
	Slide   int       `json:"slide"`
	Seconds int       `json:"seconds"`
	Ends    time.Time `json:"ends"`
}

// QA is the anonymous Q&A's switches: open for phones, moderation mode
// ("queue" or "stream"), sort ("votes" or "newest") and the one question
// pinned (its id, or "").
type QA struct {
	Open   bool   `json:"open,omitempty"`
	Mode   string `json:"mode,omitempty"`
	Sort   string `json:"sort,omitempty"`
	Pinned string `json:"pinned,omitempty"`
}

// QAQuestion is one question of a session's anonymous Q&A. Status is
// "pending", "approved", "hidden" or "held" (the abuse list caught it).
// Votes is how many phones vote for it; filled by reads, not written.
type QAQuestion struct {
	SessionID     string
	ID            string
	ParticipantID string
	Text          string
	Status        string
	Answered      bool
	CreatedAt     time.Time
	Votes         int
}

// QAVote is one phone's vote for one question.
type QAVote struct {
	QuestionID    string
	ParticipantID string
}

// Experience is one entry of a deck's "Share your experience" form: no
// participant and no time finer than Day, the laptop's local date
// (YYYY-MM-DD). ID is random, so that no order of arrival can be read
// from it.
type Experience struct {
	SessionID string
	ID        string
	Day       string
	Text      string
}
