package results

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"
)

func TestQAListsWhatTheRoomSawByVotes(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	qs := []QAQuestion{
		{ID: "a", Status: "approved", Votes: 1, AskedAt: at},
		{ID: "b", Status: "pending", Votes: 9, AskedAt: at},
		{ID: "c", Status: "pending", Answered: true, Votes: 3, AskedAt: at},
		{ID: "d", Status: "hidden", Answered: true, Votes: 7, AskedAt: at},
		{ID: "e", Status: "held", Votes: 8, AskedAt: at},
		{ID: "f", Status: "approved", Votes: 3, AskedAt: at.Add(-time.Minute)},
	}
	var ids []string
	for _, q := range QA(qs) {
		ids = append(ids, q.ID)
	}
	if got := strings.Join(ids, ","); got != "f,c,a" {
		t.Errorf("got %s, want f,c,a (approved or answered, not hidden; by votes, then oldest)", got)
	}
}

func TestQACSVIsFormulaSafe(t *testing.T) {
	var buf bytes.Buffer
	qs := []QAQuestion{{ID: "q1", Text: "=1+1", Status: "approved", Votes: 2, Answered: true}, {ID: "q2", Text: "@cmd", Status: "held"}, {ID: "q3", Text: "fine, \"quoted\"\nline"}}
	if err := WriteQACSV(&buf, "s1", "ABC", qs); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[1][3] != "'=1+1" || rows[2][3] != "'@cmd" || rows[3][3] != "fine, \"quoted\"\nline" || rows[1][5] != "yes" || rows[1][6] != "2" {
		t.Errorf("got %q", rows)
	}
}
