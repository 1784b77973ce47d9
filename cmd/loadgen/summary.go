package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
)

// Summary is everything one load generator run measured.
type Summary struct {
	Machine  string   `json:"machine"`
	LoadAvg  []string `json:"loadavg"`            // at start, after the kit, after the reference: others' work on the machine skews every figure
	Scenario string   `json:"scenario,omitempty"` // -scenario: "" (a choice question) or "qa"
	Phones   int      `json:"phones_per_session"`
	Sessions int      `json:"sessions"`
	Kit      *Run     `json:"kit"`
	Ref      *Run     `json:"reference,omitempty"`
	FanoutX  float64  `json:"fanout_p99_ratio,omitempty"`
	AckX     float64  `json:"ack_p99_ratio,omitempty"`
	// AckXWorst is the highest round's ack ratio, and AckSpread the kit's
	// worst round's ack p99 over its best round's (issue 13: every round
	// within 1.5× the reference, none past 2× the best).
	AckXWorst float64    `json:"ack_p99_ratio_worst,omitempty"`
	AckSpread float64    `json:"ack_p99_spread,omitempty"`
	ColdStart *ColdStart `json:"cold_start,omitempty"`
	Page      *Page      `json:"phone_page,omitempty"`
	Targets   []Target   `json:"targets"`
	Rounds    []Round    `json:"rounds"`
	// The worst fan-out and ack p99 of the kit over the rounds.
	WorstFanout float64 `json:"worst_fanout_p99_ms"`
	WorstAck    float64 `json:"worst_ack_p99_ms"`
}

// Round is one kit run and the reference run right after it. A run that
// failed has its reason in KitFailed or RefFailed and no figures.
type Round struct {
	N         int     `json:"round"`
	KitFailed string  `json:"kit_failed,omitempty"`
	RefFailed string  `json:"ref_failed,omitempty"`
	LoadAvg   string  `json:"loadavg"`
	KitFanout float64 `json:"kit_fanout_p99_ms"`
	RefFanout float64 `json:"ref_fanout_p99_ms,omitempty"`
	KitAck    float64 `json:"kit_ack_p99_ms"`
	RefAck    float64 `json:"ref_ack_p99_ms,omitempty"`
	FanoutX   float64 `json:"fanout_ratio,omitempty"`
	AckX      float64 `json:"ack_ratio,omitempty"`
	// The game scenario's reveal to each phone's rank, p99.
	KitRank float64 `json:"kit_rank_p99_ms,omitempty"`
	RefRank float64 `json:"ref_rank_p99_ms,omitempty"`
	RankX   float64 `json:"rank_ratio,omitempty"`
	// What the round's line says beside the p99s: the kit's ack p50, the
	// acks over 50 ms and when in the storm their answers were sent, the
	// source addresses of each run, and with -profile the kit's runtime.
	KitAckP50 float64 `json:"kit_ack_p50_ms"`
	// The p99 of the acks of answers sent again after a resume.
	KitResentP99 float64  `json:"kit_ack_resent_p99_ms,omitempty"`
	RefResentP99 float64  `json:"ref_ack_resent_p99_ms,omitempty"`
	KitSlowAcks  int      `json:"kit_acks_over_50ms"`
	KitSlowAt    string   `json:"kit_slow_acks_sent,omitempty"`
	RefSlowAcks  int      `json:"ref_acks_over_50ms,omitempty"`
	KitSources   []string `json:"kit_sources,omitempty"`
	RefSources   []string `json:"ref_sources,omitempty"`
	KitDiag      *Diag    `json:"kit_runtime,omitempty"`
	// The servers' CPU (time on a core) over the question's fan-out and
	// over the answer storm, when their pids are known.
	KitFanoutCPU float64 `json:"kit_fanout_cpu_ms,omitempty"`
	RefFanoutCPU float64 `json:"ref_fanout_cpu_ms,omitempty"`
	RefStormRunS float64 `json:"ref_storm_run_s,omitempty"`
	RefStormWait float64 `json:"ref_storm_runqueue_wait_s,omitempty"`
	RefGenRunS   float64 `json:"ref_loadgen_storm_run_s,omitempty"`
	RefSlices    int64   `json:"ref_storm_time_slices,omitempty"`
	RefThreads   int     `json:"ref_threads,omitempty"`
	compared     bool    // the reference ran (or was meant to) this round
}

