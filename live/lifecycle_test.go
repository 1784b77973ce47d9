package live

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
	"github.com/roundtable-kit/roundtable/store"
)

// drain reads what a sub was sent until it is closed, and returns the
// frames' types.
func drain(t *testing.T, sub *Sub) []string {
	t.Helper()
	var types []string
	for {
		select {
		case f, ok := <-sub.Out():
			if !ok {
				return types
			}
			types = append(types, string(f.Data))
		case <-time.After(time.Second):
			t.Fatalf("not closed within a second; got %v", types)
		}
	}
}

func TestEndStopsTheSessionAndKeepsItsCode(t *testing.T) {
	m, st, _ := newTestManager(t)
	ctx := context.Background()
	s, _ := m.Start(ctx, testDeck())
	phone := NewSub()
	pid, err := s.Join(ctx, "", "en", phone)
	if err != nil {
		t.Fatal(err)
	}
	host := NewSub()
	s.Subscribe(host)
	s.Goto(1)
	if _, err := s.Answer(ctx, pid, 1, []int{1}); err != nil {
		t.Fatal(err)
	}
	snap, err := s.End(ctx)
	if err != nil || snap.Phase != PhaseEnded || snap.Index != 1 {
		t.Fatalf("End: got %+v, %v, want slide 1 ended", snap, err)
	}

	// Everyone was told before being let go.
	pf := drain(t, phone)
	if len(pf) < 2 || !strings.Contains(pf[len(pf)-2], `"phase":"ended"`) || pf[len(pf)-1] != `{"type":"bye","reason":"ended"}` {
		t.Errorf("phone got %v, want the ended slide then bye ended", pf)
	}
	hf := drain(t, host)
	if len(hf) == 0 || !strings.Contains(hf[len(hf)-1], `"phase":"ended"`) {
		t.Errorf("presenter view got %v, want host_state ended last", hf)
	}

	// The goroutine stopped and the session left memory.
	select {
	case <-s.stopped:
	default:
		t.Error("the session's goroutine still runs after End")
	}
	if m.Get(s.ID) != nil || len(m.Sessions()) != 0 {
		t.Error("the ended session is still in memory")
	}
	if got, ended := m.Room(s.Code); got != nil || !ended {
		t.Errorf("Room(%s): got %v, %v, want nil, ended", s.Code, got, ended)
	}
	if got, ended := m.Room("ZZZZZZ"); got != nil || ended {
		t.Errorf("Room of an unknown code: got %v, %v, want nil, not ended", got, ended)
	}

	// The store has what the session was.
	rec, err := st.Session(ctx, s.ID)
	if err != nil || rec.EndedAt == nil || rec.Answered != 1 || rec.Participants != 1 || rec.Phase != PhaseEnded {
		t.Errorf("stored: got %+v, %v, want ended, 1 joined, 1 answered", rec, err)
	}

	// A caller still holding the session is answered, not hung.
	if snap, err := s.End(ctx); err != nil || snap.Phase != PhaseEnded {
		t.Errorf("End again: got %+v, %v, want ended and no error", snap, err)
	}
	if _, err := s.Next(); err != ErrEnded {
		t.Errorf("Next after End: got %v, want session_ended", err)
	}
	if _, err := s.Join(ctx, "", "en", NewSub()); err != ErrEnded {
		t.Errorf("Join after End: got %v, want session_ended", err)
	}
	if _, err := s.Answer(ctx, pid, 1, []int{0}); err != ErrEnded {
		t.Errorf("Answer after End: got %v, want session_ended", err)
	}
	late := NewSub()
	if err := s.Subscribe(late); err != nil {
		t.Fatal(err)
	}
	if lf := drain(t, late); len(lf) != 1 || !strings.Contains(lf[0], `"phase":"ended"`) {
		t.Errorf("a presenter view subscribing late got %v, want host_state ended", lf)
	}
}

