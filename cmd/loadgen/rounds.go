package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"
)

// loadFunc runs the whole load once against one server (load, or a stand-in
// in tests).
type loadFunc func(ctx context.Context, cfg *config, name string, stderr io.Writer) (*Run, error)

// rounds runs the load cfg.rounds times, alternating the kit (cfg) and the
// reference (rcfg, nil without -compare). A run that fails is kept in the
// summary as failed, with its reason, and the next one starts anyway; each
// round's line is written to lines as soon as the round ends. Every run
// dials from source addresses of its own (sources.go) unless -src pinned
// them.
func rounds(ctx context.Context, cfg, rcfg *config, sum *Summary, lf loadFunc, lines, stderr io.Writer) {
	fmt.Fprintln(lines, roundHeader)
	n := 0 // runs so far, for the source plan
	once := func(c *config, name string) (*Run, string) {
		if err := c.planSources(n); err != nil {
			return nil, err.Error()
		}
		c.run = n
		n++
		if ctx.Err() != nil {
			return nil, "stopped at -timeout before it started"
		}
		r, err := lf(ctx, c, name, stderr)
		if err != nil {
			return nil, err.Error()
		}
		return r, ""
	}
	for i := 0; i < max(1, cfg.rounds); i++ {
		rd := Round{N: i + 1}
		kit, kerr := once(cfg, "kit")
		rd.KitFailed = kerr
		if kit != nil {
			rd.kit(kit)
			if sum.Kit == nil {
				sum.Kit = kit
			}
			sum.worst(kit)
			cfg.pageWeight = false
		}
		if rcfg != nil {
			rd.compared = true
			ref, rerr := once(rcfg, "reference")
			rd.RefFailed = rerr
			if ref != nil {
				rd.ref(ref)
				if sum.Ref == nil {
					sum.Ref = ref
				}
			}
		}
		rd.LoadAvg = loadAvg()
		rd.ratios()
		sum.Rounds = append(sum.Rounds, rd)
		fmt.Fprintln(lines, rd.line())
	}
}

// planSources sets the run's source addresses: the pinned -src list, or
// addresses no earlier run used.
func (c *config) planSources(run int) error {
	if len(c.pinnedSrcs) > 0 {
		c.srcs = c.pinnedSrcs
		return nil
	}
	conns := int(float64(c.phones*c.sessions)*(1+c.reconnect)) + c.sessions
	ips, err := sourcePlan(c.srcBase, run, sourcesNeeded(conns))
	if err != nil {
		return err
	}
	c.srcs = ips
	return nil
}

func (rd *Round) kit(k *Run) {
	rd.KitFanout, rd.KitAck, rd.KitRank = k.All.Fanout.P99, k.All.Ack.P99, k.All.Rank.P99
	rd.KitAckP50, rd.KitSlowAcks, rd.KitSlowAt = k.All.Ack.P50, k.SlowAcks, k.SlowAt
	rd.KitSources, rd.KitDiag = k.Sources, k.Diag
	rd.KitResentP99 = k.All.AckResent.P99
	rd.KitFanoutCPU = k.All.FanoutCPUms
}

func (rd *Round) ref(r *Run) {
	rd.RefFanout, rd.RefAck, rd.RefRank = r.All.Fanout.P99, r.All.Ack.P99, r.All.Rank.P99
	rd.RefSlowAcks, rd.RefSources = r.SlowAcks, r.Sources
	rd.RefFanoutCPU = r.All.FanoutCPUms
	rd.RefResentP99 = r.All.AckResent.P99
	if d := r.Diag; d != nil {
		rd.RefStormRunS, rd.RefStormWait, rd.RefGenRunS = d.StormRunS, d.StormWaitS, d.GenRunS
		rd.RefSlices, rd.RefThreads = d.StormSlices, d.Threads
	}
}

// ratios are kit ÷ reference, for a round where both ran.
func (rd *Round) ratios() {
	if rd.KitFailed != "" || rd.RefFailed != "" {
		return
	}
	if rd.RefFanout > 0 {
		rd.FanoutX = rd.KitFanout / rd.RefFanout
	}
	if rd.RefAck > 0 {
		rd.AckX = rd.KitAck / rd.RefAck
	}
	if rd.RefRank > 0 {
		rd.RankX = rd.KitRank / rd.RefRank
	}
}

