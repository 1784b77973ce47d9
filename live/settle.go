package live

// settle closes the question showing to new answers and waits for the
// answers already accepted (past their checks) to be committed and
// counted, so that a reveal that follows shows the final chart: before, an
// answer committing during the reveal was counted in a later broadcast
// (totals 267, then 268). Answers hold s.answering for reading from their
// check to the post of their count; taking it for writing waits for them,
// and the count they posted runs on the session goroutine before anything
// asked of it after. New answers wait only for that moment, and are then
// refused as question_closed.
func (s *Session) settle() {
	if s.do(func(st *state) {
		if st.phase() == PhaseQuestion {
			s.open.Store(&openSlide{index: st.index, question: false})
		}
	}) != nil {
		return
	}
	s.answering.Lock()
	s.answering.Unlock()
}
