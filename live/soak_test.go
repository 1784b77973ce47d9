package live

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/roundtable-kit/roundtable/store"
)

// Margins for the soak: a few goroutines of the runtime and the database may
// come and go; the heap may hold the table of ended codes (a few bytes a
// session) and what the allocator keeps. A session left behind costs a
// goroutine and about 20 KiB (measured before End stopped it), so 50 of
// them are far past either margin.
const (
	soakGoroutineSlack = 3
	soakHeapSlack      = 256 << 10
)

// TestSoakSessionsLeaveNothingBehind plays 200 sessions in batches of 50:
// each is started, joined by three phones that answer, revealed and ended.
// After each batch the goroutines and the heap are back at their baseline:
// a workshop day of many sessions does not grow the kit.
func TestSoakSessionsLeaveNothingBehind(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "rt.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	m := NewManager(st, func() string { return "http://192.168.1.20:8080" })
	ctx := context.Background()
	defer m.Shutdown(ctx)

	play := func(n int) {
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := playOne(ctx, m); err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	}
	measure := func() (int, uint64) {
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return runtime.NumGoroutine(), ms.HeapAlloc
	}

	play(50) // warm up the store's connections and the allocator
	g0, h0 := measure()
	t.Logf("baseline: %d goroutines, heap %d KiB", g0, h0>>10)
	for batch := 1; batch <= 4; batch++ {
		play(50)
		g, h := measure()
		t.Logf("after %d sessions: %d goroutines, heap %d KiB (%+d KiB)", batch*50, g, h>>10, (int64(h)-int64(h0))>>10)
		if g > g0+soakGoroutineSlack {
			t.Errorf("after %d sessions: %d goroutines, want at most %d (baseline %d)", batch*50, g, g0+soakGoroutineSlack, g0)
		}
		if h > h0+soakHeapSlack {
			t.Errorf("after %d sessions: heap %d KiB, want at most %d KiB (baseline %d KiB)", batch*50, h>>10, (h0+soakHeapSlack)>>10, h0>>10)
		}
	}
	if n := len(m.Sessions()); n != 0 {
		t.Errorf("%d sessions still in memory after they all ended", n)
	}
}

// playOne plays one short session: three phones join, answer the first
// question, it is revealed, and the session ends.
func playOne(ctx context.Context, m *Manager) error {
	s, err := m.Start(ctx, testDeck())
	if err != nil {
		return err
	}
	var pids []string
	for range 3 {
		pid, err := s.Join(ctx, "", "en", NewSub())
		if err != nil {
			return fmt.Errorf("join: %w", err)
		}
		pids = append(pids, pid)
	}
	if _, err := s.Goto(1); err != nil {
		return err
	}
	for i, pid := range pids {
		if _, err := s.Answer(ctx, pid, 1, []int{i % 3}); err != nil {
			return fmt.Errorf("answer: %w", err)
		}
	}
	if _, err := s.Reveal(); err != nil {
		return err
	}
	if snap, err := s.End(ctx); err != nil || snap.Phase != PhaseEnded {
		return fmt.Errorf("end: %+v, %v", snap, err)
	}
	return nil
}
