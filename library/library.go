// Package library is where decks come from: the built-in workshops compiled
// into the binary, the Markdown files of a -decks folder, and the decks the
// user wrote or imported, kept in the database.
package library

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

// Store keeps the user's decks.
type Store interface {
	Decks(ctx context.Context) ([]store.DeckRow, error)
	SaveDeck(ctx context.Context, d store.DeckRow) error
	DeleteDeck(ctx context.Context, id string) error
	DeckImages(ctx context.Context) ([]store.DeckImage, error)
	SaveDeckImage(ctx context.Context, img store.DeckImage) error
}

// Entry is a deck in the library, with where it came from.
type Entry struct {
	Deck     *quizzes.Deck
	Builtin  bool // compiled into the kit
	Editable bool // the user's own, kept in the database
}

// ErrReadOnly is returned for changes to a built-in or folder deck.
var ErrReadOnly = errors.New("library: this deck is read-only; make a copy to edit it")

// Library lists, finds and keeps decks. It is safe for concurrent use.
type Library struct {
	store    Store
	builtins []*quizzes.Deck
	folder   []*quizzes.Deck

	mu   sync.RWMutex
	user map[string]*quizzes.Deck // parsed once, when loaded or saved

	media        map[string]quizzes.Image            // the folder decks' image files, by Image.Name; read once, at start
	folderImages map[string]map[string]quizzes.Image // the same, by deck id and path beside the deck
	userImages   map[string]map[string]quizzes.Image // the images stored with user decks, by deck id and path; under mu
	userMedia    map[string]quizzes.Image            // the same, by Image.Name; under mu
}

// New loads the built-in decks (which must all be valid), the decks of
// folder if not nil (problems are returned as warnings and those files
// skipped) and the user's decks from st.
func New(ctx context.Context, builtins fs.FS, folder fs.FS, st Store) (*Library, []string, error) {
	b, err := quizzes.LoadFS(builtins)
	if err != nil {
		return nil, nil, fmt.Errorf("library: a built-in deck is broken: %w", err)
	}
	sort.SliceStable(b, func(i, j int) bool { return builtinRank(b[i].ID) < builtinRank(b[j].ID) })
	l := &Library{store: st, builtins: b, user: map[string]*quizzes.Deck{}, media: map[string]quizzes.Image{}, folderImages: map[string]map[string]quizzes.Image{}, userImages: map[string]map[string]quizzes.Image{}}
	var warnings []string
	if folder != nil {
		l.folder, warnings = quizzes.LoadDir(folder)
		warnings = append(warnings, l.loadImages(folder)...)
	}
	rows, err := st.Decks(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rows {
		d, probs := quizzes.Parse(r.ID, []byte(r.Source))
		if d == nil || quizzes.HasErrors(probs) {
			warnings = append(warnings, fmt.Sprintf("saved deck %s no longer reads; fix it in the editor", r.ID))
			if d == nil {
				continue
			}
		}
		l.user[r.ID] = d
	}
	if err := l.loadStoredImages(ctx); err != nil {
		return nil, nil, err
	}
	return l, warnings, nil
}

// List returns every deck: built-ins, then the folder's, then the user's.
func (l *Library) List(ctx context.Context) ([]Entry, error) {
	out := make([]Entry, 0, len(l.builtins)+len(l.folder)+len(l.user))
	for _, d := range l.builtins {
		out = append(out, Entry{Deck: d, Builtin: true})
	}
	for _, d := range l.folder {
		out = append(out, Entry{Deck: d})
	}
	l.mu.RLock()
	user := make([]*quizzes.Deck, 0, len(l.user))
	for _, d := range l.user {
		user = append(user, d)
	}
	l.mu.RUnlock()
	sort.Slice(user, func(i, j int) bool { return user[i].Title < user[j].Title })
	for _, d := range user {
		out = append(out, Entry{Deck: d, Editable: true})
	}
	return out, nil
}

// Get returns one deck by id, or store.ErrNotFound.
func (l *Library) Get(ctx context.Context, id string) (Entry, error) {
	entries, _ := l.List(ctx)
	for _, e := range entries {
		if e.Deck.ID == id {
			return e, nil
		}
	}
	return Entry{}, store.ErrNotFound
}

// NewID returns an id for a new user deck.
func NewID() string {
	b := make([]byte, 5)
	rand.Read(b)
	return "my-" + hex.EncodeToString(b)
}

// Save stores a user deck's source (a new one when id is ""). A deck with
// errors is not saved: the problems say why.
func (l *Library) Save(ctx context.Context, id, source string) (Entry, []quizzes.Problem, error) {
	id = strings.Clone(id) // kept past the request: never alias a request buffer
	if id == "" {
		id = NewID()
	} else if e, err := l.Get(ctx, id); err == nil && !e.Editable {
		return Entry{}, nil, ErrReadOnly
	} else if err != nil {
		return Entry{}, nil, err
	}
	d, probs := quizzes.Parse(id, []byte(source))
	if d == nil || quizzes.HasErrors(probs) {
		return Entry{}, probs, nil
	}
	probs = quizzes.SortProblems(append(probs, l.DeckImages(id, d)...))
	if err := l.store.SaveDeck(ctx, store.DeckRow{ID: id, Source: source}); err != nil {
		return Entry{}, nil, err
	}
	l.mu.Lock()
	l.user[id] = d
	l.mu.Unlock()
	return Entry{Deck: d, Editable: true}, probs, nil
}

// Delete removes a user deck; running sessions keep their copy.
func (l *Library) Delete(ctx context.Context, id string) error {
	if e, err := l.Get(ctx, id); err != nil {
		return err
	} else if !e.Editable {
		return ErrReadOnly
	}
	if err := l.store.DeleteDeck(ctx, id); err != nil {
		return err
	}
	l.mu.Lock()
	delete(l.user, id)
	delete(l.userImages, id) // the store deleted them with the deck
	l.indexUserMediaLocked()
	l.mu.Unlock()
	return nil
}

// builtinOrder is the order a presenter meets the built-ins in: the short
// tour first, then the workshops; English before Spanish.
var builtinOrder = []string{"try", "parents", "youth", "youth-short", "educators"}

func builtinRank(id string) int {
	stem, lang, _ := strings.Cut(id, ".")
	r := slices.Index(builtinOrder, stem)
	if r < 0 {
		r = len(builtinOrder)
	}
	r *= 2
	if lang != "en" {
		r++
	}
	return r
}
