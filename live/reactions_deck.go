package live

import "github.com/roundtable-kit/roundtable/quizzes"

// deckReactions is what deck d says of reactions on slide index (-1: the
// lobby): the slide's directive, else the deck's front matter.
func deckReactions(d *quizzes.Deck, index int) bool {
	return false // the deck syntax comes with voice-core's parser
}
