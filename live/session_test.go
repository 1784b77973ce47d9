package live

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

func testDeck() *quizzes.Deck {
	return &quizzes.Deck{ID: "t.en", Title: "Test", Lang: "en", Source: "x", Slides: []quizzes.Slide{
		{Title: "Welcome", HTML: "<h1>Welcome</h1>"},
		{Title: "Pick one", Question: &quizzes.Question{ID: "q1", Kind: quizzes.Single, Prompt: "Pick one",
			Options: []quizzes.Option{{Text: "a"}, {Text: "b", Correct: true}, {Text: "c"}}, Explanation: "b it is"}},
		{Title: "Pick some", Question: &quizzes.Question{ID: "q2", Kind: quizzes.Multiple, Prompt: "Pick some",
			Options: []quizzes.Option{{Text: "a", Correct: true}, {Text: "b"}, {Text: "c", Correct: true}}}},
		{Title: "Poll", Question: &quizzes.Question{ID: "q3", Kind: quizzes.Poll, Prompt: "Poll",
			Options: []quizzes.Option{{Text: "x"}, {Text: "y"}}}},
	}}
}

func newTestManager(t *testing.T) (*Manager, *store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rt.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m := NewManager(st, nil)
	t.Cleanup(func() {
		m.Shutdown(context.Background())
		st.Close()
	})
	return m, st, path
}

// recv returns the next frame decoded, failing after a second.
func recv(t *testing.T, sub *Sub) map[string]any {
	t.Helper()
	select {
	case f, ok := <-sub.Out():
		if !ok {
			t.Fatal("the subscriber was closed")
		}
		var m map[string]any
		if err := json.Unmarshal(f.Data, &m); err != nil {
			t.Fatal(err)
		}
		return m
	case <-time.After(time.Second):
		t.Fatal("no frame within a second")
	}
	return nil
}

func TestStateMachine(t *testing.T) {
	m, _, _ := newTestManager(t)
	ctx := context.Background()
	s, err := m.Start(ctx, testDeck())
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name  string
		do    func() (Snapshot, error)
		index int
		phase string
		err   error
	}{
		{"start", s.Snapshot, -1, PhaseLobby, nil},
		{"reveal in lobby", s.Reveal, -1, PhaseLobby, nil},
		{"next", s.Next, 0, PhaseSlide, nil},
		{"reveal a content slide", s.Reveal, 0, PhaseSlide, nil},
		{"next to a question", s.Next, 1, PhaseQuestion, nil},
		{"reveal", s.Reveal, 1, PhaseRevealed, nil},
		{"next", s.Next, 2, PhaseQuestion, nil},
		{"back to the revealed one", s.Prev, 1, PhaseRevealed, nil},
		{"goto past the end", func() (Snapshot, error) { return s.Goto(9) }, 1, PhaseRevealed, ErrBadSlide},
		{"goto the poll", func() (Snapshot, error) { return s.Goto(3) }, 3, PhaseQuestion, nil},
		{"next at the last slide stays", s.Next, 3, PhaseQuestion, ErrBadSlide},
		{"goto lobby", func() (Snapshot, error) { return s.Goto(-1) }, -1, PhaseLobby, nil},
		{"end", func() (Snapshot, error) { return s.End(ctx) }, -1, PhaseEnded, nil},
		{"end again is fine", func() (Snapshot, error) { return s.End(ctx) }, -1, PhaseEnded, nil},
		{"next after end", s.Next, -1, PhaseEnded, ErrEnded},
	}
	for _, step := range steps {
		snap, err := step.do()
		if err != step.err {
			t.Errorf("%s: got error %v, want %v", step.name, err, step.err)
		}
		if snap.Index != step.index || snap.Phase != step.phase {
			t.Errorf("%s: got slide %d %s, want %d %s", step.name, snap.Index, snap.Phase, step.index, step.phase)
		}
	}
}

