package live

import "github.com/roundtable-kit/roundtable/quizzes"

// A deck's twin is the same deck in the other language (its front matter's
// translation, checked slide for slide by quizzes.CheckTwins). A session
// whose deck has one keeps two slide messages for phones, one per language,
// each encoded once however many phones get it; a phone gets the twin's
// when its language is the twin's. Answers are by slide and option index,
// the same in both, so results do not depend on it.

// SetTwins sets how a session finds its deck's twin when it starts or is
// brought back: find returns the deck named as d's translation, or nil.
// Call it before RestoreAll.
func (m *Manager) SetTwins(find func(d *quizzes.Deck) *quizzes.Deck) { m.twins = find }

// twinOf returns d's twin if it has one that matches it slide for slide.
func (m *Manager) twinOf(d *quizzes.Deck) *quizzes.Deck {
	if m.twins == nil || d.Translation == "" {
		return nil
	}
	t := m.twins(d)
	if t == nil || t.Lang == d.Lang || len(t.Slides) != len(d.Slides) || quizzes.HasErrors(quizzes.CheckTwins(d, t)) {
		return nil
	}
	return t
}

// Twin is the session's deck in the other language, or nil.
func (s *Session) Twin() *quizzes.Deck { return s.twin }

// SetLang switches the language of the phone on sub ("en" or "es"): from
// now on it gets the slides of the deck in that language when the session
// has it, and is sent the current slide again if that changes what it
// shows. It is kept in memory only: a phone sends it again after a resume.
func (s *Session) SetLang(sub *Sub, lang string) error {
	if lang != "es" {
		lang = "en"
	}
	return s.do(func(st *state) {
		p := st.phones[sub]
		if p == nil || p.lang == lang {
			return
		}
		before := st.deckFor(p)
		p.lang = lang
		if st.deckFor(p) != before {
			st.send(sub, st.phoneSlide(p))
		}
	})
}

// deckFor is the deck whose text phone p is shown.
func (st *state) deckFor(p *participant) *quizzes.Deck {
	if t := st.s.twin; t != nil && p != nil && p.lang == t.Lang {
		return t
	}
	return st.s.Deck
}

// prepareSlides encodes the slide message for phones, once per language.
func (st *state) prepareSlides() {
	st.slide = st.slideFrameOf(st.s.Deck)
	st.slideTwin = nil
	if st.s.twin != nil {
		st.slideTwin = st.slideFrameOf(st.s.twin)
	}
}

// slideFor is the prepared slide message for phone p.
func (st *state) slideFor(p *participant) *Frame {
	if st.slideTwin != nil && st.deckFor(p) == st.s.twin {
		return st.slideTwin
	}
	return st.slide
}