// worst keeps the kit's worst latencies over the rounds.
func (s *Summary) worst(k *Run) {
	s.WorstFanout = max(s.WorstFanout, k.All.Fanout.P99)
	s.WorstAck = max(s.WorstAck, k.All.Ack.P99)
}

// Run is one server's figures, over every session and per session.
type Run struct {
	Server      string       `json:"server"`
	Pid         int          `json:"pid,omitempty"`
	JoinSeconds float64      `json:"join_seconds"`
	RSSBeforeKB int64        `json:"rss_before_kb"`
	RSSJoinedKB int64        `json:"rss_joined_kb"`
	RSSAfterKB  int64        `json:"rss_after_storm_kb"`
	KBPerPhone  float64      `json:"kb_per_phone"`
	All         RoomResult   `json:"all"`
	Rooms       []RoomResult `json:"sessions"`
	WorstFeed   float64      `json:"worst_feed_per_second"`
	WorstGapMs  float64      `json:"worst_feed_gap_ms"`
	WorstPeak   int          `json:"worst_feed_peak_in_one_second"`
	Sources     []string     `json:"sources,omitempty"`
	SlowAcks    int          `json:"acks_over_50ms"`
	SlowAt      string       `json:"slow_acks_sent,omitempty"`
	Diag        *Diag        `json:"runtime,omitempty"` // -profile
}

// Target is one line of the table.
type Target struct {
	What   string `json:"what"`
	Target string `json:"target"`
	Got    string `json:"got"`
	Met    bool   `json:"met"`
}

func (r *Run) total() {
	a := &r.All
	for _, x := range r.Rooms {
		a.Phones += x.Phones
		a.Joined += x.Joined
		a.JoinFailed += x.JoinFailed
		a.JoinErrors = append(a.JoinErrors, x.JoinErrors...)
		a.FanoutMissing += x.FanoutMissing
		a.Expected += x.Expected
		a.Acked += x.Acked
		a.AnswerErrors += x.AnswerErrors
		a.Stored += x.Stored
		a.ResultsCount += x.ResultsCount
		a.Duplicates += x.Duplicates
		a.ConnFailed += x.ConnFailed
		a.Reconnects += x.Reconnects
		a.ReconnectFailed += x.ReconnectFailed
		a.FeedMessages += x.FeedMessages
		a.StormSeconds = max(a.StormSeconds, x.StormSeconds)
		a.fanoutMs = append(a.fanoutMs, x.fanoutMs...)
		a.ackMs = append(a.ackMs, x.ackMs...)
		a.resentMs = append(a.resentMs, x.resentMs...)
		r.WorstFeed = max(r.WorstFeed, x.FeedPerSecond)
		r.WorstGapMs = max(r.WorstGapMs, x.FeedMaxGapMs)
		r.WorstPeak = max(r.WorstPeak, x.FeedPeak)
		a.QA = addQA(a.QA, x.QA)
		a.FeedMaxBytes = max(a.FeedMaxBytes, x.FeedMaxBytes)
		a.approveMs = append(a.approveMs, x.approveMs...)
		a.ApproveErrors = append(a.ApproveErrors, x.ApproveErrors...)
		a.QueuePageMs = max(a.QueuePageMs, x.QueuePageMs)
		a.QueuePageRows = max(a.QueuePageRows, x.QueuePageRows)
		a.rankMs = append(a.rankMs, x.rankMs...)
		a.RankMissing += x.RankMissing
		a.RankWrong += x.RankWrong
		a.RankErrors = append(a.RankErrors, x.RankErrors...)
		a.RankCPUms += x.RankCPUms                        // one process: each session's reveal is its own span
		a.FanoutCPUms = max(a.FanoutCPUms, x.FanoutCPUms) // sessions' fan-outs overlap: each saw all of it
	}
	a.Rank = quantiles(a.rankMs)
	a.Approve = quantiles(a.approveMs)
	a.Fanout, a.Ack, a.AckResent = quantiles(a.fanoutMs), quantiles(a.ackMs), quantiles(a.resentMs)
	a.FeedPerSecond, a.FeedMaxGapMs = r.WorstFeed, r.WorstGapMs
}

