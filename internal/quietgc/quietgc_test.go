package quietgc

import (
	"context"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

const mb = 1 << 20

func TestItCollectsOnlyWhenQuietWithHeadroomUsed(t *testing.T) {
	p := Policy{Every: 100 * time.Millisecond, Quiet: 300 * time.Millisecond, QuietBytes: 2 * mb, Used: 0.4, MinHeadroom: 16 * mb, Gap: 10 * time.Second}
	t0 := time.Now()
	// A heap of 230 MB live and 460 MB goal, as with 10,000 phones.
	heap := func(allocs, now uint64) Heap { return Heap{Allocs: allocs, Live: 230 * mb, Goal: 460 * mb, Now: now} }
	type step struct {
		h    Heap
		want bool
		why  string
	}
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"a storm: allocating fast", []step{
			{heap(0, 300*mb), false, "first look"},
			{heap(20*mb, 320*mb), false, ""},
			{heap(40*mb, 340*mb), false, ""},
			{heap(60*mb, 360*mb), false, "40 MB allocated over the last 300 ms is not quiet"},
		}},
		{"a pause after a storm", []step{
			{heap(100*mb, 360*mb), false, "first look"},
			{heap(100*mb+mb/2, 360*mb), false, ""},
			{heap(101*mb, 360*mb), false, ""},
			{heap(101*mb, 360*mb), true, "quiet for 300 ms, 130 of 230 MB of headroom used"},
			{heap(101*mb, 360*mb), false, "ten seconds apart at least"},
		}},
		{"a pause with the headroom barely used", []step{
			{heap(0, 240*mb), false, ""},
			{heap(0, 240*mb), false, ""},
			{heap(0, 240*mb), false, ""},
			{heap(0, 240*mb), false, "10 of 230 MB used: the storm has room"},
		}},
		{"a small heap", []step{
			{Heap{Live: 4 * mb, Goal: 8 * mb, Now: 7 * mb}, false, ""},
			{Heap{Live: 4 * mb, Goal: 8 * mb, Now: 7 * mb}, false, ""},
			{Heap{Live: 4 * mb, Goal: 8 * mb, Now: 7 * mb}, false, ""},
			{Heap{Live: 4 * mb, Goal: 8 * mb, Now: 7 * mb}, false, "4 MB of headroom: cheap wherever it falls"},
		}},
	} {
		w := newWatch(p)
		for i, s := range tc.steps {
			if got := w.look(s.h, t0.Add(time.Duration(i)*p.Every)); got != s.want {
				t.Errorf("%s, look %d: collect = %v, want %v (%s)", tc.name, i, got, s.want, s.why)
			}
		}
	}
}

func TestTheGapIsKeptThenAnotherPauseCollects(t *testing.T) {
	p := Policy{Every: time.Second, Quiet: time.Second, QuietBytes: mb, Used: 0.4, MinHeadroom: 16 * mb, Gap: 10 * time.Second}
	w := newWatch(p)
	t0 := time.Now()
	h := Heap{Allocs: 5 * mb, Live: 100 * mb, Goal: 200 * mb, Now: 180 * mb}
	w.look(h, t0)
	if !w.look(h, t0.Add(time.Second)) {
		t.Fatal("a quiet kit with 80 % of its headroom used was not collected")
	}
	if w.look(h, t0.Add(5*time.Second)) {
		t.Fatal("collected again 4 s after the last")
	}
	if !w.look(h, t0.Add(12*time.Second)) {
		t.Fatal("not collected 11 s after the last, still quiet with the headroom used")
	}
}

// TestRunCollectsInAPause runs the loop on this process's own heap: garbage
// fills most of the headroom with the runtime's own collection put far
// off, then the process goes quiet, and a collection must follow.
func TestRunCollectsInAPause(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(1000))
	runtime.GC()
	s := make([]metrics.Sample, len(names))
	for i, n := range names {
		s[i].Name = n
	}
	h := read(s)
	if h.Goal-h.Live < 8*mb {
		t.Skipf("headroom %d MB is too small to test", (h.Goal-h.Live)/mb)
	}
	var keep [][]byte
	for {
		h = read(s)
		if h.Now > h.Live && float64(h.Now-h.Live) >= 0.6*float64(h.Goal-h.Live) {
			break
		}
		for range 16 {
			keep = append(keep, make([]byte, 64<<10))
		}
		keep = keep[:0] // garbage from here on
	}
	before := h.Cycles

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go Run(ctx, Policy{Every: 10 * time.Millisecond, Quiet: 50 * time.Millisecond, QuietBytes: mb, Used: 0.4, MinHeadroom: 4 * mb, Gap: time.Minute})
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		if read(s).Cycles > before {
			return
		}
	}
	t.Fatalf("no collection in 5 s of quiet with %d of %d MB of headroom used", (h.Now-h.Live)/mb, (h.Goal-h.Live)/mb)
}
