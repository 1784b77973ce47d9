package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Setting returns a value the kit keeps between runs (such as the port it
// listened on), or "" when it was never set.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, "setting."+key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: unable to read setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting keeps a value for the next run; it returns once committed.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, "setting."+key, value)
		if err != nil {
			return fmt.Errorf("store: unable to keep setting %s: %w", key, err)
		}
		return nil
	})
}
