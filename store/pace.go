package store

import "database/sql"

// SavePosition queues where a phone of a self-paced session is, without
// waiting: a phone moves far more often than it answers, and a position
// lost to a crash costs it one tap. Positions are committed in the order
// they were saved.
func (s *Store) SavePosition(sessionID, participantID string, slide int) {
	s.writeAsync(func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE participants SET pace_slide = ? WHERE id = ? AND session_id = ?`, slide, participantID, sessionID)
		return err
	})
}
