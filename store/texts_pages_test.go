package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/record"
)

// TestTextsPagesDoNotShift reads a queue page by page while answers
// arrive, change their text and change status between the reads: every
// answer there before the first page is given exactly once.
func TestTextsPagesDoNotShift(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.CreateSession(ctx, record.Session{ID: "s", Code: "ABCDEF", DeckID: "d", DeckTitle: "D", DeckSource: "x", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	at := time.Now().Truncate(time.Millisecond)
	n := 0
	answer := func(pid, text string) {
		t.Helper()
		at = at.Add(time.Millisecond)
		if err := s.SaveAnswer(ctx, Answer{SessionID: "s", ParticipantID: pid, Slide: 1, QuestionID: "q", Text: text, Status: record.StatusPending, AnsweredAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	join := func() string {
		t.Helper()
		pid := fmt.Sprintf("p%02d", n)
		if err := s.AddParticipant(ctx, Participant{ID: pid, SessionID: "s", TokenHash: []byte{byte(n)}, Nick: "n", Lang: "en", CreatedAt: at}); err != nil {
			t.Fatal(err)
		}
		n++
		return pid
	}
	var there []string
	for range 9 {
		pid := join()
		answer(pid, "first "+pid)
		there = append(there, pid)
	}
	seen := map[string]int{}
	after := ""
	for page := 0; ; page++ {
		rows, next, err := s.Texts(ctx, "s", 1, "", after, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			seen[r.ParticipantID]++
		}
		if next == "" {
			break
		}
		if page > 10 {
			t.Fatal("the pages never end")
		}
		// Between the reads: a new answer, one not yet read changes its
		// text, one already read is approved.
		pid := join()
		answer(pid, "new "+pid)
		answer(there[0], fmt.Sprintf("changed %d", page)) // p00 is the oldest: not read yet
		if _, err := s.SetStatus(ctx, "s", rows[0].ParticipantID, 1, rows[0].Text, record.StatusApproved); err != nil {
			t.Fatal(err)
		}
		after = next
	}
	for _, pid := range there {
		if seen[pid] != 1 {
			t.Errorf("%s, there before the first page, was given %d times", pid, seen[pid])
		}
	}
	for pid, k := range seen {
		if k > 1 {
			t.Errorf("%s given %d times", pid, k)
		}
	}
}

// TestFirstAtMigration: answers stored before the first_at column keep
// their time as the time first given.
func TestFirstAtMigration(t *testing.T) {
	db, path, _ := schemaBefore(t, "ADD COLUMN first_at", 8)
	ms := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC).UnixMilli()
	for _, q := range []string{
		`INSERT INTO sessions (id, code, deck_id, deck_title, deck_source, created_at) VALUES ('old', 'ABCDEF', 'd', 'D', 'x', 1)`,
		`INSERT INTO participants (id, session_id, token_hash, nick, lang, created_at) VALUES ('p1', 'old', x'01', 'n', 'en', 1)`,
		fmt.Sprintf(`INSERT INTO answers (session_id, participant_id, slide, question_id, choice, answered_at, text, status) VALUES ('old', 'p1', 1, 'q', '', %d, 'hello', 'pending')`, ms),
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, _, err := s.Texts(context.Background(), "old", 1, "", "", 1)
	if err != nil || len(rows) != 1 || rows[0].first != ms || rows[0].At.UnixMilli() != ms {
		t.Fatalf("the old answer: %+v %v, want first given at %d", rows, err, ms)
	}
}
