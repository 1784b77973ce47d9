package app_test

import (
	"errors"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

// A self-paced session with the real binary: one phone answers half the
// deck at its own pace while another stays on the first slide; the kit is
// killed (-9) and started again on the same data; both phones resume on
// the slide each stopped at, with every answer acknowledged still theirs.
func TestSelfPacedSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	r, k := startRerun(t, buildKit(t, t.TempDir()))
	s := k.StartPaced("try.en", nil)
	if s.Mode != "self-paced" || s.ClosesAt != nil {
		t.Fatalf("started %+v, want self-paced with no closing time", s)
	}
	qs := k.questionSlides("try.en")

	fast, slow := k.phone(s.Code), k.phone(s.Code)
	for _, p := range []*phoneclient.Phone{fast, slow} {
		if err := p.Join("", "en"); err != nil {
			t.Fatal(err)
		}
		if sl, err := p.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Pace }); err != nil || sl.Index != 0 {
			t.Fatalf("joined to %+v (%v), want slide 0 of a self-paced session", sl, err)
		}
	}
	// The fast phone answers the single and the multiple question (half
	// the deck's four), seeing the right answer after each; then stops on
	// the true/false, unanswered.
	for _, a := range []struct {
		kind   string
		choice []int
	}{{"single", []int{1}}, {"multiple", []int{0, 2}}} {
		at := qs[a.kind]
		if sl, err := fast.Go(at); err != nil || sl.Phase != "question" {
			t.Fatalf("go %d: %+v %v, want the %s question open", at, sl, err, a.kind)
		}
		if _, err := fast.Answer(at, a.choice); err != nil {
			t.Fatalf("answer %s: %v", a.kind, err)
		}
		if sl, err := fast.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Phase == "revealed" }); err != nil || sl.Reveal == nil || len(sl.Reveal.Correct) == 0 {
			t.Fatalf("after answering %s: %+v %v, want its reveal", a.kind, sl, err)
		}
	}
	// The slow phone cannot answer a question it is not on.
	if _, err := slow.Answer(qs["single"], []int{1}); !isCode(err, "wrong_slide") {
		t.Fatalf("an answer to another slide: %v, want wrong_slide", err)
	}
	stop := qs["truefalse"]
	if _, err := fast.Go(stop); err != nil {
		t.Fatal(err)
	}
	// The kill comes the moment the phone is shown the slide: a move is
	// stored before its slide is sent, so that is where it comes back.
	answered := map[int]string{qs["single"]: "B", qs["multiple"]: "A;C"}

	k2 := r.restart()
	if got := k2.session(s.ID); got.Mode != "self-paced" || got.Phase != "lobby" || got.Joined != 2 {
		t.Fatalf("after kill -9: %+v, want the self-paced session running with 2 joined", got)
	}

	again := k2.phone(s.Code)
	if err := again.Resume(fast.Token); err != nil {
		t.Fatal(err)
	}
	if sl, err := again.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Pace }); err != nil || sl.Index != stop {
		t.Fatalf("the fast phone resumed at %+v (%v), want slide %d", sl, err, stop)
	}
	if len(again.Answers) < 2 {
		t.Fatalf("the fast phone's answers after the restart: %v, want its two at least", again.Answers)
	}
	for slide, want := range answered {
		rows, dups := csvAnswers(t, k2.base, s.ID, slide)
		if dups != 0 || rows[fast.Participant] != want {
			t.Errorf("slide %d: %v (%d duplicates), want %s from the fast phone", slide, rows, dups, want)
		}
	}
	// A scored question answered and revealed takes no other answer.
	if _, err := again.Go(qs["single"]); err != nil {
		t.Fatal(err)
	}
	if sl := again.Slide(); sl.Phase != "revealed" {
		t.Errorf("back on an answered question: %q, want revealed", sl.Phase)
	}
	if _, err := again.Answer(qs["single"], []int{0}); !isCode(err, "question_closed") {
		t.Errorf("changing a revealed answer: %v, want question_closed", err)
	}

	slow2 := k2.phone(s.Code)
	if err := slow2.Resume(slow.Token); err != nil {
		t.Fatal(err)
	}
	if sl, err := slow2.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Pace }); err != nil || sl.Index != 0 {
		t.Fatalf("the slow phone resumed at %+v (%v), want slide 0", sl, err)
	}
}

func isCode(err error, code string) bool {
	var e *phoneclient.Error
	return errors.As(err, &e) && e.Code == code
}

// The window: a self-paced session started with a closing time a moment
// away ends by itself then; its phones are told and the room code says
// the session is over. The start options are checked on the way.
func TestSelfPacedWindowCloses(t *testing.T) {
	k := startKit(t, t.TempDir())
	for _, c := range []struct {
		body   map[string]any
		status int
		code   string
	}{
		{map[string]any{"deck": "try.en", "self_paced": true, "game": true}, 400, "mode_conflict"},
		{map[string]any{"deck": "try.en", "self_paced": true, "closes_at": time.Now().Add(-time.Hour).Format(time.RFC3339)}, 400, "bad_closes_at"},
		{map[string]any{"deck": "try.en", "self_paced": true, "closes_at": time.Now().Add(31 * 24 * time.Hour).Format(time.RFC3339)}, 400, "bad_closes_at"},
		{map[string]any{"deck": "try.en", "closes_at": time.Now().Add(time.Hour).Format(time.RFC3339)}, 400, "bad_json"},
	} {
		if st, code := k.API("POST", "/api/sessions", c.body, nil); st != c.status || code != c.code {
			t.Errorf("start %v: got %d %s, want %d %s", c.body, st, code, c.status, c.code)
		}
	}
	closes := time.Now().Add(1500 * time.Millisecond)
	s := k.StartPaced("try.en", &closes)
	if s.ClosesAt == nil || s.ClosesAt.Sub(closes).Abs() > time.Millisecond {
		t.Fatalf("closes_at %v, want %v", s.ClosesAt, closes)
	}
	if st, code := k.API("POST", "/api/sessions/"+s.ID+"/next", nil, nil); st != 409 || code != "self_paced" {
		t.Errorf("next on a self-paced session: %d %s, want 409 self_paced", st, code)
	}
	ph := k.phone(s.Code)
	if err := ph.Join("", "en"); err != nil {
		t.Fatal(err)
	}
	if sl, err := ph.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Pace }); err != nil || sl.ClosesAt == nil {
		t.Fatalf("slide %+v (%v), want the closing time on it", sl, err)
	}
	bye, err := ph.WaitFor(20*time.Second, func(m phoneclient.Message) bool { return m.Type == "bye" })
	if err != nil || bye.Reason != "ended" {
		t.Fatalf("when the window closed: %+v %v, want bye ended", bye, err)
	}
	if got := k.session(s.ID); got.Phase != "ended" || got.Mode != "self-paced" {
		t.Errorf("after the window: %+v, want ended", got)
	}
	late := k.phone(s.Code)
	if err := late.Join("", "en"); !isCode(err, "session_ended") {
		t.Errorf("a phone after the window: %v, want session_ended", err)
	}
}
