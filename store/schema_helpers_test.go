package store

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
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

// openBefore makes a database as a kit from before the first migration
// holding marker left it (schemaBefore), runs stmts on it (each "{now}"
// reads as the time now, in milliseconds), and opens it with every
// migration: the Store a migration test checks, closed at the test's end.
func openBefore(t *testing.T, marker string, atLeast int, stmts ...string) *Store {
	t.Helper()
	db, path, _ := schemaBefore(t, marker, atLeast)
	now := strconv.FormatInt(time.Now().UnixMilli(), 10)
	for _, q := range stmts {
		if _, err := db.Exec(strings.ReplaceAll(q, "{now}", now)); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// oldSession and oldParticipant are the rows most migration tests start
// from: a session "old" of try.en and its participant "p1".
const (
	oldSession     = `INSERT INTO sessions (id, code, deck_id, deck_title, deck_source, created_at) VALUES ('old', 'ABC234', 'try.en', 'Try', '# x', {now})`
	oldParticipant = `INSERT INTO participants (id, session_id, token_hash, nick, lang, created_at) VALUES ('p1', 'old', x'00', 'Ann', 'en', {now})`
)
