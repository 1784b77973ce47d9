package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// progress is shared by every session, for the line printed each second.
type progress struct {
	joined, joinFailed, arrived, answered, acked, errors atomic.Int64
}

// room is one session under load: its phones and what they measured.
type room struct {
	cfg  *config
	prog *progress
	dl   *dialer
	api  *kittest.Client
	num  int

	id, code string
	qIndex   int
	fanCPU   [2]float64 // the server's schedstat before the latest slide request

	phones    []*phone
	roles     []role
	arrive    []time.Time // when each phone got the question
	ackMs     []float64
	ackSent   []time.Time // when each acked answer was sent, beside ackMs
	resentMs  []float64   // the acks of answers sent again after a resume
	mu        sync.Mutex
	stormAt   time.Time
	storm     chan struct{}
	finish    chan struct{}
	answerWG  sync.WaitGroup
	phoneWG   sync.WaitGroup
	hostTimes []time.Time
	hostMu    sync.Mutex
	res       RoomResult
	lastAck   atomic.Int64
	feed      feedWatch
	closeOnce sync.Once
	// phoneCtx is what the phones run under; close cancels it once the
	// session has ended, so no phone outlives its run.
	phoneCtx   context.Context
	stopPhones context.CancelFunc
	storming   atomic.Bool      // between the storm's start and its last ack
	ranks      map[int]gameRank // the game scenario: each phone's rank message (game.go)

	// -scenario qa (qa.go)
	qaIDs             []string
	qaSizes           []int          // host_qa sizes, under hostMu
	qaLast            map[string]int // the last host_qa's votes, under hostMu
	qaFrames, qaBytes int64          // qa messages phones got, atomic
}

type role int

const (
	normal role = iota
	slow
	silent
	reconnect
)

// RoomResult is one session's figures.
type RoomResult struct {
	Phones        int       `json:"phones"`
	Joined        int       `json:"joined"`
	JoinFailed    int       `json:"join_failed"`
	JoinErrors    []string  `json:"join_errors,omitempty"`
	Fanout        Quantiles `json:"fanout_ms"`
	FanoutMissing int       `json:"fanout_missing"`
	Expected      int       `json:"answers_expected"`
	Acked         int       `json:"acked"`
	AnswerErrors  int       `json:"answer_errors"`
	Ack           Quantiles `json:"ack_ms"`
	// AckResent is the ack of the answers sent again after a resume
	// (-reconnect), timed from the second send: a part of Ack.
	AckResent       Quantiles `json:"ack_resent_ms"`
	Stored          int       `json:"stored"`
	ResultsCount    int       `json:"results_responses"`
	Duplicates      int       `json:"duplicates"`
	ConnFailed      int       `json:"failed_connections"`
	Reconnects      int       `json:"reconnects"`
	ReconnectFailed int       `json:"reconnect_failed"`
	StormSeconds    float64   `json:"storm_seconds"`
	FeedMessages    int       `json:"feed_messages"`
	FeedPerSecond   float64   `json:"feed_per_second"`
	FeedMaxGapMs    float64   `json:"feed_max_gap_ms"`
	FeedPeak        int       `json:"feed_peak_in_one_second"`
	QA              *QAResult `json:"qa,omitempty"` // -scenario qa
	// The room's voice scenarios: the presenter feed's largest update, the
	// time from an approval to the projector showing it, the first page
	// of the moderation queue.
	FeedMaxBytes  int       `json:"feed_max_bytes,omitempty"`
	Approve       Quantiles `json:"approve_to_projector_ms,omitempty"`
	ApproveErrors []string  `json:"approve_errors,omitempty"`
	QueuePageMs   float64   `json:"queue_page_ms,omitempty"`
	QueuePageRows int       `json:"queue_page_rows,omitempty"`
	// The game scenario: reveal to each phone's own rank, and phones whose
	// rank did not come or did not count every player.
	Rank        Quantiles `json:"reveal_to_rank_ms,omitempty"`
	RankMissing int       `json:"rank_missing,omitempty"`
	RankWrong   int       `json:"rank_wrong,omitempty"`
	RankErrors  []string  `json:"rank_errors,omitempty"`
	// RankCPUms is the kit process's CPU time (user and system) from the
	// reveal request until the last rank arrived, when its pid is known:
	// on a machine shared with other work a steadier measure of the
	// reveal's cost than its latency.
	RankCPUms float64 `json:"rank_cpu_ms,omitempty"`
	// FanoutCPUms is the server's threads' time on a core from just before
	// the request that opened the question until every phone had it, when
	// its pid is known: what the fan-out cost, which latency on a shared
	// machine only hints at.
	FanoutCPUms float64 `json:"fanout_cpu_ms,omitempty"`
	rankMs      []float64
	fanoutMs    []float64
	ackMs       []float64
	resentMs    []float64
	approveMs   []float64
}