const roundHeader = "round  load   kit fan-out  ref fan-out  ratio   kit ack  ref ack  ratio   (p99, ms)"

// line is one round as printed when it ends: the p99s and ratios, a failed
// run's reason, and what the kit looked like after it.
func (rd Round) line() string {
	var b strings.Builder
	num := func(v float64, failed string) string {
		if failed != "" {
			return "failed"
		}
		return fmt.Sprintf("%.0f", v)
	}
	ratio := func(v float64) string {
		if v == 0 {
			return "—"
		}
		return fmt.Sprintf("%.2f", v)
	}
	refNum := func(v float64) string {
		if !rd.compared {
			return "—"
		}
		return num(v, rd.RefFailed)
	}
	fmt.Fprintf(&b, "%5d  %5s  %11s  %11s  %5s  %8s  %7s  %5s", rd.N, rd.LoadAvg,
		num(rd.KitFanout, rd.KitFailed), refNum(rd.RefFanout), ratio(rd.FanoutX),
		num(rd.KitAck, rd.KitFailed), refNum(rd.RefAck), ratio(rd.AckX))
	if rd.KitRank > 0 || rd.RefRank > 0 {
		fmt.Fprintf(&b, "  reveal→rank %s / %s (%s)", num(rd.KitRank, rd.KitFailed), refNum(rd.RefRank), ratio(rd.RankX))
	}
	if rd.KitFailed != "" {
		fmt.Fprintf(&b, "\n       kit FAILED: %s", rd.KitFailed)
	}
	if rd.RefFailed != "" {
		fmt.Fprintf(&b, "\n       reference FAILED: %s", rd.RefFailed)
	}
	if rd.KitFailed == "" {
		fmt.Fprintf(&b, "\n       kit: ack p50 %.0f ms%s, %d acks over 50 ms%s; from %s", rd.KitAckP50, resent(rd.KitResentP99), rd.KitSlowAcks, rd.KitSlowAt, sourceRange(rd.KitSources))
		if d := rd.KitDiag; d != nil {
			fmt.Fprintf(&b, "\n       kit: %s", d)
		}
	}
	if rd.RefFailed == "" && (rd.RefFanoutCPU > 0 || rd.RefStormRunS > 0) {
		fmt.Fprintf(&b, "\n       reference%s: storm: ran %.2f s in %d time slices on %d threads, waited %.2f s for a core; load generator ran %.2f s", resent(rd.RefResentP99), rd.RefStormRunS, rd.RefSlices, rd.RefThreads, rd.RefStormWait, rd.RefGenRunS)
	}
	if rd.KitFanoutCPU > 0 || rd.RefFanoutCPU > 0 {
		fmt.Fprintf(&b, "\n       CPU over the question's fan-out: kit %s, reference %s", cpuMs(rd.KitFanoutCPU, rd.KitFailed), cpuMs(rd.RefFanoutCPU, rd.RefFailed))
	}
	return b.String()
}

// cpuMs is a CPU time for the round line, or why there is none.
func cpuMs(v float64, failed string) string {
	switch {
	case failed != "":
		return "failed"
	case v <= 0:
		return "—"
	}
	return fmt.Sprintf("%.0f ms", v)
}

// sourceRange names a run's source addresses briefly.
func sourceRange(ips []string) string {
	switch len(ips) {
	case 0:
		return "the default address"
	case 1:
		return ips[0]
	}
	return fmt.Sprintf("%s – %s", ips[0], ips[len(ips)-1])
}

func ipStrings(ips []net.IP) []string {
	out := make([]string, len(ips))
	for i, ip := range ips {
		out[i] = ip.String()
	}
	return out
}

// resent is a round line's note of the resent answers' ack p99, if any
// were resent.
func resent(p99 float64) string {
	if p99 == 0 {
		return ""
	}
	return fmt.Sprintf(" (resent answers' p99 %.0f ms)", p99)
}
