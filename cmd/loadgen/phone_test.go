package main

import (
	"encoding/json"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// TestWarmSlideTakesTheQuestionPath: the warm-up message is decoded the
// way a question is, so it reaches the deepest path a phone's reader takes.
func TestWarmSlideTakesTheQuestionPath(t *testing.T) {
	var e event
	if err := json.Unmarshal(warmSlide, &e); err != nil {
		t.Fatal(err)
	}
	if e.Type != "slide" || e.Phase != "question" || e.Question == nil || len(e.Question.Options) != 3 {
		t.Errorf("warm slide decoded as %+v, want a question slide with 3 options", e)
	}
}

// TestWarmStackLeavesNothingToGrowAtTheQuestion: readers that warmed up
// decode their first question without growing their stacks; readers that
// did not grow theirs then, 1,000 of them at once (10,000 in a load run,
// inside the fan-out being timed).
func TestWarmStackLeavesNothingToGrowAtTheQuestion(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1)) // no collection shrinks a stack meanwhile
	question := []byte(`{"type":"slide","index":2,"total":9,"phase":"question","title":"Which?",` +
		`"question":{"id":"try-single","kind":"single","prompt":"Which?","options":["x","y","z"]}}`)
	// Goroutines that exit give their grown stacks back: a round measured
	// while the last one's readers are still exiting would see the stacks
	// shrink. Each round starts once they are all gone.
	base := runtime.NumGoroutine()
	growth := func(warm bool) int64 {
		for deadline := time.Now().Add(10 * time.Second); runtime.NumGoroutine() > base; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%d goroutines still running from the last round, want %d", runtime.NumGoroutine(), base)
			}
		}
		const n = 1000
		var ready, decoded, hold sync.WaitGroup
		ready.Add(n)
		decoded.Add(n)
		hold.Add(1)
		start := make(chan struct{})
		for range n {
			go func() {
				if warm {
					warmStack()
				}
				ready.Done()
				<-start
				var e event
				json.Unmarshal(question, &e)
				decoded.Done()
				hold.Wait() // its stack stays counted until measured
			}()
		}
		ready.Wait()
		before := stackBytes()
		close(start)
		decoded.Wait()
		after := stackBytes()
		hold.Done()
		return int64(after) - int64(before)
	}
	// Anything else that exits meanwhile (a goroutine from an earlier test,
	// a collection that was already under way) gives stacks back inside the
	// window: a round that saw them shrink is measured again.
	measure := func(warm bool) int64 {
		g := growth(warm)
		for try := 1; g < 0 && try < 3; try++ {
			t.Logf("stacks shrank by %d KB in a round (warm %v): measuring it again", -g>>10, warm)
			g = growth(warm)
		}
		if g < 0 {
			t.Fatalf("stacks shrank by %d KB in three rounds (warm %v): something else keeps exiting, the growth cannot be measured", -g>>10, warm)
		}
		return g
	}
	cold, warm := measure(false), measure(true)
	t.Logf("stacks grew %d KB decoding the question cold, %d KB warm", cold>>10, warm>>10)
	if cold < 1000<<10 {
		t.Errorf("cold readers grew their stacks by %d KB, want at least 1 KB each: the question no longer grows a stack, and the warm-up may not be needed", cold>>10)
	}
	if warm > cold/10 {
		t.Errorf("warm readers grew their stacks by %d KB (cold %d KB), want next to nothing", warm>>10, cold>>10)
	}
}

func stackBytes() uint64 {
	s := []metrics.Sample{{Name: mStacks}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