func newRoom(cfg *config, prog *progress, dl *dialer, api *kittest.Client, num int) *room {
	r := &room{cfg: cfg, prog: prog, dl: dl, api: api, num: num, storm: make(chan struct{}), finish: make(chan struct{}), ranks: map[int]gameRank{}}
	n := cfg.phones
	r.phones = make([]*phone, n)
	r.roles = make([]role, n)
	r.arrive = make([]time.Time, n)
	// Roles by share, spread over the room.
	perm := rand.Perm(n)
	cut := func(share float64) int { return int(share*float64(n) + 0.5) }
	a, b, c := cut(cfg.slow), cut(cfg.slow)+cut(cfg.silent), cut(cfg.slow)+cut(cfg.silent)+cut(cfg.reconnect)
	for i, k := range perm {
		switch {
		case i < a:
			r.roles[k] = slow
		case i < b:
			r.roles[k] = silent
		case i < c:
			r.roles[k] = reconnect
		}
	}
	r.res.Phones = n
	return r
}

// start creates the session and connects the presenter's feed.
func (r *room) start(ctx context.Context) error {
	deck := r.cfg.deck
	if r.cfg.scenario != "" && !r.cfg.ref { // the reference has one question, always up
		var saved struct{ Deck struct{ ID string } }
		src := voiceDeck(r.cfg.scenario)
		if r.cfg.scenario == "game" {
			src = gameDeckSource
		}
		if _, _, err := r.api.Do(ctx, "POST", "/api/decks", map[string]string{"source": src}, &saved); err != nil {
			return fmt.Errorf("loadgen: the %s deck: %w", r.cfg.scenario, err)
		}
		deck = saved.Deck.ID
	}
	var out struct{ ID, Code string }
	body := map[string]any{"deck": deck}
	if r.cfg.scenario == "game" { // only then: a kit from before game mode refuses the field
		body["game"] = true
	}
	if _, _, err := r.api.Do(ctx, "POST", "/api/sessions", body, &out); err != nil {
		return err
	}
	r.id, r.code = out.ID, out.Code
	hdr := http.Header{"Authorization": {"Bearer " + r.cfg.key}}
	ws, err := r.dl.dial(ctx, "/ws/host/"+r.id, r.num, hdr, nil)
	if err != nil {
		return fmt.Errorf("loadgen: presenter feed: %w", err)
	}
	go func() {
		<-r.finish
		ws.Close()
	}()
	go func() {
		for {
			_, data, err := ws.ReadMessage()
			if err != nil {
				return
			}
			now := time.Now()
			if r.cfg.scenario == "qa" {
				if bytes.Contains(data[:min(len(data), 40)], []byte(`"host_qa"`)) {
					r.qaFeed(data)
				}
			} else if bytes.Contains(data[:min(len(data), 40)], []byte(`"host_counts"`)) {
				r.hostMu.Lock()
				r.hostTimes = append(r.hostTimes, now)
				r.hostMu.Unlock()
			}
			r.feed.saw(data, now, r.storming.Load())
		}
	}()
	return nil
}

