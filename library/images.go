package library

import (
	"fmt"
	"io/fs"

	"github.com/roundtable-kit/roundtable/quizzes"
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

func resolve(d *quizzes.Deck, images map[string]quizzes.Image) {
	d.ResolveImages(func(path string) (string, bool) {
		img, ok := images[path]
		if !ok {
			return "", false
		}
		return MediaPath + img.Name(), true
	})
}

// FolderImages points the images of d, a version of the folder deck id (as
// the editor shows it), at the files the kit read beside that deck when it
// started, and warns of each it does not have. It reports false when id is
// not a folder deck.
func (l *Library) FolderImages(id string, d *quizzes.Deck) ([]quizzes.Problem, bool) {
	images, ok := l.folderImages[id]
	if !ok {
		return nil, false
	}
	resolve(d, images)
	var probs []quizzes.Problem
	for _, ref := range quizzes.ImageRefs(d) {
		if _, ok := images[ref.Path]; !ok {
			probs = append(probs, quizzes.Problem{Line: ref.Line, Severity: quizzes.Warning, Message: fmt.Sprintf(
				"the image %s is not shown: the kit did not find it beside the deck when it started (its start messages say why)", ref.Dest)})
		}
	}
	return probs, true
}

// Media returns an image file a deck brings with it, by its name under
// MediaPath.
func (l *Library) Media(name string) (quizzes.Image, bool) {
	img, ok := l.media[name]
	return img, ok
}
