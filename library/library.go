// Package library is where decks come from: the built-in workshops compiled
// into the binary and the Markdown files of a -decks folder.
package library

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/roundtable-kit/roundtable/handlers"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

// Library lists and finds decks. It is safe for concurrent use.
type Library struct {
	mu       sync.RWMutex
	builtins []*quizzes.Deck
	folder   []*quizzes.Deck
}

// New loads the built-in decks (which must all be valid) and, if folder is
// not nil, every deck in it; problems in the folder are returned as
// warnings and those files are skipped.
func New(builtins fs.FS, folder fs.FS) (*Library, []string, error) {
	b, err := quizzes.LoadFS(builtins)
	if err != nil {
		return nil, nil, fmt.Errorf("library: a built-in deck is broken: %w", err)
	}
	sort.SliceStable(b, func(i, j int) bool { return builtinRank(b[i].ID) < builtinRank(b[j].ID) })
	l := &Library{builtins: b}
	var warnings []string
	if folder != nil {
		l.folder, warnings = quizzes.LoadDir(folder)
	}
	return l, warnings, nil
}

// List returns every deck, built-ins first.
func (l *Library) List(ctx context.Context) ([]handlers.DeckEntry, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make([]handlers.DeckEntry, 0, len(l.builtins)+len(l.folder))
	for _, d := range l.builtins {
		out = append(out, handlers.DeckEntry{Deck: d, Builtin: true})
	}
	for _, d := range l.folder {
		out = append(out, handlers.DeckEntry{Deck: d})
	}
	return out, nil
}

// Get returns one deck by id, or store.ErrNotFound.
func (l *Library) Get(ctx context.Context, id string) (handlers.DeckEntry, error) {
	entries, _ := l.List(ctx)
	for _, e := range entries {
		if e.Deck.ID == id {
			return e, nil
		}
	}
	return handlers.DeckEntry{}, store.ErrNotFound
}

// builtinOrder is the order a presenter meets the built-ins in: the short
// tour first, then the workshops; English before Spanish.
var builtinOrder = []string{"try", "parents", "youth", "educators"}

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
