package live

import (
	"context"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// roleStore is the write SetRole needs; a Store without it (a test's) keeps
// no roles.
type roleStore interface {
	SetRole(ctx context.Context, sessionID, pid string, role int) error
}

// SetRole stores a participant's answer to the deck's join question (an
// index into Deck.Join.Options) and waits for the commit; answering again
// replaces it. It is optional: a participant who never answers has none.
func (s *Session) SetRole(ctx context.Context, pid string, role int) error {
	if s.Deck.Join == nil || role < 0 || role >= len(s.Deck.Join.Options) {
		return errcode.BadChoice.With("That is not one of the join question's answers.")
	}
	if s.ended.Load() {
		return ErrEnded
	}
	rs, ok := s.store.(roleStore)
	if !ok {
		return nil
	}
	if !s.inflight.enter() {
		return s.stoppedErr()
	}
	defer s.inflight.leave()
	if err := rs.SetRole(ctx, s.ID, pid, role); err != nil {
		s.storageFailed()
		return ErrStorage.With("The answer could not be stored: the database could not be written; send it again in a moment.")
	}
	s.post(func(st *state) { st.setRole(pid, role) })
	return nil
}

// setRole keeps a stored role with its participant: in a game whose teams
// the join question picks, it moves the participant to that team.
func (st *state) setRole(pid string, role int) {
	p := st.parts[pid]
	if p == nil || p.role == role+1 {
		return
	}
	if s := st.s; s.joinTeams && p.nick != "" {
		s.teamSize[s.teamFor(pid, p.role-1)-1].Add(-1)
		s.teamSize[s.teamFor(pid, role)-1].Add(1)
	}
	p.role = role + 1
	if st.game != nil && st.s.teams > 0 {
		st.game.stale = true // the teams' members, at the next host_state or rank
	}
}

// joinQuestion is what a welcome carries: the deck's join question, to a
// phone that joined just now, in the phone's language when the twin asks
// the same question (same number of answers: the stored role is an index).
func (st *state) joinQuestion(p *participant, resumed bool) *quizzes.JoinQuestion {
	if resumed {
		return nil
	}
	main := st.s.Deck.Join
	if d := st.deckFor(p); d != st.s.Deck && main != nil && d.Join != nil && len(d.Join.Options) == len(main.Options) {
		return d.Join
	}
	return main
}
