package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

// MediaPath is where the kit serves the image files decks bring with them:
// MediaPath + an Image's Name.
const MediaPath = "/media/"

// loadImages reads the image files beside the folder's decks and points
// their slides at them; an image that cannot be shown is a warning, and
// its slide keeps the address as written (which the kit answers with 404).
func (l *Library) loadImages(folder fs.FS) []string {
	var warnings []string
	for _, d := range l.folder {
		images, probs := quizzes.ReadImages(folder, d)
		for _, p := range probs {
			warnings = append(warnings, fmt.Sprintf("%s.md:%s", d.ID, p))
		}
		for _, img := range images {
			l.media[img.Name()] = img
		}
		l.folderImages[d.ID] = images
		resolve(d, images)
	}
	return warnings
}

// loadStoredImages reads the images stored with the user's decks.
func (l *Library) loadStoredImages(ctx context.Context) error {
	rows, err := l.store.DeckImages(ctx)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if l.userImages[r.DeckID] == nil {
			l.userImages[r.DeckID] = map[string]quizzes.Image{}
		}
		l.userImages[r.DeckID][r.Path] = quizzes.Image{Type: r.Type, Data: r.Data}
	}
	for id, d := range l.user {
		resolve(d, l.userImages[id])
	}
	l.indexUserMediaLocked()
	return nil
}

func resolve(d *quizzes.Deck, images map[string]quizzes.Image) {
	d.ResolveImages(func(path string) (string, bool) {
		img, ok := images[path]
		if !ok {
			return "", false
		}
		return MediaPath + img.Name(), true
	})
}

// DeckImages points the images of d, a version of the deck id as the
// editor shows it, at the files the kit has for that deck, and warns of
// each it does not have: a folder deck's are the files beside it when the
// kit started, a user deck's those stored with it, a new deck has none.
func (l *Library) DeckImages(id string, d *quizzes.Deck) []quizzes.Problem {
	if images, ok := l.folderImages[id]; ok {
		resolve(d, images)
		var probs []quizzes.Problem
		for _, ref := range quizzes.ImageRefs(d) {
			if _, ok := images[ref.Path]; !ok {
				probs = append(probs, quizzes.Problem{Line: ref.Line, Severity: quizzes.Warning, Message: fmt.Sprintf(
					"the image %s is not shown: the kit did not find it beside the deck when it started (its start messages say why)", ref.Dest)})
			}
		}
		return probs
	}
	l.mu.RLock()
	images := l.userImages[id]
	l.mu.RUnlock()
	resolve(d, images)
	return quizzes.StoredImageProblems(d, func(p string) bool { _, ok := images[p]; return ok })
}

// Media returns an image file a deck brings with it or has stored with it,
// by its name under MediaPath.
func (l *Library) Media(name string) (quizzes.Image, bool) {
	if img, ok := l.media[name]; ok {
		return img, true
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	img, ok := l.userMedia[name]
	return img, ok
}

// indexUserMediaLocked rebuilds the index of the user decks' images by
// name, after a change; l.mu is held.
func (l *Library) indexUserMediaLocked() {
	l.userMedia = map[string]quizzes.Image{}
	for _, images := range l.userImages {
		for _, img := range images {
			l.userMedia[img.Name()] = img
		}
	}
}

// ErrBadImage is returned for an image that cannot be stored with a deck;
// its message says why.
var ErrBadImage = errors.New("library: this image cannot be stored")

type badImage string

func (b badImage) Error() string        { return string(b) }
func (b badImage) Is(target error) bool { return target == ErrBadImage }

// AddImage stores an image file with a user deck under path (the address a
// slide names it by, as ![](path)), replacing one of that path, and returns
// the address it is served from. It must be a PNG, JPEG, GIF or WebP image
// (by its bytes) within quizzes.MaxImageBytes, and the deck's images within
// quizzes.MaxDeckImageBytes together.
func (l *Library) AddImage(ctx context.Context, id, path string, data []byte) (string, error) {
	if e, err := l.Get(ctx, id); err != nil {
		return "", err
	} else if !e.Editable {
		return "", ErrReadOnly
	}
	p, ok := quizzes.ImagePath(path)
	if !ok || strings.Contains(p, "%") {
		return "", badImage(fmt.Sprintf("%q cannot name an image beside a deck: use a plain file name such as chart.png", path))
	}
	if len(data) > quizzes.MaxImageBytes {
		return "", badImage(fmt.Sprintf("an image file may hold at most %d MiB", quizzes.MaxImageBytes>>20))
	}
	img := quizzes.Image{Type: quizzes.ImageType(data), Data: data}
	if img.Type == "" {
		return "", badImage("only PNG, JPEG, GIF and WebP images are shown (not SVG, which can carry script)")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	total := len(data)
	for q, other := range l.userImages[id] {
		if q != p {
			total += len(other.Data)
		}
	}
	if total > quizzes.MaxDeckImageBytes {
		return "", badImage(fmt.Sprintf("a deck's images may add up to %d MiB", quizzes.MaxDeckImageBytes>>20))
	}
	if err := l.store.SaveDeckImage(ctx, store.DeckImage{DeckID: id, Path: p, Type: img.Type, Data: data}); err != nil {
		return "", err
	}
	if l.userImages[id] == nil {
		l.userImages[id] = map[string]quizzes.Image{}
	}
	l.userImages[id][p] = img
	l.indexUserMediaLocked()
	if d := l.user[id]; d != nil {
		// Slides are rendered once: render this deck again and point it at
		// the images it now has.
		if nd, _ := quizzes.Parse(id, []byte(d.Source)); nd != nil {
			resolve(nd, l.userImages[id])
			l.user[id] = nd
		}
	}
	return MediaPath + img.Name(), nil
}
