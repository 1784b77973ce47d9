package live

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/record"
	"github.com/roundtable-kit/roundtable/store"
)

// flush waits until the positions queued before it are committed: a write
// queued after them commits after them.
func flush(t *testing.T, st *store.Store) {
	t.Helper()
	if err := st.EndSession(context.Background(), "no-such-session", time.Now()); err != nil {
		t.Fatal(err)
	}
}

// nextSlide returns the next slide frame a phone gets, skipping others.
func nextSlide(t *testing.T, sub *Sub) map[string]any {
	t.Helper()
	for {
		if m := recv(t, sub); m["type"] == "slide" {
			return m
		}
	}
}

// TestQuestionStepsOneAtATime walks open → live results → closed → reveal:
// each step is its own, closed refuses answers and tells the phones, and
// reopening takes answers again.
func TestQuestionStepsOneAtATime(t *testing.T) {
	m, _, _ := newTestManager(t)
	ctx := context.Background()
	s, _ := m.Start(ctx, testDeck())
	phone := NewSub()
	pid, err := s.Join(ctx, "", "en", phone)
	if err != nil {
		t.Fatal(err)
	}
	nextSlide(t, phone)
	want := func(snap Snapshot, err error, phase string, results bool) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if snap.Phase != phase || snap.Results != results {
			t.Errorf("got phase %q results %v, want %q %v", snap.Phase, snap.Results, phase, results)
		}
	}
	snap, err := s.Goto(1) // a quiz question: results hidden until the reveal
	want(snap, err, PhaseQuestion, false)
	nextSlide(t, phone)
	snap, err = s.ShowResults(true)
	want(snap, err, PhaseQuestion, true)
	if _, err := s.Answer(ctx, pid, 1, []int{0}); err != nil {
		t.Fatalf("an answer with live results on: %v", err)
	}
	snap, err = s.Close()
	want(snap, err, PhaseClosed, true)
	if sl := nextSlide(t, phone); sl["phase"] != PhaseClosed || sl["reveal"] != nil {
		t.Errorf("the phone got %v, want phase closed without the answer", sl)
	}
	if _, err := s.Answer(ctx, pid, 1, []int{1}); !errors.Is(err, ErrClosed) {
		t.Errorf("an answer to a closed question: got %v, want question_closed", err)
	}
	snap, err = s.Open()
	want(snap, err, PhaseQuestion, true)
	if _, err := s.Answer(ctx, pid, 1, []int{1}); err != nil {
		t.Errorf("an answer after reopening: %v", err)
	}
	s.Close()
	snap, err = s.Reveal()
	want(snap, err, PhaseRevealed, false)
	if snap.Answered != 1 {
		t.Errorf("answered %d, want 1 (the changed answer replaced the first)", snap.Answered)
	}
	snap, err = s.Goto(3) // a poll: live results by default
	want(snap, err, PhaseQuestion, true)
	snap, err = s.ShowResults(false)
	want(snap, err, PhaseQuestion, false)
	snap, err = s.Goto(1) // back: still revealed
	want(snap, err, PhaseRevealed, false)
	snap, err = s.Goto(0) // a content slide: the steps change nothing
	want(snap, err, PhaseSlide, false)
	for _, step := range []func() (Snapshot, error){s.Close, s.Open, func() (Snapshot, error) { return s.ShowResults(true) }, func() (Snapshot, error) { return s.StartCountdown(30) }} {
		if _, err := step(); err != nil {
			t.Fatal(err)
		}
		if snap, _ := s.Snapshot(); snap.Phase != PhaseSlide || snap.Countdown != nil {
			t.Errorf("a step on a content slide changed it: %+v", snap)
		}
	}
}

