package app_test

import (
	"errors"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

// stepState is what the drive routes answer about a question's steps.
type stepState struct {
	Index     int
	Phase     string
	Results   bool
	Blank     bool
	Countdown *struct {
		Seconds int   `json:"seconds"`
		LeftMS  int64 `json:"left_ms"`
	}
	Error struct{ Code string }
}

// TestQuestionStepsOverHTTPAndSocket: open → live results → close →
// reveal, each its own command; a closed question refuses answers with
// question_closed and the phones are told; the commands take on like the
// others, and bad arguments are refused.
func TestQuestionStepsOverHTTPAndSocket(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	q := k.questionSlides("try.en")["single"]
	p := k.phone(s.Code)
	if err := p.Join("", "en"); err != nil {
		t.Fatal(err)
	}
	drive := func(action string, body any) (int, stepState) {
		t.Helper()
		var out stepState
		st := k.call("POST", "/api/sessions/"+s.ID+"/"+action, body, &out)
		return st, out
	}
	if st, out := drive("goto", map[string]int{"slide": q}); st != 200 || out.Phase != "question" || out.Results {
		t.Fatalf("goto the quiz question: %d %+v, want open with results hidden", st, out)
	}
	if st, out := drive("results", map[string]any{"show": true, "on": q}); st != 200 || !out.Results || out.Phase != "question" {
		t.Errorf("results on: %d %+v", st, out)
	}
	if _, err := p.Answer(q, []int{1}); err != nil {
		t.Fatalf("answer while open: %v", err)
	}
	if st, out := drive("close", map[string]int{"on": q + 1}); st != 409 || out.Error.Code != "stale_slide" {
		t.Errorf("close on another slide: %d %+v, want 409 stale_slide", st, out)
	}
	if st, out := drive("close", map[string]int{"on": q}); st != 200 || out.Phase != "closed" {
		t.Fatalf("close: %d %+v", st, out)
	}
	if _, err := p.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Phase == "closed" && sl.Reveal == nil }); err != nil {
		t.Errorf("the phone was not told the question closed: %v", err)
	}
	var perr *phoneclient.Error
	if _, err := p.Answer(q, []int{0}); !errors.As(err, &perr) || perr.Code != "question_closed" {
		t.Errorf("answer to a closed question: %v, want question_closed", err)
	}
	if st, out := drive("reveal", map[string]int{"on": q}); st != 200 || out.Phase != "revealed" {
		t.Errorf("reveal: %d %+v", st, out)
	}
	sl, err := p.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Phase == "revealed" })
	if err != nil || sl.Reveal == nil || sl.Reveal.Total != 1 {
		t.Errorf("the reveal on the phone: %+v %v, want the one answer counted", sl.Reveal, err)
	}

	// Bad arguments are refused; a countdown and blank work over HTTP.
	for _, c := range []struct {
		action string
		body   any
	}{{"results", nil}, {"countdown", map[string]int{"seconds": 2}}, {"countdown", map[string]int{"seconds": 3601}}, {"countdown", nil}, {"blank", map[string]int{}}} {
		if st, out := drive(c.action, c.body); st != 400 || out.Error.Code != "bad_json" {
			t.Errorf("%s %v: %d %+v, want 400 bad_json", c.action, c.body, st, out)
		}
	}
	poll := k.questionSlides("try.en")["poll"]
	if st, out := drive("goto", map[string]int{"slide": poll}); st != 200 || !out.Results || out.Countdown != nil {
		t.Errorf("goto the poll: %d %+v, want results live by default and no countdown", st, out)
	}
	if st, out := drive("countdown", map[string]int{"seconds": 30, "on": poll}); st != 200 || out.Countdown == nil || out.Countdown.Seconds != 30 {
		t.Errorf("countdown 30: %d %+v", st, out)
	}
	if sl, err := p.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == poll && sl.Countdown > 0 }); err != nil || sl.Countdown > 30 {
		t.Errorf("the phone's countdown: %+v %v", sl, err)
	}
	if st, out := drive("blank", map[string]bool{"blank": true}); st != 200 || !out.Blank {
		t.Errorf("blank: %d %+v", st, out)
	}

	// The socket: the same commands, a bad one answered bad_message.
	h := dialHost(t, k.base, s.ID)
	h.waitFor(t, "the state", 5*time.Second, func(m map[string]any) bool { return m["index"] == float64(poll) })
	for _, m := range []map[string]any{{"type": "countdown", "seconds": 1, "ref": 1}, {"type": "close", "on": poll}, {"type": "blank", "blank": false}} {
		if err := h.ws.WriteJSON(m); err != nil {
			t.Fatal(err)
		}
	}
	h.waitFor(t, "closed and not blank", 5*time.Second, func(m map[string]any) bool {
		return m["type"] == "host_state" && m["phase"] == "closed" && m["blank"] == nil && m["countdown"] == nil
	})
	if !gotError(h, "bad_message") {
		t.Error("countdown of 1 second over the socket: no bad_message")
	}
	if err := h.ws.WriteJSON(map[string]any{"type": "open", "on": poll}); err != nil {
		t.Fatal(err)
	}
	h.waitFor(t, "open again", 5*time.Second, func(m map[string]any) bool { return m["type"] == "host_state" && m["phase"] == "question" })
}

// gotError reports whether the presenter connection was sent error code.
func gotError(h *hostConn, code string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, m := range h.all {
		if m["type"] == "error" && m["code"] == code {
			return true
		}
	}
	return false
}
