package live

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
)

// Self-paced sessions: each phone moves through the deck on its own (a go
// message), answers the question on the slide it is on, and after a
// scored question sees the right answer and the explanation at once. The
// presenter moves nothing: the audience screen keeps the join code, and
// the presenter view counts the phones on each slide. A phone's position
// is stored, so it resumes where it stopped, days later if need be.

// MaxPaceWindow bounds how long a self-paced session may stay open.
const MaxPaceWindow = 30 * 24 * time.Hour

// The refusals of self-paced sessions (PROTOCOL.md, API.md).
var (
	ErrSelfPaced    = errcode.SelfPaced
	ErrNotSelfPaced = errcode.NotSelfPaced
	ErrModeConflict = errcode.ModeConflict
	ErrBadClosesAt  = errcode.BadClosesAt
)

// PhaseFinished is a self-paced phone's phase past the last slide.
const PhaseFinished = "finished"

// seat is where one participant of a self-paced session is, and the scored
// answers it gave, which it may not change once it saw the right answer.
// It is read by answers on the connections' goroutines (check), so it is
// not part of the session goroutine's state.
type seat struct {
	at     atomic.Int64
	mu     sync.Mutex
	scored map[int]record.Answer
}

// StartPaced starts a self-paced session of deck, open until closes (nil:
// until the presenter ends it), which must be in the future and within
// MaxPaceWindow.
func (m *Manager) StartPaced(ctx context.Context, deck *quizzes.Deck, closes *time.Time) (*Session, error) {
	if closes != nil {
		if d := time.Until(*closes); d <= 0 || d > MaxPaceWindow {
			return nil, ErrBadClosesAt
		}
		c := closes.UTC().Truncate(time.Millisecond)
		closes = &c
	}
	return m.start(ctx, deck, GameOptions{}, &pacing{closes: closes})
}

// pacing is a self-paced session's window.
type pacing struct {
	closes *time.Time
	timer  atomic.Pointer[time.Timer] // set once the session runs
}

// SelfPaced reports whether each phone moves on its own, and when the
// session closes by itself (nil: when the presenter ends it).
func (s *Session) SelfPaced() (bool, *time.Time) {
	if s.pace == nil {
		return false, nil
	}
	return true, s.pace.closes
}

// closeAtWindow ends the session when its window closes: now, if it closed
// while the kit was off.
func (s *Session) closeAtWindow() {
	if s.pace == nil || s.pace.closes == nil {
		return
	}
	s.pace.timer.Store(time.AfterFunc(time.Until(*s.pace.closes), func() {
		select {
		case <-s.quit: // stopped (the kit stops): it closes at the next start
		default:
			s.End(context.Background())
		}
	}))
}

// stopWindow stops the closing timer of a session that stops.
func (s *Session) stopWindow() {
	if s.pace == nil {
		return
	}
	if t := s.pace.timer.Load(); t != nil {
		t.Stop()
	}
}

// refusePaced refuses what the presenter does to a live session's slides
// (move, reveal, Q&A, reactions) in a self-paced one.
func (s *Session) refusePaced() (Snapshot, error) {
	snap, err := s.Snapshot()
	if err != nil {
		return snap, err
	}
	return snap, ErrSelfPaced
}

// frameFor is the slide message phone p gets when the session changes.
func (st *state) frameFor(p *participant) *Frame {
	if st.s.pace != nil && !st.ended {
		return st.paceFrame(p)
	}
	return st.slideFor(p)
}

func (s *Session) seatOf(pid string) *seat {
	if ph := s.phoneOf(pid); ph != nil {
		return ph.seat.Load()
	}
	return nil
}

