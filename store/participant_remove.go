package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
)

// RemoveParticipant takes a participant out of a session. With
// deleteAnswers their answers go too. Without, the answers stay, unlinked:
// they move to a new participant row (anonID) with no nickname, a token
// hash nobody holds and no place in a self-paced deck (pace_slide -1), and the participant's own row, nickname and token
// hash go, so the answers count but lead back to no one. A participant
// with no answers just goes.
func (s *Store) RemoveParticipant(ctx context.Context, sessionID, id, anonID string, deleteAnswers bool) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var answers int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM answers WHERE session_id = ? AND participant_id = ?`, sessionID, id).Scan(&answers); err != nil {
			return fmt.Errorf("store: unable to remove participant: %w", err)
		}
		if !deleteAnswers && answers > 0 {
			hash := make([]byte, 32)
			rand.Read(hash)
			res, err := tx.Exec(`INSERT INTO participants (id, session_id, token_hash, nick, lang, created_at, pace_slide)
				SELECT ?, session_id, ?, '', lang, created_at, -1 FROM participants WHERE id = ? AND session_id = ?`,
				anonID, hash, id, sessionID)
			if err != nil {
				return fmt.Errorf("store: unable to remove participant: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return ErrNotFound
			}
			if _, err := tx.Exec(`UPDATE answers SET participant_id = ? WHERE session_id = ? AND participant_id = ?`, anonID, sessionID, id); err != nil {
				return fmt.Errorf("store: unable to remove participant: %w", err)
			}
		}
		if err := removeQA(tx, sessionID, id, anonID, deleteAnswers); err != nil {
			return err
		}
		res, err := tx.Exec(`DELETE FROM participants WHERE id = ? AND session_id = ?`, id, sessionID)
		if err != nil {
			return fmt.Errorf("store: unable to remove participant: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}
