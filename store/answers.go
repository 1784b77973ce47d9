package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/roundtable-kit/roundtable/record"
)

// Participant and Answer are the rows of record; the aliases keep
// store.Participant and store.Answer working for their readers.
type (
	Participant = record.Participant
	Answer      = record.Answer
)

const addParticipantSQL = `INSERT INTO participants (id, session_id, token_hash, nick, lang, created_at, role) VALUES (?, ?, ?, ?, ?, ?, ?)`

// saveAnswerSQL keeps one row per participant and slide; the same answer
// again changes nothing (an open text keeps the status the presenter gave
// it), a new one replaces it, status included; first_at stays the first
// answer's time.
const saveAnswerSQL = `INSERT INTO answers (session_id, participant_id, slide, question_id, choice, correct, answered_at,
		text, value, skipped, credit, status, first_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (session_id, participant_id, slide) DO UPDATE SET
		choice = excluded.choice, correct = excluded.correct, answered_at = excluded.answered_at,
		text = excluded.text, value = excluded.value, skipped = excluded.skipped, credit = excluded.credit,
		status = excluded.status
	WHERE choice <> excluded.choice OR text <> excluded.text OR value IS NOT excluded.value OR skipped <> excluded.skipped`

// AddParticipant stores a participant and waits for the commit.
func (s *Store) AddParticipant(ctx context.Context, p Participant) error {
	var role any
	if p.Role != nil {
		role = *p.Role
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Stmt(s.stmts.addParticipant).Exec(p.ID, p.SessionID, p.TokenHash, p.Nick, p.Lang, p.CreatedAt.UnixMilli(), role)
		if err != nil {
			return fmt.Errorf("store: unable to add participant: %w", err)
		}
		return nil
	})
}

// SaveAnswer stores an answer and waits for the commit. Saving the same
// answer again leaves one row; a new choice for the same slide replaces it.
func (s *Store) SaveAnswer(ctx context.Context, a Answer) error {
	var correct any
	if a.Correct != nil {
		correct = *a.Correct
	}
	choice := joinInts(a.Choice)
	text := a.Text
	if a.Words != nil {
		text = strings.Join(a.Words, "\n")
	}
	var value, credit any
	if a.Value != nil {
		value = *a.Value
	}
	if a.Credit != nil {
		credit = *a.Credit
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Stmt(s.stmts.saveAnswer).Exec(a.SessionID, a.ParticipantID, a.Slide, a.QuestionID, choice, correct, a.AnsweredAt.UnixMilli(),
			text, value, a.Skipped, credit, a.Status, a.AnsweredAt.UnixMilli())
		if err != nil {
			return fmt.Errorf("store: unable to save answer: %w", err)
		}
		return nil
	})
}

// Participants returns a session's participants in joining order.
func (s *Store) Participants(ctx context.Context, sessionID string) ([]Participant, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, session_id, token_hash, nick, lang, created_at, pace_slide, role
		FROM participants WHERE session_id = ? ORDER BY created_at, id`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list participants: %w", err)
	}
	defer rows.Close()
	var out []Participant
	for rows.Next() {
		var p Participant
		var created int64
		var slide, role sql.NullInt64
		if err := rows.Scan(&p.ID, &p.SessionID, &p.TokenHash, &p.Nick, &p.Lang, &created, &slide, &role); err != nil {
			return nil, fmt.Errorf("store: unable to list participants: %w", err)
		}
		if slide.Valid {
			n := int(slide.Int64)
			p.Slide = &n
		}
		p.CreatedAt = time.UnixMilli(created).UTC()
		if role.Valid {
			r := int(role.Int64)
			p.Role = &r
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Answers returns a session's answers ordered by slide, then time.
func (s *Store) Answers(ctx context.Context, sessionID string) ([]Answer, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT session_id, participant_id, slide, question_id, choice, correct, answered_at,
		text, value, skipped, credit, status
		FROM answers WHERE session_id = ? ORDER BY slide, answered_at, participant_id`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list answers: %w", err)
	}
	defer rows.Close()
	var out []Answer
	for rows.Next() {
		var a Answer
		var choice string
		var correct sql.NullBool
		var at int64
		var value, credit sql.NullFloat64
		if err := rows.Scan(&a.SessionID, &a.ParticipantID, &a.Slide, &a.QuestionID, &choice, &correct, &at,
			&a.Text, &value, &a.Skipped, &credit, &a.Status); err != nil {
			return nil, fmt.Errorf("store: unable to list answers: %w", err)
		}
		if value.Valid {
			a.Value = &value.Float64
		}
		if credit.Valid {
			a.Credit = &credit.Float64
		}
		a.Choice = splitInts(choice)
		if correct.Valid {
			c := correct.Bool
			a.Correct = &c
		}
		a.AnsweredAt = time.UnixMilli(at).UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}
