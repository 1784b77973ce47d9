// Package results turns what was answered in sessions into what a
// facilitator reads: counts per question and option, the share answered
// right, pre/post pairs, and the CSV of every answer.
//
// It works on plain data, a set of Sessions each with its own deck and
// answers, and knows nothing of HTTP or SQL. One session's results are
// Tally of one Session; a report on a deck across sessions is built from
// the same pieces: pre/post pairs are made within a session, then added up.
package results

import (
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// Session is one session as results see it.
type Session struct {
	ID   string
	Code string
	// Deck is the deck the session ran: its own copy, as stored with it,
	// so that later edits of the deck do not change its results.
	Deck *quizzes.Deck
	// Participants is how many joined, whether they answered or not.
	Participants int
	// Answers in the order the CSV lists them: by slide, then time.
	Answers []Answer
	// Pinned (the participant whose open text is pinned) and HiddenWords
	// (words removed from a word cloud, folded) are the presenter's, by
	// slide.
	Pinned      map[int]string
	HiddenWords map[int][]string
	// Roles is each participant's answer to the deck's join question, an
	// index into Deck.Join.Options; a participant who gave none is absent.
	Roles map[string]int
	// Practice marks a session run for practice: deck reports leave it out
	// unless asked.
	Practice bool
	// Mode is "self-paced" for a session each phone went through on its
	// own, "" for a live one; its answers count the same.
	Mode string
	// CreatedAt is when the session started (UTC).
	CreatedAt time.Time
}

// Answer is a participant's last answer to the question on one slide.
type Answer struct {
	ParticipantID string // anonymous: a random id, never a name
	Slide         int    // 0-based
	QuestionID    string
	Choice        []int // option indexes, sorted; a ranking's in its order
	Correct       *bool // judged when answered; nil for a poll
	AnsweredAt    time.Time
	// The room's voice kinds: typed text (open, typeanswer), a cloud's
	// words, a value (scale, number), "prefer not to answer", the credit
	// earned (nil when not scored) and an open text's moderation status.
	Text    string
	Words   []string
	Value   *float64
	Skipped bool
	Credit  *float64
	Status  string
}
