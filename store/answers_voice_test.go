package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/record"
)

// TestVoiceAnswersMigration opens a database made by the schema before the
// room's voice columns, with an answer in it: the old answer reads back as
// it was (no text, value, skip, credit or status), and answers of every new
// shape saved after the migration read back as saved.
func TestVoiceAnswersMigration(t *testing.T) {
	s := openBefore(t, "ADD COLUMN skipped", 5, oldSession, `INSERT INTO participants (id, session_id, token_hash, nick, lang, created_at) VALUES ('p1', 'old', x'00', 'Sam', 'en', {now})`, `INSERT INTO participants (id, session_id, token_hash, nick, lang, created_at) VALUES ('p2', 'old', x'01', 'Ana', 'es', {now})`, `INSERT INTO answers (session_id, participant_id, slide, question_id, choice, correct, answered_at) VALUES ('old', 'p1', 1, 'q1', '0,2', 1, {now})`)
	ctx := context.Background()
	got, err := s.Answers(ctx, "old")
	if err != nil || len(got) != 1 {
		t.Fatalf("got %+v, %v", got, err)
	}
	a := got[0]
	if !slices.Equal(a.Choice, []int{0, 2}) || a.Correct == nil || !*a.Correct || a.Text != "" || a.Value != nil || a.Skipped || a.Credit != nil || a.Status != "" {
		t.Errorf("the old answer reads %+v", a)
	}

	at := time.Now()
	four, one := 4.0, 1.0
	save := func(a Answer) {
		t.Helper()
		a.SessionID, a.AnsweredAt = "old", at
		if err := s.SaveAnswer(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	save(Answer{ParticipantID: "p1", Slide: 2, QuestionID: "open", Text: "línea uno\nlínea dos", Status: record.StatusPending})
	save(Answer{ParticipantID: "p1", Slide: 3, QuestionID: "cloud", Words: []string{"miedo", "paz"}})
	save(Answer{ParticipantID: "p1", Slide: 4, QuestionID: "scale", Value: &four})
	save(Answer{ParticipantID: "p2", Slide: 4, QuestionID: "scale", Skipped: true})
	save(Answer{ParticipantID: "p1", Slide: 5, QuestionID: "typed", Text: "Take it down", Credit: &one})
	got, err = s.Answers(ctx, "old")
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Answer{}
	for _, a := range got {
		by[fmt.Sprint(a.ParticipantID, a.Slide)] = a
	}
	if a := by["p12"]; a.Text != "línea uno\nlínea dos" || a.Status != record.StatusPending || a.Choice != nil {
		t.Errorf("open text reads %+v", a)
	}
	if a := by["p13"]; a.Text != "miedo\npaz" {
		t.Errorf("word cloud reads %+v (words are joined by a line break)", a)
	}
	if a := by["p14"]; a.Value == nil || *a.Value != 4 || a.Skipped {
		t.Errorf("scale reads %+v", a)
	}
	if a := by["p24"]; !a.Skipped || a.Value != nil {
		t.Errorf("a skip reads %+v", a)
	}
	if a := by["p15"]; a.Credit == nil || *a.Credit != 1 {
		t.Errorf("typed answer reads %+v", a)
	}

	// The presenter approves; the same text sent again keeps the status, a
	// new text gets its own.
	if found, err := s.SetStatus(ctx, "old", "p1", 2, "línea uno\nlínea dos", record.StatusApproved); err != nil || !found {
		t.Fatal(found, err)
	}
	if found, err := s.SetStatus(ctx, "old", "p1", 2, "another text", record.StatusHidden); err != nil || found {
		t.Errorf("SetStatus of a text no longer there: got %v, %v, want not found", found, err)
	}
	save(Answer{ParticipantID: "p1", Slide: 2, QuestionID: "open", Text: "línea uno\nlínea dos", Status: record.StatusPending})
	if c, _ := s.TextCounts(ctx, "old", 2); c[record.StatusApproved] != 1 || len(c) != 1 {
		t.Errorf("after a resend: counts %v, want one approved", c)
	}
	save(Answer{ParticipantID: "p1", Slide: 2, QuestionID: "open", Text: "changed", Status: record.StatusHeld})
	if c, _ := s.TextCounts(ctx, "old", 2); c[record.StatusHeld] != 1 || len(c) != 1 {
		t.Errorf("after a change: counts %v, want one held", c)
	}
}

// TestTextsPages pages 7 texts 3 at a time, newest first, each once, and
// filters by status.
func TestTextsPages(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.CreateSession(ctx, record.Session{ID: "s", Code: "ABCDEF", DeckID: "d", DeckTitle: "D", DeckSource: "x", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	base := time.Now().Truncate(time.Millisecond)
	for i := range 7 {
		pid := fmt.Sprintf("p%d", i)
		if err := s.AddParticipant(ctx, Participant{ID: pid, SessionID: "s", TokenHash: []byte{byte(i)}, Nick: "n", Lang: "en", CreatedAt: base}); err != nil {
			t.Fatal(err)
		}
		st := record.StatusPending
		if i%3 == 0 {
			st = record.StatusApproved
		}
		// Two answers share a millisecond: the cursor tells them apart.
		at := base.Add(time.Duration(i/2) * time.Millisecond)
		if err := s.SaveAnswer(ctx, Answer{SessionID: "s", ParticipantID: pid, Slide: 1, QuestionID: "q", Text: "t" + pid, Status: st, AnsweredAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	var seen []string
	after := ""
	for page := 0; ; page++ {
		rows, next, err := s.Texts(ctx, "s", 1, "", after, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			seen = append(seen, r.ParticipantID)
		}
		if next == "" {
			break
		}
		if page > 5 {
			t.Fatal("pages never end")
		}
		after = next
	}
	if want := []string{"p6", "p5", "p4", "p3", "p2", "p1", "p0"}; !slices.Equal(seen, want) {
		t.Errorf("pages gave %v, want %v", seen, want)
	}
	rows, next, err := s.Texts(ctx, "s", 1, record.StatusApproved, "", 50)
	if err != nil || next != "" || len(rows) != 3 || rows[0].ParticipantID != "p6" || rows[0].Text != "tp6" {
		t.Errorf("approved: %+v %q %v", rows, next, err)
	}
	if _, _, err := s.Texts(ctx, "s", 1, "", "nonsense", 3); !errors.Is(err, ErrBadCursor) {
		t.Errorf("a bad cursor: got %v", err)
	}
}
