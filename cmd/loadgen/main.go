// Command loadgen plays thousands of phones against a running Roundtable
// kit through the documented protocol only (PROTOCOL.md, API.md) and prints
// what the targets ask for: join failures, fan-out and ack latency,
// acked vs stored vs duplicate answers, the presenter feed's rate and the
// server's memory. With -spawn it builds and starts the kit itself; with
// -compare it runs the same load against cmd/refserver, the bare minimum,
// so every figure is also a ratio. It only targets loopback.
//
//	go run ./cmd/loadgen -spawn -compare -phones 10000
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/roundtable-kit/roundtable/internal/kittest"
)

func main() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) }

type config struct {
	url, key, deck    string
	phones, sessions  int
	answerWindow      time.Duration
	weights           []float64
	slow, silent      float64
	reconnect         float64
	timeout           time.Duration
	srcs              []net.IP // this run's source addresses (rounds.go)
	pinnedSrcs        []net.IP // -src: every run dials from these
	srcBase           int      // where this invocation's source plan starts (sources.go)
	concurrency       int
	pid               int
	spawn, compare    bool
	coldStart, rounds int
	pageWeight        bool
	jsonOut, quiet    bool
	allowNetns        string
	cpuProfile        string
	// profile (-profile DIR) builds the spawned kit with -tags pprof; pprof
	// is then its profiling address and dataDir its data folder (diag.go).
	profile, pprof, dataDir string
	run                     int // which run this is, for file names
	// scenario is "" (a choice question), "cloud" (a word cloud),
	// "open" (moderated open text, then approvals timed to the
	// projector), "game" (game mode: a reveal sends every phone its
	// rank, game.go) or "qa" (phones upvote Q&A questions, qa.go); ref is
	// set on the reference server's copy.
	scenario string
	ref      bool
	// inProcess: the kit runs inside the load generator (-inprocess).
	inProcess bool
}

