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
		d.ResolveImages(func(path string) (string, bool) {
			img, ok := images[path]
			if !ok {
				return "", false
			}
			return MediaPath + img.Name(), true
		})
	}
	return warnings
}

// Media returns an image file a deck brings with it, by its name under
// MediaPath.
func (l *Library) Media(name string) (quizzes.Image, bool) {
	img, ok := l.media[name]
	return img, ok
}
