package live

import (
	"context"
	"sync/atomic"
	"time"
)

// inflight counts the writes under way so that a shutdown can wait for
// them. Unlike a sync.WaitGroup it may be entered while a shutdown waits
// (a WaitGroup's Add racing its Wait is a misuse the race detector flags):
// once the shutdown began, enter refuses, so every write is either waited
// for or never starts.
type inflight struct {
	n       atomic.Int64
	closing atomic.Bool
}

// enter reports whether a write may start; if so, leave must follow.
func (f *inflight) enter() bool {
	f.n.Add(1)
	if f.closing.Load() {
		f.n.Add(-1)
		return false
	}
	return true
}

func (f *inflight) leave() { f.n.Add(-1) }

// close refuses new writes; those under way go on.
func (f *inflight) close() { f.closing.Store(true) }

// wait refuses new writes and waits for those under way, or for ctx.
func (f *inflight) wait(ctx context.Context) {
	f.close()
	for f.n.Load() > 0 {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Millisecond):
		}
	}
}