// pick draws an option by the -spread weights (uniform if none).
func (c *config) pick(n int) int {
	if n <= 0 {
		return 0
	}
	w := c.weights
	if len(w) == 0 {
		return rand.IntN(n)
	}
	total := 0.0
	for i := 0; i < n && i < len(w); i++ {
		total += w[i]
	}
	x := rand.Float64() * total
	for i := 0; i < n && i < len(w); i++ {
		if x < w[i] {
			return i
		}
		x -= w[i]
	}
	return 0
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	cfg := &config{}
	fl.StringVar(&cfg.url, "url", "http://127.0.0.1:8080", "the kit to load (loopback only)")
	fl.StringVar(&cfg.key, "key", os.Getenv("ROUNDTABLE_HOST_KEY"), "the host key")
	fl.StringVar(&cfg.deck, "deck", "try.en", "the deck each session runs")
	fl.IntVar(&cfg.phones, "phones", 1000, "phones per session")
	fl.IntVar(&cfg.sessions, "sessions", 1, "sessions at once, each with -phones phones")
	fl.DurationVar(&cfg.answerWindow, "answer-window", 2*time.Second, "every phone answers within this window, uniformly spread")
	spread := fl.String("spread", "", "weights of the options, e.g. 1,3,1 (default: uniform)")
	fl.Float64Var(&cfg.slow, "slow", 0.05, "share of phones that stop reading their socket")
	fl.Float64Var(&cfg.silent, "silent", 0, "share of phones that never answer")
	fl.Float64Var(&cfg.reconnect, "reconnect", 0, "share of phones that drop right after answering, resume and answer again")
	fl.DurationVar(&cfg.timeout, "timeout", 5*time.Minute, "stop everything after this long")
	fl.DurationVar(&cfg.timeout, "duration", 5*time.Minute, "same as -timeout")
	src := fl.String("src", "", "pin the source addresses, e.g. 127.0.0.1,127.0.0.2, for every run (default: each run dials from loopback addresses of its own, so no round inherits an earlier one's TIME_WAIT sockets or join limits)")
	fl.IntVar(&cfg.concurrency, "concurrency", 256, "joins in flight at once")
	fl.IntVar(&cfg.pid, "pid", 0, "the kit's process id, to read its memory (set by -spawn)")
	fl.BoolVar(&cfg.spawn, "spawn", false, "build the kit and start it on a free port with a temporary data folder")
	fl.BoolVar(&cfg.compare, "compare", false, "also run the same load against cmd/refserver (built and started here), round by round")
	fl.IntVar(&cfg.rounds, "rounds", 1, "run the load this many times (alternating kit and reference with -compare); ratios are the median of the rounds'")
	fl.IntVar(&cfg.coldStart, "coldstart", 0, "with -spawn: time start → /healthz over a database holding this many ended sessions (0: skip)")
	fl.BoolVar(&cfg.pageWeight, "pageweight", true, "measure the phone page's bytes on the wire, join to first question")
	fl.BoolVar(&cfg.jsonOut, "json", false, "print the summary as JSON")
	fl.BoolVar(&cfg.quiet, "quiet", false, "no progress lines")
	fl.StringVar(&cfg.allowNetns, "allow-netns", "", "allow this one address of the project's test network namespace (10.213.x.x) as a target")
	fl.StringVar(&cfg.cpuProfile, "cpuprofile", "", "with -inprocess: write a CPU profile here (heap profile beside it)")
	fl.StringVar(&cfg.profile, "profile", "", "with -spawn: build the kit with -tags pprof and write, for each kit run into this folder, a heap and goroutine profile with every phone joined and idle, a CPU profile of the question's fan-out and the answer storm, the allocations before and after the storm, and the runtime metrics between")
	self := fl.Bool("self", false, "with -spawn -compare: a second reference server runs in the kit's place (an A/A run: how far the figures of one server move from run to run on this machine)")
	inproc := fl.Bool("inprocess", false, "run the kit inside this process (for profiling; phones are limited by one file table)")
	fl.StringVar(&cfg.scenario, "scenario", "", "what the phones answer: a choice (default), cloud (a word each into a word cloud), open (moderated open text, then approvals timed until the projector shows them), game (game mode: after the answers one reveal sends each phone its own rank, timed) or qa (upvotes of anonymous Q&A questions)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	for _, w := range strings.FieldsFunc(*spread, func(r rune) bool { return r == ',' }) {
		f, err := strconv.ParseFloat(w, 64)
		if err != nil || f < 0 {
			fmt.Fprintln(stderr, "loadgen: -spread takes weights like 1,3,1")
			return 2
		}
		cfg.weights = append(cfg.weights, f)
	}
	for _, s := range strings.FieldsFunc(*src, func(r rune) bool { return r == ',' }) {
		ip := net.ParseIP(strings.TrimSpace(s))
		if ip == nil || !ip.IsLoopback() {
			fmt.Fprintf(stderr, "loadgen: -src %q is not a loopback address\n", s)
			return 2
		}
		cfg.pinnedSrcs = append(cfg.pinnedSrcs, ip)
	}
	cfg.srcBase = rand.IntN(maxSourceBase)
	if cfg.profile != "" && !cfg.spawn {
		fmt.Fprintln(stderr, "loadgen: -profile needs -spawn (the kit it builds is the one profiled)")
		return 2
	}
	if cfg.scenario != "" && cfg.scenario != "cloud" && cfg.scenario != "open" && cfg.scenario != "game" && cfg.scenario != "qa" {
		fmt.Fprintln(stderr, "loadgen: -scenario is cloud, open, game or qa")
		return 2
	}
	if cfg.phones < 1 || cfg.sessions < 1 || cfg.slow+cfg.silent+cfg.reconnect > 1 {
		fmt.Fprintln(stderr, "loadgen: -phones and -sessions must be ≥ 1 and the shares add up to at most 1")
		return 2
	}
	raiseFileLimit(stderr)
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	defer cancel()

	sum := &Summary{Machine: machine(), Scenario: cfg.scenario, Phones: cfg.phones, Sessions: cfg.sessions, LoadAvg: []string{loadAvg()}}
	var stop func()
	var err error
	switch {
	case *inproc:
		cfg.inProcess = true
		stop, err = startInProcess(cfg, stderr)
	case cfg.spawn && *self:
		if !cfg.compare || cfg.profile != "" || cfg.scenario != "" {
			fmt.Fprintln(stderr, "loadgen: -self goes with -compare, without -profile or -scenario")
			return 2
		}
		fmt.Fprintln(stderr, "loadgen: -self: the kit's column is a second reference server")
		cfg.ref = true
		stop, err = spawnRef(ctx, cfg, stderr)
	case cfg.spawn:
		stop, err = spawnKit(ctx, cfg, sum, stderr)
	}
	if err != nil {
		fmt.Fprintln(stderr, "loadgen:", err)
		return 1
	}
	if stop != nil {
		defer stop()
	}
	if err := checkTarget(cfg.url, cfg.allowNetns); err != nil {
		fmt.Fprintln(stderr, "loadgen:", err)
		return 2
	}
	if cfg.pageWeight {
		if pw, err := pageWeight(ctx, cfg); err != nil {
			fmt.Fprintln(stderr, "loadgen: page weight:", err)
		} else {
			sum.Page = pw
		}
	}
	// With -compare the kit and the reference run in alternating rounds:
	// on a shared machine the load changes from minute to minute, so each
	// ratio compares two runs taken a few seconds apart.
	var rcfg *config
	if cfg.compare {
		rc := *cfg
		rc.pageWeight, rc.ref, rc.profile, rc.pprof, rc.dataDir = false, true, "", "", ""
		stopRef, err := spawnRef(ctx, &rc, stderr)
		if err != nil {
			fmt.Fprintln(stderr, "loadgen: reference:", err)
			return 1
		}
		defer stopRef()
		rcfg = &rc
	}
	// Each round's line goes out as the round ends: to stdout, or with
	// -json (stdout is then the summary alone) to stderr.
	lines := stdout
	if cfg.jsonOut {
		lines = stderr
	}
	rounds(ctx, cfg, rcfg, sum, load, lines, stderr)
	sum.LoadAvg = append(sum.LoadAvg, loadAvg())
	sum.ratios()
	sum.check()
	if cfg.jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(sum)
	} else {
		sum.print(stdout)
	}
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "loadgen: stopped at -timeout")
		return 1
	}
	if sum.failed() > 0 {
		fmt.Fprintf(stderr, "loadgen: %d run(s) failed (see the rounds)\n", sum.failed())
		return 1
	}
	return 0
}

