package live

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
	"github.com/roundtable-kit/roundtable/store"
)

// hookStore is the real store with some writes taken over by the test.
type hookStore struct {
	*store.Store
	create func(ctx context.Context, s record.Session) error
	answer func(ctx context.Context, a record.Answer) error
	moved  func(ctx context.Context, sessionID, participantID string, slide int) error
}

func (h *hookStore) SavePosition(ctx context.Context, sessionID, participantID string, slide int) error {
	if h.moved != nil {
		return h.moved(ctx, sessionID, participantID, slide)
	}
	return h.Store.SavePosition(ctx, sessionID, participantID, slide)
}

// stalledAnswers is a store whose first answer write waits: saving closes
// when it starts, and the write goes on once the test closes release.
func stalledAnswers(t *testing.T) (hs *hookStore, saving, release chan struct{}) {
	st := openStore(t)
	saving, release = make(chan struct{}), make(chan struct{})
	hs = &hookStore{Store: st}
	hs.answer = func(ctx context.Context, a record.Answer) error {
		close(saving)
		<-release
		return st.SaveAnswer(context.Background(), a)
	}
	return hs, saving, release
}

func (h *hookStore) CreateSession(ctx context.Context, s record.Session) error {
	if h.create != nil {
		return h.create(ctx, s)
	}
	return h.Store.CreateSession(ctx, s)
}

