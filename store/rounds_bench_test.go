package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/internal/cpuclock"
)

// BenchmarkAnswerStormRounds plays three load-generator rounds on one
// database, each a new session of 10,000 joins (256 at a time), a second's
// pause, then 10,000 answers each at a random moment of 2 s, timed to its
// commit, as `loadgen -rounds 3` does without sockets: does a round that
// follows others commit slower, with the database and its WAL grown by the
// earlier ones?
//
//	go test ./store -run x -bench AnswerStormRounds -benchtime 1x
func BenchmarkAnswerStormRounds(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "rt.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for round := 1; round <= 3; round++ {
		cpu0 := cpuclock.Process()
		lat := stormOn(b, s, fmt.Sprintf("s%d", round))
		b.ReportMetric(float64((cpuclock.Process() - cpu0).Milliseconds()), fmt.Sprintf("round%d-cpu-ms", round))
		slices.Sort(lat)
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, fmt.Sprintf("round%d-p99-ms", round))
		b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, fmt.Sprintf("round%d-max-ms", round))
	}
}

// stormOn is one round on s.
func stormOn(b *testing.B, s *Store, sid string) []time.Duration {
	ctx := context.Background()
	s.CreateSession(ctx, Session{ID: sid, Code: "C" + sid, DeckID: "d", DeckTitle: "d", DeckSource: "x", CreatedAt: time.Now()})
	const n = 10000
	sem := make(chan struct{}, 256)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			id := fmt.Sprintf("%sp%d", sid, i)
			if err := s.AddParticipant(ctx, Participant{ID: id, SessionID: sid, TokenHash: []byte(id), Nick: "n", Lang: "en", CreatedAt: time.Now()}); err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
	time.Sleep(time.Second)
	lat := make([]time.Duration, n)
	start := time.Now()
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Until(start.Add(time.Duration(rand.Float64() * float64(2*time.Second)))))
			t0 := time.Now()
			if err := s.SaveAnswer(ctx, Answer{SessionID: sid, ParticipantID: fmt.Sprintf("%sp%d", sid, i), Slide: 1, QuestionID: "q", Choice: []int{i % 3}, AnsweredAt: t0}); err != nil {
				b.Error(err)
			}
			lat[i] = time.Since(t0)
		}()
	}
	wg.Wait()
	return lat
}
