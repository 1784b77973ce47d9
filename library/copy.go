package library

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

// copySuffix marks a copy's title in the deck's language, so that a copy
// and its original are two different cards in the list.
var copySuffix = map[string]string{"en": " (copy)", "es": " (copia)"}

// CopySource returns a deck's source with its title marked as a copy:
// the front matter's title line is replaced, or one is added at the top of
// the front matter (or a front matter made) when the deck has none.
func CopySource(src, title, lang string) string {
	suffix, ok := copySuffix[lang]
	if !ok {
		suffix = copySuffix["en"]
	}
	if title == "" {
		title = "Deck"
	}
	q, _ := json.Marshal(title + suffix) // a JSON string is a YAML double-quoted scalar
	line := "title: " + string(q)
	nl := "\n"
	if strings.Contains(src, "\r\n") {
		nl = "\r\n"
	}
	lines := strings.Split(src, nl)
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return "---" + nl + line + nl + "---" + nl + nl + src
	}
	for i := 1; i < len(lines); i++ {
		l := lines[i]
		if strings.TrimSpace(l) == "---" {
			break // the front matter has no title: add one
		}
		if strings.HasPrefix(l, "title:") {
			end := i + 1 // a title continued on indented lines goes too
			for end < len(lines) && (strings.HasPrefix(lines[end], " ") || strings.HasPrefix(lines[end], "\t")) {
				end++
			}
			return strings.Join(append(append(append([]string{}, lines[:i]...), line), lines[end:]...), nl)
		}
	}
	return strings.Join(append([]string{lines[0], line}, lines[1:]...), nl)
}

// Copy makes an editable copy of any deck, its title marked as a copy, with
// the images the deck brings (beside a folder deck) or has stored, stored
// with the copy. The copy is saved first (its images need it); if an image
// cannot be stored, the copy stays with those stored so far, and the error
// says why.
func (l *Library) Copy(ctx context.Context, id string) (Entry, []quizzes.Problem, error) {
	e, err := l.Get(ctx, id)
	if err != nil {
		return Entry{}, nil, err
	}
	images := map[string]quizzes.Image{}
	if folder, ok := l.folderImages[id]; ok {
		maps.Copy(images, folder)
	} else {
		l.mu.RLock()
		maps.Copy(images, l.userImages[id])
		l.mu.RUnlock()
	}
	newID := NewID()
	src := CopySource(e.Deck.Source, e.Deck.Title, e.Deck.Lang)
	d, probs := quizzes.Parse(newID, []byte(src))
	if d == nil || quizzes.HasErrors(probs) {
		return Entry{}, probs, nil
	}
	if err := l.store.SaveDeck(ctx, store.DeckRow{ID: newID, Source: src}); err != nil {
		return Entry{}, nil, err
	}
	stored := map[string]quizzes.Image{}
	for _, path := range slices.Sorted(maps.Keys(images)) {
		img := images[path]
		if err = l.store.SaveDeckImage(ctx, store.DeckImage{DeckID: newID, Path: path, Type: img.Type, Data: img.Data}); err != nil {
			break
		}
		stored[path] = img
	}
	l.mu.Lock()
	if len(stored) > 0 {
		l.userImages[newID] = stored
		l.indexUserMediaLocked()
	}
	l.user[newID] = d
	l.mu.Unlock()
	probs = quizzes.SortProblems(append(probs, l.DeckImages(newID, d)...))
	return Entry{Deck: d, Editable: true}, probs, err
}
