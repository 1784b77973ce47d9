package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
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

// BenchmarkJoinAndAnswerStorm is a room of b.N phones that join and answer
// at once, as in the 10,000-phone load run but without sockets: it reports
// the p99 and the worst time from a phone's join to its answer's commit,
// which tells the database's share of the load run's ack latency.
//
//	go test ./store -run x -bench JoinAndAnswerStorm -benchtime 10000x
func BenchmarkJoinAndAnswerStorm(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "rt.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	s.CreateSession(ctx, Session{ID: "s1", Code: "ABC234", DeckID: "d", DeckTitle: "d", DeckSource: "x", CreatedAt: time.Now()})
	lat := make([]time.Duration, b.N)
	var wg sync.WaitGroup
	b.ResetTimer()
	for i := range b.N {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("p%d", i)
			t0 := time.Now()
			if err := s.AddParticipant(ctx, Participant{ID: id, SessionID: "s1", TokenHash: []byte(id), Nick: "n", Lang: "en", CreatedAt: t0}); err != nil {
				b.Error(err)
			}
			if err := s.SaveAnswer(ctx, Answer{SessionID: "s1", ParticipantID: id, Slide: 1, QuestionID: "q", Choice: []int{i % 3}, AnsweredAt: time.Now()}); err != nil {
				b.Error(err)
			}
			lat[i] = time.Since(t0)
		}()
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
}
