package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Diag is what the kit looked like during and after one run: the database
// on disk (a spawned kit), and with -profile its Go runtime, read from the
// metrics of a kit built with -tags pprof (profile_pprof.go).
type Diag struct {
	DBKB  int64 `json:"db_kb,omitempty"`
	WALKB int64 `json:"wal_kb,omitempty"`
	// At idle, every phone joined, after a forced GC, less the same at
	// the run's start: what the phones hold.
	Idle *Footprint `json:"idle,omitempty"`
	// The storm (any spawned kit, from /proc): the time the kit's threads
	// ran on a core, and the time they were ready to run but waited for
	// one, which is the machine's doing, not the kit's; with -profile,
	// the garbage collections in it.
	StormS     float64 `json:"storm_wall_s,omitempty"`
	StormRunS  float64 `json:"storm_run_s,omitempty"`
	StormWaitS float64 `json:"storm_runqueue_wait_s,omitempty"`
	StormGCs   int64   `json:"storm_gc_cycles,omitempty"`
	// The load generator's own threads' time on a core over the storm: its
	// phones share the machine's cores with the server, so a server whose
	// messages cost its clients more leaves itself less.
	GenRunS float64 `json:"loadgen_storm_run_s,omitempty"`
	// The server's threads after the storm, and the time slices they ran
	// in it (switches onto a core).
	Threads     int   `json:"threads,omitempty"`
	StormSlices int64 `json:"storm_time_slices,omitempty"`
	// After the run: every session ended and every phone gone. What is
	// still there weighs on the next round.
	GoroutinesAfter int64   `json:"goroutines_after,omitempty"`
	HeapAfterMB     float64 `json:"heap_live_after_mb,omitempty"`
	GoroutinesStart int64   `json:"goroutines_start,omitempty"`
	HeapStartMB     float64 `json:"heap_live_start_mb,omitempty"`
}

// Footprint is the runtime's memory per joined phone, by where it is.
type Footprint struct {
	Phones       int     `json:"phones"`
	HeapLive     float64 `json:"heap_live_bytes_per_phone"`
	Stacks       float64 `json:"stack_bytes_per_phone"`
	Goroutines   float64 `json:"goroutines_per_phone"`
	OtherRuntime float64 `json:"other_runtime_bytes_per_phone"` // page tables, spans, GC metadata
	Mapped       float64 `json:"mapped_bytes_per_phone"`        // all the runtime holds from the OS
}

func (d *Diag) String() string {
	var b strings.Builder
	if d.DBKB > 0 || d.WALKB > 0 {
		fmt.Fprintf(&b, "database %.1f MB, WAL %.1f MB", float64(d.DBKB)/1024, float64(d.WALKB)/1024)
	}
	if d.StormS > 0 {
		fmt.Fprintf(&b, "; storm %.1f s: kit ran %.2f s in %d time slices on %d threads, waited %.2f s for a core; load generator ran %.2f s", d.StormS, d.StormRunS, d.StormSlices, d.Threads, d.StormWaitS, d.GenRunS)
	}
	if d.GoroutinesAfter > 0 {
		fmt.Fprintf(&b, ", %d GCs; after the run %d goroutines (%d at its start), heap %.1f MB (%.1f)",
			d.StormGCs, d.GoroutinesAfter, d.GoroutinesStart, d.HeapAfterMB, d.HeapStartMB)
	}
	if f := d.Idle; f != nil {
		fmt.Fprintf(&b, "\n       kit idle, per phone: heap %.1f KB, stacks %.1f KB (%.1f goroutines), runtime %.1f KB; mapped %.1f KB",
			f.HeapLive/1024, f.Stacks/1024, f.Goroutines, f.OtherRuntime/1024, f.Mapped/1024)
	}
	return b.String()
}

// profiler takes the kit's profiles and metrics during one run; without
// -profile (or for the reference) it does nothing but read the database's
// size.
type profiler struct {
	cfg   *config
	name  string
	hc    *http.Client
	snaps map[string]map[string]float64
	// sched is the kit's threads' run and wait time before and after
	// the storm, and when each was read.
	sched [2][2]float64
	gen   [2][2]float64 // the load generator's own, over the same
	// slices is the kit's threads' time slices before and after the
	// storm, threads how many threads it had after.
	slices  [2]float64
	threads int
	at      [2]time.Time
}

func newProfiler(cfg *config, name string) *profiler {
	return &profiler{cfg: cfg, name: name, hc: &http.Client{Timeout: 2 * time.Minute}, snaps: map[string]map[string]float64{}}
}

