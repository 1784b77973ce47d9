package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// TestSourcePlan: every run of every invocation gets loopback addresses no
// other run has, away from 127.0.0.0/12, none ending in .0 or .255.
func TestSourcePlan(t *testing.T) {
	seen := map[string]string{}
	for base := 0; base < maxSourceBase; base += 7 {
		for run := 0; run < 1000; run += 37 {
			ips, err := sourcePlan(base, run, 3)
			if err != nil {
				t.Fatalf("base %d run %d: %v", base, run, err)
			}
			if len(ips) != 3 {
				t.Fatalf("base %d run %d: %d addresses, want 3", base, run, len(ips))
			}
			for _, ip := range ips {
				v4 := ip.To4()
				if v4 == nil || !ip.IsLoopback() || v4[1] < 16 || v4[3] == 0 || v4[3] == 255 {
					t.Errorf("base %d run %d: %s is not a usable source", base, run, ip)
				}
				who := ip.String()
				if prev, ok := seen[who]; ok {
					t.Errorf("%s planned twice: %s and base %d run %d", who, prev, base, run)
				}
				seen[who] = fmt.Sprintf("base %d run %d", base, run)
			}
		}
	}
	for _, bad := range [][3]int{{-1, 0, 1}, {maxSourceBase, 0, 1}, {0, 1000, 1}, {0, 0, 0}, {0, 0, 255}} {
		if _, err := sourcePlan(bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("sourcePlan%v: no error", bad)
		}
	}
	for conns, want := range map[int]int{0: 1, 1: 1, portsPerSource: 1, portsPerSource + 1: 2, 13001: 2, 3 * portsPerSource: 3} {
		if got := sourcesNeeded(conns); got != want {
			t.Errorf("sourcesNeeded(%d) = %d, want %d", conns, got, want)
		}
	}
}

// fakeRuns stands in for load: each call is one run; fail says which runs
// (counted from 0, kit and reference alternating) fail.
type fakeRuns struct {
	calls   int
	fail    map[int]error
	sources [][]net.IP
	before  func(call int) // called at the start of each run
}

func (f *fakeRuns) load(ctx context.Context, cfg *config, name string, _ io.Writer) (*Run, error) {
	call := f.calls
	f.calls++
	f.sources = append(f.sources, cfg.srcs)
	if f.before != nil {
		f.before(call)
	}
	if err := f.fail[call]; err != nil {
		return nil, err
	}
	// The kit is 100 ms p99 at fan-out, the reference 50 ms; acks 20 and
	// 10 ms, with round 2 (calls 2 and 3) slower.
	v := 1.0 + float64(call/2)
	r := &Run{Server: name, Sources: ipStrings(cfg.srcs)}
	if name == "kit" {
		r.All.Fanout.P99, r.All.Ack.P99 = 100*v, 20*v
	} else {
		r.All.Fanout.P99, r.All.Ack.P99 = 50*v, 10*v
	}
	return r, nil
}

