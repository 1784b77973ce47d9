package live

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

const twinEN = "---\ntitle: Pets\nlang: en\ntranslation: pets.es\n---\n\n# Hello\n\n---\n\n<!-- question: single -->\n<!-- id: pet -->\n<!-- answer: B -->\n\n## Which pet?\n\n- A cat\n- A dog\n"
const twinES = "---\ntitle: Mascotas\nlang: es\ntranslation: pets.en\n---\n\n# Hola\n\n---\n\n<!-- question: single -->\n<!-- id: pet -->\n<!-- answer: B -->\n\n## ¿Qué mascota?\n\n- Un gato\n- Un perro\n"

func parseTwin(t *testing.T, id, src string) *quizzes.Deck {
	t.Helper()
	d, probs := quizzes.Parse(id, []byte(src))
	if d == nil || quizzes.HasErrors(probs) {
		t.Fatalf("%s: %v", id, probs)
	}
	return d
}

// startTwins starts a session of en on a manager that finds es as its twin.
func startTwins(t *testing.T, en, es *quizzes.Deck) (*Session, *store.Store) {
	t.Helper()
	m, st, _ := newTestManager(t)
	m.SetTwins(func(d *quizzes.Deck) *quizzes.Deck {
		if d.Translation == es.ID {
			return es
		}
		return nil
	})
	s, err := m.Start(context.Background(), en)
	if err != nil || s.Twin() != es {
		t.Fatalf("no session with its twin: %v", err)
	}
	return s, st
}

// TestTwinFramesOncePerLanguage: with a twin, phones in the deck's language
// share one slide frame and phones in the twin's share another (never one
// per phone); a phone that switches is sent the other at once, and answers
// from both languages count together.
func TestTwinFramesOncePerLanguage(t *testing.T) {
	en, es := parseTwin(t, "pets.en", twinEN), parseTwin(t, "pets.es", twinES)
	if probs := quizzes.CheckTwins(en, es); quizzes.HasErrors(probs) {
		t.Fatalf("the test decks are not twins: %v", probs)
	}
	s, _ := startTwins(t, en, es)
	ctx := context.Background()
	langs := []string{"en", "en", "es", "es"}
	subs := make([]*Sub, len(langs))
	pids := make([]string, len(langs))
	var err error
	for i, l := range langs {
		subs[i] = NewSub()
		if pids[i], err = s.Join(ctx, "", l, subs[i]); err != nil {
			t.Fatal(err)
		}
		recv(t, subs[i]) // welcome
		recv(t, subs[i]) // the lobby
	}
	if _, err := s.Goto(1); err != nil {
		t.Fatal(err)
	}
	frames := make([]*Frame, len(langs))
	for i := range subs {
		frames[i] = <-subs[i].Out()
	}
	if frames[0] != frames[1] || frames[2] != frames[3] || frames[0] == frames[2] {
		t.Error("want one frame per language, shared by its phones")
	}
	for i, want := range []string{"Which pet?", "Which pet?", "¿Qué mascota?", "¿Qué mascota?"} {
		if !strings.Contains(string(frames[i].Data), want) {
			t.Errorf("phone %d (%s): %s, want %q", i, langs[i], frames[i].Data, want)
		}
	}
	// The first English phone switches to Spanish: it gets the twin's frame.
	if err := s.SetLang(subs[0], "es"); err != nil {
		t.Fatal(err)
	}
	if m := nextSlide(t, subs[0]); m["lang"] != "es" || m["question"].(map[string]any)["prompt"] != "¿Qué mascota?" {
		t.Errorf("after switching: %v", m)
	}
	for i, pid := range pids {
		if _, err := s.Answer(ctx, pid, 1, []int{1}); err != nil {
			t.Fatalf("answer %d: %v", i, err)
		}
	}
	if _, err := s.Reveal(); err != nil {
		t.Fatal(err)
	}
	for i, sub := range subs {
		m := nextSlide(t, sub)
		r, _ := m["reveal"].(map[string]any)
		if r == nil || r["total"] != 4.0 || toInts(r["counts"])[1] != 4 {
			t.Errorf("phone %d: reveal %v, want the 4 answers together", i, m)
		}
	}
}

// TestTwinTypedAnswers: a typed answer is right in either language of a
// twin deck, and each language's phones are shown their own accepted
// answers at reveal.
func TestTwinTypedAnswers(t *testing.T) {
	en := parseTwin(t, "w.en", "---\ntitle: W\nlang: en\ntranslation: w.es\n---\n\n<!-- question: typeanswer -->\n<!-- accept: dog -->\n\n## Which pet barks?\n")
	es := parseTwin(t, "w.es", "---\ntitle: W\nlang: es\ntranslation: w.en\n---\n\n<!-- question: typeanswer -->\n<!-- accept: perro -->\n\n## ¿Qué mascota ladra?\n")
	s, st := startTwins(t, en, es)
	ctx := context.Background()
	sub := NewSub()
	pid, err := s.Join(ctx, "", "es", sub)
	if err != nil {
		t.Fatal(err)
	}
	s.Goto(0)
	if _, err := s.Give(ctx, pid, nil, 0, quizzes.Response{Text: ptr("Perro")}); err != nil {
		t.Fatal(err)
	}
	rows, _ := st.Answers(ctx, s.ID)
	if len(rows) != 1 || rows[0].Credit == nil || *rows[0].Credit != 1 || rows[0].Correct == nil || !*rows[0].Correct {
		t.Errorf("a Spanish phone's \"Perro\": %+v", rows)
	}
	s.Reveal()
	var got string
	for got == "" {
		select {
		case f := <-sub.Out():
			if strings.Contains(string(f.Data), `"accepted"`) {
				got = string(f.Data)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no reveal came")
		}
	}
	if !strings.Contains(got, `"accepted":["perro"]`) {
		t.Errorf("the Spanish reveal: %s", got)
	}
}

// TestJoinQuestionInThePhonesLanguage: a phone that joins in the twin's
// language is asked the twin's join question, one in the deck's language
// the deck's; the answer is the same index in both.
func TestJoinQuestionInThePhonesLanguage(t *testing.T) {
	join := func(src, line string) string { return strings.Replace(src, "---\n\n# H", line+"\n---\n\n# H", 1) }
	en := parseTwin(t, "pets.en", join(twinEN, "join-question: I am a | parent | student"))
	es := parseTwin(t, "pets.es", join(twinES, "join-question: Soy | madre o padre | estudiante"))
	s, _ := startTwins(t, en, es)
	ctx := context.Background()
	for _, c := range []struct{ lang, prompt, first string }{{"en", "I am a", "parent"}, {"es", "Soy", "madre o padre"}} {
		sub := NewSub()
		pid, err := s.Join(ctx, "", c.lang, sub)
		if err != nil {
			t.Fatal(err)
		}
		w := recv(t, sub)
		jq, _ := w["join_question"].(map[string]any)
		if jq == nil || jq["prompt"] != c.prompt || jq["options"].([]any)[0] != c.first {
			t.Errorf("a phone joining in %s is asked %v; want %q with %q first", c.lang, w["join_question"], c.prompt, c.first)
		}
		if err := s.SetRole(ctx, pid, 1); err != nil {
			t.Errorf("%s: answering the join question: %v", c.lang, err)
		}
	}
}
