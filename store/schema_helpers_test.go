package store

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// schemaBefore makes a database file with every migration before the first
// one containing marker applied, as a kit from before that migration left
// it, and returns it open with its path and that schema version. The
// migration must come after the first atLeast, so a marker that matches an
// earlier migration by mistake fails loudly.
func schemaBefore(t *testing.T, marker string, atLeast int) (db *sql.DB, path string, before int) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	before = slices.IndexFunc(migrations, func(m string) bool { return strings.Contains(m, marker) })
	if before < atLeast {
		t.Fatalf("no migration holding %q after the first %d (at %d)", marker, atLeast, before)
	}
	for v, m := range migrations[:before] {
		if _, err := db.Exec(m); err != nil {
			t.Fatalf("migration %d: %v", v+1, err)
		}
	}
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, before)); err != nil {
		t.Fatal(err)
	}
	return db, path, before
}
