package app_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// quietKit is a kit whose log is dropped (a thousand joins are no news).
func quietKit(t *testing.T, dir string) *kittest.Kit {
	return kittest.Start(t, kittest.Options{Dir: dir, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

// reactionsUntil sends emoji 4 from barrier, a phone that has not reacted
// in the last second, once every reaction sent before has been handled
// (the callers ping their phones first), and returns the host_reactions
// frames the feed got from from up to the one that holds it: reactions
// are summed under one lock, so that frame holds every reaction sent
// before, and the sums of these frames are exactly what was counted.
func reactionsUntil(t *testing.T, host hostFeed, from int, barrier *phoneclient.Phone) ([][]int, int) {
	t.Helper()
	if err := barrier.React(4); err != nil {
		t.Fatal(err)
	}
	at, _, err := host.waitFor(30*time.Second, from, func(m hostMsg) bool {
		return m.Type == "host_reactions" && len(m.Counts) == 5 && m.Counts[4] > 0
	})
	if err != nil {
		t.Fatalf("the barrier reaction never reached the presenter: %v", err)
	}
	var frames [][]int
	for _, m := range host.messages()[from : at+1] {
		if m.Type == "host_reactions" {
			frames = append(frames, m.Counts)
		}
	}
	return frames, at + 1
}

func sums(t *testing.T, frames [][]int) [5]int {
	t.Helper()
	var s [5]int
	for _, f := range frames {
		if len(f) != 5 {
			t.Fatalf("host_reactions counts: got %v, want 5 numbers", f)
		}
		n := 0
		for i, v := range f {
			s[i] += v
			n += v
		}
		if n == 0 {
			t.Errorf("a host_reactions frame with nothing in it: %v", f)
		}
	}
	return s
}

func setReactions(t *testing.T, k *kittest.Kit, id string, on bool) {
	t.Helper()
	var snap struct{ Reactions bool }
	if st, code := k.API("POST", "/api/sessions/"+id+"/reactions", map[string]bool{"on": on}, &snap); st != 200 || snap.Reactions != on {
		t.Fatalf("POST reactions %v: got %d %s, reactions %v", on, st, code, snap.Reactions)
	}
}

// Reactions are off until the presenter turns them on: sent while off
// they are dropped; on, a phone sending 20 in a burst counts once for that
// second; the presenter turning them off over the host socket tells the
// phones, and they are dropped again.
func TestReactionsBurstAndSwitch(t *testing.T) {
	k := quietKit(t, "")
	s := k.StartSession(k.SaveDeck(kittest.QuizDeck))
	host := feedOf(k, s.ID)
	if _, m, err := host.waitFor(10*time.Second, 0, func(m hostMsg) bool { return m.Type == "host_state" }); err != nil || m.Reactions {
		t.Fatalf("first host_state: %v, reactions %v; want it, with reactions off", err, m.Reactions)
	}
	ph := k.JoinPhones(s.Code, 3, nil)
	a, b, c := ph[0], ph[1], ph[2]
	if sl := a.Slide(); sl.Reactions {
		t.Fatal("a phone was told reactions are on before anyone turned them on")
	}
	for range 3 {
		if err := a.React(1); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Ping(); err != nil {
		t.Fatal(err)
	}

	setReactions(t, k, s.ID, true)
	if _, err := c.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Reactions }); err != nil {
		t.Fatalf("the phones were not told reactions are on: %v", err)
	}
	start := time.Now()
	for range 20 {
		if err := a.React(0); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Ping(); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	frames, next := reactionsUntil(t, host, 0, b)
	got := sums(t, frames)
	// One a second: a burst handled within a second counts once. A machine
	// that stalls the burst past a second may count one more a second.
	if want := 1 + int(took/time.Second); got[0] < 1 || got[0] > want {
		t.Errorf("a burst of 20 (handled in %v): got %d counted, want 1 (at most %d)", took, got[0], want)
	}
	if got[1] != 0 {
		t.Errorf("reactions sent while off were counted: %d", got[1])
	}
	if got[4] != 1 {
		t.Errorf("the barrier's reaction: got %d, want 1", got[4])
	}

	// Off again, over the host socket this time.
	if err := host.send(map[string]any{"type": "reactions", "on": false}); err != nil {
		t.Fatal(err)
	}
	at, _, err := host.waitFor(10*time.Second, next, func(m hostMsg) bool { return m.Type == "host_state" && !m.Reactions })
	if err != nil {
		t.Fatalf("host_state after switching off: %v", err)
	}
	if _, err := a.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return !sl.Reactions }); err != nil {
		t.Fatalf("the phones were not told reactions are off: %v", err)
	}
	for _, p := range []*phoneclient.Phone{a, c} {
		p.React(2)
		if err := p.Ping(); err != nil {
			t.Fatal(err)
		}
	}
	// Back on: the reactions dropped while off took no phone's turn, so
	// c's first one now counts; nothing of emoji 2 came through.
	if err := host.send(map[string]any{"type": "reactions", "on": true}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := host.waitFor(10*time.Second, at, func(m hostMsg) bool { return m.Type == "host_state" && m.Reactions }); err != nil {
		t.Fatal(err)
	}
	c.React(3)
	c.Ping()
	time.Sleep(1100 * time.Millisecond) // b's last reaction counted just now: let its second pass
	frames, _ = reactionsUntil(t, host, at, b)
	got = sums(t, frames)
	if got[2] != 0 || got[3] != 1 || got[4] != 1 {
		t.Errorf("after off and on again: got %v, want nothing of emoji 2, one of 3 and the barrier's", got)
	}
}

// What is refused rather than dropped: a react without a valid emoji, or
// before joining; a switch that is not true or false.
func TestReactionsRefusals(t *testing.T) {
	k := quietKit(t, "")
	s := k.StartSession(k.SaveDeck(kittest.QuizDeck))
	stranger := k.Dial(s.Code, nil)
	stranger.React(0)
	if m, err := stranger.WaitFor(10*time.Second, func(m phoneclient.Message) bool { return m.Type == "error" }); err != nil || m.Code != "not_joined" {
		t.Errorf("react before join: got %+v %v, want not_joined", m, err)
	}
	p := k.JoinPhones(s.Code, 1, nil)[0]
	for _, raw := range []string{`{"type":"react"}`, `{"type":"react","emoji":5}`, `{"type":"react","emoji":-1}`, `{"type":"react","emoji":"1"}`, `{"type":"react","emoji":1.5}`} {
		p.SendRaw([]byte(raw))
		if m, err := p.WaitFor(10*time.Second, func(m phoneclient.Message) bool { return m.Type == "error" }); err != nil || m.Code != "bad_message" {
			t.Errorf("%s: got %+v %v, want bad_message", raw, m, err)
		}
	}
	host := feedOf(k, s.ID)
	from := 0
	for _, raw := range []map[string]any{{"type": "reactions"}, {"type": "reactions", "on": 3}, {"type": "reactions", "on": "yes"}} {
		host.send(raw)
		at, m, err := host.waitFor(10*time.Second, from, func(m hostMsg) bool { return m.Type == "error" })
		if err != nil || m.Code != "bad_message" {
			t.Errorf("host %v: got %+v %v, want bad_message", raw, m, err)
		}
		from = at + 1
	}
	for _, body := range []any{map[string]any{}, map[string]any{"on": 1}, map[string]any{"on": "true"}} {
		if st, code := k.API("POST", "/api/sessions/"+s.ID+"/reactions", body, nil); st != 400 || code != "bad_json" {
			t.Errorf("POST reactions %v: got %d %s, want 400 bad_json", body, st, code)
		}
	}
	if st, code := k.API("POST", "/api/sessions/nope/reactions", map[string]bool{"on": true}, nil); st != 404 || code != "not_found" {
		t.Errorf("POST reactions of no session: got %d %s, want 404 not_found", st, code)
	}
	if snap := k.Session(s.ID); snap.Phase != "lobby" {
		t.Errorf("the refusals changed the session: %+v", snap)
	}
}

// The presenter's switch is kept with the session: the kit restarted on
// the same database brings it back, to the presenter and to a phone that
// resumes, and reactions count again.
func TestReactionsSwitchSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	k := quietKit(t, dir)
	s := k.StartSession(k.SaveDeck(kittest.QuizDeck))
	k.API("POST", "/api/sessions/"+s.ID+"/next", nil, nil)
	p := k.JoinPhones(s.Code, 1, nil)[0]
	host := feedOf(k, s.ID)
	host.send(map[string]any{"type": "reactions", "on": true})
	if _, _, err := host.waitFor(10*time.Second, 0, func(m hostMsg) bool { return m.Type == "host_state" && m.Reactions }); err != nil {
		t.Fatal(err)
	}
	token := p.Token
	if err := k.Stop(); err != nil {
		t.Fatal(err)
	}

	k = quietKit(t, dir)
	host = feedOf(k, s.ID)
	if _, m, err := host.waitFor(10*time.Second, 0, func(m hostMsg) bool { return m.Type == "host_state" }); err != nil || !m.Reactions || m.Index != 0 {
		t.Fatalf("host_state after the restart: %v, slide %d, reactions %v; want slide 0 with reactions on", err, m.Index, m.Reactions)
	}
	p = k.Dial(s.Code, nil)
	if err := p.Resume(token); err != nil {
		t.Fatal(err)
	}
	if _, err := p.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Total > 0 && sl.Index == 0 }); err != nil || !p.Slide().Reactions {
		t.Fatalf("the resumed phone's slide: %+v (%v), want reactions on", p.Slide(), err)
	}
	frames, _ := reactionsUntil(t, host, 0, p)
	if got := sums(t, frames); got != [5]int{0, 0, 0, 0, 1} {
		t.Errorf("after the restart: got %v, want the one reaction", got)
	}
	// And off is kept as well as on.
	setReactions(t, k, s.ID, false)
	k.Stop()
	k = quietKit(t, dir)
	if snap := k.Session(s.ID); snap.Phase == "" {
		t.Fatal("no session after the second restart")
	}
	var snap struct{ Reactions *bool }
	k.API("GET", "/api/sessions/"+s.ID, nil, &snap)
	if snap.Reactions != nil && *snap.Reactions {
		t.Error("switched off, restarted: reactions are on")
	}
}

