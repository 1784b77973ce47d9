package live

import "github.com/roundtable-kit/roundtable/quizzes"

// deckReactions is what deck d says of reactions on slide index (-1: the
// lobby): the slide's reactions: directive, else the deck's front matter.
func deckReactions(d *quizzes.Deck, index int) bool {
	if index >= 0 && index < len(d.Slides) {
		switch d.Slides[index].Reactions {
		case "on":
			return true
		case "off":
			return false
		}
	}
	return d.Reactions
}