// ratios are the medians of the rounds' ratios, over the rounds where both
// servers ran (Round.ratios), the worst round's ack ratio, and the spread
// of the kit's ack p99 over the rounds it ran.
func (s *Summary) ratios() {
	var fx, ax, kit []float64
	for _, r := range s.Rounds {
		if r.FanoutX > 0 {
			fx = append(fx, r.FanoutX)
		}
		if r.AckX > 0 {
			ax = append(ax, r.AckX)
		}
		if r.KitFailed == "" && r.KitAck > 0 {
			kit = append(kit, r.KitAck)
		}
	}
	s.FanoutX, s.AckX = median(fx), median(ax)
	if len(ax) > 0 {
		s.AckXWorst = slices.Max(ax)
	}
	if len(kit) > 0 {
		s.AckSpread = slices.Max(kit) / slices.Min(kit)
	}
}

// failed counts the runs (kit or reference) that failed.
func (s *Summary) failed() int {
	n := 0
	for _, r := range s.Rounds {
		if r.KitFailed != "" {
			n++
		}
		if r.RefFailed != "" {
			n++
		}
	}
	return n
}

// roundsTarget is the line that says every run of every round finished,
// or which failed and why.
func (s *Summary) roundsTarget() Target {
	var why []string
	for _, r := range s.Rounds {
		if r.KitFailed != "" {
			why = append(why, fmt.Sprintf("round %d kit: %s", r.N, r.KitFailed))
		}
		if r.RefFailed != "" {
			why = append(why, fmt.Sprintf("round %d reference: %s", r.N, r.RefFailed))
		}
	}
	got := fmt.Sprintf("%d of %d rounds, no run failed", len(s.Rounds), len(s.Rounds))
	if len(why) > 0 {
		got = fmt.Sprintf("%d run(s) failed: %s", len(why), strings.Join(why, "; "))
	}
	return Target{"every round ran", "each run of each round", got, len(why) == 0}
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	v = slices.Clone(v)
	slices.Sort(v)
	return v[len(v)/2]
}

