package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// BenchmarkAnswerStormCheckpoint is the load generator's round without
// sockets: 10,000 participants join (256 at a time), a second's pause,
// then 10,000 answers each at a random moment of 2 s, each timed to its
// commit. "inline" is SQLite's automatic checkpoint in the commit that
// passes 1,000 pages (the kit before issue 13's fix); "beside" is the
// checkpointer; "pauses" the checkpointer only when commits pause. Run them in one go on a shared machine, so they meet the
// same load:
//
//	go test ./store -run x -bench AnswerStormCheckpoint -benchtime 1x -count 3
func BenchmarkAnswerStormCheckpoint(b *testing.B) {
	for _, mode := range []string{"inline", "beside", "pauses"} {
		b.Run(mode, func(b *testing.B) {
			var all []time.Duration
			for range b.N {
				all = append(all, answerStorm(b, mode)...)
			}
			slices.Sort(all)
			q := func(f float64) float64 { return float64(all[int(f*float64(len(all)-1))].Microseconds()) / 1000 }
			slow := 0
			for _, d := range all {
				if d > 50*time.Millisecond {
					slow++
				}
			}
			b.ReportMetric(q(0.5), "p50-ms")
			b.ReportMetric(q(0.99), "p99-ms")
			b.ReportMetric(q(1), "max-ms")
			b.ReportMetric(float64(slow)/float64(b.N), "over50ms")
		})
	}
}

// BenchmarkAnswerStormRounds plays three rounds on one database, each a
// new session of 10,000 joins and answers, as the load generator's
// -rounds 3 does: does a round that follows others commit slower, with the
// database (and its WAL) grown by the earlier ones?
//
//	go test ./store -run x -bench AnswerStormRounds -benchtime 1x
func BenchmarkAnswerStormRounds(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "rt.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for round := 1; round <= 3; round++ {
		lat := stormOn(b, s, fmt.Sprintf("s%d", round))
		slices.Sort(lat)
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, fmt.Sprintf("round%d-p99-ms", round))
		b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, fmt.Sprintf("round%d-max-ms", round))
	}
}

func answerStorm(b *testing.B, mode string) []time.Duration {
	b.StopTimer()
	s, err := Open(filepath.Join(b.TempDir(), "rt.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if mode == "pauses" {
		s.ckptLongest = 0 // read by the checkpointer only after the first commit
	}
	if mode == "inline" {
		s.ckptPaused.Store(true)
		o := &op{done: make(chan error, 1), raw: func(db *sql.DB) error {
			_, err := db.Exec(`PRAGMA wal_autocheckpoint(1000)`)
			return err
		}}
		if err := s.enqueue(ctx, o); err != nil || <-o.done != nil {
			b.Fatal("autocheckpoint")
		}
	}
	return stormOn(b, s, "s1")
}

// stormOn is one round on s: a session, 10,000 joins (256 at a time), a
// second's pause, 10,000 answers within 2 s, each timed to its commit.
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
	b.StartTimer()
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
