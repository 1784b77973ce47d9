package live

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
)

// voiceDeck holds one question of each room's voice kind, slides 1–7.
func voiceDeck() *quizzes.Deck {
	ans := 42.0
	return &quizzes.Deck{ID: "v.en", Title: "Voice", Lang: "en", Source: "x", Slides: []quizzes.Slide{
		{Title: "Welcome"},
		{Title: "Open", Question: &quizzes.Question{ID: "o", Kind: quizzes.OpenText, Prompt: "Open", MaxChars: 280, Moderation: quizzes.ModerationQueue, PreferNot: true}},
		{Title: "Cloud", Question: &quizzes.Question{ID: "w", Kind: quizzes.WordCloud, Prompt: "Cloud", MaxChars: 25, Entries: 3}},
		{Title: "Scale", Question: &quizzes.Question{ID: "s", Kind: quizzes.Scale, Prompt: "Scale", Points: 5, PreferNot: true}},
		{Title: "Rank", Question: &quizzes.Question{ID: "r", Kind: quizzes.Ranking, Prompt: "Rank",
			Options: []quizzes.Option{{Text: "a"}, {Text: "b"}, {Text: "c"}}}},
		{Title: "Number", Question: &quizzes.Question{ID: "n", Kind: quizzes.Number, Prompt: "Number", Min: 0, Max: 100, Step: 1, Answer: &ans, Tolerance: 2}},
		{Title: "Typed", Question: &quizzes.Question{ID: "t", Kind: quizzes.TypeAnswer, Prompt: "Typed", MaxChars: 80, Accept: []string{"Niño"}}},
		{Title: "Open stream", Question: &quizzes.Question{ID: "o2", Kind: quizzes.OpenText, Prompt: "Open", MaxChars: 280, Moderation: quizzes.ModerationStream}},
	}}
}

// FuzzGive plays answers of every shape on every room's voice kind: a
// refusal is a protocol error (bad_choice or bad_text), an accepted answer
// is in its bounds (no control or format characters, within max_chars) and
// counted once, and the summary stays under its bound.
func FuzzGive(f *testing.F) {
	f.Add(1, uint8(1), "hello\nthere", 3.0, false)
	f.Add(2, uint8(2), "miedo|paz|MIEDO", 0.0, false)
	f.Add(3, uint8(3), "", 4.0, false)
	f.Add(3, uint8(4), "", 0.0, true)
	f.Add(5, uint8(3), "", 41.0, false)
	f.Add(5, uint8(3), "", math.Inf(1), false)
	f.Add(6, uint8(1), "n\u0303ino", 0.0, false)
	f.Add(1, uint8(1), "a\u202eb", 0.0, false)
	f.Add(1, uint8(1), strings.Repeat("é", 281), 0.0, false)
	f.Add(2, uint8(2), "|||", 0.0, false)
	f.Add(4, uint8(0), "2,0,1", 0.0, false)
	f.Fuzz(func(t *testing.T, slide int, shape uint8, text string, value float64, skip bool) {
		st := &memStore{answers: map[string][]int{}}
		m := NewManager(st, nil)
		defer m.Shutdown(context.Background())
		s, err := m.Start(context.Background(), voiceDeck())
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
		if slide >= 0 && slide < 8 {
			s.Goto(slide)
		}
		var r quizzes.Response
		switch shape % 5 {
		case 0:
			for _, f := range strings.Split(text, ",") {
				var n int
				fmt.Sscan(f, &n)
				r.Choice = append(r.Choice, n)
			}
		case 1:
			r.Text = &text
		case 2:
			r.Words = strings.Split(text, "|")
		case 3:
			r.Value = &value
		case 4:
			r.Skip = skip
			r.Text = &text
		}
		got, err := s.Give(context.Background(), pid, nil, slide, r)
		snap, _ := s.Snapshot()
		if err != nil {
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("got %v, want a protocol error", err)
			}
			if e.Code != "bad_choice" && e.Code != "bad_text" && e.Code != "wrong_slide" && e.Code != "question_closed" {
				t.Fatalf("refused with %s: %v", e.Code, err)
			}
			if snap.Answered != 0 || len(st.answers) != 0 {
				t.Fatalf("a refused answer was counted or stored")
			}
			return
		}
		q := voiceDeck().Slides[slide].Question
		texts := got.Words
		if got.Text != nil {
			texts = append(texts, *got.Text)
		}
		for _, s := range texts {
			if !utf8.ValidString(s) || utf8.RuneCountInString(s) > q.MaxChars {
				t.Fatalf("accepted %q over %d characters", s, q.MaxChars)
			}
			for _, c := range s {
				if c != '\n' && (unicode.IsControl(c) || unicode.Is(unicode.Cf, c)) {
					t.Fatalf("accepted %q with %U", s, c)
				}
			}
		}
		if got.Value != nil && (math.IsNaN(*got.Value) || *got.Value < 0 || *got.Value > 100) {
			t.Fatalf("accepted the value %v", *got.Value)
		}
		if snap.Answered != 1 || len(st.answers) != 1 {
			t.Fatalf("an accepted answer: %d counted, %d stored", snap.Answered, len(st.answers))
		}
		var sm *Summary
		s.do(func(st *state) { sm = st.summary(slide) })
		if b, _ := json.Marshal(sm); len(b) > MaxSummary {
			t.Fatalf("summary of %d bytes", len(b))
		}
	})
}