func (s *Summary) check() {
	if len(s.Rounds) > 0 {
		s.Targets = append(s.Targets, s.roundsTarget())
	}
	k := s.Kit
	if k == nil {
		return
	}
	a := k.All
	add := func(what, target, got string, met bool) {
		s.Targets = append(s.Targets, Target{what, target, got, met})
	}
	add("phones connected", fmt.Sprintf("%d, no failed joins", a.Phones), fmt.Sprintf("%d joined, %d failed", a.Joined, a.JoinFailed), a.JoinFailed == 0)
	if s.Scenario == "qa" {
		s.checkQA(add)
		return
	}
	add("fan-out p99", "≤ 400 ms", fmt.Sprintf("%.0f ms (worst of %d rounds; first: p50 %.0f, max %.0f, %d missing)", s.WorstFanout, len(s.Rounds), a.Fanout.P50, a.Fanout.Max, a.FanoutMissing),
		s.WorstFanout <= 400 && a.FanoutMissing == 0)
	add("answers acked", "all", fmt.Sprintf("%d of %d (%d errors, %d connections failed)", a.Acked, a.Expected, a.AnswerErrors, a.ConnFailed), a.Acked == a.Expected)
	add("ack p99", "≤ 1000 ms", fmt.Sprintf("%.0f ms (worst of %d rounds; first: p50 %.0f, max %.0f)", s.WorstAck, len(s.Rounds), a.Ack.P50, a.Ack.Max), s.WorstAck <= 1000)
	add("rows stored", fmt.Sprintf("%d, 0 duplicates", a.Expected), fmt.Sprintf("%d rows, %d duplicates", a.Stored, a.Duplicates), a.Stored == a.Expected && a.Duplicates == 0)
	if k.KBPerPhone > 0 {
		add("server memory", "≤ 40 KB per phone", fmt.Sprintf("%.1f KB (RSS %d → %d KB)", k.KBPerPhone, k.RSSBeforeKB, k.RSSJoinedKB), k.KBPerPhone <= 40)
	}
	add("presenter feed", "≤ 4 updates/s, stays live", fmt.Sprintf("%.1f/s worst session (peak %d in one second), largest gap %.0f ms", k.WorstFeed, k.WorstPeak, k.WorstGapMs),
		k.WorstFeed <= 4 && k.WorstGapMs <= 1000)
	if a.FeedMaxBytes > 0 {
		add("presenter feed update size", "≤ 8 KB", fmt.Sprintf("%d bytes at most", a.FeedMaxBytes), a.FeedMaxBytes <= 8<<10)
	}
	if a.Approve.N > 0 || len(a.ApproveErrors) > 0 {
		add("approve → projector", "≤ 200 ms", fmt.Sprintf("p50 %.0f ms, max %.0f ms of %d (%d failed)", a.Approve.P50, a.Approve.Max, a.Approve.N, len(a.ApproveErrors)),
			a.Approve.Max <= 200 && len(a.ApproveErrors) == 0)
		add("moderation queue page", "paged, not 2,000 at once", fmt.Sprintf("%d rows in %.0f ms", a.QueuePageRows, a.QueuePageMs), a.QueuePageRows > 0 && a.QueuePageRows <= 50)
	}
	if s.ColdStart != nil {
		c := s.ColdStart
		add("cold start to /healthz", fmt.Sprintf("≤ 300 ms with %d past sessions", c.Sessions), fmt.Sprintf("%.0f ms median, %.0f ms max of %d", c.MedianMs, c.MaxMs, c.Runs), c.MedianMs <= 300)
	}
	if s.Page != nil {
		add("phone page, join to first question", "≤ 16 KB with brotli, no external request", fmt.Sprintf("%.1f KB, %d external", float64(s.Page.Bytes)/1024, len(s.Page.External)),
			s.Page.Bytes <= 16*1024 && len(s.Page.External) == 0)
	}
	if a.Rank.N > 0 || len(a.RankErrors) > 0 {
		worst := 0.0
		for _, r := range s.Rounds {
			worst = max(worst, r.KitRank)
		}
		add("reveal → own rank p99", "≤ 300 ms", fmt.Sprintf("%.0f ms (worst of %d rounds; first: p50 %.0f, max %.0f; %d of %d phones, %d missing, %d wrong)",
			worst, len(s.Rounds), a.Rank.P50, a.Rank.Max, a.Rank.N, a.Joined, a.RankMissing, a.RankWrong),
			worst <= 300 && a.RankMissing == 0 && a.RankWrong == 0 && len(a.RankErrors) == 0)
	}
	if s.Ref != nil {
		add("fan-out p99 vs reference", "≤ 1.5×", fmt.Sprintf("%.2f× (median of %d rounds)", s.FanoutX, len(s.Rounds)), s.FanoutX <= 1.5)
		add("ack p99 vs reference", "≤ 1.5× in every round", fmt.Sprintf("%.2f× in the worst round (median %.2f× of %d rounds)", s.AckXWorst, s.AckX, len(s.Rounds)), s.AckXWorst <= 1.5)
	}
	if len(s.Rounds) > 1 {
		add("ack p99 round to round", "≤ 2× the best round", fmt.Sprintf("worst round %.2f× the best", s.AckSpread), s.AckSpread <= 2)
	}
}

