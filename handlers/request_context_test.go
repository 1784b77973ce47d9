package handlers

import (
	"testing"
	"time"
)

// TestRequestContextIsBoundedAndShared: a request may work 15 s at least
// and 16 s at most; the requests of one second share one context (one
// runtime timer, not one each), and a request a second later gets a new
// one, so the bound never shrinks under 15 s.
func TestRequestContextIsBoundedAndShared(t *testing.T) {
	ctx, cancel := requestContext()
	cancel() // does not end a context others share
	if ctx.Err() != nil {
		t.Fatalf("the context ended on cancel: %v", ctx.Err())
	}
	dl, ok := ctx.Deadline()
	if left := time.Until(dl); !ok || left < requestBound || left > requestBound+time.Second {
		t.Fatalf("deadline %v away (set %v), want 15–16 s", left, ok)
	}
	again, _ := requestContext()
	if again != ctx {
		t.Errorf("a second request in the same second got a context of its own")
	}
	sharedBound.Store(&boundContext{ctx: ctx, made: time.Now().Add(-1100 * time.Millisecond)}) // as if made a second ago
	later, _ := requestContext()
	if later == ctx {
		t.Fatal("a request a second later shares the old context")
	}
	if dl, _ := later.Deadline(); time.Until(dl) < requestBound {
		t.Errorf("the new context's deadline is %v away, want 15 s at least", time.Until(dl))
	}
}
