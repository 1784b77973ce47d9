package store

import (
	"bytes"
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/record"
)

// TestExperiencesMigration opens a database made by the schema before the
// experiences table: its session is there, takes entries and reads them
// back by day; the table holds no participant and no time of day.
func TestExperiencesMigration(t *testing.T) {
	s := openBefore(t, "CREATE TABLE experiences", 8, `INSERT INTO sessions (id, code, deck_id, deck_title, deck_source, created_at) VALUES ('old', 'ABC234', 'parents.en', 'P', '# x', {now})`)
	ctx := context.Background()
	for _, e := range []Experience{
		{SessionID: "old", ID: "zz", Day: "2026-12-02", Text: "second day, written first"},
		{SessionID: "old", ID: "bb", Day: "2026-12-01", Text: "first day"},
		{SessionID: "old", ID: "aa", Day: "2026-12-02", Text: "second day"},
	} {
		if err := s.AddExperience(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Experiences(ctx, "old")
	var texts []string
	for _, e := range got {
		texts = append(texts, e.Text)
	}
	if want := []string{"first day", "second day", "second day, written first"}; err != nil || !slices.Equal(texts, want) {
		t.Errorf("got %q (%v), want %q: by day, then id", texts, err, want)
	}
	var cols []string
	rows, err := s.db.Query(`SELECT name FROM pragma_table_info('experiences')`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		rows.Scan(&c)
		cols = append(cols, c)
	}
	rows.Close()
	if want := []string{"session_id", "id", "day", "text"}; !slices.Equal(cols, want) {
		t.Errorf("experiences columns %v, want exactly %v: no participant, no time", cols, want)
	}
}

// TestExperiencesDeletedWithSession: deleting the session erases its
// entries, from the table and from the file and its WAL.
func TestExperiencesDeletedWithSession(t *testing.T) {
	path := t.TempDir() + "/rt.db"
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	now := time.Now()
	for _, id := range []string{"gone", "kept"} {
		s.CreateSession(ctx, record.Session{ID: id, Code: id[:4], DeckID: "d", CreatedAt: now})
		s.EndSession(ctx, id, now)
		s.AddExperience(ctx, Experience{SessionID: id, ID: id + "-e1", Day: "2026-12-02", Text: "ExperienceOf-" + id})
	}
	if err := s.DeleteSession(ctx, "gone"); err != nil {
		t.Fatal(err)
	}
	if err := s.Scrub(ctx, false); err != nil {
		t.Fatal(err)
	}
	left, _ := s.Experiences(ctx, "gone")
	if len(left) != 0 {
		t.Errorf("entries of a deleted session remain: %+v", left)
	}
	if kept, _ := s.Experiences(ctx, "kept"); len(kept) != 1 {
		t.Errorf("the other session's entries: %+v, want its one", kept)
	}
	var all []byte
	for _, suffix := range []string{"", "-wal"} {
		b, _ := os.ReadFile(path + suffix)
		if bytes.Contains(b, []byte("ExperienceOf-gone")) {
			t.Errorf("the deleted entry's text is still in %s", path+suffix)
		}
		all = append(all, b...)
	}
	if !bytes.Contains(all, []byte("ExperienceOf-kept")) {
		t.Error("the kept entry is not found in the files either: the search is broken")
	}
}
