package live

import (
	"context"
	"encoding/binary"
	"slices"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/roundtable-kit/roundtable/record"
)

// FuzzValidNick: whatever a phone sends as a nickname, an accepted one is
// short, valid UTF-8 and free of control and bidi/format characters.
func FuzzValidNick(f *testing.F) {
	for _, s := range []string{"", "Sam", "Nutria Tranquila", "a\u0001b", "a\u202eb", "\u200b", "\xff",
		"<script>alert(1)</script>", "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", "e\u0301", "\t", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, nick string) {
		if !ValidNick(nick) {
			return
		}
		if !utf8.ValidString(nick) || utf8.RuneCountInString(nick) > 24 {
			t.Fatalf("accepted %q: not UTF-8 or over 24 characters", nick)
		}
		for _, r := range nick {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("accepted %q with %U", nick, r)
			}
		}
	})
}

// memStore is a Store that keeps answers in memory, so the fuzzer runs fast.
type memStore struct{ answers map[string][]int }

func (m *memStore) CreateSession(context.Context, record.Session) error      { return nil }
func (m *memStore) SaveState(string, int, string, []int, record.Steps)       {}
func (m *memStore) SavePosition(context.Context, string, string, int) error  { return nil }
func (m *memStore) EndSession(context.Context, string, time.Time) error      { return nil }
func (m *memStore) AddParticipant(context.Context, record.Participant) error { return nil }
func (m *memStore) Healthy() bool                                            { return true }
func (m *memStore) Session(context.Context, string) (record.Session, error) {
	return record.Session{}, nil
}
func (m *memStore) Sessions(context.Context, bool) ([]record.Session, error) { return nil, nil }
func (m *memStore) Participants(context.Context, string) ([]record.Participant, error) {
	return nil, nil
}
func (m *memStore) Answers(context.Context, string) ([]record.Answer, error) { return nil, nil }
func (m *memStore) EndedCodes(context.Context, time.Time) (map[string]time.Time, error) {
	return nil, nil
}
func (m *memStore) SaveAnswer(_ context.Context, a record.Answer) error {
	m.answers[a.ParticipantID+"/"+string(rune('0'+a.Slide))] = a.Choice
	return nil
}

// FuzzAnswer plays answers with any slide and choice a client could send:
// a refusal is a protocol error, an accepted answer is valid for its
// question, and the counts always add up to what was accepted.
func FuzzAnswer(f *testing.F) {
	f.Add(1, 1, []byte{1})
	f.Add(1, 1, []byte{1, 1})
	f.Add(2, 2, []byte{0, 2})
	f.Add(2, 2, []byte{})
	f.Add(3, 3, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Add(1, 3, []byte{0})
	f.Add(-1, -5, []byte{2})
	f.Fuzz(func(t *testing.T, at, slide int, raw []byte) {
		st := &memStore{answers: map[string][]int{}}
		m := NewManager(st, nil)
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
		s.Goto(at)
		var choice []int
		for len(raw) >= 8 {
			choice = append(choice, int(int64(binary.LittleEndian.Uint64(raw))))
			raw = raw[8:]
		}
		for _, b := range raw {
			choice = append(choice, int(b))
		}
		got, err := s.Answer(context.Background(), pid, slide, choice)
		snap, _ := s.Snapshot()
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("answer %d %v: got %v, want a protocol error", slide, choice, err)
			}
			if snap.Answered != 0 || len(st.answers) != 0 {
				t.Fatalf("a refused answer was counted (%d) or stored (%v)", snap.Answered, st.answers)
			}
			return
		}
		q := testDeck().Slides[slide].Question
		if q == nil || !slices.IsSorted(got) || len(got) == 0 {
			t.Fatalf("accepted %v for slide %d: got %v", choice, slide, got)
		}
		for _, c := range got {
			if c < 0 || c >= len(q.Options) {
				t.Fatalf("accepted option %d of %d", c, len(q.Options))
			}
		}
		if snap.Answered != 1 || len(st.answers) != 1 {
			t.Fatalf("an accepted answer: got %d counted, %d stored, want 1 and 1", snap.Answered, len(st.answers))
		}
	})
}
