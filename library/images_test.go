package library

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/embed"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

// TestAddImageBounds: a deck's stored images add up to at most
// quizzes.MaxDeckImageBytes; replacing one counts its new size only; only
// a user deck takes images.
func TestAddImageBounds(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "rt.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l, _, err := New(ctx, embed.Decks, nil, st)
	if err != nil {
		t.Fatal(err)
	}
	e, _, err := l.Save(ctx, "", "---\ntitle: T\nlang: en\n---\n\n# One\n\n![](a.png)\n")
	if err != nil || e.Deck == nil {
		t.Fatal(err)
	}
	id := e.Deck.ID
	file := func(fill byte) []byte {
		b := make([]byte, quizzes.MaxImageBytes)
		copy(b, "\x89PNG\r\n\x1a\n")
		for i := 8; i < len(b); i++ {
			b[i] = fill
		}
		return b
	}
	n := quizzes.MaxDeckImageBytes / quizzes.MaxImageBytes
	for i := 0; i < n; i++ {
		if _, err := l.AddImage(ctx, id, string(rune('a'+i))+".png", file(byte(i))); err != nil {
			t.Fatalf("image %d of %d: %v", i+1, n, err)
		}
	}
	if _, err := l.AddImage(ctx, id, "one-more.png", file(99)); !errors.Is(err, ErrBadImage) || !strings.Contains(err.Error(), "add up to 8 MiB") {
		t.Errorf("one image past the deck's limit: %v", err)
	}
	if _, err := l.AddImage(ctx, id, "a.png", file(42)); err != nil {
		t.Errorf("replacing an image within the limit: %v", err)
	}
	if _, err := l.AddImage(ctx, "try.en", "a.png", file(1)); !errors.Is(err, ErrReadOnly) {
		t.Errorf("an image for a built-in: %v", err)
	}
	d, _ := l.Get(ctx, id)
	if !strings.Contains(d.Deck.Slides[0].HTML, `src="/media/`) {
		t.Errorf("slide %s, want its image at /media/", d.Deck.Slides[0].HTML)
	}
}