func (p *profiler) on() bool { return p.cfg.pprof != "" && p.cfg.profile != "" }

// file is where this run's profile of a kind goes.
func (p *profiler) file(kind string) string {
	return filepath.Join(p.cfg.profile, fmt.Sprintf("%s-run%d.%s", p.name, p.cfg.run, kind))
}

// get fetches a path of the kit's profiling server.
func (p *profiler) get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", "http://"+p.cfg.pprof+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := p.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("%s: %s", path, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// snapshot keeps the kit's runtime metrics under a name (path /debug/gc
// collects garbage first, /debug/metrics does not).
func (p *profiler) snapshot(ctx context.Context, name string) {
	switch name {
	case "before the storm":
		p.sched[0], p.gen[0], p.at[0] = schedstat(p.cfg.pid), schedstat(os.Getpid()), time.Now()
		_, p.slices[0] = timeSlices(p.cfg.pid)
	case "after the storm":
		p.sched[1], p.gen[1], p.at[1] = schedstat(p.cfg.pid), schedstat(os.Getpid()), time.Now()
		p.threads, p.slices[1] = timeSlices(p.cfg.pid)
	}
	if name == "start" {
		p.snapshotAt(ctx, name, "/debug/gc")
		return
	}
	// The allocations so far, before and after the storm: `go tool pprof
	// -diff_base kit-runN.allocs-before kit-runN.allocs-after` is what the
	// storm allocated. A profile counts up to the last collection, so each
	// is taken after one (gc=1).
	if kind, ok := map[string]string{"before the storm": "allocs-before", "after the storm": "allocs-after"}[name]; ok && p.on() {
		if b, err := p.get(ctx, "/debug/pprof/heap?gc=1"); err == nil {
			os.WriteFile(p.file(kind), b, 0o644)
		}
	}
	p.snapshotAt(ctx, name, "/debug/metrics")
}

func (p *profiler) snapshotAt(ctx context.Context, name, path string) {
	if !p.on() {
		return
	}
	b, err := p.get(ctx, path)
	if err != nil {
		return
	}
	p.snaps[name] = parseMetrics(b)
}

func parseMetrics(b []byte) map[string]float64 {
	m := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		name, v, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			m[name] = f
		}
	}
	return m
}

// idle runs with every phone joined and idle: a collection, the metrics,
// and the heap and goroutine profiles.
func (p *profiler) idle(ctx context.Context) {
	if !p.on() {
		return
	}
	p.snapshotAt(ctx, "idle", "/debug/gc")
	for kind, path := range map[string]string{"heap": "/debug/pprof/heap", "goroutine": "/debug/pprof/goroutine"} {
		if b, err := p.get(ctx, path); err == nil {
			os.WriteFile(p.file(kind), b, 0o644)
		}
	}
}

// cpu starts a CPU profile of d (the question's fan-out and the storm);
// the returned function waits for it to be written.
func (p *profiler) cpu(ctx context.Context, d time.Duration) func() {
	if !p.on() {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if b, err := p.get(ctx, fmt.Sprintf("/debug/pprof/profile?seconds=%d", int(d.Seconds()+0.5))); err == nil {
			os.WriteFile(p.file("cpu"), b, 0o644)
		}
	}()
	return func() { <-done }
}

// trace records an execution trace of d (the answer storm); the returned
// function waits for it to be written. `go tool trace -pprof=syscall` and
// `-pprof=sched` on it say where the storm waited: in system calls (the
// WAL's fsync) or for a core.
func (p *profiler) trace(ctx context.Context, d time.Duration) func() {
	if !p.on() {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if b, err := p.get(ctx, fmt.Sprintf("/debug/pprof/trace?seconds=%d", int(d.Seconds()+0.5))); err == nil {
			os.WriteFile(p.file("trace"), b, 0o644)
		}
	}()
	return func() { <-done }
}

