package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// TestDeckImagesMigration builds a database at the schema before deck
// images (3 migrations) holding a deck, opens it with this version (which
// migrates it), and checks the deck is still there, images are stored with
// it, and deleting the deck deletes them.
func TestDeckImagesMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rt.db")
	old, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range migrations[:3] {
		if _, err := old.Exec(m); err != nil {
			t.Fatalf("migration %d: %v", i+1, err)
		}
	}
	if _, err := old.Exec(`PRAGMA user_version = 3; INSERT INTO decks (id, source, created_at, updated_at) VALUES ('my-1', '# old', 1, 1)`); err != nil {
		t.Fatal(err)
	}
	old.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil || version != len(migrations) {
		t.Fatalf("schema version %d (%v), want %d", version, err, len(migrations))
	}
	if d, err := s.Deck(ctx, "my-1"); err != nil || d.Source != "# old" {
		t.Fatalf("the old deck: %+v %v", d, err)
	}
	png := []byte("\x89PNG\r\n\x1a\nrest")
	for _, p := range []string{"a.png", "img/b.png"} {
		if err := s.SaveDeckImage(ctx, DeckImage{DeckID: "my-1", Path: p, Type: "image/png", Data: png}); err != nil {
			t.Fatal(err)
		}
	}
	// The same path again replaces it.
	if err := s.SaveDeckImage(ctx, DeckImage{DeckID: "my-1", Path: "a.png", Type: "image/gif", Data: []byte("GIF89a")}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDeckImage(ctx, DeckImage{DeckID: "no-such-deck", Path: "a.png", Type: "image/png", Data: png}); err == nil {
		t.Error("an image stored with a deck that does not exist")
	}
	imgs, err := s.DeckImages(ctx)
	if err != nil || len(imgs) != 2 || imgs[0].Path != "a.png" || imgs[0].Type != "image/gif" || !bytes.Equal(imgs[1].Data, png) {
		t.Fatalf("images %s (%v)", fmt.Sprint(imgs), err)
	}
	if err := s.DeleteDeck(ctx, "my-1"); err != nil {
		t.Fatal(err)
	}
	if imgs, err := s.DeckImages(ctx); err != nil || len(imgs) != 0 {
		t.Errorf("after deleting the deck: %d images (%v), want none", len(imgs), err)
	}
}