// A thousand phones reacting at once: the presenter gets host_reactions
// frames that add up to exactly the reactions counted (one per phone), at
// most about four a second, none empty.
func TestReactionsThousandPhones(t *testing.T) {
	if testing.Short() {
		t.Skip("a thousand phones")
	}
	const n = 1000
	k := quietKit(t, "")
	s := k.StartSession(k.SaveDeck(kittest.QuizDeck))
	phones := k.JoinPhones(s.Code, n+1, nil)
	barrier := phones[n]
	host := feedOf(k, s.ID)
	setReactions(t, k, s.ID, true)
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, 200)
	for i, p := range phones[:n] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := p.React(i % 4); err != nil {
				errs <- fmt.Errorf("phone %d: %w", i, err)
				return
			}
			if err := p.Ping(); err != nil {
				errs <- fmt.Errorf("phone %d: %w", i, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	frames, _ := reactionsUntil(t, host, 0, barrier)
	took := time.Since(start)
	got := sums(t, frames)
	if want := [5]int{n / 4, n / 4, n / 4, n / 4, 1}; got != want {
		t.Errorf("%d phones reacting once: frames add up to %v, want %v", n, got, want)
	}
	// Frames are counted, not timed: at most four a second over the run.
	if limit := 4*int(took/time.Second) + 5; len(frames) > limit {
		t.Errorf("%d host_reactions frames in %v, want at most %d", len(frames), took, limit)
	}
	t.Logf("%d phones: %d host_reactions frames in %v", n, len(frames), took)
}

// The deck decides while the presenter has not: its front matter turns
// reactions on, a slide's directive turns them off there; the presenter's
// switch then wins on every slide. Phones hear each in their slide.
func TestReactionsFollowTheDeck(t *testing.T) {
	k := quietKit(t, "")
	deck := k.SaveDeck("---\ntitle: Reacting\nlang: en\nreactions: on\n---\n\n# Hello\n\n---\n\n<!-- reactions: off -->\n\n# A sensitive slide\n\n---\n\n# Back to it\n")
	s := k.StartSession(deck)
	p := k.JoinPhones(s.Code, 1, nil)[0]
	host := feedOf(k, s.ID)
	for i, want := range []bool{true, false, true} {
		var snap struct {
			Index     int
			Reactions bool
		}
		k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": i}, &snap)
		if snap.Index != i || snap.Reactions != want {
			t.Errorf("slide %d: the state says reactions %v, want %v", i, snap.Reactions, want)
		}
		if sl, err := p.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Total > 0 && sl.Index == i }); err != nil || sl.Reactions != want {
			t.Errorf("slide %d: the phone's slide says reactions %v (%v), want %v", i, sl.Reactions, err, want)
		}
	}
	setReactions(t, k, s.ID, false)
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 0}, nil)
	if sl, err := p.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Total > 0 && sl.Index == 0 }); err != nil || sl.Reactions {
		t.Errorf("switched off: the deck's first slide still says reactions on (%v)", err)
	}
	setReactions(t, k, s.ID, true)
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 1}, nil)
	if _, m, err := host.waitFor(10*time.Second, 0, func(m hostMsg) bool { return m.Type == "host_state" && m.Index == 1 && m.Reactions }); err != nil {
		t.Errorf("switched on: the sensitive slide's host_state: %+v %v, want reactions on", m, err)
	}
}

