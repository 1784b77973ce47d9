package store

import (
	"context"
	"errors"
	"fmt"
	"github.com/roundtable-kit/roundtable/record"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

func openTest(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rt.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func seed(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	if err := s.CreateSession(ctx, Session{ID: "s1", Code: "ABC234", DeckID: "try.en", DeckTitle: "Try", DeckSource: "# x", Slide: -1, Phase: "lobby", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddParticipant(ctx, Participant{ID: "p1", SessionID: "s1", TokenHash: []byte{1, 2}, Nick: "Calm Otter", Lang: "en", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
}

func TestAnswerUpsertKeepsOneRow(t *testing.T) {
	s, _ := openTest(t)
	seed(t, s)
	ctx := context.Background()
	yes, no := true, false
	for _, a := range []Answer{
		{SessionID: "s1", ParticipantID: "p1", Slide: 2, QuestionID: "q", Choice: []int{1}, Correct: &yes, AnsweredAt: time.Now()},
		{SessionID: "s1", ParticipantID: "p1", Slide: 2, QuestionID: "q", Choice: []int{1}, Correct: &yes, AnsweredAt: time.Now()},
		{SessionID: "s1", ParticipantID: "p1", Slide: 2, QuestionID: "q", Choice: []int{0, 2}, Correct: &no, AnsweredAt: time.Now()},
		{SessionID: "s1", ParticipantID: "p1", Slide: 3, QuestionID: "poll", Choice: []int{0}, AnsweredAt: time.Now()},
	} {
		if err := s.SaveAnswer(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Answers(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d rows, want 2", len(got))
	}
	if !slices.Equal(got[0].Choice, []int{0, 2}) || got[0].Correct == nil || *got[0].Correct {
		t.Errorf("slide 2: got choice %v correct %v, want the replaced [0 2], wrong", got[0].Choice, got[0].Correct)
	}
	if got[1].Correct != nil {
		t.Errorf("poll answer: got correct %v, want nil", *got[1].Correct)
	}
}

func TestConcurrentWritesAreBatchedAndAllCommitted(t *testing.T) {
	s, path := openTest(t)
	seed(t, s)
	ctx := context.Background()
	const n = 2000
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pid := fmt.Sprintf("p%d", i+10)
			if err := s.AddParticipant(ctx, Participant{ID: pid, SessionID: "s1", TokenHash: []byte(pid), Nick: "n", Lang: "en", CreatedAt: time.Now()}); err != nil {
				errs <- err
				return
			}
			errs <- s.SaveAnswer(ctx, Answer{SessionID: "s1", ParticipantID: pid, Slide: 1, QuestionID: "q", Choice: []int{i % 3}, AnsweredAt: time.Now()})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	batches, writes := s.Stats()
	if batches >= writes {
		t.Errorf("got %d batches for %d writes, want batching", batches, writes)
	}
	// Reopen the file: every acknowledged write is there.
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := s2.Answers(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Errorf("got %d answers after reopening, want %d", len(got), n)
	}
}

func TestOneBadWriteFailsAlone(t *testing.T) {
	s, _ := openTest(t)
	seed(t, s)
	ctx := context.Background()
	var wg sync.WaitGroup
	results := make([]error, 50)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("p%d", i+10)
			if i == 7 {
				id = "p1" // already exists: a constraint violation
			}
			results[i] = s.AddParticipant(ctx, Participant{ID: id, SessionID: "s1", TokenHash: []byte(id), Nick: "n", Lang: "en", CreatedAt: time.Now()})
		}()
	}
	wg.Wait()
	for i, err := range results {
		if (err != nil) != (i == 7) {
			t.Errorf("write %d: got error %v", i, err)
		}
	}
	if !s.Healthy() {
		t.Error("a constraint violation marked the store unhealthy")
	}
	ps, _ := s.Participants(ctx, "s1")
	if len(ps) != 50 {
		t.Errorf("got %d participants, want 50", len(ps))
	}
}

func TestSessionStateAndDelete(t *testing.T) {
	s, _ := openTest(t)
	seed(t, s)
	ctx := context.Background()
	s.SaveState("s1", 4, "revealed", []int{2, 4}, record.Steps{})
	if err := s.EndSession(ctx, "s1", time.Now()); err != nil { // queued after SaveState: commits after it
		t.Fatal(err)
	}
	got, err := s.Session(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Slide != 4 || got.Phase != "ended" || !slices.Equal(got.Revealed, []int{2, 4}) || got.EndedAt == nil {
		t.Errorf("got %+v, want slide 4, ended, revealed [2 4]", got)
	}
	open, _ := s.Sessions(ctx, true)
	if len(open) != 0 {
		t.Errorf("got %d open sessions, want 0", len(open))
	}
	if err := s.DeleteSession(ctx, "s1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, "s1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("got %v, want ErrNotFound", err)
	}
	if ps, _ := s.Participants(ctx, "s1"); len(ps) != 0 {
		t.Errorf("got %d participants after delete, want 0", len(ps))
	}
}

func TestWritesAfterCloseFail(t *testing.T) {
	s, _ := openTest(t)
	s.Close()
	err := s.AddParticipant(context.Background(), Participant{ID: "x", SessionID: "s1"})
	if !errors.Is(err, ErrClosed) {
		t.Errorf("got %v, want ErrClosed", err)
	}
}
