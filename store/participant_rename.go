package store

import (
	"context"
	"database/sql"
	"fmt"
)

// RenameParticipant changes a participant's nickname (game mode's
// presenter renames with one click); ErrNotFound when there is no such
// participant in the session.
func (s *Store) RenameParticipant(ctx context.Context, sessionID, id, nick string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE participants SET nick = ? WHERE id = ? AND session_id = ?`, nick, id, sessionID)
		if err != nil {
			return fmt.Errorf("store: unable to rename participant: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}
