// Package quietgc collects garbage when the kit is quiet, so that the
// collector does not run in the middle of a room's answer storm.
//
// A room's work comes in bursts: the phones join, the presenter opens a
// question, every phone answers within a few seconds, then the room talks.
// With 10,000 phones the heap holds about 230 MB that every collection
// marks, and one collection costs 0.3–0.7 s of CPU on the laptop's cores
// (GODEBUG=gctrace=1, issue 13). The runtime starts one when the heap has
// grown by as much as was live after the last, wherever the room is then;
// in the load generator's rounds that was most often inside the storm,
// where its CPU, and the allocating goroutines it puts to work marking,
// delayed the one store writer and every ack behind it.
//
// So when the kit has allocated next to nothing for a moment (the room is
// between bursts) and the heap has used a good part of its headroom since
// the last collection, Run collects then. The storm after it starts with
// the whole headroom, which is more than a storm allocates. A kit that
// stays busy is left to the runtime, as before; an idle kit is not
// collected over and over, since it does not use up its headroom.
package quietgc

import (
	"context"
	"runtime"
	"runtime/metrics"
	"time"
)

// Policy says when a quiet moment is worth a collection.
type Policy struct {
	// Every is how often the heap is looked at.
	Every time.Duration
	// Quiet is how long the kit must have allocated less than QuietBytes.
	Quiet      time.Duration
	QuietBytes uint64
	// Used is the share of the headroom (goal − live) the heap must have
	// filled since the last collection.
	Used float64
	// MinHeadroom: below this much headroom a collection is cheap wherever
	// it falls, and not worth forcing.
	MinHeadroom uint64
	// Gap is the least time between two collections forced here.
	Gap time.Duration
}

// Default is the kit's policy: half a second with under 2 MB allocated, a
// quarter of the headroom used, 16 MB of headroom at least, two seconds
// apart at least (a room's bursts can follow each other closely: joins,
// then a question a moment later). With 10,000 phones the joins allocate about 170 MB and
// leave 37 % of the headroom used; an answer storm allocates about 100 MB
// of the 230 MB a collection leaves (measured with a debug print of each
// look, issue 13). Idle, 10,000 phones allocate about 0.1 MB a second, so
// an idle room is collected here every ten minutes or so.
var Default = Policy{
	Every:       100 * time.Millisecond,
	Quiet:       500 * time.Millisecond,
	QuietBytes:  2 << 20,
	Used:        0.25,
	MinHeadroom: 16 << 20,
	Gap:         2 * time.Second,
}

// Heap is the runtime's view of the heap at one moment.
type Heap struct {
	Allocs uint64 // bytes allocated since the process started
	Live   uint64 // bytes marked live by the last collection
	Goal   uint64 // the heap size at which the runtime collects next
	Now    uint64 // bytes in heap objects now, live or garbage not yet swept
	Cycles uint64 // collections so far
}

var names = []string{
	"/gc/heap/allocs:bytes",
	"/gc/heap/live:bytes",
	"/gc/heap/goal:bytes",
	"/memory/classes/heap/objects:bytes",
	"/gc/cycles/total:gc-cycles",
}

// read takes the heap's figures from runtime/metrics.
func read(s []metrics.Sample) Heap {
	metrics.Read(s)
	v := func(i int) uint64 {
		if s[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return s[i].Value.Uint64()
	}
	return Heap{Allocs: v(0), Live: v(1), Goal: v(2), Now: v(3), Cycles: v(4)}
}

// watch is the policy's state between looks.
type watch struct {
	p         Policy
	ring      []uint64 // Allocs at each of the last looks, Quiet long
	next      int
	looks     int
	lastForce time.Time
}

func newWatch(p Policy) *watch {
	n := max(int(p.Quiet/p.Every), 1)
	return &watch{p: p, ring: make([]uint64, n)}
}

// look records h, seen at now, and tells whether to collect now.
func (w *watch) look(h Heap, now time.Time) bool {
	then := w.ring[w.next] // Allocs Quiet ago, once there were that many looks
	w.ring[w.next] = h.Allocs
	w.next = (w.next + 1) % len(w.ring)
	w.looks++
	if w.looks <= len(w.ring) || h.Allocs-then >= w.p.QuietBytes {
		return false // not watched long enough to know, or not quiet
	}
	if h.Goal <= h.Live || h.Goal-h.Live < w.p.MinHeadroom || h.Now <= h.Live {
		return false
	}
	if float64(h.Now-h.Live) < w.p.Used*float64(h.Goal-h.Live) {
		return false
	}
	if !w.lastForce.IsZero() && now.Sub(w.lastForce) < w.p.Gap {
		return false
	}
	w.lastForce = now
	return true
}

// Run looks at the heap every p.Every until ctx ends, and collects when the
// policy says so. It is meant to run once per process.
func Run(ctx context.Context, p Policy) {
	s := make([]metrics.Sample, len(names))
	for i, n := range names {
		s[i].Name = n
	}
	w := newWatch(p)
	t := time.NewTicker(p.Every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			if w.look(read(s), now) {
				runtime.GC()
			}
		}
	}
}
