package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/roundtable-kit/roundtable/record"
)

// QAQuestion and QAVote are the rows of record.
type (
	QAQuestion = record.QAQuestion
	QAVote     = record.QAVote
)

const (
	addQAVoteSQL = `INSERT INTO qa_votes (session_id, question_id, participant_id) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`
	delQAVoteSQL = `DELETE FROM qa_votes WHERE session_id = ? AND question_id = ? AND participant_id = ?`
)

// AddQAQuestion stores a new question and waits for the commit.
func (s *Store) AddQAQuestion(ctx context.Context, q QAQuestion) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO qa_questions (session_id, id, participant_id, text, status, answered, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, q.SessionID, q.ID, q.ParticipantID, q.Text, q.Status, q.Answered, q.CreatedAt.UnixMilli())
		if err != nil {
			return fmt.Errorf("store: unable to add a question: %w", err)
		}
		return nil
	})
}

// SetQAVote adds (up) or withdraws a phone's vote for a question and waits
// for the commit. Either one again changes nothing.
func (s *Store) SetQAVote(ctx context.Context, sessionID, questionID, participantID string, up bool) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		st := s.stmts.delQAVote
		if up {
			st = s.stmts.addQAVote
		}
		if _, err := tx.Stmt(st).Exec(sessionID, questionID, participantID); err != nil {
			return fmt.Errorf("store: unable to save a vote: %w", err)
		}
		return nil
	})
}

// SetQAStatus sets a question's moderation status and answered mark, and
// waits for the commit.
func (s *Store) SetQAStatus(ctx context.Context, sessionID, questionID, status string, answered bool) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE qa_questions SET status = ?, answered = ? WHERE session_id = ? AND id = ?`,
			status, answered, sessionID, questionID)
		if err != nil {
			return fmt.Errorf("store: unable to moderate a question: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// QAQuestions returns a session's questions with their vote counts, oldest
// first.
func (s *Store) QAQuestions(ctx context.Context, sessionID string) ([]QAQuestion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT q.session_id, q.id, q.participant_id, q.text, q.status, q.answered, q.created_at,
			(SELECT COUNT(*) FROM qa_votes v WHERE v.session_id = q.session_id AND v.question_id = q.id)
		FROM qa_questions q WHERE q.session_id = ? ORDER BY q.created_at, q.id`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list questions: %w", err)
	}
	defer rows.Close()
	var out []QAQuestion
	for rows.Next() {
		var q QAQuestion
		var at int64
		if err := rows.Scan(&q.SessionID, &q.ID, &q.ParticipantID, &q.Text, &q.Status, &q.Answered, &at, &q.Votes); err != nil {
			return nil, fmt.Errorf("store: unable to list questions: %w", err)
		}
		q.CreatedAt = time.UnixMilli(at).UTC()
		out = append(out, q)
	}
	return out, rows.Err()
}

// QAVotes returns every vote of a session.
func (s *Store) QAVotes(ctx context.Context, sessionID string) ([]QAVote, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT question_id, participant_id FROM qa_votes WHERE session_id = ?`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list votes: %w", err)
	}
	defer rows.Close()
	var out []QAVote
	for rows.Next() {
		var v QAVote
		if err := rows.Scan(&v.QuestionID, &v.ParticipantID); err != nil {
			return nil, fmt.Errorf("store: unable to list votes: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// removeQA is RemoveParticipant's part in the Q&A: with deleteAnswers the
// participant's questions (with every vote for them) and votes go;
// without, they stay under the anonymous id.
func removeQA(tx *sql.Tx, sessionID, id, anonID string, deleteAnswers bool) error {
	stmts := []string{
		`UPDATE qa_questions SET participant_id = ?1 WHERE session_id = ?2 AND participant_id = ?3`,
		`UPDATE qa_votes SET participant_id = ?1 WHERE session_id = ?2 AND participant_id = ?3`,
	}
	if deleteAnswers {
		stmts = []string{
			`DELETE FROM qa_votes WHERE session_id = ?2 AND (participant_id = ?3 OR question_id IN
				(SELECT id FROM qa_questions WHERE session_id = ?2 AND participant_id = ?3))`,
			`DELETE FROM qa_questions WHERE session_id = ?2 AND participant_id = ?3`,
		}
	}
	for _, q := range stmts {
		if _, err := tx.Exec(q, anonID, sessionID, id); err != nil {
			return fmt.Errorf("store: unable to remove participant: %w", err)
		}
	}
	return nil
}
