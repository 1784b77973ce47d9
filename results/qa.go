package results

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"time"
)

// QAQuestion is one question of a session's anonymous Q&A.
type QAQuestion struct {
	ID       string    `json:"id"`
	Text     string    `json:"text"`
	Status   string    `json:"status"`
	Votes    int       `json:"votes"`
	Answered bool      `json:"answered"`
	AskedAt  time.Time `json:"asked_at"`
}

// QA is what the results JSON lists of a Q&A: the questions the room saw
// (approved) or the presenter answered, by votes, most first. Questions
// held back, hidden or never approved stay out; the CSV has them all.
func QA(qs []QAQuestion) []QAQuestion {
	out := []QAQuestion{}
	for _, q := range qs {
		if q.Status == "approved" || (q.Answered && q.Status != "hidden") {
			out = append(out, q)
		}
	}
	slices.SortStableFunc(out, func(a, b QAQuestion) int {
		if c := cmp.Compare(b.Votes, a.Votes); c != 0 {
			return c
		}
		return a.AskedAt.Compare(b.AskedAt)
	})
	return out
}

// qaHeader is the first row of the Q&A CSV (docs/API.md).
var qaHeader = []string{"session", "code", "question_id", "text", "status", "answered", "votes", "asked_at"}

// WriteQACSV writes one row per question, in the order asked, after a
// byte-order mark and the header. The text a phone typed is made
// formula-safe.
func WriteQACSV(w io.Writer, sessionID, code string, qs []QAQuestion) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(qaHeader)
	for _, q := range qs {
		answered := "no"
		if q.Answered {
			answered = "yes"
		}
		cw.Write([]string{sessionID, code, q.ID, cell(q.Text), q.Status, answered, strconv.Itoa(q.Votes), q.AskedAt.Format(time.RFC3339)})
	}
	cw.Flush()
	return cw.Error()
}
