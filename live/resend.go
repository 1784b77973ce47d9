package live

import (
	"context"
	"slices"

	"github.com/roundtable-kit/roundtable/record"
)

// A phone that loses its connection right after sending an answer cannot
// know whether the ack was lost or the answer was: it resumes and sends the
// same answer again (PROTOCOL.md). That second answer needs no second
// write. The database would keep the row as it is (the same answer changes
// nothing), and the count would not move either (apply), so the resend is
// acked once the first one is committed: at once if it already is, or with
// it if it is still on its way. In a storm with 30 % of the phones
// reconnecting, that is 3,000 writes fewer for the one store writer, and
// the resent answer's ack no longer queues behind the answers sent after it
// (issue 13).
//
// The participant's phone (session.go) holds the last answer it gave in a
// live session (a self-paced session checks each answer against the
// phone's seat, pace.go, and always writes).

// flight is a participant's latest answer: on its way to the database
// until done is closed, then committed if err is nil.
type flight struct {
	a    record.Answer
	done chan struct{}
	err  error // set before done is closed
}

// same tells whether b stores exactly what a stored: the database compares
// the choice, the text (a word list is stored as text), the value and the
// skip (store.saveAnswerSQL), and an answer that matches on all of them
// changes nothing.
func (f *flight) same(b record.Answer) bool {
	a := f.a
	return a.Slide == b.Slide && a.QuestionID == b.QuestionID && slices.Equal(a.Choice, b.Choice) && sameGiven(&a, &b)
}

// resent waits for the participant's answer equal to rec that is already
// committed or on its way, and reports whether there was one; err is that
// answer's outcome (or ctx's). With no such answer, rec is written as a
// new one.
func (s *Session) resent(ctx context.Context, ph *phone, rec record.Answer) (ok bool, err error) {
	if s.pace != nil {
		return false, nil
	}
	f := ph.latest.Load()
	if f == nil || !f.same(rec) {
		return false, nil
	}
	select {
	case <-f.done:
		if f.err != nil {
			// The first one failed: this one is written anew (it may
			// succeed where that one did not, or fail with its own error).
			return false, nil
		}
		return true, nil
	case <-ctx.Done():
		return true, ctx.Err()
	}
}

// give writes an answer and counts it; in a live session it is kept as
// the participant's latest, committed or on its way, for a resend to find.
func (s *Session) give(ctx context.Context, ph *phone, rec record.Answer) error {
	var f *flight
	if s.pace == nil {
		f = &flight{a: rec, done: make(chan struct{})}
		ph.latest.Store(f)
		defer close(f.done)
	}
	err := s.store.SaveAnswer(ctx, rec)
	if f != nil {
		f.err = err
	}
	if err != nil {
		return err
	}
	if s.pace != nil {
		answered(ph.seat.Load(), rec) // before the ack: the phone's next answer is checked against it
	}
	// Posted before done is closed: a resend acked after it finds the count
	// already queued, as the first answer's own ack does.
	s.post(func(st *state) { st.apply(rec) })
	return nil
}
