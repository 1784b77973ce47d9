package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

var sink []byte

// TestHoldCollector: while held, 256 MB of garbage runs no collection;
// release gives the collector back as it was, and -inprocess holds
// nothing (the kit's own collector runs in that process).
func TestHoldCollector(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	release := holdCollector(false)
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	n := m.NumGC
	for range 256 {
		sink = make([]byte, 1<<20)
	}
	runtime.ReadMemStats(&m)
	release()
	release() // twice is once
	if m.NumGC != n {
		t.Errorf("%d collections while held, want none", m.NumGC-n)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after release %d, want 100 back", got)
	}

	release = holdCollector(true)
	defer release()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent held at %d with -inprocess, want 100 untouched", got)
	}
}
