package store

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// TestContactsMigration opens a database from the schema before the
// contacts table, with a session in it: the kit starts with the New Mexico
// defaults, a saved list (in its order) replaces them and outlives a
// restart, an empty list stays empty, and a reset brings the defaults back.
func TestContactsMigration(t *testing.T) {
	db, path, _ := schemaBefore(t, "CREATE TABLE local_contacts", 8)
	if _, err := db.Exec(`INSERT INTO sessions (id, code, deck_id, deck_title, deck_source, created_at)
		VALUES ('old', 'ABC234', 'try.en', 'Try', '# x', ?)`, time.Now().UnixMilli()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.Session(ctx, "old"); err != nil {
		t.Fatalf("the old session after the migration: %v", err)
	}
	got, def, err := s.Contacts(ctx)
	if err != nil || !def || !reflect.DeepEqual(got, NewMexicoContacts) {
		t.Fatalf("a kit never edited: %+v (defaults %v), %v; want the New Mexico contacts", got, def, err)
	}
	mine := []Contact{
		{"School counselor", "505-555-0100", "Room 12", "both"},
		{"Consejera", "505-555-0101", "", "es"},
		{"Library", "https://example.org/help", "", "en"},
	}
	if err := s.SetContacts(ctx, mine); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	if got, def, err = s.Contacts(ctx); err != nil || def || !reflect.DeepEqual(got, mine) {
		t.Fatalf("after saving and reopening: %+v (defaults %v), %v; want %+v", got, def, err, mine)
	}
	if err := s.SetContacts(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got, def, err = s.Contacts(ctx); err != nil || def || len(got) != 0 || got == nil {
		t.Fatalf("after saving none: %+v (defaults %v), %v; want an empty list, not the defaults", got, def, err)
	}
	if err := s.ResetContacts(ctx); err != nil {
		t.Fatal(err)
	}
	if got, def, err = s.Contacts(ctx); err != nil || !def || !reflect.DeepEqual(got, NewMexicoContacts) {
		t.Fatalf("after a reset: %+v (defaults %v), %v; want the New Mexico contacts", got, def, err)
	}
}

// TestContactsBounds: the store keeps at most MaxContacts, and a language
// it does not know is refused by the table itself, leaving the list as it
// was.
func TestContactsBounds(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	if err := s.SetContacts(ctx, make([]Contact, MaxContacts+1)); err == nil {
		t.Error("21 contacts were kept")
	}
	ok := []Contact{{"A", "1", "", "en"}}
	if err := s.SetContacts(ctx, ok); err != nil {
		t.Fatal(err)
	}
	if err := s.SetContacts(ctx, []Contact{{"B", "2", "", "fr"}}); err == nil {
		t.Error("a contact in French was kept")
	}
	if got, _, err := s.Contacts(ctx); err != nil || !reflect.DeepEqual(got, ok) {
		t.Errorf("after a refused save: %+v, %v; want %+v", got, err, ok)
	}
}
