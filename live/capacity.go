package live

// The room's capacity: an exact cap on participants, and the presenter's
// lock (no new participants; those who joined can still resume).

// SetMaxParticipants sets the cap on each session's participants (the
// -max-participants flag); n < 1 means MaxParticipants. It applies to the
// joins that come after.
func (m *Manager) SetMaxParticipants(n int) {
	if n < 1 {
		n = MaxParticipants
	}
	m.maxParts.Store(int64(n))
}

// MaxParticipantsNow is the cap in force.
func (m *Manager) MaxParticipantsNow() int {
	if n := m.maxParts.Load(); n > 0 {
		return int(n)
	}
	return MaxParticipants
}

// reserve holds a seat for a join, or says why there is none: the room is
// locked, or it is full counting the joins being stored. The caller gives
// the seat back (st.joining--) when it is taken or given up.
func (s *Session) reserve() error {
	var err error
	if e := s.do(func(st *state) {
		switch {
		case st.ended:
			err = ErrEnded
		case st.locked:
			err = ErrLocked
		case len(st.parts)+st.joining >= s.m.MaxParticipantsNow():
			err = ErrFull
		default:
			st.joining++
		}
	}); e != nil {
		return s.stoppedErr()
	}
	return err
}