// end reads what is left after the run (sessions ended, phones gone) and
// sums the run up.
func (p *profiler) end(ctx context.Context, joined int) *Diag {
	d := &Diag{}
	if !p.at[1].IsZero() && p.sched[0][0] > 0 {
		d.StormS = p.at[1].Sub(p.at[0]).Seconds()
		d.StormRunS, d.StormWaitS = p.sched[1][0]-p.sched[0][0], p.sched[1][1]-p.sched[0][1]
		d.GenRunS = p.gen[1][0] - p.gen[0][0]
		d.StormSlices, d.Threads = int64(p.slices[1]-p.slices[0]), p.threads
	}
	if dir := p.cfg.dataDir; dir != "" {
		d.DBKB = fileKB(filepath.Join(dir, "roundtable.db"))
		d.WALKB = fileKB(filepath.Join(dir, "roundtable.db-wal"))
	}
	if p.on() {
		time.Sleep(time.Second) // the phones' sockets close on the kit's side
		p.snapshotAt(ctx, "end", "/debug/gc")
		d.fill(p.snaps)
		d.Idle = footprint(p.snaps["start"], p.snaps["idle"], joined)
	}
	if *d == (Diag{}) {
		return nil
	}
	return d
}

// timeSlices counts a process's threads and the time slices they have run
// (the third field of /proc/PID/task/*/schedstat): each is a switch onto a
// core, so more of them for the same work is the scheduler's churn.
func timeSlices(pid int) (threads int, n float64) {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		if f := strings.Fields(string(b)); len(f) >= 3 {
			v, _ := strconv.ParseFloat(f[2], 64)
			threads++
			n += v
		}
	}
	return threads, n
}

// schedstat sums a process's threads' time on a core and time waiting in
// the run queue, in seconds (/proc/PID/task/*/schedstat).
func schedstat(pid int) [2]float64 {
	var out [2]float64
	if pid <= 0 {
		return out
	}
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		f := strings.Fields(string(b))
		if len(f) < 2 {
			continue
		}
		run, _ := strconv.ParseFloat(f[0], 64)
		wait, _ := strconv.ParseFloat(f[1], 64)
		out[0] += run / 1e9
		out[1] += wait / 1e9
	}
	return out
}

func fileKB(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size() / 1024
}

// Metric names (runtime/metrics).
const (
	mHeapLive   = "/gc/heap/live:bytes"
	mStacks     = "/memory/classes/heap/stacks:bytes"
	mOSStacks   = "/memory/classes/os-stacks:bytes"
	mGoroutines = "/sched/goroutines:goroutines"
	mTotal      = "/memory/classes/total:bytes"
	mReleased   = "/memory/classes/heap/released:bytes"
	mMeta       = "/memory/classes/metadata/other:bytes"
	mMSpan      = "/memory/classes/metadata/mspan/inuse:bytes"
	mMCache     = "/memory/classes/metadata/mcache/inuse:bytes"
	mGCCycles   = "/gc/cycles/total:gc-cycles"
)

func (d *Diag) fill(s map[string]map[string]float64) {
	if a, b := s["before the storm"], s["after the storm"]; a != nil && b != nil {
		d.StormGCs = int64(b[mGCCycles] - a[mGCCycles])
	}
	if st := s["start"]; st != nil {
		d.GoroutinesStart, d.HeapStartMB = int64(st[mGoroutines]), st[mHeapLive]/(1<<20)
	}
	if e := s["end"]; e != nil {
		d.GoroutinesAfter, d.HeapAfterMB = int64(e[mGoroutines]), e[mHeapLive]/(1<<20)
	}
}

// footprint is the memory the phones added, per phone: idle less start.
func footprint(start, idle map[string]float64, phones int) *Footprint {
	if start == nil || idle == nil || phones == 0 {
		return nil
	}
	n := float64(phones)
	per := func(k string) float64 { return (idle[k] - start[k]) / n }
	mapped := (idle[mTotal] - idle[mReleased] - start[mTotal] + start[mReleased]) / n
	return &Footprint{Phones: phones, HeapLive: per(mHeapLive), Stacks: per(mStacks) + per(mOSStacks), Goroutines: per(mGoroutines),
		OtherRuntime: per(mMeta) + per(mMSpan) + per(mMCache), Mapped: mapped}
}

// slowAcks counts the acks over 50 ms and says when in the storm their
// answers were sent (the 10th to the 90th percentile), so a stall shows
// as a moment rather than a spread.
func (r *Run) slowAcks(sent []time.Time, ackMs []float64, stormAt time.Time) {
	var at []float64
	for i, v := range ackMs {
		if v > 50 && i < len(sent) {
			at = append(at, sent[i].Sub(stormAt).Seconds())
		}
	}
	r.SlowAcks += len(at)
	if len(at) == 0 {
		return
	}
	slices.Sort(at)
	lo, hi := at[len(at)/10], at[len(at)*9/10]
	r.SlowAt = fmt.Sprintf(" (sent %.2f–%.2f s into the storm)", lo, hi)
}
