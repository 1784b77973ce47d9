package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Roles returns each participant's answer to the join question in one
// session; participants who gave none are absent.
func (s *Store) Roles(ctx context.Context, sessionID string) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, role FROM participants WHERE session_id = ? AND role IS NOT NULL`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read roles: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var role int
		if err := rows.Scan(&id, &role); err != nil {
			return nil, fmt.Errorf("store: unable to read roles: %w", err)
		}
		out[id] = role
	}
	return out, rows.Err()
}

// SetPractice marks a session as practice, or not.
func (s *Store) SetPractice(ctx context.Context, id string, practice bool) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE sessions SET practice = ? WHERE id = ?`, practice, id)
		if err != nil {
			return fmt.Errorf("store: unable to mark practice: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// DeleteSessions removes every ended session that started before before
// (every ended one, when before is zero) with its participants, answers
// and everything else stored with it, and returns their ids. Live sessions
// are kept. As with DeleteSession, Scrub wipes the old copies.
func (s *Store) DeleteSessions(ctx context.Context, before time.Time) ([]string, error) {
	var ids []string
	err := s.write(ctx, func(tx *sql.Tx) error {
		ids = ids[:0]
		where, args := `ended_at IS NOT NULL`, []any{}
		if !before.IsZero() {
			where += ` AND created_at < ?`
			args = append(args, before.UnixMilli())
		}
		rows, err := tx.Query(`SELECT id FROM sessions WHERE `+where, args...)
		if err != nil {
			return fmt.Errorf("store: unable to delete sessions: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("store: unable to delete sessions: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if _, err := tx.Exec(`DELETE FROM sessions WHERE `+where, args...); err != nil {
			return fmt.Errorf("store: unable to delete sessions: %w", err)
		}
		return nil
	})
	return ids, err
}

// SetRole stores a participant's answer to the join question.
func (s *Store) SetRole(ctx context.Context, sessionID, pid string, role int) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`UPDATE participants SET role = ? WHERE session_id = ? AND id = ?`, role, sessionID, pid); err != nil {
			return fmt.Errorf("store: unable to store a role: %w", err)
		}
		return nil
	})
}