func (s *Summary) print(w io.Writer) {
	fmt.Fprintf(w, "\n%s\n%d session(s) × %d phones; load average %s\n", s.Machine, s.Sessions, s.Phones, strings.Join(s.LoadAvg, " | "))
	for _, r := range []*Run{s.Kit, s.Ref} {
		if r == nil {
			continue
		}
		a := r.All
		fmt.Fprintf(w, "\n== %s\n", r.Server)
		fmt.Fprintf(w, "  joins           %d of %d in %.1f s, %d failed %v\n", a.Joined, a.Phones, r.JoinSeconds, a.JoinFailed, a.JoinErrors)
		fmt.Fprintf(w, "  fan-out         p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d phones, %d missing)\n", a.Fanout.P50, a.Fanout.P99, a.Fanout.Max, a.Fanout.N, a.FanoutMissing)
		fmt.Fprintf(w, "  answer → ack    p50 %.0f ms, p99 %.0f ms, max %.0f ms\n", a.Ack.P50, a.Ack.P99, a.Ack.Max)
		fmt.Fprintf(w, "  answers         expected %d, acked %d, errors %d, stored %d, duplicates %d, results say %d\n", a.Expected, a.Acked, a.AnswerErrors, a.Stored, a.Duplicates, a.ResultsCount)
		fmt.Fprintf(w, "  connections     %d failed, %d reconnects (%d failed)\n", a.ConnFailed, a.Reconnects, a.ReconnectFailed)
		fmt.Fprintf(w, "  presenter feed  worst %.1f msg/s (peak %d in one second), largest gap %.0f ms over a %.1f s storm\n", r.WorstFeed, r.WorstPeak, r.WorstGapMs, a.StormSeconds)
		if q := a.QA; q != nil {
			fmt.Fprintf(w, "  Q&A             %d questions; votes on the presenter %d, in the database %d, %d questions differ\n", q.Questions, q.HostVotes, q.DBVotes, q.Mismatched)
			fmt.Fprintf(w, "  host_qa         %d updates, %.0f bytes each on average, %d at most\n", q.HostUpdates, q.HostBytesMean, q.HostBytesMax)
			fmt.Fprintf(w, "  qa to phones    %d frames, %.0f bytes each on average, %.2f a phone a second\n", q.PhoneFrames, float64(q.PhoneBytes)/max(1, float64(q.PhoneFrames)), q.PhoneFramesPer)
		}
		if a.FeedMaxBytes > 0 {
			fmt.Fprintf(w, "  feed updates    at most %d bytes each\n", a.FeedMaxBytes)
		}
		if a.Approve.N > 0 || len(a.ApproveErrors) > 0 {
			fmt.Fprintf(w, "  approve → shown p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d approvals, errors %v); queue page of %d in %.0f ms\n",
				a.Approve.P50, a.Approve.P99, a.Approve.Max, a.Approve.N, a.ApproveErrors, a.QueuePageRows, a.QueuePageMs)
		}
		if a.Rank.N > 0 || len(a.RankErrors) > 0 {
			fmt.Fprintf(w, "  reveal → rank   p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d phones, %d missing, %d wrong, errors %v)\n",
				a.Rank.P50, a.Rank.P99, a.Rank.Max, a.Rank.N, a.RankMissing, a.RankWrong, a.RankErrors)
			if a.RankCPUms > 0 {
				fmt.Fprintf(w, "  reveal CPU      %.0f ms of the server's CPU time from the reveal to the last rank\n", a.RankCPUms)
			}
		}
		if r.RSSBeforeKB > 0 {
			fmt.Fprintf(w, "  memory          RSS %d KB before, %d KB joined, %d KB after the storm: %.1f KB per phone\n", r.RSSBeforeKB, r.RSSJoinedKB, r.RSSAfterKB, r.KBPerPhone)
		}
		if len(r.Rooms) > 1 {
			for i, x := range r.Rooms {
				fmt.Fprintf(w, "    session %2d: joined %d/%d, fan-out p99 %.0f ms, ack p99 %.0f ms, acked %d/%d, stored %d, dup %d, feed %.1f/s gap %.0f ms\n",
					i, x.Joined, x.Phones, x.Fanout.P99, x.Ack.P99, x.Acked, x.Expected, x.Stored, x.Duplicates, x.FeedPerSecond, x.FeedMaxGapMs)
			}
		}
	}
	fmt.Fprintf(w, "\n%s\n", roundHeader)
	for _, r := range s.Rounds {
		fmt.Fprintln(w, r.line())
	}
	if s.Page != nil {
		fmt.Fprintf(w, "\nphone page: %d bytes on the wire\n", s.Page.Bytes)
		for _, f := range s.Page.Files {
			fmt.Fprintf(w, "  %s\n", f)
		}
	}
	fmt.Fprintf(w, "\n%-36s %-34s %s\n", "target", "wanted", "got")
	for _, t := range s.Targets {
		mark := "MET "
		if !t.Met {
			mark = "MISS"
		}
		fmt.Fprintf(w, "%s %-31s %-34s %s\n", mark, t.What, t.Target, t.Got)
	}
}

