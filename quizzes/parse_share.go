package quizzes

import "unicode/utf8"

// MaxShareRunes bounds a deck's share: prompt.
const MaxShareRunes = 400

// share reads the front matter's share: PROMPT, the invitation of the
// deck's anonymous "Share your experience" form.
func (p *deckParser) share(deck *Deck, s string, line int) {
	t := plainInline(s)
	switch n := utf8.RuneCountInString(t); {
	case n == 0:
		p.errorf(line, "share: needs its prompt, e.g. \"share: Tell us about your experience. Anonymous; only the facilitator reads it.\"")
	case n > MaxShareRunes:
		p.errorf(line, "share: is %d characters; the limit is %d", n, MaxShareRunes)
	default:
		deck.Share = t
	}
}