// TestCountdownIsOffUnlessStarted: no question is timed by default; a
// countdown started runs on that question only and stops when it moves.
func TestCountdownIsOffUnlessStarted(t *testing.T) {
	m, _, _ := newTestManager(t)
	ctx := context.Background()
	s, _ := m.Start(ctx, testDeck())
	for i := 1; i < 4; i++ {
		if snap, _ := s.Goto(i); snap.Countdown != nil {
			t.Errorf("slide %d: a countdown %+v, want none by default", i, snap.Countdown)
		}
	}
	phone := NewSub()
	if _, err := s.Join(ctx, "", "en", phone); err != nil {
		t.Fatal(err)
	}
	nextSlide(t, phone)
	snap, _ := s.StartCountdown(60)
	if snap.Countdown == nil || snap.Countdown.Seconds != 60 || snap.Countdown.LeftMS <= 0 || snap.Countdown.LeftMS > 60000 {
		t.Fatalf("got %+v, want a 60 s countdown running", snap.Countdown)
	}
	if sl := nextSlide(t, phone); sl["countdown"] == nil || sl["countdown"].(float64) > 60 {
		t.Errorf("the phone got %v, want the seconds left", sl)
	}
	if snap, _ := s.Prev(); snap.Countdown != nil {
		t.Errorf("moved away: countdown %+v, want none", snap.Countdown)
	}
	if snap, _ := s.Next(); snap.Countdown != nil || snap.Phase != PhaseQuestion {
		t.Errorf("back: %+v, want open without countdown", snap)
	}
	s.StartCountdown(60)
	if snap, _ := s.StartCountdown(0); snap.Countdown != nil || snap.Phase != PhaseQuestion {
		t.Errorf("stopped: %+v, want open without countdown", snap)
	}
}

// TestDeckCountdownStartsAsTheQuestionOpens and closes it when it ends.
func TestDeckCountdownClosesTheQuestion(t *testing.T) {
	m, _, _ := newTestManager(t)
	ctx := context.Background()
	d := testDeck()
	d.Slides[1].Question.Countdown = 1
	s, _ := m.Start(ctx, d)
	phone := NewSub()
	if _, err := s.Join(ctx, "", "en", phone); err != nil {
		t.Fatal(err)
	}
	nextSlide(t, phone)
	snap, _ := s.Goto(1)
	if snap.Countdown == nil || snap.Countdown.Seconds != 1 {
		t.Fatalf("got %+v, want the deck's countdown", snap.Countdown)
	}
	nextSlide(t, phone) // the question, open
	select {
	case f := <-phone.Out():
		if !strings.Contains(string(f.Data), `"phase":"closed"`) {
			t.Errorf("got %s, want the question closed by its countdown", f.Data)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the countdown did not close the question")
	}
	if snap, _ := s.Snapshot(); snap.Phase != PhaseClosed || snap.Countdown != nil {
		t.Errorf("got %+v, want closed, no countdown", snap)
	}
}

// TestStepsSurviveARestart: closed questions, live-result choices, the
// blank screen and a running countdown come back; a countdown that ended
// while the kit was down has closed its question.
func TestStepsSurviveARestart(t *testing.T) {
	m, st, _ := newTestManager(t)
	ctx := context.Background()
	s, _ := m.Start(ctx, testDeck())
	s.Goto(1)
	s.Close()
	s.Goto(3)
	s.ShowResults(false)
	s.Blank(true)
	s.StartCountdown(600)
	flush(t, st)
	rec, _ := st.Session(ctx, s.ID)
	m2 := NewManager(st, nil)
	defer m2.Shutdown(ctx)
	r := m2.restore(rec, testDeck(), nil, nil)
	snap, _ := r.Snapshot()
	if snap.Index != 3 || snap.Phase != PhaseQuestion || snap.Results || !snap.Blank || snap.Countdown == nil || snap.Countdown.LeftMS < 500000 {
		t.Errorf("restored %+v %+v, want slide 3 open, results off, blank, countdown running", snap, snap.Countdown)
	}
	if snap, _ := r.Goto(1); snap.Phase != PhaseClosed {
		t.Errorf("slide 1 restored as %q, want closed", snap.Phase)
	}

	// Down while a countdown ran out: it is closed on restart.
	rec.Steps.Countdown = &record.Countdown{Slide: 3, Seconds: 30, Ends: time.Now().Add(-time.Second)}
	m3 := NewManager(st, nil)
	defer m3.Shutdown(ctx)
	r3 := m3.restore(rec, testDeck(), nil, nil)
	if snap, _ := r3.Snapshot(); snap.Phase != PhaseClosed || snap.Countdown != nil {
		t.Errorf("got %+v, want closed by the countdown that ended while down", snap)
	}
}
