package kittest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// The shared decks read without a problem and hold what their comments
// promise, which the tests that use them rely on.
func TestDecksHoldWhatTheyPromise(t *testing.T) {
	for name, src := range map[string]string{"prepost": PrePostDeck, "quiz": QuizDeck} {
		d, probs := quizzes.Parse(name, []byte(src))
		if d == nil || len(probs) != 0 {
			t.Fatalf("%s: got problems %v, want none", name, probs)
		}
	}
	d, _ := quizzes.Parse("prepost", []byte(PrePostDeck))
	var got []string
	for _, s := range d.Slides {
		if q := s.Question; q != nil {
			got = append(got, fmt.Sprintf("%s %s %v", q.ID, q.Check, q.Correct()))
		} else {
			got = append(got, "-")
		}
	}
	if want := "[pw pre [1] - pw post [1]]"; fmt.Sprint(got) != want {
		t.Errorf("PrePostDeck: got %v, want %s", got, want)
	}
	d, _ = quizzes.Parse("quiz", []byte(QuizDeck))
	if len(d.Slides) != 2 || d.Slides[0].Question != nil || d.Slides[1].Question == nil {
		t.Fatalf("QuizDeck: got %d slides %+v, want a title slide and a question", len(d.Slides), d.Slides)
	}
	q := d.Slides[1].Question
	if q.ID != "colour" || q.Kind != "single" || q.Prompt != "Which is a colour?" || fmt.Sprint(q.Correct()) != "[1]" || q.Options[1].Text != "Blue" || q.Explanation == "" {
		t.Errorf("QuizDeck: got %+v, want colour, single, Blue (1) right, explained", q)
	}
}

// The host helpers answer the API's codes, the phones join, and the QR
// decodes to the join address.
func TestKitHostAndPhones(t *testing.T) {
	k := Start(t, Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if st, code := k.API("GET", "/api/sessions/nope", nil, nil); st != 404 || code != "not_found" {
		t.Errorf("GET an unknown session: got %d %q, want 404 not_found", st, code)
	}
	stranger := &Client{Base: k.Base, Key: "wrong-wrong-wrong-wrong"}
	var e *Error
	if st, _, err := stranger.Do(context.Background(), "GET", "/api/decks", nil, nil); st != 401 || !errors.As(err, &e) || e.Code != "unauthorized" {
		t.Errorf("a wrong key: got %d %v, want 401 and an *Error unauthorized", st, err)
	}
	var refused struct{ Problems []struct{ Line int } }
	broken := bytes.Replace([]byte(QuizDeck), []byte("- [x] Blue"), []byte("- [ ] Blue"), 1)
	if st, code := k.API("POST", "/api/decks", map[string]string{"source": string(broken)}, &refused); st != 422 || code != "invalid_deck" || len(refused.Problems) == 0 {
		t.Errorf("a broken deck: got %d %q %+v, want 422 invalid_deck with its problems", st, code, refused)
	}

	id := k.SaveDeck(QuizDeck)
	if got := k.QuestionSlides(id); fmt.Sprint(got) != "map[single:1]" {
		t.Errorf("question slides: got %v, want map[single:1]", got)
	}
	s := k.StartSession(id)
	if len(s.Code) != 6 || s.JoinURL == "" {
		t.Fatalf("started %+v, want a room code and a join address", s)
	}
	phones := k.JoinPhones(s.Code, 3, nil)
	if got := k.Session(s.ID); got.Joined != 3 || phones[2].Nick != "" {
		t.Errorf("got %d joined, third nick %q, want 3 and none (nicknames are game mode's)", got.Joined, phones[2].Nick)
	}
	if got, err := DecodeQR(k.Get("/api/sessions/" + s.ID + "/qr.png")); err != nil || got != s.JoinURL {
		t.Errorf("QR: got %q (%v), want %q", got, err, s.JoinURL)
	}
}

// A kit started outside a test stops once and takes its data folder away.
func TestRunStopsAndCleansUp(t *testing.T) {
	k, err := Run(Options{Key: "another-key-0123456789", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(k.Dir); err != nil {
		t.Fatalf("data folder: %v", err)
	}
	if _, _, err := k.Client().Do(context.Background(), "GET", "/api/decks", nil, nil); err != nil {
		t.Errorf("the kit does not answer its key: %v", err)
	}
	if err := k.Stop(); err != nil {
		t.Errorf("stop: %v", err)
	}
	if err := k.Stop(); err != nil {
		t.Errorf("a second stop: %v", err)
	}
	if _, err := os.Stat(k.Dir); !os.IsNotExist(err) {
		t.Errorf("data folder after stop: got %v, want it gone", err)
	}
	if _, _, err := k.Client().Do(context.Background(), "GET", "/healthz", nil, nil); err == nil {
		t.Error("the kit still answers after stop")
	}
}
