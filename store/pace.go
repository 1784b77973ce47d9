package store

import (
	"context"
	"database/sql"
	"fmt"
)

// SavePosition stores where a phone of a self-paced session is, and waits
// for the commit: the phone is shown the slide only once it is stored, so a
// phone that comes back after a crash (or kill -9) is on the slide it last
// saw (DESIGN.md), not one tap back. Positions are committed in the order
// they were saved.
func (s *Store) SavePosition(ctx context.Context, sessionID, participantID string, slide int) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE participants SET pace_slide = ? WHERE id = ? AND session_id = ?`, slide, participantID, sessionID)
		if err != nil {
			return fmt.Errorf("store: unable to save a position: %w", err)
		}
		return nil
	})
}
