package store

import (
	"context"
	"github.com/roundtable-kit/roundtable/record"
	"testing"
	"time"
)

func TestSessionReadsCountTheLastSlidesAnswers(t *testing.T) {
	s, _ := openTest(t)
	seed(t, s)
	ctx := context.Background()
	s.AddParticipant(ctx, Participant{ID: "p2", SessionID: "s1", TokenHash: []byte{3}, CreatedAt: time.Now()})
	for _, a := range []Answer{{ParticipantID: "p1", Slide: 2}, {ParticipantID: "p2", Slide: 2}, {ParticipantID: "p1", Slide: 1}} {
		a.SessionID, a.QuestionID, a.Choice, a.AnsweredAt = "s1", "q", []int{0}, time.Now()
		if err := s.SaveAnswer(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	s.SaveState("s1", 2, "question", nil, record.Steps{})
	if err := s.EndSession(ctx, "s1", time.Now()); err != nil { // commits after the state, in order
		t.Fatal(err)
	}
	rec, err := s.Session(ctx, "s1")
	if err != nil || rec.Slide != 2 || rec.Answered != 2 || rec.Participants != 2 {
		t.Errorf("got slide %d, %d answered, %d joined (%v), want 2, 2, 2", rec.Slide, rec.Answered, rec.Participants, err)
	}
	list, _ := s.Sessions(ctx, false)
	if len(list) != 1 || list[0].Answered != 2 {
		t.Errorf("Sessions: got %+v, want the same count", list)
	}
}

func TestEndedCodesSince(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	now := time.Now()
	for _, c := range []struct {
		id, code string
		ended    time.Time
	}{{"a", "AAAAAA", now.Add(-time.Hour)}, {"b", "BBBBBB", now.Add(-48 * time.Hour)}, {"c", "CCCCCC", time.Time{}},
		{"d", "AAAAAA", now.Add(-3 * time.Hour)}} {
		if err := s.CreateSession(ctx, Session{ID: c.id, Code: c.code, DeckID: "x", Slide: -1, Phase: "lobby", CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
		if !c.ended.IsZero() {
			s.EndSession(ctx, c.id, c.ended)
		}
	}
	got, err := s.EndedCodes(ctx, now.Add(-24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got["AAAAAA"].Equal(now.Add(-time.Hour).Truncate(time.Millisecond)) {
		t.Errorf("got %v, want only AAAAAA, at its latest end", got)
	}
}