// TestSummaries answers every kind from several phones and checks each
// summary: counts, medians, ranks, rights, top words, and the open text
// moderation (queue, held, approve, pin, hide, stream, hidden words), and
// that all of it comes back after a restart.
func TestSummaries(t *testing.T) {
	m, st, _ := newTestManager(t)
	s, err := m.Start(context.Background(), voiceDeck())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var pids []string
	for range 6 {
		sub := NewSub()
		go func() {
			for range sub.Out() {
			}
		}()
		pid, err := s.Join(ctx, "", "en", sub)
		if err != nil {
			t.Fatal(err)
		}
		pids = append(pids, pid)
	}
	give := func(i, slide int, r quizzes.Response) {
		t.Helper()
		if _, err := s.Give(ctx, pids[i], nil, slide, r); err != nil {
			t.Fatalf("phone %d slide %d: %v", i, slide, err)
		}
	}
	txt := func(s string) *string { return &s }
	val := func(v float64) *float64 { return &v }
	summary := func(slide int) Summary {
		t.Helper()
		var sm *Summary
		if err := s.do(func(st *state) { sm = st.summary(slide) }); err != nil || sm == nil {
			t.Fatalf("no summary of slide %d", slide)
		}
		b, _ := json.Marshal(sm)
		var out Summary
		json.Unmarshal(b, &out)
		return out
	}

	// Answers are timed to the millisecond, as stored, and two given in the
	// same one come in either order: nextMilli lets the clock move on.
	nextMilli := func() {
		for ms := time.Now().UnixMilli(); time.Now().UnixMilli() == ms; {
			time.Sleep(100 * time.Microsecond)
		}
	}
	s.Goto(1)
	give(0, 1, quizzes.Response{Text: txt("first")})
	give(1, 1, quizzes.Response{Text: txt("you are a pendejo")}) // held by the word list
	nextMilli()
	give(2, 1, quizzes.Response{Text: txt("third")}) // the newest
	give(3, 1, quizzes.Response{Skip: true})
	o := summary(1)
	if o.Total != 4 || *o.Pending != 2 || *o.Held != 1 || *o.Hidden != 0 || *o.Skipped != 1 || len(o.Texts) != 0 || o.Mode != "queue" {
		t.Errorf("open, queued: %+v", o)
	}
	if _, _, err := s.Moderate(ctx, 1, pids[0], ActApprove); err != nil {
		t.Fatal(err)
	}
	if _, pinned, err := s.Moderate(ctx, 1, pids[2], ActPin); err != nil || !pinned {
		t.Fatal(pinned, err)
	}
	if _, _, err := s.Moderate(ctx, 1, pids[3], ActApprove); err != ErrNoText {
		t.Errorf("approving a skip: got %v, want ErrNoText", err)
	}
	if _, _, err := s.Moderate(ctx, 1, pids[0], "delete"); err != ErrBadAction {
		t.Errorf("a bad action: got %v", err)
	}
	o = summary(1)
	if len(o.Texts) != 2 || o.Texts[0].Text != "third" || !o.Texts[0].Pinned || o.Texts[1].Text != "first" || *o.Pending != 0 {
		t.Errorf("open, approved and pinned: %+v", o)
	}
	// A phone that changes its text goes back to the queue; the pin stays
	// with the participant but shows only approved text.
	give(2, 1, quizzes.Response{Text: txt("third, changed")})
	if o = summary(1); len(o.Texts) != 1 || *o.Pending != 1 {
		t.Errorf("after a change: %+v", o)
	}
	if err := s.SetModeration(1, quizzes.ModerationStream); err != nil {
		t.Fatal(err)
	}
	if o = summary(1); len(o.Texts) != 2 || o.Mode != "stream" || *o.Held != 1 {
		t.Errorf("stream: %+v", o)
	}
	nextMilli()
	give(4, 1, quizzes.Response{Text: txt("fifth")}) // arrives approved in stream mode, the newest
	if _, _, err := s.Moderate(ctx, 1, pids[0], ActHide); err != nil {
		t.Fatal(err)
	}
	if o = summary(1); len(o.Texts) != 2 || o.Texts[0].Text != "fifth" || *o.Hidden != 1 {
		t.Errorf("stream, one hidden: %+v", o)
	}

	s.Goto(2)
	give(0, 2, quizzes.Response{Words: []string{"Miedo", "paz", "the"}})
	give(1, 2, quizzes.Response{Words: []string{"MIÉDO"}})
	give(2, 2, quizzes.Response{Words: []string{"miedo!", "mierda"}})
	w := summary(2)
	if len(w.Words) != 2 || w.Words[0] != (WordCount{"miedo", 3}) || w.Words[1] != (WordCount{"paz", 1}) || w.Total != 3 {
		t.Errorf("cloud: %+v (stop words and held words left out)", w)
	}
	if err := s.HideWord(2, "Miedo", true); err != nil {
		t.Fatal(err)
	}
	if w = summary(2); len(w.Words) != 1 || w.Words[0].Text != "paz" {
		t.Errorf("cloud after hiding miedo: %+v", w)
	}
	give(0, 2, quizzes.Response{Words: []string{"paz"}}) // changed: miedo once less
	s.HideWord(2, "miedo", false)
	if w = summary(2); w.Words[0] != (WordCount{"miedo", 2}) || w.Words[1] != (WordCount{"paz", 1}) {
		t.Errorf("cloud after a change: %+v", w)
	}

	s.Goto(3)
	for i, v := range []float64{1, 4, 4, 5} {
		give(i, 3, quizzes.Response{Value: val(v)})
	}
	give(4, 3, quizzes.Response{Skip: true})
	sc := summary(3)
	if fmt.Sprint(sc.Counts) != "[1 0 0 2 1]" || *sc.Median != 4 || *sc.Skipped != 1 || sc.Total != 5 {
		t.Errorf("scale: %+v", sc)
	}
	snap, _ := s.Snapshot()
	var counts []int
	s.do(func(st *state) { counts = st.currentCounts().Counts })
	if fmt.Sprint(counts) != "[1 0 0 2 1]" || snap.Answered != 5 {
		t.Errorf("scale counts %v, answered %d", counts, snap.Answered)
	}

	s.Goto(4)
	give(0, 4, quizzes.Response{Choice: []int{2, 0, 1}})
	give(1, 4, quizzes.Response{Choice: []int{0, 2, 1}})
	rk := summary(4)
	if fmt.Sprint(rk.MeanRanks) != "[1.5 3 1.5]" || fmt.Sprint(rk.Ranks) != "[[1 1 0] [0 0 2] [1 1 0]]" {
		t.Errorf("ranking: %+v", rk)
	}

	s.Goto(5)
	for i, v := range []float64{40, 44, 45, 100} {
		give(i, 5, quizzes.Response{Value: val(v)})
	}
	n := summary(5)
	if *n.Right != 2 || *n.Median != 44.5 || n.Answer != nil || fmt.Sprint(n.Histogram.Counts) != "[0 0 0 0 3 0 0 0 0 1]" {
		t.Errorf("number: %+v %+v", n, n.Histogram)
	}
	s.Reveal()
	if n = summary(5); n.Answer == nil || *n.Answer != 42 {
		t.Errorf("number revealed: %+v", n)
	}

	s.Goto(6)
	give(0, 6, quizzes.Response{Text: txt("nino")})
	give(1, 6, quizzes.Response{Text: txt("niña")})
	ta := summary(6)
	if *ta.Right != 1 || ta.Accepted != nil {
		t.Errorf("typeanswer: %+v", ta)
	}
	rows, _ := st.Answers(ctx, s.ID)
	credits := map[string]string{}
	for _, a := range rows {
		if a.Slide == 6 && a.Credit != nil && a.Correct != nil {
			credits[a.ParticipantID] = fmt.Sprint(*a.Credit, *a.Correct)
		}
	}
	if credits[pids[0]] != "1 true" || credits[pids[1]] != "0 false" {
		t.Errorf("stored credit: %v", credits)
	}

	// Everything comes back after a restart: statuses, the pin, the mode,
	// the hidden words, the values.
	m.Shutdown(ctx)
	m2 := NewManager(st, nil)
	m2.SetParse(func(string, string) (*quizzes.Deck, error) { return voiceDeck(), nil })
	defer m2.Shutdown(ctx)
	if err := m2.RestoreAll(ctx, nil); err != nil {
		t.Fatal(err)
	}
	s2 := m2.Get(s.ID)
	var o2, w2, sc2 *Summary
	s2.do(func(st *state) { o2, w2, sc2 = st.summary(1), st.summary(2), st.summary(3) })
	if b1, _ := json.Marshal(o); true {
		b2, _ := json.Marshal(o2)
		if string(b1) != string(b2) {
			t.Errorf("open after restart:\n%s\nwant\n%s", b2, b1)
		}
	}
	if fmt.Sprint(w2.Words) != fmt.Sprint(w.Words) || fmt.Sprint(sc2.Counts) != fmt.Sprint(sc.Counts) {
		t.Errorf("after restart: %+v %+v", w2, sc2)
	}
	if s2.Pinned(1) != pids[2] {
		t.Errorf("pin after restart: %q", s2.Pinned(1))
	}
	_ = record.StatusHeld
}

