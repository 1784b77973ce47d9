package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// stormHeadroom is how much the load generator's heap may grow during a
// storm with its collector held; past it the runtime collects anyway.
const stormHeadroom = 2 << 30

// holdCollector collects the load generator's own garbage now and holds its
// collector until release is called (once or more). With 10,000 phones
// the load generator's heap is about 130 MB live and a storm allocates
// about as much again, so its collector used to run inside the storm, in
// most rounds, for either server: 200 ms of the two cores, and mark
// assists taken from the phones reading their acks, which stamp an ack
// late. That was noise in the figures of both servers, not the work of
// either. It is held from before the question opens, so the fan-out is
// spared it too.
//
// The server under test is another process, so its collector is not
// touched; with -inprocess the kit shares this process and nothing is
// held.
func holdCollector(inProcess bool) (release func()) {
	if inProcess {
		return func() {}
	}
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
	metrics.Read(s)
	limit := debug.SetMemoryLimit(-1)
	percent := debug.SetGCPercent(-1)
	debug.SetMemoryLimit(int64(s[0].Value.Uint64()) + stormHeadroom)
	var once sync.Once
	return func() {
		once.Do(func() {
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(limit)
		})
	}
}