// join connects every phone; it returns when each has joined or failed.
func (r *room) join(ctx context.Context, sem chan struct{}) {
	var wg sync.WaitGroup
	errs := map[string]int{}
	var emu sync.Mutex
	for i := range r.phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			p, err := r.joinOne(ctx, i)
			<-sem
			if err != nil {
				r.prog.joinFailed.Add(1)
				emu.Lock()
				errs[shortErr(err)]++
				emu.Unlock()
				return
			}
			r.prog.joined.Add(1)
			r.phones[i] = p
			r.phoneWG.Add(1)
			if r.cfg.scenario == "qa" {
				go r.playQA(ctx, i, p)
			} else {
				go r.play(ctx, i, p)
			}
		}()
	}
	wg.Wait()
	for _, p := range r.phones {
		if p != nil {
			r.res.Joined++
		}
	}
	r.res.JoinFailed = r.res.Phones - r.res.Joined
	for e, n := range errs {
		r.res.JoinErrors = append(r.res.JoinErrors, fmt.Sprintf("%d× %s", n, e))
	}
}

func shortErr(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && len(s)-i < 60 {
		return s[i+2:]
	}
	return s
}

func (r *room) joinOne(ctx context.Context, i int) (*phone, error) {
	ws, err := r.dl.dial(ctx, "/ws/join/"+r.code, i+r.num*r.cfg.phones, nil, nil)
	if err != nil {
		return nil, err
	}
	p := newPhone(ws)
	if err := p.send([]byte(`{"type":"join","lang":"en"}`)); err != nil {
		ws.Close()
		return nil, err
	}
	// Read the welcome here, before any reader runs, so a slow phone can
	// stop reading right after it.
	ws.SetReadDeadline(time.Now().Add(20 * time.Second))
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			ws.Close()
			return nil, err
		}
		var e event
		json.Unmarshal(data, &e)
		if e.Type == "error" {
			ws.Close()
			return nil, fmt.Errorf("error %s", e.Code)
		}
		if e.Type == "welcome" {
			p.token = e.Token
			break
		}
	}
	ws.SetReadDeadline(time.Time{})
	return p, nil
}

// play is one phone's part after joining.
func (r *room) play(ctx context.Context, i int, p *phone) {
	defer r.phoneWG.Done()
	defer func() { p.ws.Close() }()
	ro := r.roles[i]
	if ro == slow {
		select { // never reads its socket again
		case <-r.finish:
		case <-ctx.Done():
		}
		return
	}
	go p.read()
	answering := ro != silent
	if answering {
		r.answerWG.Add(1)
	}
	defer func() {
		if answering {
			r.answerWG.Done()
		}
	}()
	e, ok := p.wait(ctx, r.cfg.timeout, func(e event) bool { return e.Type == "slide" && e.Phase == "question" })
	if !ok {
		r.connFailed(ro)
		return
	}
	r.mu.Lock()
	r.arrive[i] = e.at
	r.mu.Unlock()
	r.prog.arrived.Add(1)
	select {
	case <-r.storm:
	case <-ctx.Done():
		return
	}
	if ro != silent {
		time.Sleep(time.Until(r.stormAt.Add(time.Duration(rand.Float64() * float64(r.cfg.answerWindow)))))
		nOpt := 2
		if e.Question != nil {
			nOpt = len(e.Question.Options)
		}
		r.answer(ctx, i, p, e.Index, nOpt, ro == reconnect)
		answering = false
		r.answerWG.Done()
	}
	if r.cfg.scenario == "game" {
		r.waitRank(ctx, i, p)
	}
	select {
	case <-r.finish:
	case <-ctx.Done():
	}
}

func (r *room) connFailed(ro role) {
	r.mu.Lock()
	r.res.ConnFailed++
	r.mu.Unlock()
}

func (r *room) answer(ctx context.Context, i int, p *phone, slide, nOpt int, drop bool) {
	body := r.cfg.answerBody(i, nOpt)
	msg := func(ref int) []byte {
		return []byte(`{"type":"answer","slide":` + strconv.Itoa(slide) + `,` + body + `,"ref":` + strconv.Itoa(ref) + `}`)
	}
	r.sendAndAck(ctx, i, p, msg, "ack", drop)
}

