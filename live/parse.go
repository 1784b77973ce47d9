package live

import "github.com/roundtable-kit/roundtable/quizzes"

// ParseFunc turns a stored session's deck source back into the deck it
// ran, as the library would show it (its images pointed at the files the
// kit serves); nil when it no longer reads.
type ParseFunc func(id, src string) (*quizzes.Deck, error)

// SetParse sets how the sessions brought back from the store (at a restart,
// or ended) read their decks; call it before RestoreAll. Without it a deck
// is read by quizzes.Parse alone, so its relative images keep the address
// they were written with.
func (m *Manager) SetParse(p ParseFunc) { m.parse = p }

// parseDeck reads a stored session's deck; nil when it does not read or
// has no slides.
func (m *Manager) parseDeck(id, src string) *quizzes.Deck {
	if m.parse != nil {
		d, err := m.parse(id, src)
		if err != nil || d == nil || len(d.Slides) == 0 {
			return nil
		}
		return d
	}
	d, problems := quizzes.Parse(id, []byte(src))
	if d == nil || quizzes.HasErrors(problems) || len(d.Slides) == 0 {
		return nil
	}
	return d
}
