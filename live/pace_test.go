package live

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// nextOf returns the next frame of type typ, skipping others.
func nextOf(t *testing.T, sub *Sub, typ string) map[string]any {
	t.Helper()
	for range 20 {
		if m := recv(t, sub); m["type"] == typ {
			return m
		}
	}
	t.Fatalf("no %s frame", typ)
	return nil
}

func TestSelfPacedCursorIsEachPhones(t *testing.T) {
	m, st, _ := newTestManager(t)
	ctx := context.Background()
	s, err := m.StartPaced(ctx, testDeck(), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, b := NewSub(), NewSub()
	pa, err := s.Join(ctx, "", "en", a)
	if err != nil {
		t.Fatal(err)
	}
	nextOf(t, a, "welcome")
	if f := nextOf(t, a, "slide"); f["index"] != 0.0 || f["phase"] != PhaseSlide || f["pace"] != true || f["html"] != "<h1>Welcome</h1>" {
		t.Fatalf("a joined to %v, want slide 0 with its html and pace", f)
	}
	pb, err := s.Join(ctx, "", "en", b)
	if err != nil {
		t.Fatal(err)
	}
	nextOf(t, b, "welcome")
	nextOf(t, b, "slide")

	// a moves to the single question; b stays on the welcome slide.
	if err := s.Go(ctx, a, 1); err != nil {
		t.Fatal(err)
	}
	if f := nextOf(t, a, "slide"); f["index"] != 1.0 || f["phase"] != PhaseQuestion {
		t.Fatalf("a moved to %v, want slide 1 open", f)
	}
	// The question on the slide a is on takes a's answer; b, on slide 0, is refused it.
	if _, err := s.Answer(ctx, pb, 1, []int{1}); !errors.Is(err, ErrWrongSlide) {
		t.Fatalf("b answering a slide it is not on: %v, want wrong_slide", err)
	}
	if _, err := s.Answer(ctx, pa, 1, []int{0}); err != nil {
		t.Fatalf("a answering its slide: %v", err)
	}
	// Scored: a now sees the right answer and the explanation.
	f := nextOf(t, a, "slide")
	r, _ := f["reveal"].(map[string]any)
	if f["phase"] != PhaseRevealed || r == nil || r["explanation"] != "b it is" || len(r["correct"].([]any)) != 1 {
		t.Fatalf("after answering a got %v, want the reveal with the explanation", f)
	}
	// The same answer again is a resend (acked); another is refused: a saw the right one.
	if _, err := s.Answer(ctx, pa, 1, []int{0}); err != nil {
		t.Fatalf("the same answer again: %v", err)
	}
	if _, err := s.Answer(ctx, pa, 1, []int{1}); !errors.Is(err, ErrClosed) {
		t.Fatalf("changing a scored answer after its reveal: %v, want question_closed", err)
	}
	// Out of range and content slides are refused; moving past the end is finishing.
	if _, err := s.Answer(ctx, pa, 9, []int{0}); !errors.Is(err, ErrBadSlide) {
		t.Fatalf("answer to slide 9: %v, want bad_slide", err)
	}
	if err := s.Go(ctx, a, 5); !errors.Is(err, ErrBadSlide) {
		t.Fatalf("go 5 of 4: %v, want bad_slide", err)
	}
	if err := s.Go(ctx, a, 0); err != nil {
		t.Fatal(err)
	}
	nextOf(t, a, "slide")
	if _, err := s.Answer(ctx, pa, 0, []int{0}); !errors.Is(err, ErrClosed) {
		t.Fatalf("answer to a content slide: %v, want question_closed", err)
	}
	// A poll is not scored: the phone may change its answer, and sees no reveal.
	if err := s.Go(ctx, a, 3); err != nil {
		t.Fatal(err)
	}
	nextOf(t, a, "slide")
	for _, c := range [][]int{{0}, {1}} {
		if _, err := s.Answer(ctx, pa, 3, c); err != nil {
			t.Fatalf("poll answer %v: %v", c, err)
		}
	}
	if err := s.Go(ctx, a, 4); err != nil {
		t.Fatal(err)
	}
	if f := nextOf(t, a, "slide"); f["phase"] != PhaseFinished || f["index"] != 4.0 {
		t.Fatalf("past the end: %v, want finished", f)
	}

	// The presenter cannot move the slides, and hears where the phones are.
	if _, err := s.Next(); !errors.Is(err, ErrSelfPaced) {
		t.Fatalf("next in a self-paced session: %v, want self_paced", err)
	}
	if _, err := s.Reveal(); !errors.Is(err, ErrSelfPaced) {
		t.Fatalf("reveal in a self-paced session: %v, want self_paced", err)
	}
	if err := s.QAOpen(true); !errors.Is(err, ErrSelfPaced) {
		t.Fatalf("Q&A in a self-paced session: %v, want self_paced", err)
	}
	var hp *hostPace
	s.do(func(st *state) { hp = st.hostPace() })
	if hp.On[0] != 1 || hp.Finished != 1 || hp.Answered[1] != 1 || hp.Answered[3] != 1 || hp.Counts[3][1] != 1 || hp.Counts[3][0] != 0 {
		t.Fatalf("host pace %+v: want b on slide 0, a finished, one answer each on 1 and 3 (the poll's changed to y)", hp)
	}
	snap, _ := s.Snapshot()
	if snap.Mode != "self-paced" || snap.Index != -1 {
		t.Fatalf("snapshot mode %q index %d, want self-paced in the lobby", snap.Mode, snap.Index)
	}

	// Restored after a restart: positions and answers come back.
	st.SetPractice(ctx, s.ID, false) // a write waited for: the positions queued before it are committed
	rec, _ := st.Session(ctx, s.ID)
	parts, _ := st.Participants(ctx, s.ID)
	ans, _ := st.Answers(ctx, s.ID)
	s2, st2 := m.load(rec, testDeck(), parts, ans)
	if s2.pace == nil {
		t.Fatal("the restored session is not self-paced")
	}
	if pa := st2.parts[pa]; pa.at != 4 {
		t.Fatalf("a restored at %d, want 4 (finished)", pa.at)
	}
	if pb := st2.parts[pb]; pb.at != 0 {
		t.Fatalf("b restored at %d, want 0", pb.at)
	}
	if _, _, _, err := s2.check(pa, nil, 1, quizzes.Response{Choice: []int{1}}); err == nil {
		t.Fatal("a restored could change its scored answer")
	}

	// A participant removed (answers kept, anonymous) is no longer on a slide.
	if _, err := s.Remove(ctx, pa, false); err != nil {
		t.Fatal(err)
	}
	s.do(func(st *state) { hp = st.hostPace() })
	if hp.Finished != 0 || hp.On[0] != 1 || hp.Answered[1] != 1 {
		t.Fatalf("after removing a: %+v, want b alone on slide 0, a's answer kept", hp)
	}
	rec, _ = st.Session(ctx, s.ID)
	parts, _ = st.Participants(ctx, s.ID)
	ans, _ = st.Answers(ctx, s.ID)
	_, st3 := m.load(rec, testDeck(), parts, ans)
	if n := len(st3.paceAt); n == 0 || st3.paceAt[0] != 1 || st3.paceAt[4] != 0 {
		t.Fatalf("restored after the removal: %v, want b alone, on slide 0", st3.paceAt)
	}
}

func TestAnswersToOtherSlidesOnlySelfPaced(t *testing.T) {
	m, _, _ := newTestManager(t)
	ctx := context.Background()
	s, err := m.Start(ctx, testDeck())
	if err != nil {
		t.Fatal(err)
	}
	sub := NewSub()
	pid, err := s.Join(ctx, "", "en", sub)
	if err != nil {
		t.Fatal(err)
	}
	s.Goto(1)
	for {
		f := nextOf(t, sub, "slide")
		if f["index"] != 1.0 {
			continue
		}
		if _, ok := f["pace"]; ok || f["html"] != nil {
			t.Fatalf("a live session's slide message %v has self-paced fields", f)
		}
		break
	}
	if _, err := s.Answer(ctx, pid, 3, []int{0}); !errors.Is(err, ErrWrongSlide) {
		t.Fatalf("a live session took an answer to another slide: %v", err)
	}
	if err := s.Go(ctx, sub, 3); !errors.Is(err, ErrNotSelfPaced) {
		t.Fatalf("go in a live session: %v, want not_self_paced", err)
	}
	if snap, _ := s.Snapshot(); snap.Mode != "" {
		t.Fatalf("mode %q, want none (live)", snap.Mode)
	}
}

func TestSelfPacedWindow(t *testing.T) {
	m, st, _ := newTestManager(t)
	ctx := context.Background()
	past := time.Now().Add(-time.Minute)
	if _, err := m.StartPaced(ctx, testDeck(), &past); !errors.Is(err, ErrBadClosesAt) {
		t.Fatalf("a window closed already: %v, want bad_closes_at", err)
	}
	far := time.Now().Add(MaxPaceWindow + time.Hour)
	if _, err := m.StartPaced(ctx, testDeck(), &far); !errors.Is(err, ErrBadClosesAt) {
		t.Fatalf("a window past 30 days: %v, want bad_closes_at", err)
	}
	if _, err := m.start(ctx, testDeck(), GameOptions{Game: true}, &pacing{}); !errors.Is(err, ErrModeConflict) {
		t.Fatalf("game and self-paced: %v, want mode_conflict", err)
	}
	soon := time.Now().Add(300 * time.Millisecond)
	s, err := m.StartPaced(ctx, testDeck(), &soon)
	if err != nil {
		t.Fatal(err)
	}
	sub := NewSub()
	if _, err := s.Join(ctx, "", "en", sub); err != nil {
		t.Fatal(err)
	}
	// The phone is told, as when a presenter ends it; then the store says ended.
	for {
		m := recv5(t, sub)
		if m["type"] == "bye" {
			if m["reason"] != "ended" {
				t.Fatalf("bye %v, want ended", m)
			}
			break
		}
	}
	select { // End stores the end, then stops the session
	case <-s.stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("the session did not stop")
	}
	rec, err := st.Session(ctx, s.ID)
	if err != nil || rec.EndedAt == nil || rec.Mode != "self-paced" || rec.ClosesAt == nil {
		t.Fatalf("stored %+v (%v): want ended, self-paced, with its closing time", rec, err)
	}
	if _, ended := m.Room(s.Code); !ended {
		t.Fatal("the room code does not say session over")
	}
}

// recv5 is recv for a frame that comes when a timer fires.
func recv5(t *testing.T, sub *Sub) map[string]any {
	t.Helper()
	select {
	case f, ok := <-sub.Out():
		if !ok {
			t.Fatal("closed without a bye")
		}
		var m map[string]any
		if err := json.Unmarshal(f.Data, &m); err != nil {
			t.Fatal(err)
		}
		return m
	case <-time.After(5 * time.Second):
		t.Fatal("the window did not close")
	}
	return nil
}

// Every kind a phone answers works self-paced: the room's voice kinds take
// their answers on the slide the phone is on; the scored ones (a number
// with a true value, type the answer) then show their reveal with the
// summary, the others stay open for a change of mind.
func TestSelfPacedEveryKind(t *testing.T) {
	m, _, _ := newTestManager(t)
	ctx := context.Background()
	s, err := m.StartPaced(ctx, voiceDeck(), nil)
	if err != nil {
		t.Fatal(err)
	}
	sub := NewSub()
	pid, err := s.Join(ctx, "", "en", sub)
	if err != nil {
		t.Fatal(err)
	}
	nextOf(t, sub, "welcome")
	nextOf(t, sub, "slide")
	v := func(x float64) *float64 { return &x }
	txt := func(x string) *string { return &x }
	for _, c := range []struct {
		slide  int
		r      quizzes.Response
		scored bool
	}{
		{1, quizzes.Response{Text: txt("a thought")}, false},
		{2, quizzes.Response{Words: []string{"calm", "safe"}}, false},
		{3, quizzes.Response{Value: v(4)}, false},
		{4, quizzes.Response{Choice: []int{2, 0, 1}}, false},
		{5, quizzes.Response{Value: v(41)}, true},
		{6, quizzes.Response{Text: txt("nino")}, true},
	} {
		if err := s.Go(ctx, sub, c.slide); err != nil {
			t.Fatal(err)
		}
		if f := nextOf(t, sub, "slide"); f["phase"] != PhaseQuestion {
			t.Fatalf("slide %d: %v, want it open", c.slide, f)
		}
		if _, err := s.Give(ctx, pid, sub, c.slide, c.r); err != nil {
			t.Fatalf("slide %d: %v", c.slide, err)
		}
		if !c.scored {
			if _, err := s.Give(ctx, pid, sub, c.slide, c.r); err != nil {
				t.Fatalf("slide %d, the same again: %v", c.slide, err)
			}
			continue
		}
		f := nextOf(t, sub, "slide")
		r, _ := f["reveal"].(map[string]any)
		if f["phase"] != PhaseRevealed || r == nil || (r["answer"] == nil && r["accepted"] == nil && len(r["correct"].([]any)) == 0) {
			t.Fatalf("slide %d after a right answer: %v, want its reveal with the right answer", c.slide, f)
		}
		// Not how the others answered: in a self-paced session that would
		// tell each phone what the phones before it chose.
		for _, k := range []string{"counts", "right", "texts", "histogram", "median", "words"} {
			if v, ok := r[k]; ok && v != nil {
				t.Errorf("slide %d: the self-paced reveal shows the others' %s: %v", c.slide, k, v)
			}
		}
		if r["total"] != 0.0 {
			t.Errorf("slide %d: the self-paced reveal says %v answered", c.slide, r["total"])
		}
	}
}

// TestSelfPacedFinishOffersTheHandout: a self-paced phone that goes past
// the last slide is offered the deck's take-home handout, as a live
// session's end offers it; the slides before it carry none.
func TestSelfPacedFinishOffersTheHandout(t *testing.T) {
	d := parseTwin(t, "take.en", "---\ntitle: Take home\nlang: en\nhandout: parents\n---\n\n# Hello\n\n---\n\n# Bye\n")
	m, _, _ := newTestManager(t)
	ctx := context.Background()
	s, err := m.StartPaced(ctx, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	sub := NewSub()
	if _, err := s.Join(ctx, "", "en", sub); err != nil {
		t.Fatal(err)
	}
	nextOf(t, sub, "welcome")
	if f := nextOf(t, sub, "slide"); f["handout"] != nil {
		t.Errorf("the first slide offers the handout already: %v", f)
	}
	if err := s.Go(ctx, sub, len(d.Slides)); err != nil {
		t.Fatal(err)
	}
	if f := nextOf(t, sub, "slide"); f["phase"] != PhaseFinished || f["handout"] != "parents" {
		t.Errorf("past the last slide: %v, want finished with the handout parents", f)
	}
}

// A self-paced phone is shown the slide it moved to only once the move is
// committed: after a crash it comes back on the slide it last saw. A move
// that cannot be stored leaves it where it was, and says so.
func TestAMoveIsShownOnlyOnceStored(t *testing.T) {
	st := openStore(t)
	saving, release := make(chan struct{}), make(chan struct{})
	var fail bool
	hs := &hookStore{Store: st}
	hs.moved = func(ctx context.Context, sid, pid string, slide int) error {
		close(saving)
		<-release
		if fail {
			return errors.New("disk full")
		}
		return st.SavePosition(ctx, sid, pid, slide)
	}
	m := NewManager(hs, nil)
	ctx := context.Background()
	defer m.Shutdown(ctx)
	s, err := m.StartPaced(ctx, testDeck(), nil)
	if err != nil {
		t.Fatal(err)
	}
	a := NewSub()
	pid, err := s.Join(ctx, "", "en", a)
	if err != nil {
		t.Fatal(err)
	}
	nextOf(t, a, "welcome")
	nextOf(t, a, "slide")
	moved := make(chan error, 1)
	go func() { moved <- s.Go(ctx, a, 2) }()
	<-saving
	select {
	case f := <-a.Out():
		t.Fatalf("the phone was sent %s before its move was stored", f.Data)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	if err := <-moved; err != nil {
		t.Fatal(err)
	}
	if f := nextOf(t, a, "slide"); f["index"] != 2.0 {
		t.Fatalf("after the commit the phone got %v, want slide 2", f)
	}
	ps, _ := st.Participants(ctx, s.ID)
	if len(ps) != 1 || ps[0].ID != pid || ps[0].Slide == nil || *ps[0].Slide != 2 {
		t.Fatalf("stored %+v, want the phone on slide 2", ps)
	}

	saving, release, fail = make(chan struct{}), make(chan struct{}), true
	close(release)
	if err := s.Go(ctx, a, 3); !errors.Is(err, ErrStorage) {
		t.Fatalf("a move the store refused: %v, want storage_unavailable", err)
	}
	select {
	case f := <-a.Out():
		t.Fatalf("a move that was not stored sent %s", f.Data)
	case <-time.After(100 * time.Millisecond):
	}
	if ps, _ := st.Participants(ctx, s.ID); *ps[0].Slide != 2 {
		t.Fatalf("after a refused move the phone is stored on %d, want 2", *ps[0].Slide)
	}
	if _, err := s.Answer(ctx, pid, 3, []int{0}); !errors.Is(err, ErrWrongSlide) {
		t.Fatalf("answering the slide a refused move named: %v, want wrong_slide", err)
	}
}