// sendAndAck sends msg(ref) and waits for its reply of type ack (or an
// error), measuring the time between; drop makes the phone drop right
// after sending, resume and send it again.
func (r *room) sendAndAck(ctx context.Context, i int, p *phone, msg func(ref int) []byte, ack string, drop bool) {
	ref := 1
	t0 := time.Now()
	if err := p.send(msg(ref)); err != nil {
		r.connFailed(normal)
		return
	}
	r.prog.answered.Add(1)
	if drop {
		// Drop mid-question, right after sending (the ack may be lost),
		// then resume and send the same answer again: still one row.
		time.Sleep(time.Duration(rand.IntN(50)) * time.Millisecond)
		p.ws.Close()
		for range p.events {
		}
		r.mu.Lock()
		r.res.Reconnects++
		r.mu.Unlock()
		ws, err := r.dl.dial(ctx, "/ws/join/"+r.code, i, nil, nil)
		if err == nil {
			p.ws, p.events = ws, make(chan event, 64)
			go p.read()
			err = p.send([]byte(`{"type":"resume","token":"` + p.token + `"}`))
		}
		if err == nil {
			e, ok := p.wait(ctx, 20*time.Second, func(e event) bool {
				return e.Type == "error" || e.Type == "slide" && (e.Phase == "question" || r.cfg.scenario == "qa")
			})
			if !ok || e.Type == "error" {
				err = fmt.Errorf("no slide after resume")
			}
		}
		if err != nil {
			r.mu.Lock()
			r.res.ReconnectFailed++
			r.mu.Unlock()
			return
		}
		ref = 2
		t0 = time.Now()
		if err := p.send(msg(ref)); err != nil {
			r.connFailed(normal)
			return
		}
	}
	e, ok := p.wait(ctx, 30*time.Second, func(e event) bool { return (e.Type == ack || e.Type == "error") && e.Ref == int64(ref) })
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case !ok:
		r.res.ConnFailed++
	case e.Type == "error":
		r.res.AnswerErrors++
		r.prog.errors.Add(1)
	default:
		r.res.Acked++
		r.ackMs = append(r.ackMs, ms(e.at.Sub(t0)))
		r.ackSent = append(r.ackSent, t0)
		if drop {
			r.resentMs = append(r.resentMs, ms(e.at.Sub(t0)))
		}
		r.prog.acked.Add(1)
		if at := e.at.UnixNano(); at > r.lastAck.Load() {
			r.lastAck.Store(at)
		}
	}
}

// questionUp moves the session to its first question: every command is a
// fan-out, the one that opens the question is measured.
func (r *room) questionUp(ctx context.Context) (time.Time, error) {
	for step := 0; step < 50; step++ {
		time.Sleep(300 * time.Millisecond) // let the previous fan-out settle
		r.fanCPU = schedstat(r.cfg.pid)
		t0 := time.Now()
		var snap struct {
			Index int
			Phase string
		}
		if _, _, err := r.api.Do(ctx, "POST", "/api/sessions/"+r.id+"/next", nil, &snap); err != nil {
			return t0, err
		}
		if snap.Phase == "question" {
			r.qIndex = snap.Index
			return t0, nil
		}
	}
	return time.Time{}, fmt.Errorf("loadgen: the deck %s has no question", r.cfg.deck)
}

