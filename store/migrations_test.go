package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/record"
)

// TestStepsMigration opens a database made by the schema before the steps
// column, with a session in it: the session reads back with no
// steps, and steps saved after the migration read back as saved.
func TestStepsMigration(t *testing.T) {
	s := openBefore(t, "ADD COLUMN steps", 3, `INSERT INTO sessions (id, code, deck_id, deck_title, deck_source, slide, slides, phase, revealed, created_at) VALUES ('old', 'ABC234', 'try.en', 'Try', '# x', 2, 4, 'revealed', '1,2', {now})`)
	ctx := context.Background()
	got, err := s.Session(ctx, "old")
	if err != nil {
		t.Fatal(err)
	}
	if got.Slide != 2 || got.Phase != "revealed" || !slices.Equal(got.Revealed, []int{1, 2}) {
		t.Errorf("got %+v, want slide 2 revealed [1 2]", got)
	}
	if got.Steps.Countdown != nil || len(got.Steps.Closed) != 0 || len(got.Steps.Results) != 0 || got.Steps.Blank {
		t.Errorf("an old session has steps %+v, want none", got.Steps)
	}
	ends := time.Now().Add(time.Minute).UTC().Truncate(time.Millisecond)
	steps := record.Steps{Closed: []int{3}, Results: map[int]bool{3: true, 1: false}, Countdown: &record.Countdown{Slide: 3, Seconds: 60, Ends: ends}, Blank: true}
	s.SaveState("old", 3, "closed", []int{1, 2}, steps)
	if err := s.EndSession(ctx, "other", time.Now()); err != nil { // queued after SaveState: commits after it
		t.Fatal(err)
	}
	got, err = s.Session(ctx, "old")
	if err != nil {
		t.Fatal(err)
	}
	g := got.Steps
	if got.Phase != "closed" || !slices.Equal(g.Closed, []int{3}) || !g.Results[3] || g.Results[1] || len(g.Results) != 2 || !g.Blank ||
		g.Countdown == nil || g.Countdown.Slide != 3 || g.Countdown.Seconds != 60 || !g.Countdown.Ends.Equal(ends) {
		t.Errorf("got %+v %+v, want the steps saved", got, g.Countdown)
	}
}