// checkTarget refuses anything but loopback, or the one namespace address.
func checkTarget(raw, allow string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return fmt.Errorf("-url %q is not an http address", raw)
	}
	host := u.Hostname()
	if allow != "" && host == allow {
		ip := net.ParseIP(allow)
		if ip != nil && ip.To4() != nil && ip.To4()[0] == 10 && ip.To4()[1] == 213 {
			return nil
		}
		return fmt.Errorf("-allow-netns %s is not in the test namespaces' 10.213.0.0/16", allow)
	}
	ips, err := net.LookupIP(host)
	if err != nil || len(ips) == 0 {
		return fmt.Errorf("cannot resolve %s", host)
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("%s is not a loopback address: the load generator only targets this machine (or -allow-netns)", host)
		}
	}
	return nil
}

func raiseFileLimit(stderr io.Writer) {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		return
	}
	lim.Cur = lim.Max
	if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		fmt.Fprintln(stderr, "loadgen: cannot raise the file limit:", err)
	}
}

func fileLimit() uint64 {
	var lim unix.Rlimit
	unix.Getrlimit(unix.RLIMIT_NOFILE, &lim)
	return lim.Cur
}

// load runs the whole scenario against one server: create sessions, join
// every phone, open a question, answer storm, read back.
func load(ctx context.Context, cfg *config, name string, stderr io.Writer) (*Run, error) {
	if need := uint64(cfg.phones*cfg.sessions + 64); need > fileLimit() {
		return nil, fmt.Errorf("%d phones need %d files; the limit is %d", cfg.phones*cfg.sessions, need, fileLimit())
	}
	tr := &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}
	api := &kittest.Client{Base: strings.TrimRight(cfg.url, "/"), Key: cfg.key, HTTP: &http.Client{Transport: tr, Timeout: 60 * time.Second}}
	defer tr.CloseIdleConnections()
	dl := &dialer{base: wsBase(api.Base), srcs: cfg.srcs}
	prog := &progress{}
	out := &Run{Server: name, Pid: cfg.pid, Sources: ipStrings(cfg.srcs)}
	pr := newProfiler(cfg, name)
	pr.snapshot(ctx, "start")
	rooms := make([]*room, cfg.sessions)
	// A run that fails half-way still ends its sessions and closes its
	// phones, so that nothing of it is left to weigh on the next round.
	defer func() {
		each(rooms, func(r *room) {
			if r != nil {
				r.close(ctx)
			}
		})
	}()
	for i := range rooms {
		r := newRoom(cfg, prog, dl, api, i)
		r.phoneCtx, r.stopPhones = context.WithCancel(ctx)
		rooms[i] = r // before start: a session created by a start that fails later is ended too
		if err := r.start(ctx); err != nil {
			return nil, err
		}
	}
	stopProg := make(chan struct{})
	defer close(stopProg)
	if !cfg.quiet {
		go func() {
			t := time.NewTicker(time.Second)
			defer t.Stop()
			start := time.Now()
			for {
				select {
				case <-t.C:
					fmt.Fprintf(stderr, "[%s %4.0fs] joined %d, join failed %d, have question %d, answered %d, acked %d, errors %d\n",
						name, time.Since(start).Seconds(), prog.joined.Load(), prog.joinFailed.Load(), prog.arrived.Load(),
						prog.answered.Load(), prog.acked.Load(), prog.errors.Load())
				case <-stopProg:
					return
				}
			}
		}()
	}
	out.RSSBeforeKB = rssKB(cfg.pid)
	sem := make(chan struct{}, cfg.concurrency)
	t := time.Now()
	each(rooms, func(r *room) { r.join(r.phoneCtx, sem) })
	out.JoinSeconds = time.Since(t).Seconds()
	time.Sleep(time.Second) // let joins' garbage settle before reading memory
	out.RSSJoinedKB = rssKB(cfg.pid)
	pr.idle(ctx)
	joined := 0
	for _, r := range rooms {
		joined += r.res.Joined
	}
	if out.RSSBeforeKB > 0 && joined > 0 {
		out.KBPerPhone = float64(out.RSSJoinedKB-out.RSSBeforeKB) / float64(joined)
	}
	starts := make([]time.Time, len(rooms))
	release := holdCollector(cfg.inProcess) // through the fan-out and the storm
	defer release()
	stopCPU := pr.cpu(ctx, cfg.answerWindow+5*time.Second)
	var serr error
	var smu sync.Mutex
	each(rooms, func(r *room) {
		if cfg.scenario == "qa" {
			if err := r.qaOpen(ctx); err != nil {
				smu.Lock()
				serr = err
				smu.Unlock()
			}
			return
		}
		t0, err := r.questionUp(ctx)
		if err != nil {
			smu.Lock()
			serr = err
			smu.Unlock()
			return
		}
		starts[r.num] = t0
		r.waitFanout(ctx, t0)
	})
	if serr != nil {
		stopCPU()
		return nil, serr
	}
	pr.snapshot(ctx, "before the storm")
	stopTrace := pr.trace(ctx, cfg.answerWindow+time.Second)
	stormAt := time.Now().Add(200 * time.Millisecond)
	each(rooms, func(r *room) { r.answerStorm(ctx, stormAt) })
	release()
	out.RSSAfterKB = rssKB(cfg.pid)
	pr.snapshot(ctx, "after the storm")
	stopCPU()
	stopTrace()
	if cfg.scenario == "open" && !cfg.ref {
		each(rooms, func(r *room) { r.approvals(ctx) })
	}
	if cfg.scenario == "game" {
		each(rooms, func(r *room) { r.reveal(ctx) })
	}
	if cfg.scenario == "qa" {
		each(rooms, func(r *room) { r.qaVerify(ctx) })
	} else {
		each(rooms, func(r *room) { r.verify(ctx) })
	}
	for _, r := range rooms {
		out.Rooms = append(out.Rooms, r.res)
	}
	out.total()
	for _, r := range rooms {
		out.slowAcks(r.ackSent, r.ackMs, stormAt)
	}
	out.Diag = pr.end(ctx, joined)
	return out, nil
}

func each(rooms []*room, fn func(*room)) {
	var wg sync.WaitGroup
	for _, r := range rooms {
		wg.Add(1)
		go func() { defer wg.Done(); fn(r) }()
	}
	wg.Wait()
}

// rssKB reads a process's resident memory from /proc.
func rssKB(pid int) int64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n
		}
	}
	return 0
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Quantiles are latencies in milliseconds.
type Quantiles struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50"`
	P99 float64 `json:"p99"`
	Max float64 `json:"max"`
}

func quantiles(v []float64) Quantiles {
	if len(v) == 0 {
		return Quantiles{}
	}
	s := slices.Clone(v)
	slices.Sort(s)
	at := func(q float64) float64 { return s[min(len(s)-1, int(q*float64(len(s))))] }
	return Quantiles{N: len(s), P50: at(0.50), P99: at(0.99), Max: s[len(s)-1]}
}