// TestRoundsSurviveAFailedRun: with the kit's second run failing, the
// third round still runs; the failed round is printed as failed with its
// reason, left out of the ratios, and the target line names it. Each
// round's line is out before the next round starts, and no two runs share
// a source address.
func TestRoundsSurviveAFailedRun(t *testing.T) {
	var lines bytes.Buffer
	f := &fakeRuns{fail: map[int]error{2: errors.New("dial tcp 127.0.0.1:8080: connect: connection refused")}}
	f.before = func(call int) {
		// Round k's kit run (call 2k) starts after round k's line is out.
		for k := 1; k <= call/2; k++ {
			if !hasRoundLine(lines.String(), k) {
				t.Errorf("run %d started before round %d's line was printed:\n%s", call, k, lines.String())
			}
		}
	}
	cfg := &config{phones: 10000, sessions: 1, reconnect: 0.3, rounds: 3, srcBase: 5}
	rcfg := *cfg
	sum := &Summary{}
	rounds(context.Background(), cfg, &rcfg, sum, f.load, &lines, io.Discard)

	if f.calls != 6 {
		t.Fatalf("%d runs, want 6 (3 rounds × kit and reference)", f.calls)
	}
	if len(sum.Rounds) != 3 {
		t.Fatalf("%d rounds in the summary, want 3", len(sum.Rounds))
	}
	out := lines.String()
	if !strings.Contains(out, "kit FAILED: dial tcp 127.0.0.1:8080: connect: connection refused") {
		t.Errorf("the failed run's reason is not printed:\n%s", out)
	}
	if !hasRoundLine(out, 3) {
		t.Errorf("round 3 is not printed after the failed round 2:\n%s", out)
	}
	r2 := sum.Rounds[1]
	if r2.KitFailed == "" || r2.RefFailed != "" || r2.FanoutX != 0 || r2.AckX != 0 || r2.RefFanout != 100 {
		t.Errorf("round 2: %+v, want the kit failed, the reference's figures kept, no ratio", r2)
	}
	sum.ratios()
	// Rounds 1 and 3: fan-out 2.00 and 2.00, ack 2.00 and 2.00.
	if sum.FanoutX != 2 || sum.AckX != 2 {
		t.Errorf("median ratios %.2f and %.2f, want 2.00 and 2.00 (the failed round left out)", sum.FanoutX, sum.AckX)
	}
	// The kit's acks: 20 ms in round 1, 60 in round 3.
	if sum.AckXWorst != 2 || sum.AckSpread != 3 {
		t.Errorf("worst ack ratio %.2f, spread %.2f: want 2.00 and 3.00", sum.AckXWorst, sum.AckSpread)
	}
	sum.check()
	misses := map[string]string{}
	for _, tg := range sum.Targets {
		if !tg.Met {
			misses[tg.What] = tg.Got
		}
	}
	if got := misses["ack p99 vs reference"]; !strings.Contains(got, "2.00× in the worst round") {
		t.Errorf("ack ratio target: %q, want a miss at 2.00× in the worst round", got)
	}
	if got := misses["ack p99 round to round"]; !strings.Contains(got, "3.00×") {
		t.Errorf("round-to-round target: %q, want a miss at 3.00×", got)
	}
	if sum.Kit == nil || sum.Kit.All.Fanout.P99 != 100 || sum.WorstFanout != 300 {
		t.Errorf("first kit run %+v, worst fan-out %.0f: want round 1's and round 3's 300", sum.Kit, sum.WorstFanout)
	}
	if sum.failed() != 1 {
		t.Errorf("failed() = %d, want 1", sum.failed())
	}
	tg := sum.roundsTarget()
	if tg.Met || !strings.Contains(tg.Got, "round 2 kit: dial tcp") {
		t.Errorf("rounds target %+v, want a miss naming round 2's kit", tg)
	}
	seen := map[string]int{}
	for run, ips := range f.sources {
		if len(ips) != 2 { // 13,001 connections a run
			t.Errorf("run %d dials from %d addresses, want 2", run, len(ips))
		}
		for _, ip := range ips {
			if prev, ok := seen[ip.String()]; ok {
				t.Errorf("runs %d and %d share %s", prev, run, ip)
			}
			seen[ip.String()] = run
		}
	}
}

// TestRoundsPinnedSources: -src pins the addresses for every run; a run
// without the reference shows no reference figures (and no failure).
func TestRoundsPinnedSources(t *testing.T) {
	pinned := []net.IP{net.IPv4(127, 0, 0, 1), net.IPv4(127, 0, 0, 2)}
	f := &fakeRuns{}
	cfg := &config{phones: 10, sessions: 1, rounds: 2, pinnedSrcs: pinned}
	var lines bytes.Buffer
	rounds(context.Background(), cfg, nil, &Summary{}, f.load, &lines, io.Discard)
	if strings.Contains(lines.String(), "failed") {
		t.Errorf("without -compare the reference's columns say failed:\n%s", lines.String())
	}
	if len(f.sources) != 2 {
		t.Fatalf("%d runs, want 2", len(f.sources))
	}
	for run, ips := range f.sources {
		if len(ips) != 2 || !ips[0].Equal(pinned[0]) || !ips[1].Equal(pinned[1]) {
			t.Errorf("run %d dials from %v, want %v", run, ips, pinned)
		}
	}
}

func hasRoundLine(out string, n int) bool {
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 2 && f[0] == strconv.Itoa(n) {
			return true
		}
	}
	return false
}