// waitFanout waits until every reading phone has the question.
func (r *room) waitFanout(ctx context.Context, t0 time.Time) {
	want := 0
	for i, p := range r.phones {
		if p != nil && r.roles[i] != slow {
			want++
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		r.mu.Lock()
		got := 0
		for _, at := range r.arrive {
			if !at.IsZero() {
				got++
			}
		}
		r.mu.Unlock()
		if got >= want-r.res.ConnFailed {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if r.fanCPU[0] > 0 {
		r.res.FanoutCPUms = (schedstat(r.cfg.pid)[0] - r.fanCPU[0]) * 1000
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, at := range r.arrive {
		if r.phones[i] == nil || r.roles[i] == slow {
			continue
		}
		if at.IsZero() {
			r.res.FanoutMissing++
		} else {
			r.res.fanoutMs = append(r.res.fanoutMs, ms(at.Sub(t0)))
		}
	}
	r.res.Fanout = quantiles(r.res.fanoutMs)
}

// answerStorm lets every answering phone answer within the window.
func (r *room) answerStorm(ctx context.Context, at time.Time) {
	for i, p := range r.phones {
		if p != nil && r.roles[i] != slow && r.roles[i] != silent {
			r.res.Expected++
		}
	}
	r.stormAt = at
	r.storming.Store(true)
	close(r.storm)
	done := make(chan struct{})
	go func() { r.answerWG.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	case <-time.After(r.cfg.answerWindow + 60*time.Second):
	}
	end := time.Unix(0, r.lastAck.Load())
	if end.Before(at) {
		end = time.Now()
	}
	time.Sleep(time.Until(end.Add(300 * time.Millisecond))) // the last update may follow the last ack by a tick
	r.storming.Store(false)
	r.feed.mu.Lock()
	r.res.FeedMaxBytes = r.feed.maxBytes
	r.feed.mu.Unlock()
	r.res.StormSeconds = end.Sub(at).Seconds()
	// The feed is watched from the storm's start to 300 ms after the last
	// ack (the last count may follow it by one tick).
	r.hostMu.Lock()
	var in []time.Time
	for _, t := range r.hostTimes {
		if !t.Before(at) && !t.After(end.Add(300*time.Millisecond)) {
			in = append(in, t)
		}
	}
	r.hostMu.Unlock()
	var gap time.Duration
	prev := at
	for k, t := range in {
		gap = max(gap, t.Sub(prev))
		prev = t
		// the most messages in any one second
		n := 0
		for _, u := range in[k:] {
			if u.Sub(t) >= time.Second {
				break
			}
			n++
		}
		r.res.FeedPeak = max(r.res.FeedPeak, n)
	}
	window := end.Add(300 * time.Millisecond).Sub(at).Seconds()
	r.res.FeedMessages = len(in)
	r.res.FeedPerSecond = feedRate(len(in), window)
	r.res.FeedMaxGapMs = ms(gap)
	r.mu.Lock()
	r.res.ackMs, r.res.resentMs = r.ackMs, r.resentMs
	r.res.Ack, r.res.AckResent = quantiles(r.ackMs), quantiles(r.resentMs)
	r.mu.Unlock()
}

// verify reads back what was stored and ends the session.
func (r *room) verify(ctx context.Context) {
	_, body, err := r.api.Do(ctx, "GET", "/api/sessions/"+r.id+"/results.csv", nil, nil)
	if err == nil {
		rd := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))))
		rd.FieldsPerRecord = -1
		rows, _ := rd.ReadAll()
		seen := map[string]bool{}
		for k, row := range rows {
			if k == 0 || len(row) < 7 || row[3] != strconv.Itoa(r.qIndex) {
				continue
			}
			r.res.Stored++
			key := row[6] + "/" + row[3]
			if seen[key] {
				r.res.Duplicates++
			}
			seen[key] = true
		}
	}
	var res struct {
		Questions []struct{ Slide, Responses int }
	}
	if _, _, err := r.api.Do(ctx, "GET", "/api/sessions/"+r.id+"/results", nil, &res); err == nil {
		for _, q := range res.Questions {
			if q.Slide == r.qIndex {
				r.res.ResultsCount = q.Responses
			}
		}
	}
	r.close(ctx)
}

// close ends the session and lets every phone and the presenter feed go,
// waiting (at most 30 s) for the phones to close their sockets. It runs
// after verify, or when the run failed before it.
func (r *room) close(ctx context.Context) {
	r.closeOnce.Do(func() {
		if r.id != "" {
			ectx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
			r.api.Do(ectx, "POST", "/api/sessions/"+r.id+"/end", nil, nil)
			cancel()
		}
		close(r.finish)
		if r.stopPhones != nil {
			r.stopPhones()
		}
		done := make(chan struct{})
		go func() { r.phoneWG.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
		}
	})
}

// feedRate is the presenter feed's updates per second: n messages seen in
// a window of that many seconds (at least one). It counts the intervals
// between them, n − 1: a sender on a 250 ms ticker fits 10 messages in a
// 2.3 s window (one at each end), which is 4 a second, not 4.35; counted
// as n, the load generator called either server's feed over 4 a second
// whenever a storm ended quickly.
func feedRate(n int, window float64) float64 {
	return float64(max(n-1, 0)) / max(window, 1)
}