// checkPaced is check's rule in a self-paced session: the slide must exist,
// be the one the phone is on and take answers; a scored question answered
// takes only the same answer again (a resend), since the phone saw the
// right answer.
func (s *Session) checkPaced(se *seat, slide int) error {
	if slide < 0 || slide >= len(s.Deck.Slides) {
		return ErrBadSlide
	}
	if se == nil || se.at.Load() != int64(slide) {
		return ErrWrongSlide
	}
	if q := s.Deck.Slides[slide].Question; q == nil || !q.Kind.Takes() {
		return ErrClosed
	}
	return nil
}

// lockedOut tells whether a self-paced phone, seated at se, already gave
// another answer to this scored question.
func lockedOut(se *seat, a record.Answer) bool {
	if se == nil || a.Correct == nil {
		return false
	}
	se.mu.Lock()
	defer se.mu.Unlock()
	old, ok := se.scored[a.Slide]
	return ok && !(slices.Equal(old.Choice, a.Choice) && sameGiven(&old, &a))
}

// answered keeps a committed scored answer on the phone's seat.
func answered(se *seat, a record.Answer) {
	if se == nil || a.Correct == nil {
		return
	}
	se.mu.Lock()
	se.scored[a.Slide] = a
	se.mu.Unlock()
}

// Go moves the phone on sub to slide (0 to the slide count, which is past
// the end: finished) and sends it that slide, once the move is committed:
// a phone that comes back after a crash is on the slide it last saw.
func (s *Session) Go(ctx context.Context, sub *Sub, slide int) error {
	if s.pace == nil {
		return ErrNotSelfPaced
	}
	if slide < 0 || slide > len(s.Deck.Slides) {
		return ErrBadSlide
	}
	var pid string
	var err error
	if e := s.do(func(st *state) {
		p := st.phones[sub]
		switch {
		case st.ended:
			err = ErrEnded
		case p == nil:
			err = ErrReplaced
		default:
			pid = p.id
		}
	}); e != nil {
		return s.stoppedErr()
	}
	if err != nil {
		return err
	}
	if !s.inflight.enter() {
		return s.stoppedErr()
	}
	defer s.inflight.leave()
	if err := s.store.SavePosition(ctx, s.ID, pid, slide); err != nil {
		s.storageFailed()
		return errMoveNotStored
	}
	if e := s.do(func(st *state) {
		p := st.parts[pid]
		switch {
		case st.ended:
			err = ErrEnded
			return
		case p == nil: // removed by the presenter meanwhile
			err = ErrReplaced
			return
		}
		// The stored position is the participant's, whichever of its
		// connections asked: the one it has now is shown it.
		st.paceMove(p, slide)
		if p.sub != nil {
			st.send(p.sub, st.paceFrame(p))
		}
		if p.sub != sub {
			err = ErrReplaced
		}
	}); e != nil {
		return s.stoppedErr()
	}
	return err
}

// ---- on the session goroutine ----

// paceMove puts p on slide, counting it there.
func (st *state) paceMove(p *participant, slide int) {
	if st.paceAt == nil {
		st.paceAt = make([]int, len(st.s.Deck.Slides)+1)
	}
	if p.placed {
		st.paceAt[p.at]--
	}
	p.at, p.placed = slide, true
	st.paceAt[slide]++
	if se := st.s.seatOf(p.id); se != nil {
		se.at.Store(int64(slide))
	}
	st.dirty = true
}

// paceSeat gives a participant of a self-paced session its seat, at slide.
func (st *state) paceSeat(p *participant, slide int) {
	se := &seat{scored: map[int]record.Answer{}}
	se.at.Store(int64(slide))
	st.s.phoneFor(p.id).seat.Store(se)
	st.paceMove(p, slide)
}

// paceRemoved stops counting a participant the presenter removed.
func (st *state) paceRemoved(p *participant) {
	if st.s.pace == nil {
		return
	}
	if p.placed {
		st.paceAt[p.at]--
		p.placed = false
	}
	// The seat goes with the participant's phone, which Remove took out
	// of known before this runs.
}