// TestFailedRunEndsItsSessions: against a real kit, a deck with no
// question makes every run fail after the phones joined. The load
// generator reports each round as failed with the reason and exits 1, and
// ends what it started: no session is left running with phones on it.
func TestFailedRunEndsItsSessions(t *testing.T) {
	kit := kittest.Start(t, kittest.Options{PublicURL: "http://127.0.0.1", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	var saved struct{ Deck struct{ ID string } }
	kc := &kittest.Client{Base: kit.Base, Key: kit.Key}
	if _, _, err := kc.Do(context.Background(), "POST", "/api/decks", map[string]string{"source": "---\ntitle: No question\nlang: en\n---\n\n# One\n\n---\n\n# Two\n"}, &saved); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	code := run(context.Background(), []string{"-url", kit.Base, "-key", kit.Key, "-deck", saved.Deck.ID, "-phones", "20", "-rounds", "2",
		"-slow", "0", "-pageweight=false", "-json", "-quiet", "-timeout", "60s"}, &out, &errs)
	if code != 1 {
		t.Errorf("exit %d, want 1 (runs failed)", code)
	}
	var sum Summary
	if err := json.Unmarshal(out.Bytes(), &sum); err != nil {
		t.Fatalf("summary: %v\n%s\n%s", err, out.String(), errs.String())
	}
	if len(sum.Rounds) != 2 || sum.Rounds[0].KitFailed == "" || sum.Rounds[1].KitFailed == "" {
		t.Fatalf("rounds %+v, want 2, each failed", sum.Rounds)
	}
	if !strings.Contains(errs.String(), "kit FAILED") {
		t.Errorf("no failed round printed as it ended:\n%s", errs.String())
	}
	if tg := sum.Targets[0]; tg.Met || !strings.Contains(tg.Got, "2 run(s) failed") {
		t.Errorf("first target %+v, want a miss for 2 failed runs", tg)
	}
	// Each run waited for its session's end before returning.
	if n := len(kit.App.Live.Sessions()); n != 0 {
		t.Errorf("%d session(s) still running after the failed runs, want 0", n)
	}
}

// TestSlowAcksWindow: the acks over 50 ms are counted, and the round line
// says when in the storm their answers were sent (10th to 90th
// percentile), so a stall shows as a moment.
func TestSlowAcksWindow(t *testing.T) {
	storm := time.Unix(1000, 0)
	var sent []time.Time
	var ackMs []float64
	for i := 0; i < 1000; i++ {
		at := storm.Add(time.Duration(i) * 2 * time.Millisecond) // 0–2 s
		ms := 3.0
		if i >= 600 && i < 700 { // sent 1.2–1.4 s in: stuck behind something
			ms = 180
		}
		sent, ackMs = append(sent, at), append(ackMs, ms)
	}
	var r Run
	r.slowAcks(sent, ackMs, storm)
	if r.SlowAcks != 100 || r.SlowAt != " (sent 1.22–1.38 s into the storm)" {
		t.Errorf("got %d slow acks %q, want 100 sent 1.22–1.38 s in", r.SlowAcks, r.SlowAt)
	}
	var none Run
	none.slowAcks(sent[:10], ackMs[:10], storm)
	if none.SlowAcks != 0 || none.SlowAt != "" {
		t.Errorf("no slow ack: got %d %q", none.SlowAcks, none.SlowAt)
	}
}

// TestFootprint: memory per phone is idle less start, by kind, over the
// phones joined.
func TestFootprint(t *testing.T) {
	start := map[string]float64{mHeapLive: 4e6, mStacks: 1e6, mGoroutines: 25, mTotal: 20e6, mReleased: 2e6}
	idle := map[string]float64{mHeapLive: 204e6, mStacks: 121e6, mGoroutines: 20025, mTotal: 420e6, mReleased: 12e6}
	f := footprint(start, idle, 10000)
	if f == nil || f.HeapLive != 20000 || f.Stacks != 12000 || f.Goroutines != 2 || f.Mapped != 39000 {
		t.Errorf("got %+v, want heap 20,000, stacks 12,000, 2 goroutines, mapped 39,000 per phone", f)
	}
	if footprint(nil, idle, 10000) != nil || footprint(start, idle, 0) != nil {
		t.Error("a footprint without a start or without phones")
	}
}

// TestFeedRate: a 250 ms ticker seen over 2.3 s (10 messages, one at each
// end) is 4 a second at most; 200 ms apart (12 messages) is over.
func TestFeedRate(t *testing.T) {
	if got := feedRate(10, 2.3); got > 4 {
		t.Errorf("10 messages of a 250 ms ticker in 2.3 s: %.2f/s, want at most 4", got)
	}
	if got := feedRate(12, 2.3); got <= 4 {
		t.Errorf("12 messages in 2.3 s: %.2f/s, want over 4", got)
	}
	if got := feedRate(0, 0.5); got != 0 {
		t.Errorf("no message: %.2f/s, want 0", got)
	}
}