func TestEndedCodesAreKeptADayAndBounded(t *testing.T) {
	m := NewManager(&memStore{answers: map[string][]int{}}, nil)
	now := time.Now()
	m.mu.Lock()
	m.noteEndedLocked("OLDOLD", now.Add(-EndedKeep-time.Minute))
	m.noteEndedLocked("NEWNEW", now.Add(-EndedKeep+time.Hour))
	m.mu.Unlock()
	if _, ended := m.Room("NEWNEW"); !ended {
		t.Error("a code that ended 23 h ago: want ended")
	}
	if _, ended := m.Room("OLDOLD"); ended {
		t.Error("a code that ended over a day ago: want free")
	}
	m.mu.Lock()
	m.noteEndedLocked("AAAAAA", now)
	if _, ok := m.ended["OLDOLD"]; ok {
		t.Error("an entry over a day old was not dropped")
	}
	for i := len(m.ended); i < maxEnded; i++ {
		m.ended[fmt.Sprintf("X%05d", i)] = now.Add(time.Duration(i) * time.Millisecond)
	}
	m.noteEndedLocked("BBBBBB", now.Add(time.Hour))
	n := len(m.ended)
	_, newest := m.ended["BBBBBB"]
	_, oldest := m.ended["NEWNEW"]
	m.mu.Unlock()
	if n != maxEnded || !newest || oldest {
		t.Errorf("at the bound: got %d entries (newest kept %v, oldest kept %v), want %d, true, false", n, newest, oldest, maxEnded)
	}
}

func TestRestoreAllBringsBackOpenSessionsAndEndedCodes(t *testing.T) {
	m, st, _ := newTestManager(t)
	ctx := context.Background()
	src, err := os.ReadFile("../embed/decks/try.en.md")
	if err != nil {
		t.Fatal(err)
	}
	deck, _ := quizzes.Parse("try.en", src)
	open, _ := m.Start(ctx, deck) // its stored source must parse to come back
	ended, _ := m.Start(ctx, testDeck())
	ended.End(ctx)
	// A session that ended two days ago: its code is free again.
	old := record.Session{ID: "old", Code: "OLD234", DeckID: "t.en", DeckSource: "x", Slide: -1, Slides: 1, Phase: PhaseLobby, CreatedAt: time.Now().Add(-72 * time.Hour)}
	if err := st.CreateSession(ctx, old); err != nil {
		t.Fatal(err)
	}
	st.EndSession(ctx, "old", time.Now().Add(-48*time.Hour))
	openCode := open.Code

	m2 := NewManager(st, func() string { return "http://10.0.0.2:8080" })
	defer m2.Shutdown(ctx)
	if err := m2.RestoreAll(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	if s, _ := m2.Room(openCode); s == nil || s.ID != open.ID {
		t.Errorf("the open session: got %v, want it running again", s)
	} else if got := s.Info().JoinURL; got != "http://10.0.0.2:8080/j/"+openCode {
		t.Errorf("join URL: got %q, want it from the manager's join base", got)
	}
	if s, isEnded := m2.Room(ended.Code); s != nil || !isEnded {
		t.Errorf("the code that ended today: got %v, %v, want session over", s, isEnded)
	}
	if _, isEnded := m2.Room("OLD234"); isEnded {
		t.Error("a code that ended two days ago: want free")
	}
}

func TestJoinAddressChangeReachesPresenterViewsOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rt.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	base := "http://192.168.1.20:8080"
	var mu sync.Mutex
	m := NewManager(st, func() string { mu.Lock(); defer mu.Unlock(); return base })
	ctx := context.Background()
	defer m.Shutdown(ctx)
	s, _ := m.Start(ctx, testDeck())
	phone := NewSub()
	s.Join(ctx, "", "en", phone)
	recv(t, phone) // welcome
	recv(t, phone) // slide
	host := NewSub()
	s.Subscribe(host)
	if got := recv(t, host)["session"].(map[string]any)["join_url"]; got != base+"/j/"+s.Code {
		t.Fatalf("join_url: got %v, want %s/j/%s", got, base, s.Code)
	}

	mu.Lock()
	base = "http://10.0.0.5:8080"
	mu.Unlock()
	m.JoinBaseChanged()
	if got := recv(t, host)["session"].(map[string]any)["join_url"]; got != "http://10.0.0.5:8080/j/"+s.Code {
		t.Errorf("after the change: got join_url %v, want the new address", got)
	}
	// JoinBaseChanged waited for the session: a frame for the phone would be queued by now.
	select {
	case f := <-phone.Out():
		t.Errorf("the phone was sent %s; want nothing (its slide did not change)", f.Data)
	default:
	}
	if snap, _ := s.Snapshot(); snap.JoinURL != "http://10.0.0.5:8080/j/"+s.Code {
		t.Errorf("snapshot join_url: got %q, want the new address", snap.JoinURL)
	}
}