func TestAnswersAreCountedAfterCommitAndReplaced(t *testing.T) {
	m, st, _ := newTestManager(t)
	ctx := context.Background()
	s, _ := m.Start(ctx, testDeck())
	phone := NewSub()
	pid, err := s.Join(ctx, "", "es", phone)
	if err != nil {
		t.Fatal(err)
	}
	w := recv(t, phone)
	if _, named := w["nick"]; w["type"] != "welcome" || named || w["token"] == "" {
		t.Fatalf("got %v, want a welcome with a token and no nick (nicknames are game mode's)", w)
	}
	if sl := recv(t, phone); sl["type"] != "slide" || sl["phase"] != PhaseLobby {
		t.Fatalf("got %v, want the lobby slide", sl)
	}
	if _, err := s.Answer(ctx, pid, 1, []int{1}); err != ErrWrongSlide {
		t.Errorf("answer in the lobby: got %v, want wrong_slide", err)
	}
	s.Goto(1)
	recv(t, phone)
	for _, c := range []struct {
		choice []int
		err    string
	}{{[]int{3}, "bad_choice"}, {[]int{0, 1}, "bad_choice"}, {nil, "bad_choice"}, {[]int{-1}, "bad_choice"}} {
		_, err := s.Answer(ctx, pid, 1, c.choice)
		if le, ok := err.(*Error); !ok || le.Code != c.err {
			t.Errorf("choice %v: got %v, want %s", c.choice, err, c.err)
		}
	}
	for _, choice := range [][]int{{0}, {0}, {1}} { // again, then changed
		if _, err := s.Answer(ctx, pid, 1, choice); err != nil {
			t.Fatal(err)
		}
	}
	snap, _ := s.Snapshot()
	if snap.Answered != 1 {
		t.Errorf("got %d answered, want 1", snap.Answered)
	}
	answers, _ := st.Answers(ctx, s.ID)
	if len(answers) != 1 || !slices.Equal(answers[0].Choice, []int{1}) || !*answers[0].Correct {
		t.Errorf("got %+v, want one right answer [1]", answers)
	}
	s.Reveal()
	rv := recv(t, phone)
	reveal, _ := rv["reveal"].(map[string]any)
	if reveal == nil || reveal["total"] != 1.0 || !slices.Equal(toInts(reveal["counts"]), []int{0, 1, 0}) || !slices.Equal(toInts(reveal["correct"]), []int{1}) {
		t.Errorf("got %v, want counts [0 1 0], correct [1], total 1", rv)
	}
	if _, err := s.Answer(ctx, pid, 1, []int{2}); err != ErrClosed {
		t.Errorf("answer after reveal: got %v, want question_closed", err)
	}
}

func toInts(v any) []int {
	var out []int
	for _, x := range v.([]any) {
		out = append(out, int(x.(float64)))
	}
	return out
}

func TestResumeReplacesTheOldConnection(t *testing.T) {
	m, _, _ := newTestManager(t)
	ctx := context.Background()
	s, _ := m.Start(ctx, testDeck())
	first := NewSub()
	s.Join(ctx, "Sam", "en", first)
	token := recv(t, first)["token"].(string)
	recv(t, first)
	if _, err := s.Resume("not-a-token", NewSub()); err != ErrBadToken {
		t.Errorf("got %v, want bad_token", err)
	}
	second := NewSub()
	if _, err := s.Resume(token, second); err != nil {
		t.Fatal(err)
	}
	if bye := recv(t, first); bye["type"] != "bye" || bye["reason"] != "replaced" {
		t.Errorf("old connection: got %v, want bye replaced", bye)
	}
	if w := recv(t, second); w["resumed"] != true || w["token"] != token {
		t.Errorf("got %v, want a resumed welcome with the same token", w)
	}
	snap, _ := s.Snapshot()
	if snap.Joined != 1 || snap.Connected != 1 {
		t.Errorf("got joined %d connected %d, want 1 and 1", snap.Joined, snap.Connected)
	}
}

