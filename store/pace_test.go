package store

import (
	"context"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/record"
)

// TestPaceMigration opens a database made by the schema before self-paced
// sessions: its session reads as live with no closing time, its
// participant as never moved; a self-paced session stored after keeps its
// mode and window, and a phone's position is kept.
func TestPaceMigration(t *testing.T) {
	s := openBefore(t, "ADD COLUMN pace_slide", 8, oldSession, oldParticipant)
	ctx := context.Background()
	old, err := s.Session(ctx, "old")
	if err != nil || old.Mode != record.ModeLive || old.ClosesAt != nil {
		t.Fatalf("old session: got mode %q closes %v (%v), want live with no window", old.Mode, old.ClosesAt, err)
	}
	ps, _ := s.Participants(ctx, "old")
	if len(ps) != 1 || ps[0].Slide != nil {
		t.Fatalf("old participant: got %+v, want one that never moved", ps)
	}

	closes := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Millisecond)
	if err := s.CreateSession(ctx, record.Session{ID: "new", Code: "XYZ789", DeckID: "try.en", DeckTitle: "Try", DeckSource: "# x",
		Slide: -1, Phase: "lobby", CreatedAt: time.Now(), Mode: record.ModeSelfPaced, ClosesAt: &closes}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddParticipant(ctx, record.Participant{ID: "p2", SessionID: "new", TokenHash: []byte{2}, Nick: "Bo", Lang: "es", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	for _, slide := range []int{3, 5} {
		if err := s.SavePosition(ctx, "new", "p2", slide); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SavePosition(ctx, "old", "p2", 9); err != nil { // another session's participant: nothing changes
		t.Fatal(err)
	}
	ns, err := s.Session(ctx, "new")
	if err != nil || ns.Mode != record.ModeSelfPaced || ns.ClosesAt == nil || !ns.ClosesAt.Equal(closes) {
		t.Fatalf("new session: got mode %q closes %v (%v), want self-paced closing %v", ns.Mode, ns.ClosesAt, err, closes)
	}
	ps, _ = s.Participants(ctx, "new")
	if len(ps) != 1 || ps[0].Slide == nil || *ps[0].Slide != 5 {
		t.Fatalf("position: got %+v, want slide 5", ps)
	}
}
