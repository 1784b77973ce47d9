package live

import (
	"context"
	"encoding/json"
	"testing"
	"time"
)

// Reveal waits for the answers already accepted, so the chart it shows is
// final: an answer being committed when the presenter reveals is in the
// first revealed chart, not in a later one.
func TestRevealWaitsForAnswersAlreadyAccepted(t *testing.T) {
	hs, saving, release := stalledAnswers(t)
	m := NewManager(hs, nil)
	ctx := context.Background()
	defer m.Shutdown(ctx)
	s, _ := m.Start(ctx, testDeck())
	watch := NewSub()
	if _, err := s.Join(ctx, "", "en", watch); err != nil {
		t.Fatal(err)
	}
	pid, err := s.Join(ctx, "", "en", NewSub())
	if err != nil {
		t.Fatal(err)
	}
	s.Goto(1)
	answered := make(chan error, 1)
	go func() { _, err := s.Answer(ctx, pid, 1, []int{1}); answered <- err }()
	<-saving

	revealed := make(chan Snapshot, 1)
	go func() { snap, _ := s.Reveal(); revealed <- snap }()
	early := false
	select {
	case <-revealed:
		early = true
		t.Error("Reveal returned while an accepted answer was still being committed")
	case <-time.After(300 * time.Millisecond): // long enough to see it not wait
	}
	close(release)
	if err := <-answered; err != nil {
		t.Fatalf("the answer in flight: %v", err)
	}
	if !early {
		select {
		case <-revealed:
		case <-time.After(5 * time.Second):
			t.Fatal("Reveal never returned")
		}
	}
	var charts []int
	for _, f := range frames(watch) {
		var msg struct {
			Type, Phase string
			Reveal      *struct{ Total int }
		}
		json.Unmarshal([]byte(f), &msg)
		if msg.Type == "slide" && msg.Phase == PhaseRevealed && msg.Reveal != nil {
			charts = append(charts, msg.Reveal.Total)
		}
	}
	if len(charts) != 1 || charts[0] != 1 {
		t.Errorf("revealed charts sent: totals %v, want one chart with the answer in it: [1]", charts)
	}
	// A phone answering after the reveal is told the question is closed.
	if _, err := s.Answer(ctx, pid, 1, []int{2}); err != ErrClosed {
		t.Errorf("an answer after the reveal: got %v, want question_closed", err)
	}
}
