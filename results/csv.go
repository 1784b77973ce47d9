package results

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// csvHeader is the first row of the answers CSV; docs/API.md lists it. New
// columns go at the end, so that scripts reading by position keep working.
var csvHeader = []string{"session", "code", "deck", "slide", "question_id", "kind", "participant", "choice", "correct", "answered_at",
	"slide_number", "answer_text", "role", "comment"}

// WriteCSV is WriteAnswersCSV with the default k.
func WriteCSV(w io.Writer, sessions ...Session) error {
	return WriteAnswersCSV(w, DefaultMinGroup, sessions...)
}

// WriteAnswersCSV writes one row per answer of each session, in the order
// given, after a byte-order mark (so that Excel reads UTF-8) and the
// header. Text that came from a deck is made formula-safe. It is the host's
// raw export: each row names its anonymous participant, so the role column
// holds the join question's answer only where that role's group in the
// session is k or more, its complement included (shownRoles).
func WriteAnswersCSV(w io.Writer, k int, sessions ...Session) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	for _, s := range sessions {
		roles := shownRoles(s, k)
		for _, a := range s.Answers {
			cw.Write([]string{s.ID, s.Code, cell(s.Deck.ID), strconv.Itoa(a.Slide), cell(a.QuestionID), kind(s, a.Slide),
				a.ParticipantID, choiceCell(s, a), yesNo(a.Correct), a.AnsweredAt.Format(time.RFC3339),
				strconv.Itoa(a.Slide + 1), cell(answerText(s, a)), cell(roles[a.ParticipantID]), cell(comment(s, a))})
		}
	}
	cw.Flush()
	return cw.Error()
}

// comment is the comment column: a feedback answer's open answer (its
// value is in answer_text); empty for the other kinds.
func comment(s Session, a Answer) string {
	if kind(s, a.Slide) == string(quizzes.Feedback) {
		return a.Text
	}
	return ""
}

// kind is the kind of the question on a slide, or "" if there is none.
func kind(s Session, slide int) string {
	if slide < 0 || slide >= len(s.Deck.Slides) || s.Deck.Slides[slide].Question == nil {
		return ""
	}
	return string(s.Deck.Slides[slide].Question.Kind)
}

// choiceCell is the choice column: option letters joined by ";" (a
// ranking's by " > ", best first); empty for the other kinds.
func choiceCell(s Session, a Answer) string {
	if kind(s, a.Slide) == string(quizzes.Ranking) {
		return strings.Join(strings.Split(letters(a.Choice), ";"), " > ")
	}
	return letters(a.Choice)
}

func yesNo(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "yes"
	}
	return "no"
}

// cell keeps a spreadsheet from reading user text as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// letters writes a choice as option letters: [0 2] is "A;C".
func letters(choice []int) string {
	parts := make([]string, len(choice))
	for i, c := range choice {
		parts[i] = string(rune('A' + c))
	}
	return strings.Join(parts, ";")
}

// shownRoles is the role column of a session's rows by participant: the
// join question's answer where its group may be shown (the participants of
// each role, and those who gave none, partition those who joined; the
// small ones are hidden as in Suppress).
func shownRoles(s Session, k int) map[string]string {
	if s.Deck.Join == nil || len(s.Roles) == 0 {
		return nil
	}
	split := roleSplits(s, nil)
	cells := make([]Count, len(split))
	for i, rs := range split {
		cells[i] = rs.Participants
	}
	total := Count(s.Participants)
	hideTotal(&total, k)
	hidePartition(cells, total, k)
	out := map[string]string{}
	for pid, r := range s.Roles {
		if r >= 0 && r < len(s.Deck.Join.Options) && cells[r].Shown() {
			out[pid] = s.Deck.Join.Options[r]
		}
	}
	return out
}
