package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the database at dbPath to dest with
// VACUUM INTO, which reads one snapshot: it is safe while the kit runs and
// writes (WAL readers never block the writer). dest must not exist; it is
// created private (0600), as the data folder is.
func Backup(ctx context.Context, dbPath, dest string) error {
	if _, err := os.Stat(dbPath); err != nil {
		return fmt.Errorf("store: no database at %s: %w", dbPath, err)
	}
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("store: %s already exists; choose a new file name", dest)
		}
		return fmt.Errorf("store: unable to create %s: %w", dest, err)
	}
	f.Close()
	// Not dsn(…, false): query_only refuses VACUUM INTO. This connection
	// only reads the source; it waits for the writer instead of failing.
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(dbPath)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		os.Remove(dest)
		return fmt.Errorf("store: unable to open %s: %w", dbPath, err)
	}
	defer db.Close()
	abs, err := filepath.Abs(dest)
	if err == nil {
		_, err = db.ExecContext(ctx, `VACUUM INTO ?`, abs)
	}
	if err != nil {
		os.Remove(dest)
		return fmt.Errorf("store: unable to back up to %s: %w", dest, err)
	}
	return nil
}
