package live

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// One reaction a second per participant, the clock being the server's:
// the second one within the second is dropped, the one after it counts;
// participants do not share a cap; nothing counts while off, and what
// waits when the switch goes off is forgotten.
func TestReactorCapsEachPhone(t *testing.T) {
	var r reactor
	t0 := time.Unix(1000, 0)
	if r.add("a", 0, t0) {
		t.Fatal("counted while off")
	}
	r.set(true)
	for i, c := range []struct {
		pid  string
		at   time.Duration
		want bool
	}{{"a", 0, true}, {"a", 10 * time.Millisecond, false}, {"b", 20 * time.Millisecond, true}, {"a", 999 * time.Millisecond, false}, {"a", time.Second, true}, {"a", 1500 * time.Millisecond, false}} {
		if got := r.add(c.pid, 1, t0.Add(c.at)); got != c.want {
			t.Errorf("step %d: %s at %v: got %v, want %v", i, c.pid, c.at, got, c.want)
		}
	}
	if c, any := r.take(); !any || c != [5]int{0, 3, 0, 0, 0} {
		t.Errorf("take: got %v %v, want [0 3 0 0 0] true", c, any)
	}
	if c, any := r.take(); any || c != [5]int{} {
		t.Errorf("a second take: got %v %v, want nothing", c, any)
	}
	r.add("c", 2, t0)
	r.set(false)
	if _, any := r.take(); any {
		t.Error("reactions waiting when the switch went off were still sent")
	}
}

// FuzzReact sends what a phone could put in react's emoji, in a session
// with reactions on or off: an index outside the set is an error, nothing
// else is; what host_reactions then reports is at most one reaction (one
// phone, one second), of a valid emoji, and none while off.
func FuzzReact(f *testing.F) {
	f.Add(true, []byte{0, 0, 0})
	f.Add(true, []byte{4})
	f.Add(false, []byte{1, 2})
	f.Add(true, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Add(true, []byte{5, 0xfb})
	f.Fuzz(func(t *testing.T, on bool, raw []byte) {
		m := NewManager(&memStore{answers: map[string][]int{}}, nil)
		defer m.Shutdown(context.Background())
		s, err := m.Start(context.Background(), testDeck())
		if err != nil {
			t.Fatal(err)
		}
		sub := NewSub()
		go func() {
			for range sub.Out() {
			}
		}()
		pid, err := s.Join(context.Background(), "", "en", sub)
		if err != nil {
			t.Fatal(err)
		}
		if snap, _ := s.SetReactions(on); snap.Reactions != on {
			t.Fatalf("switched to %v: the state says %v", on, snap.Reactions)
		}
		var emojis []int
		for len(raw) >= 8 {
			emojis = append(emojis, int(int64(binary.LittleEndian.Uint64(raw))))
			raw = raw[8:]
		}
		for _, b := range raw {
			emojis = append(emojis, int(int8(b)))
		}
		valid := 0
		for _, e := range emojis {
			err := s.React(pid, sub, e)
			if ok := e >= 0 && e < len(Emoji); ok != (err == nil) {
				t.Fatalf("react %d: got %v", e, err)
			}
			if err == nil {
				valid++
			}
			if err != nil && err != ErrBadEmoji {
				t.Fatalf("react %d: got %v, want %v", e, err, ErrBadEmoji)
			}
		}
		c, _ := s.react.take()
		n := 0
		for _, v := range c {
			n += v
		}
		want := min(valid, 1)
		if !on {
			want = 0
		}
		// The fuzzer may take longer than a second over one input.
		if n != want && !(on && n > want && n <= valid) {
			t.Fatalf("on=%v, %d valid reactions: got %v, want %d in all", on, valid, c, want)
		}
	})
}

// The switch goes to phones in slide and to the presenter in host_state,
// and is kept with the steps.
func TestReactionsSwitchIsSentAndKept(t *testing.T) {
	m, _, _ := newTestManager(t)
	s, err := m.Start(context.Background(), testDeck())
	if err != nil {
		t.Fatal(err)
	}
	sub := NewSub()
	if _, err := s.Join(context.Background(), "", "en", sub); err != nil {
		t.Fatal(err)
	}
	s.Next()
	if snap, _ := s.Snapshot(); snap.Reactions {
		t.Fatal("reactions are on before anyone turned them on")
	}
	if snap, _ := s.SetReactions(true); !snap.Reactions {
		t.Fatal("the presenter turned reactions on; the state says off")
	}
	var last struct {
		Type      string
		Reactions bool
	}
	for len(sub.out) > 0 {
		json.Unmarshal((<-sub.out).Data, &last)
	}
	if last.Type != "slide" || !last.Reactions {
		t.Errorf("the phone's last message: got %+v, want a slide with reactions", last)
	}
	var rec []bool
	s.do(func(st *state) {
		if r := st.stepsRecord().Reactions; r != nil {
			rec = append(rec, *r)
		}
	})
	if len(rec) != 1 || !rec[0] {
		t.Errorf("steps record: got %v, want the switch on", rec)
	}
}

// Which way reactions are, slide by slide: the presenter's switch when
// set, else the slide's directive, else the deck's front matter.
func TestReactionsFollowTheSwitchThenTheSlideThenTheDeck(t *testing.T) {
	deck := func(front bool) *quizzes.Deck {
		d := testDeck()
		d.Reactions = front
		d.Slides[1].Reactions = "off"
		d.Slides[2].Reactions = "on"
		return d
	}
	for _, c := range []struct {
		name  string
		front bool
		sw    *bool
		want  string // lobby, then slides 0–3
	}{
		{"deck off", false, nil, "-,-,-,on,-"},
		{"deck on", true, nil, "on,on,-,on,on"},
		{"switch on", false, ptr(true), "on,on,on,on,on"},
		{"switch off", true, ptr(false), "-,-,-,-,-"},
	} {
		m := NewManager(&memStore{answers: map[string][]int{}}, nil)
		s, err := m.Start(context.Background(), deck(c.front))
		if err != nil {
			t.Fatal(err)
		}
		if c.sw != nil {
			s.SetReactions(*c.sw)
		}
		var got []string
		for i := -1; i < 4; i++ {
			snap, _ := s.Goto(i)
			on := "-"
			if snap.Reactions {
				on = "on"
			}
			if ph := s.react.add("p"+strconv.Itoa(i), 0, time.Now()); ph != snap.Reactions {
				t.Errorf("%s, slide %d: the state says %v, phones' reactions count %v", c.name, i, snap.Reactions, ph)
			}
			got = append(got, on)
		}
		if g := strings.Join(got, ","); g != c.want {
			t.Errorf("%s: got %s, want %s", c.name, g, c.want)
		}
		m.Shutdown(context.Background())
	}
}

func ptr[T any](v T) *T { return &v }
