package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// TestQAMigrationAndRows opens a database made by the schema before the
// Q&A tables, with a session in it, then keeps questions and votes: a vote
// twice is one row, withdrawing twice leaves none, a status reads back,
// and deleting the session takes them all.
func TestQAMigrationAndRows(t *testing.T) {
	s := openBefore(t, "CREATE TABLE qa_questions", 5, `INSERT INTO sessions (id, code, deck_id, deck_title, deck_source, created_at, ended_at) VALUES ('old', 'ABC234', 'try.en', 'Try', '# x', {now}, {now})`)
	ctx := context.Background()
	at := time.Now().UTC().Truncate(time.Millisecond)
	for i, id := range []string{"q1", "q2"} {
		if err := s.AddQAQuestion(ctx, QAQuestion{SessionID: "old", ID: id, ParticipantID: "p1", Text: "=why " + id, Status: "pending", CreatedAt: at.Add(time.Duration(i) * time.Second)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []struct {
		q, p string
		up   bool
	}{{"q1", "p1", true}, {"q1", "p1", true}, {"q1", "p2", true}, {"q2", "p2", true}, {"q2", "p2", false}, {"q2", "p2", false}} {
		if err := s.SetQAVote(ctx, "old", v.q, v.p, v.up); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetQAStatus(ctx, "old", "q2", "hidden", true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetQAStatus(ctx, "old", "nope", "hidden", true); err != ErrNotFound {
		t.Errorf("an unknown question: got %v, want ErrNotFound", err)
	}
	qs, err := s.QAQuestions(ctx, "old")
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(len(qs))
	for _, q := range qs {
		got += fmt.Sprintf(" %s:%s:%d:%v:%v", q.ID, q.Status, q.Votes, q.Answered, q.CreatedAt.Equal(at) || q.CreatedAt.Equal(at.Add(time.Second)))
	}
	if want := "2 q1:pending:2:false:true q2:hidden:0:true:true"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if err := s.DeleteSession(ctx, "old"); err != nil {
		t.Fatal(err)
	}
	var n int
	s.db.QueryRow(`SELECT (SELECT COUNT(*) FROM qa_questions) + (SELECT COUNT(*) FROM qa_votes)`).Scan(&n)
	if n != 0 {
		t.Errorf("%d Q&A rows left after deleting the session", n)
	}
}
