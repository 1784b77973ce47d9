package app_test

import (
	"sync"
	"testing"
	"time"
)

// TestStaleCommandsAreRefused: a host command that names the slide it was
// made on is refused with stale_slide once another slide shows, over HTTP
// and over the socket, so presses queued during a stall move one slide, not
// three; a command without it (a script's) acts as before.
func TestStaleCommandsAreRefused(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	drive := func(action string, body any) (int, string) {
		t.Helper()
		var out struct {
			Index int
			Error struct{ Code string }
		}
		st := k.call("POST", "/api/sessions/"+s.ID+"/"+action, body, &out)
		return st, out.Error.Code
	}
	if st, code := drive("next", map[string]int{"on": -1}); st != 200 {
		t.Fatalf("next on the lobby: got %d %s, want 200", st, code)
	}
	for _, c := range []struct {
		action string
		body   any
	}{
		{"next", map[string]int{"on": -1}}, {"prev", map[string]int{"on": 3}},
		{"reveal", map[string]int{"on": 2}}, {"goto", map[string]int{"slide": 4, "on": -1}},
		{"end", map[string]int{"on": 5}},
	} {
		if st, code := drive(c.action, c.body); st != 409 || code != "stale_slide" {
			t.Errorf("%s %v on slide 0: got %d %q, want 409 stale_slide", c.action, c.body, st, code)
		}
	}
	if got := k.session(s.ID); got.Index != 0 || got.Phase == "ended" {
		t.Fatalf("after stale commands: slide %d, phase %s; want slide 0, not ended", got.Index, got.Phase)
	}
	// A script's command names no slide and acts on what shows.
	if st, code := drive("next", nil); st != 200 {
		t.Errorf("next without a body: got %d %s, want 200", st, code)
	}
	if got := k.session(s.ID).Index; got != 1 {
		t.Fatalf("after a script's next: slide %d, want 1", got)
	}

	// Three presses made on slide 1 arrive together on the socket: one moves.
	h := dialHost(t, k.base, s.ID)
	h.waitFor(t, "the state", 5*time.Second, func(m map[string]any) bool { return m["index"] == 1.0 })
	for i := 0; i < 3; i++ {
		if err := h.ws.WriteJSON(map[string]any{"type": "next", "on": 1}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for stale(h) < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := stale(h); n != 2 {
		t.Errorf("three presses on slide 1: %d stale_slide errors, want 2", n)
	}
	if got := k.session(s.ID).Index; got != 2 {
		t.Errorf("three presses on slide 1: slide %d, want 2", got)
	}

	// Two windows press → on slide 2 at the same moment: it moves once.
	var wg sync.WaitGroup
	codes := make([]int, 8)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], _ = drive("next", map[string]int{"on": 2})
		}()
	}
	wg.Wait()
	ok := 0
	for _, c := range codes {
		if c == 200 {
			ok++
		}
	}
	if got := k.session(s.ID).Index; got != 3 || ok != 1 {
		t.Errorf("eight simultaneous presses on slide 2: slide %d with %d accepted, want slide 3 and one accepted (codes %v)", got, ok, codes)
	}
}

// stale counts the stale_slide errors a presenter socket received.
func stale(h *hostConn) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, m := range h.all {
		if m["type"] == "error" && m["code"] == "stale_slide" {
			n++
		}
	}
	return n
}
