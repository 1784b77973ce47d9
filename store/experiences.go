package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/roundtable-kit/roundtable/record"
)

// Experience is the row of record.
type Experience = record.Experience

// AddExperience stores an entry of "Share your experience" and waits for
// the commit.
func (s *Store) AddExperience(ctx context.Context, e Experience) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO experiences (session_id, id, day, text) VALUES (?, ?, ?, ?)`, e.SessionID, e.ID, e.Day, e.Text)
		if err != nil {
			return fmt.Errorf("store: unable to add an experience: %w", err)
		}
		return nil
	})
}

// Experiences returns a session's entries by day, then by their random
// id: an order that says nothing of who wrote first.
func (s *Store) Experiences(ctx context.Context, sessionID string) ([]Experience, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT session_id, id, day, text FROM experiences WHERE session_id = ? ORDER BY day, id`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list experiences: %w", err)
	}
	defer rows.Close()
	var out []Experience
	for rows.Next() {
		var e Experience
		if err := rows.Scan(&e.SessionID, &e.ID, &e.Day, &e.Text); err != nil {
			return nil, fmt.Errorf("store: unable to list experiences: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