// hostFeed is the shared kit's host socket, read as these tests look at it.
type hostFeed struct{ *kittest.HostSocket }

type hostMsg struct {
	Type      string `json:"type"`
	Index     int    `json:"index"`
	Counts    []int  `json:"counts"` // host_reactions: per emoji
	Reactions bool   `json:"reactions"`
	Code      string `json:"code"`
}

func feedOf(k *kittest.Kit, id string) hostFeed { return hostFeed{k.HostSocket(id)} }

func decodeHost(m kittest.HostMsg) hostMsg {
	var h hostMsg
	json.Unmarshal(m.Raw, &h)
	return h
}

func (h hostFeed) send(v any) error { h.Send(v); return nil }

func (h hostFeed) messages() []hostMsg {
	var out []hostMsg
	for _, m := range h.Messages() {
		out = append(out, decodeHost(m))
	}
	return out
}

// waitFor waits for the first message from the from-th on that matches,
// and returns its position too.
func (h hostFeed) waitFor(within time.Duration, from int, match func(hostMsg) bool) (int, hostMsg, error) {
	if _, ok := h.WaitFor(from, within, func(m kittest.HostMsg) bool { return match(decodeHost(m)) }); !ok {
		return from, hostMsg{}, errors.New("no such host message in time")
	}
	msgs := h.messages()
	for i := from; i < len(msgs); i++ {
		if match(msgs[i]) {
			return i, msgs[i], nil
		}
	}
	return from, hostMsg{}, errors.New("the host message went missing")
}
