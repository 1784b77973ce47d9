package live

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/record"
)

// gatedAnswers is a store that counts answer writes and holds each one
// until the test lets it go (a nil gate lets them through), or fails them
// while fail is set.
type gatedAnswers struct {
	hs     *hookStore
	writes atomic.Int32
	mu     sync.Mutex
	gate   chan struct{}
	fail   atomic.Bool
}

func newGatedAnswers(t *testing.T) *gatedAnswers {
	g := &gatedAnswers{}
	st := openStore(t)
	g.hs = &hookStore{Store: st}
	g.hs.answer = func(ctx context.Context, a record.Answer) error {
		g.writes.Add(1)
		g.mu.Lock()
		gate := g.gate
		g.mu.Unlock()
		if gate != nil {
			<-gate
		}
		if g.fail.Load() {
			return errors.New("disk full")
		}
		return st.SaveAnswer(ctx, a)
	}
	return g
}

func (g *gatedAnswers) hold() chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.gate = make(chan struct{})
	return g.gate
}

// resendRoom starts the test deck on its first question with one phone,
// and returns the session, the phone's id and its token.
func resendRoom(t *testing.T, st Store) (*Session, string, string) {
	t.Helper()
	m := NewManager(st, nil)
	t.Cleanup(func() { m.Shutdown(context.Background()) })
	ctx := context.Background()
	s, err := m.Start(ctx, testDeck())
	if err != nil {
		t.Fatal(err)
	}
	phone := NewSub()
	pid, err := s.Join(ctx, "", "en", phone)
	if err != nil {
		t.Fatal(err)
	}
	token := recv(t, phone)["token"].(string)
	if _, err := s.Goto(1); err != nil {
		t.Fatal(err)
	}
	return s, pid, token
}

// A phone that resumes and sends the answer it sent before is acked
// without a second write, and the count does not move; a changed answer
// is written.
func TestTheSameAnswerAgainIsNotWrittenAgain(t *testing.T) {
	g := newGatedAnswers(t)
	s, pid, token := resendRoom(t, g.hs)
	ctx := context.Background()
	first := resumeOn(t, s, token)
	if _, err := s.AnswerFrom(ctx, pid, first, 1, []int{2}); err != nil {
		t.Fatal(err)
	}
	again := resumeOn(t, s, token)
	got, err := s.AnswerFrom(ctx, pid, again, 1, []int{2})
	if err != nil || len(got) != 1 || got[0] != 2 {
		t.Fatalf("the same answer after a resume: got %v, %v; want [2] acked", got, err)
	}
	if n := g.writes.Load(); n != 1 {
		t.Errorf("the same answer twice: %d writes, want 1", n)
	}
	if snap, _ := s.Snapshot(); snap.Answered != 1 {
		t.Errorf("the same answer twice: %d answered, want 1", snap.Answered)
	}
	if _, err := s.AnswerFrom(ctx, pid, again, 1, []int{0}); err != nil {
		t.Fatal(err)
	}
	if n := g.writes.Load(); n != 2 {
		t.Errorf("a changed answer: %d writes in all, want 2", n)
	}
	answers, _ := g.hs.Answers(ctx, s.ID)
	if len(answers) != 1 || answers[0].Choice[0] != 0 {
		t.Errorf("stored: %+v, want one answer, choice 0", answers)
	}
	// Back to the first choice is a change too, not a resend of it.
	if _, err := s.AnswerFrom(ctx, pid, again, 1, []int{2}); err != nil {
		t.Fatal(err)
	}
	if answers, _ := g.hs.Answers(ctx, s.ID); len(answers) != 1 || answers[0].Choice[0] != 2 || g.writes.Load() != 3 {
		t.Errorf("back to choice 2: stored %+v after %d writes, want choice 2 after 3", answers, g.writes.Load())
	}
}

// A resend that arrives while the first answer is still being committed is
// acked with it: not before the commit, and without a write of its own.
func TestAResendWaitsForTheFirstAnswersCommit(t *testing.T) {
	g := newGatedAnswers(t)
	s, pid, token := resendRoom(t, g.hs)
	ctx := context.Background()
	first := resumeOn(t, s, token)
	gate := g.hold()
	firstDone := make(chan error, 1)
	go func() { _, err := s.AnswerFrom(ctx, pid, first, 1, []int{1}); firstDone <- err }()
	waitFor(t, func() bool { return g.writes.Load() == 1 })
	again := resumeOn(t, s, token)
	resent := make(chan error, 1)
	go func() { _, err := s.AnswerFrom(ctx, pid, again, 1, []int{1}); resent <- err }()
	select {
	case err := <-resent:
		t.Fatalf("the resend was answered (%v) before the first answer was committed", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(gate)
	if err := <-resent; err != nil {
		t.Errorf("the resend after the commit: %v, want an ack", err)
	}
	if err := <-firstDone; err != nil {
		t.Errorf("the first answer: %v", err)
	}
	if n := g.writes.Load(); n != 1 {
		t.Errorf("%d writes, want 1", n)
	}
	if answers, _ := g.hs.Answers(ctx, s.ID); len(answers) != 1 {
		t.Errorf("stored %d answers, want 1", len(answers))
	}
}

// When the first answer could not be stored, its resend is written anew:
// it is acked only if that write commits.
func TestAResendOfAFailedAnswerIsWritten(t *testing.T) {
	g := newGatedAnswers(t)
	s, pid, _ := resendRoom(t, g.hs)
	ctx := context.Background()
	g.fail.Store(true)
	if _, err := s.Answer(ctx, pid, 1, []int{1}); err == nil {
		t.Fatal("an answer the store failed was acked")
	}
	g.fail.Store(false)
	if _, err := s.Answer(ctx, pid, 1, []int{1}); err != nil {
		t.Fatalf("the same answer once the store is back: %v", err)
	}
	if n := g.writes.Load(); n != 2 {
		t.Errorf("%d writes, want 2 (the failed one and the resend)", n)
	}
	if answers, _ := g.hs.Answers(ctx, s.ID); len(answers) != 1 {
		t.Errorf("stored %d answers, want 1", len(answers))
	}
}

// resumeOn resumes the participant holding token on a new connection.
func resumeOn(t *testing.T, s *Session, token string) *Sub {
	t.Helper()
	sub := NewSub()
	if _, err := s.Resume(token, sub); err != nil {
		t.Fatal(err)
	}
	return sub
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !ok(); {
		if time.Now().After(deadline) {
			t.Fatal("gave up after 5 s")
		}
		time.Sleep(time.Millisecond)
	}
}