// TestSummaryBounded: 2,000 long open texts approved in stream mode and
// 5,000 distinct words keep the summary under 8 KiB, and the pinned text
// is among those shown however old it is.
func TestSummaryBounded(t *testing.T) {
	st := &memStore{answers: map[string][]int{}}
	m := NewManager(st, nil)
	defer m.Shutdown(context.Background())
	s, err := m.Start(context.Background(), voiceDeck())
	if err != nil {
		t.Fatal(err)
	}
	s.do(func(st *state) {
		for i := range 2000 {
			p := &participant{id: fmt.Sprintf("p%04d", i), answers: map[int][]int{}, given: map[int]*record.Answer{}}
			st.parts[p.id] = p
			st.apply(record.Answer{ParticipantID: p.id, Slide: 7, Text: strings.Repeat("<é>", 93), Status: record.StatusApproved,
				AnsweredAt: s.Created.Add(time.Duration(i) * time.Second)})
			st.apply(record.Answer{ParticipantID: p.id, Slide: 2, Words: []string{fmt.Sprintf("word%d", i), fmt.Sprintf("w%dx", i), fmt.Sprintf("x%d", i%7)}})
		}
		st.pinned[7] = "p0000"
	})
	var o, w *Summary
	s.do(func(st *state) { o, w = st.summary(7), st.summary(2) })
	bo, _ := json.Marshal(o)
	bw, _ := json.Marshal(w)
	if len(bo) > MaxSummary || len(bw) > MaxSummary {
		t.Errorf("summaries of %d and %d bytes, over %d", len(bo), len(bw), MaxSummary)
	}
	if len(o.Texts) == 0 || !hasPin(o.Texts, "p0000") || o.Texts[0].ID != "p1999" {
		t.Errorf("open: %d texts, first %q, pinned shown %v", len(o.Texts), o.Texts[0].ID, hasPin(o.Texts, "p0000"))
	}
	if len(w.Words) != MaxSummaryWords || w.Words[0].Count < 285 {
		t.Errorf("cloud: %d words, top %+v", len(w.Words), w.Words[0])
	}
}
