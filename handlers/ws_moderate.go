package handlers

import (
	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
)

// moderate runs a host's moderate, moderation or hide_word message
// (PROTOCOL.md): each names its slide; with "on", only while that slide
// shows.
func (h *handler) moderate(s *live.Session, m *message) error {
	if m.Slide == nil {
		return errcode.BadSlide.With(m.Type + ` takes {"slide": n}.`)
	}
	slide := *m.Slide
	run := func() error {
		switch m.Type {
		case "moderate":
			ctx, cancel := requestContext()
			defer cancel()
			_, _, err := s.Moderate(ctx, slide, m.ID, m.Action)
			return err
		case "moderation":
			return s.SetModeration(slide, m.Mode)
		}
		if m.Hidden == nil {
			return errcode.BadMessage.With(`hide_word takes {"word": "…", "hidden": true|false}.`)
		}
		return s.HideWord(slide, m.Word, *m.Hidden)
	}
	if m.On == nil {
		return run()
	}
	var err error
	_, serr := s.On(*m.On, func() (live.Snapshot, error) { err = run(); return live.Snapshot{}, nil })
	if serr != nil {
		return serr
	}
	return err
}
