package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// BenchmarkAnswerStorm measures an answer storm: b.N phones answer at once,
// each waiting for its commit, as the live session does.
//
//	go test ./store -run x -bench AnswerStorm -benchtime 10000x
func BenchmarkAnswerStorm(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "rt.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	s.CreateSession(ctx, Session{ID: "s1", Code: "ABC234", DeckID: "d", DeckTitle: "d", DeckSource: "x", CreatedAt: time.Now()})
	var wg sync.WaitGroup
	for i := range b.N {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("p%d", i)
			s.AddParticipant(ctx, Participant{ID: id, SessionID: "s1", TokenHash: []byte(id), Nick: "n", Lang: "en", CreatedAt: time.Now()})
		}()
	}
	wg.Wait()
	b.ResetTimer()
	for i := range b.N {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.SaveAnswer(ctx, Answer{SessionID: "s1", ParticipantID: fmt.Sprintf("p%d", i), Slide: 1, QuestionID: "q", Choice: []int{i % 3}, AnsweredAt: time.Now()}); err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
}