func (h *hookStore) SaveAnswer(ctx context.Context, a record.Answer) error {
	if h.answer != nil {
		return h.answer(ctx, a)
	}
	return h.Store.SaveAnswer(ctx, a)
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "rt.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// frames reads what sub was sent until it is closed (or a second passes
// with nothing), without failing.
func frames(sub *Sub) []string {
	var out []string
	for {
		select {
		case f, ok := <-sub.Out():
			if !ok {
				return out
			}
			out = append(out, string(f.Data))
		case <-time.After(time.Second):
			return out
		}
	}
}

// A shutdown racing End never leaves a session ended in memory (its phones
// told "bye ended") but open in the store, to come back as running.
func TestShutdownDuringEndStoresTheEnd(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	for round := 0; round < 100; round++ {
		m := NewManager(st, nil)
		s, err := m.Start(ctx, testDeck())
		if err != nil {
			t.Fatal(err)
		}
		phones := make([]*Sub, 3)
		for i := range phones {
			phones[i] = NewSub()
			if _, err := s.Join(ctx, "", "en", phones[i]); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		wg.Add(2)
		var endErr error
		go func() { defer wg.Done(); _, endErr = s.End(ctx) }()
		go func() { defer wg.Done(); m.Shutdown(ctx) }()
		wg.Wait()
		told := endErr == nil
		for _, p := range phones {
			for _, f := range frames(p) {
				if f == `{"type":"bye","reason":"ended"}` {
					told = true
				}
			}
		}
		rec, err := st.Session(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if told && rec.EndedAt == nil {
			t.Fatalf("round %d: phones were told the session ended (End: %v) but the store has it open", round, endErr)
		}
	}
}

// Joins racing End are either welcomed and counted, or refused before
// anything is written: the count End reports is what the store holds.
func TestJoinsRacingEndAreCountedOnce(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	m := NewManager(st, nil)
	defer m.Shutdown(ctx)
	for round := 0; round < 20; round++ {
		s, err := m.Start(ctx, testDeck())
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 5; i++ {
			if _, err := s.Join(ctx, "", "en", NewSub()); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		welcomed := 5
		for i := 0; i < 10; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := s.Join(ctx, "", "en", NewSub())
				switch {
				case err == nil:
					mu.Lock()
					welcomed++
					mu.Unlock()
				case !errors.Is(err, ErrEnded):
					t.Errorf("a join racing End: got %v, want welcomed or session_ended", err)
				}
			}()
		}
		snap, err := s.End(ctx)
		wg.Wait()
		if err != nil {
			t.Fatal(err)
		}
		parts, err := st.Participants(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		rec, _ := st.Session(ctx, s.ID)
		if snap.Joined != len(parts) || rec.Participants != len(parts) || welcomed != len(parts) {
			t.Fatalf("round %d: End counted %d joined, the store holds %d (its row says %d), %d were welcomed",
				round, snap.Joined, len(parts), rec.Participants, welcomed)
		}
	}
}

// A room code only reserved by Start is not handed to phones, and a Start
// whose row cannot be written leaves nothing that waits forever.
func TestARoomCodeIsNotHandedOutBeforeItsSessionRuns(t *testing.T) {
	st := openStore(t)
	entered := make(chan string)
	release := make(chan struct{})
	hs := &hookStore{Store: st, create: func(ctx context.Context, s record.Session) error {
		entered <- s.Code
		<-release
		return errors.New("disk full")
	}}
	m := NewManager(hs, nil)
	ctx := context.Background()
	defer m.Shutdown(ctx)
	done := make(chan error, 1)
	go func() { _, err := m.Start(ctx, testDeck()); done <- err }()
	code := <-entered
	m.mu.RLock()
	reserved := m.byCode[code]
	m.mu.RUnlock()
	if s, ended := m.Room(code); s != nil || ended {
		t.Errorf("Room of a code whose row is being written: got a session %v, ended %v; want none, not ended", s != nil, ended)
	}
	if s := m.ByCode(code); s != nil {
		t.Error("ByCode of a code whose row is being written: got a session, want none")
	}
	close(release)
	if err := <-done; err == nil {
		t.Fatal("Start succeeded with a store that cannot create the session")
	}
	if s, ended := m.Room(code); s != nil || ended {
		t.Errorf("Room after the failed Start: got a session %v, ended %v; want none, not ended", s != nil, ended)
	}
	// Someone who got hold of the session anyway is answered, not hung.
	joined := make(chan error, 1)
	go func() { _, err := reserved.Join(ctx, "", "en", NewSub()); joined <- err }()
	select {
	case err := <-joined:
		if err == nil {
			t.Error("a join of a session that never started was welcomed")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a join of a session whose Start failed still waits after 10 s")
	}
	if parts, _ := st.Participants(ctx, reserved.ID); len(parts) != 0 {
		t.Errorf("a join of a session that never started wrote %d participants", len(parts))
	}
}

// A phone resuming while the session ends is told it ended, not that its
// token is bad (which would make it throw the token away).
func TestResumeWhileEndingSaysEnded(t *testing.T) {
	m, _, _ := newTestManager(t)
	ctx := context.Background()
	s, _ := m.Start(ctx, testDeck())
	phone := NewSub()
	if _, err := s.Join(ctx, "", "en", phone); err != nil {
		t.Fatal(err)
	}
	token := recv(t, phone)["token"].(string)
	// End has marked the session ended on its goroutine; the flag the
	// connections read first may not be seen yet.
	s.do(func(st *state) { st.ended = true })
	if _, err := s.Resume(token, NewSub()); err != ErrEnded {
		t.Errorf("Resume while ending: got %v, want session_ended", err)
	}
	if _, err := s.Resume("not-a-token", NewSub()); err != ErrEnded {
		t.Errorf("Resume of an unknown token while ending: got %v, want session_ended", err)
	}
}

// End waits for answers being committed even when its caller gives up:
// they are in the store, so they are in the count End answers with.
func TestEndWaitsForAnswersPastItsCallersDeadline(t *testing.T) {
	hs, saving, release := stalledAnswers(t)
	m := NewManager(hs, nil)
	ctx := context.Background()
	defer m.Shutdown(ctx)
	s, _ := m.Start(ctx, testDeck())
	pid, err := s.Join(ctx, "", "en", NewSub())
	if err != nil {
		t.Fatal(err)
	}
	s.Goto(1)
	answered := make(chan error, 1)
	go func() { _, err := s.Answer(ctx, pid, 1, []int{1}); answered <- err }()
	<-saving

	ectx, cancel := context.WithCancel(ctx)
	type result struct {
		snap Snapshot
		err  error
	}
	ended := make(chan result, 1)
	go func() { snap, err := s.End(ectx); ended <- result{snap, err} }()
	for !s.ended.Load() && !s.inflight.closing.Load() {
		time.Sleep(time.Millisecond)
	}
	cancel() // the request's deadline passes while the answer commits
	close(release)
	if err := <-answered; err != nil {
		t.Fatalf("the answer in flight: %v", err)
	}
	r := <-ended
	if r.err != nil || r.snap.Answered != 1 {
		t.Fatalf("End: got %d answered, %v; want the answer that committed counted, no error", r.snap.Answered, r.err)
	}
	rec, _ := hs.Store.Session(ctx, s.ID)
	if rec.EndedAt == nil || rec.Answered != 1 {
		t.Errorf("stored: got %+v, want ended with 1 answer", rec)
	}
}

// End's answer says when the session ended, as the store has it.
func TestEndAnswersWithEndedAt(t *testing.T) {
	m, st, _ := newTestManager(t)
	ctx := context.Background()
	src, err := os.ReadFile("../embed/decks/try.en.md")
	if err != nil {
		t.Fatal(err)
	}
	deck, _ := quizzes.Parse("try.en", src) // Ended reads the deck back from its source
	s, _ := m.Start(ctx, deck)
	snap, err := s.End(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rec, _ := st.Session(ctx, s.ID)
	if snap.EndedAt == nil || rec.EndedAt == nil {
		t.Fatalf("End answered ended_at %v, the store has %v; want both set", snap.EndedAt, rec.EndedAt)
	}
	a, _ := json.Marshal(snap.EndedAt)
	b, _ := json.Marshal(rec.EndedAt)
	if string(a) != string(b) {
		t.Errorf("End answered ended_at %s, the store has %s", a, b)
	}
	again, _ := s.End(ctx)
	if c, _ := json.Marshal(again.EndedAt); string(c) != string(a) {
		t.Errorf("End again answered ended_at %s, want %s", c, a)
	}
	e, err := m.Ended(ctx, s.ID)
	if err != nil || e == nil {
		t.Fatalf("Ended: %v, %v", e, err)
	}
	late, _ := e.Snapshot()
	if c, _ := json.Marshal(late.EndedAt); string(c) != string(a) {
		t.Errorf("the session read back from the store has ended_at %s, want %s", c, a)
	}
	if !strings.Contains(string(a), "Z") {
		t.Errorf("ended_at %s: want UTC", a)
	}
}