// machine names the hardware and software the figures come from.
func machine() string {
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		mem = strings.Join(strings.Fields(strings.SplitN(string(b), "\n", 2)[0])[1:], " ")
	}
	kernel, _ := exec.Command("uname", "-r").Output()
	return fmt.Sprintf("%d CPUs, %s RAM, %s, Linux %s", runtime.NumCPU(), mem, runtime.Version(), strings.TrimSpace(string(kernel)))
}

// loadAvg is the 1-minute load average: on a shared machine, a figure taken
// at load 10 is not one taken at load 1.
func loadAvg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return "?"
}

// addQA adds one session's Q&A figures to the total.
func addQA(a, x *QAResult) *QAResult {
	if x == nil {
		return a
	}
	if a == nil {
		a = &QAResult{}
	}
	n := float64(a.HostUpdates + x.HostUpdates)
	if n > 0 {
		a.HostBytesMean = (a.HostBytesMean*float64(a.HostUpdates) + x.HostBytesMean*float64(x.HostUpdates)) / n
	}
	a.Questions += x.Questions
	a.HostVotes += x.HostVotes
	a.DBVotes += x.DBVotes
	a.Mismatched += x.Mismatched
	a.HostUpdates += x.HostUpdates
	a.HostBytesMax = max(a.HostBytesMax, x.HostBytesMax)
	a.PhoneFrames += x.PhoneFrames
	a.PhoneBytes += x.PhoneBytes
	a.PhoneFramesPer = max(a.PhoneFramesPer, x.PhoneFramesPer)
	return a
}

// checkQA is the Q&A targets: 10,000 phones upvote within 2 s,
// every vote acked and stored once, ack p99 ≤ 1 s, the presenter feed ≤ 4
// updates a second of ≤ 8 KB, and its counts equal the database's.
func (s *Summary) checkQA(add func(what, target, got string, met bool)) {
	k := s.Kit
	a := k.All
	q := a.QA
	if q == nil {
		q = &QAResult{}
	}
	add("votes acked", "all", fmt.Sprintf("%d of %d (%d errors, %d connections failed)", a.Acked, a.Expected, a.AnswerErrors, a.ConnFailed), a.Acked == a.Expected)
	add("vote ack p99", "≤ 1000 ms", fmt.Sprintf("%.0f ms (worst of %d rounds; first: p50 %.0f, max %.0f)", s.WorstAck, len(s.Rounds), a.Ack.P50, a.Ack.Max), s.WorstAck <= 1000)
	add("votes stored", fmt.Sprintf("%d, each once", a.Expected), fmt.Sprintf("%d in the database", q.DBVotes), q.DBVotes == a.Expected)
	add("presenter counts = database", "equal for every question", fmt.Sprintf("presenter %d, database %d, %d questions differ", q.HostVotes, q.DBVotes, q.Mismatched), q.Mismatched == 0 && q.HostVotes == q.DBVotes)
	add("presenter feed", "≤ 4 updates/s, each ≤ 8 KB", fmt.Sprintf("%.1f/s worst session (peak %d in one second), %.0f bytes average, %d max", k.WorstFeed, k.WorstPeak, q.HostBytesMean, q.HostBytesMax),
		k.WorstFeed <= 4 && q.HostBytesMax <= 8<<10)
	if k.KBPerPhone > 0 {
		add("server memory", "≤ 40 KB per phone", fmt.Sprintf("%.1f KB (RSS %d → %d KB)", k.KBPerPhone, k.RSSBeforeKB, k.RSSJoinedKB), k.KBPerPhone <= 40)
	}
	if s.Ref != nil {
		add("vote ack p99 vs reference", "≤ 1.5×", fmt.Sprintf("%.2f× (median of %d rounds)", s.AckX, len(s.Rounds)), s.AckX <= 1.5)
	}
}