func TestSlowPhoneIsDroppedNotWaitedFor(t *testing.T) {
	m, _, _ := newTestManager(t)
	ctx := context.Background()
	s, _ := m.Start(ctx, testDeck())
	slow, fast := NewSub(), NewSub()
	s.Join(ctx, "", "en", slow)
	s.Join(ctx, "", "en", fast)
	for i := 0; i < QueueLen+5; i++ {
		s.Goto(i % 2)
		recv(t, fast)
		if i == 0 {
			recv(t, fast) // welcome and lobby
			recv(t, fast)
		}
	}
	select {
	case <-slow.Dropped():
	case <-time.After(time.Second):
		t.Fatal("the phone that never read was not dropped")
	}
	snap, _ := s.Snapshot()
	if snap.Connected != 1 {
		t.Errorf("got %d connected, want 1", snap.Connected)
	}
}

func TestRestoreKeepsPositionParticipantsAndAnswers(t *testing.T) {
	m, st, _ := newTestManager(t)
	ctx := context.Background()
	s, _ := m.Start(ctx, testDeck())
	phone := NewSub()
	pid, _ := s.Join(ctx, "", "en", phone)
	token := recv(t, phone)["token"].(string)
	s.Goto(2)
	if _, err := s.Answer(ctx, pid, 2, []int{2, 0}); err != nil {
		t.Fatal(err)
	}
	s.Reveal()
	s.Goto(1) // unanswered, open
	// What a restart reads back:
	time.Sleep(50 * time.Millisecond) // positions are written asynchronously
	rec, _ := st.Session(ctx, s.ID)
	parts, _ := st.Participants(ctx, s.ID)
	answers, _ := st.Answers(ctx, s.ID)
	m2 := NewManager(st, nil)
	defer m2.Shutdown(ctx)
	r := m2.restore(rec, testDeck(), parts, answers)
	snap, _ := r.Snapshot()
	if snap.Index != 1 || snap.Phase != PhaseQuestion || snap.Joined != 1 {
		t.Errorf("got %+v, want slide 1 open, 1 joined", snap)
	}
	back := NewSub()
	if _, err := r.Resume(token, back); err != nil {
		t.Fatal(err)
	}
	w := recv(t, back)
	got := w["answers"].(map[string]any)["2"]
	if !slices.Equal(toInts(got), []int{0, 2}) {
		t.Errorf("got answers %v, want slide 2: [0 2]", w["answers"])
	}
	r.Goto(2)
	if sl := recv(t, back); sl["phase"] != PhaseQuestion {
		// welcome was followed by the current slide
		if sl2 := recv(t, back); sl2["phase"] != PhaseRevealed {
			t.Errorf("got %v, want slide 2 revealed again", sl2)
		}
	}
}

func TestNickRules(t *testing.T) {
	for _, c := range []struct {
		nick string
		ok   bool
	}{{"", true}, {"Sam", true}, {"Ana María", true}, {"123456789012345678901234", true}, {"1234567890123456789012345", false},
		{"a\x00b", false}, {"bell\a", false}, {"rtl\u202eevil", false}, {"\xff", false}} {
		if got := ValidNick(c.nick); got != c.ok {
			t.Errorf("ValidNick(%q): got %v, want %v", c.nick, got, c.ok)
		}
	}
}

func TestLateAnswerFromAReplacedConnectionIsRefused(t *testing.T) {
	m, st, _ := newTestManager(t)
	ctx := context.Background()
	s, _ := m.Start(ctx, testDeck())
	old := NewSub()
	pid, _ := s.Join(ctx, "", "en", old)
	token := recv(t, old)["token"].(string)
	s.Goto(1)
	now := NewSub()
	if _, err := s.Resume(token, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AnswerFrom(ctx, pid, now, 1, []int{1}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AnswerFrom(ctx, pid, old, 1, []int{0}); err != ErrReplaced {
		t.Errorf("answer from the replaced connection: got %v, want replaced", err)
	}
	answers, _ := st.Answers(ctx, s.ID)
	if len(answers) != 1 || !slices.Equal(answers[0].Choice, []int{1}) {
		t.Errorf("got %+v, want the new connection's [1]", answers)
	}
}
