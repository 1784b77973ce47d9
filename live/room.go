package live

import (
	"context"
	"errors"
	"slices"

	"github.com/roundtable-kit/roundtable/errcode"
)

// The presenter's hold on the room: lock it (no new participants; those
// who joined still resume) and remove a participant.

// participantRemover is the store's side of Remove. It is asked for apart
// from Store so that stores written for tests need not have it.
type participantRemover interface {
	RemoveParticipant(ctx context.Context, sessionID, id, anonID string, deleteAnswers bool) error
}

// ErrNoParticipant is Remove's answer for an id the session does not have.
var ErrNoParticipant = errcode.NotFound.With("No participant has this id in this session.")

// Lock locks (or unlocks) the room: a join is refused with room_locked,
// a resume is not. The lock lasts while the session runs; it is not
// stored, so a restart opens the room again.
func (s *Session) Lock(locked bool) (Snapshot, error) {
	return s.drive(func(st *state) error {
		if st.locked != locked {
			st.locked = locked
			st.toHosts(st.stateFrame())
		}
		return nil
	})
}

// Participant is one participant as the presenter's list shows it.
type Participant struct {
	ID        string `json:"id"`
	Nick      string `json:"nick"`
	Connected bool   `json:"connected"`
	Answers   int    `json:"answers"`
}

// Participants lists the participants, in no particular order; those
// removed with their answers kept are listed with no nickname.
func (s *Session) Participants() ([]Participant, error) {
	var out []Participant
	if err := s.do(func(st *state) {
		for _, p := range st.parts {
			out = append(out, Participant{ID: p.id, Nick: p.nick, Connected: p.sub != nil, Answers: len(p.answers) + len(p.given)})
		}
	}); err != nil {
		return nil, s.stoppedErr()
	}
	slices.SortFunc(out, func(a, b Participant) int {
		if a.Nick != b.Nick {
			if a.Nick < b.Nick {
				return -1
			}
			return 1
		}
		if a.ID < b.ID {
			return -1
		}
		return 1
	})
	return out, nil
}

// Remove takes a participant out: their connection gets bye "removed",
// their token stops resuming and their nickname is erased. Their answers
// stay in the counts and the results, under a new anonymous id, unless
// deleteAnswers, which takes them out of both.
func (s *Session) Remove(ctx context.Context, pid string, deleteAnswers bool) (Snapshot, error) {
	rm, ok := s.store.(participantRemover)
	if !ok {
		return Snapshot{}, errors.New("live: the store cannot remove participants")
	}
	var exists bool
	if err := s.do(func(st *state) { _, exists = st.parts[pid] }); err != nil {
		return Snapshot{}, s.stoppedErr()
	}
	if !exists {
		return Snapshot{}, ErrNoParticipant
	}
	if s.ended.Load() {
		return Snapshot{}, ErrEnded
	}
	// From here answers on the participant's connection are refused
	// (bad_token).
	s.known.Delete(pid)
	// Answers already past their check post their count before the
	// removal runs (settle.go), so the counts move with the rows.
	s.answering.Lock()
	s.answering.Unlock()
	anon := "p" + randomString(9)
	if !s.inflight.enter() {
		return Snapshot{}, s.stoppedErr()
	}
	err := rm.RemoveParticipant(ctx, s.ID, pid, anon, deleteAnswers)
	s.inflight.leave()
	if err != nil {
		return Snapshot{}, ErrStorage.With("The participant could not be removed: the database could not be written; try again.")
	}
	s.qa.remove(pid, anon, deleteAnswers)
	return s.drive(func(st *state) error {
		st.remove(pid, anon, deleteAnswers)
		return nil
	})
}

// remove is Remove on the session goroutine.
func (st *state) remove(pid, anon string, deleteAnswers bool) {
	p := st.parts[pid]
	if p == nil {
		return
	}
	delete(st.parts, pid)
	delete(st.byToken, p.token)
	st.gameRemoved(p, anon, deleteAnswers)
	st.paceRemoved(p)
	if p.sub != nil {
		sub := p.sub
		st.send(sub, encodeOwn(byeMsg{Type: "bye", Reason: "removed"}))
		st.unsubscribe(sub)
	}
	if deleteAnswers {
		for slide, choice := range p.answers {
			st.tally(slide, st.s.Deck.Slides[slide].Question, choice, -1)
			st.answered[slide]--
		}
		for slide, a := range p.given {
			st.untallyGiven(slide, st.s.Deck.Slides[slide].Question, a)
			st.answered[slide]--
		}
		for slide, pin := range st.pinned {
			if pin == pid {
				delete(st.pinned, slide)
				st.save()
			}
		}
	} else if len(p.answers)+len(p.given) > 0 {
		for _, a := range p.given {
			a.ParticipantID = anon
		}
		st.parts[anon] = &participant{id: anon, lang: p.lang, answers: p.answers, given: p.given}
		for slide, pin := range st.pinned {
			if pin == pid {
				st.pinned[slide] = anon
				st.save()
			}
		}
	}
	st.dirty = true
	if deleteAnswers && st.revealed[st.index] {
		st.changed(false) // the revealed chart loses their answer
	} else {
		st.toHosts(st.stateFrame())
	}
}