// paceAnswered shows a self-paced phone the right answer of a scored
// question it just answered, and presenter views the count.
func (st *state) paceAnswered(a record.Answer) {
	p := st.parts[a.ParticipantID]
	if p == nil || a.Correct == nil {
		return
	}
	answered(st.s.seatOf(a.ParticipantID), a)
	if p.sub != nil && p.at == a.Slide {
		st.send(p.sub, st.paceFrame(p))
	}
}

// paceFrame is the slide message for phone p of a self-paced session: the
// slide it is on, with its phase for that phone alone.
func (st *state) paceFrame(p *participant) *Frame {
	d := st.deckFor(p)
	if st.ended {
		return st.slideFor(p)
	}
	m := slideMsg{Type: "slide", Index: p.at, Total: len(d.Slides), Phase: PhaseFinished, Pace: true, ClosesAt: st.s.pace.closes}
	if p.at >= len(d.Slides) {
		m.Handout = st.s.Deck.Handout // past the last slide: offered as at a live session's end
	}
	if d != st.s.Deck {
		m.Lang = d.Lang
	}
	if p.at < len(d.Slides) {
		sl := &d.Slides[p.at]
		m.Title, m.Phase = sl.Title, PhaseSlide
		if q := sl.Question; q != nil {
			m.Question = phoneQuestionOf(q)
			m.Phase = PhaseQuestion
			if !q.Kind.Takes() {
				m.Phase = PhaseSlide
			} else if st.sawRight(p, q, p.at) {
				m.Phase = PhaseRevealed
				m.Reveal = privateReveal(q, st.revealAt(d, p.at))
			}
		} else {
			m.HTML = sl.HTML
		}
	}
	return encodeOwn(m)
}

// sawRight tells whether p gave a scored answer to question q on slide
// (not a skip): it was shown the right answer, and keeps its own.
func (st *state) sawRight(p *participant, q *quizzes.Question, slide int) bool {
	if !q.Scored() {
		return false
	}
	g := p.given[slide]
	return p.answers[slide] != nil || (g != nil && g.Correct != nil)
}

// hostPace is what presenter views see of a self-paced session: how many
// phones are on each slide (and past the last), and each question's
// answers so far.
type hostPace struct {
	ClosesAt *time.Time `json:"closes_at,omitempty"`
	On       []int      `json:"on"`
	Finished int        `json:"finished"`
	Answered []int      `json:"answered"`
	Counts   [][]int    `json:"counts"`
}

func (st *state) hostPace() *hostPace {
	if st.s.pace == nil {
		return nil
	}
	n := len(st.s.Deck.Slides)
	h := &hostPace{ClosesAt: st.s.pace.closes, On: make([]int, n), Answered: make([]int, n), Counts: make([][]int, n)}
	if st.paceAt != nil {
		copy(h.On, st.paceAt[:n])
		h.Finished = st.paceAt[n]
	}
	for i := range n {
		h.Answered[i] = st.answered[i]
		if q := st.s.Deck.Slides[i].Question; q != nil && q.Kind.Choice() {
			h.Counts[i] = st.counts[i]
			if h.Counts[i] == nil {
				h.Counts[i] = make([]int, optionCount(q))
			}
		}
	}
	return h
}

// privateReveal is what a self-paced phone is shown after it answers q:
// the right answer, the explanation and the true value or accepted
// answers, but not how the others answered. Answers come in one by one,
// so counts shown to each phone would tell it what the phones before it
// chose.
func privateReveal(q *quizzes.Question, r *reveal) *reveal {
	out := &reveal{Correct: r.Correct, Explanation: r.Explanation}
	switch {
	case q.Kind == quizzes.TypeAnswer:
		out.Summary = &Summary{Accepted: slices.Clone(q.Accept)} // in this deck's language
	case q.Kind == quizzes.Number && q.Answer != nil:
		a := *q.Answer
		out.Summary = &Summary{Answer: &a}
	}
	return out
}
