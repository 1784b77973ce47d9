package live

import "github.com/roundtable-kit/roundtable/errcode"

// ErrStaleSlide refuses a host command made on a slide no longer showing.
var ErrStaleSlide = errcode.StaleSlide

// On runs a host command (one of Next, Prev, Goto, Reveal, End as cmd) only
// if slide on is the one showing, the slide the presenter saw when pressing;
// otherwise it changes nothing and answers ErrStaleSlide with the state.
// Three → pressed while the server stalled thus move one slide, not three.
// Commands that name their slide take onMu in turn, so two windows pressing
// → on the same slide at once also move once.
func (s *Session) On(on int, cmd func() (Snapshot, error)) (Snapshot, error) {
	s.onMu.Lock()
	defer s.onMu.Unlock()
	var index int
	var ended bool
	if err := s.do(func(st *state) { index, ended = st.index, st.ended }); err != nil {
		if f := s.final.Load(); f != nil {
			return f.snap, ErrEnded
		}
		return Snapshot{}, ErrShuttingDown
	}
	if !ended && index != on {
		snap, err := s.Snapshot()
		if err != nil {
			return snap, err
		}
		return snap, ErrStaleSlide
	}
	return cmd()
}
