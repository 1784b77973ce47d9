//go:build pprof

// A kit built with -tags pprof (the load generator's -profile does it)
// serves Go's profiles and runtime metrics on the loopback address in
// ROUNDTABLE_PPROF, so the kit can be profiled as a process of its own
// under a 10,000-phone load. A normal build has none of this.
package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime"
	"runtime/metrics"
)

// init is the one way in that needs no line in main.go: the file is absent
// from every normal build.
func init() {
	addr := os.Getenv("ROUNDTABLE_PPROF")
	if addr == "" {
		return
	}
	if host, _, err := net.SplitHostPort(addr); err != nil || !net.ParseIP(host).IsLoopback() {
		fmt.Fprintf(os.Stderr, "roundtable: ROUNDTABLE_PPROF %q is not a loopback address; no profiles\n", addr)
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/metrics", serveMetrics)
	// Two collections: the second empties the sync.Pools' victim caches,
	// so what is still live is held by something, not kept for reuse.
	mux.HandleFunc("/debug/gc", func(w http.ResponseWriter, _ *http.Request) {
		runtime.GC()
		runtime.GC()
		serveMetrics(w, nil)
	})
	go http.ListenAndServe(addr, mux)
}

// serveMetrics writes every runtime metric that is a number, one a line:
// name value.
func serveMetrics(w http.ResponseWriter, _ *http.Request) {
	descs := metrics.All()
	samples := make([]metrics.Sample, len(descs))
	for i, d := range descs {
		samples[i].Name = d.Name
	}
	metrics.Read(samples)
	for _, s := range samples {
		switch s.Value.Kind() {
		case metrics.KindUint64:
			fmt.Fprintf(w, "%s %d\n", s.Name, s.Value.Uint64())
		case metrics.KindFloat64:
			fmt.Fprintf(w, "%s %g\n", s.Name, s.Value.Float64())
		}
	}
}
