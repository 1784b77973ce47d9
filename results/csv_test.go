package results

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// readCSV checks the byte-order mark and the header and returns the rows.
func readCSV(t *testing.T, ss ...Session) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, ss...); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\uFEFF")) {
		t.Fatalf("no byte-order mark: %q", buf.Bytes())
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "session,code,deck,slide,question_id,kind,participant,choice,correct,answered_at,slide_number,answer_text,role,comment" {
		t.Fatalf("header: got %s", got)
	}
	return rows[1:]
}

func TestCSVRowPerAnswer(t *testing.T) {
	d := parse(t, "safe.en", quiz)
	s := Session{ID: "3f9a0c", Code: "K7P3QX", Deck: d, Participants: 3, Answers: []Answer{
		ans(d, "p1", 0, 1), ans(d, "p2", 0, 2), ans(d, "p1", 1, 0), ans(d, "p3", 3, 0, 2), ans(d, "p1", 2, 0),
	}}
	want := [][]string{
		{"3f9a0c", "K7P3QX", "safe.en", "0", "pw", "single", "p1", "B", "yes", "2026-11-27T09:03:14Z", "1", "four random words"},
		{"3f9a0c", "K7P3QX", "safe.en", "0", "pw", "single", "p2", "C", "no", "2026-11-27T09:03:14Z", "1", "your pet's name"},
		{"3f9a0c", "K7P3QX", "safe.en", "1", "s2", "poll", "p1", "A", "", "2026-11-27T09:03:15Z", "2", "Very"},
		{"3f9a0c", "K7P3QX", "safe.en", "3", "safe", "multiple", "p3", "A;C", "yes", "2026-11-27T09:03:17Z", "4", "A password manager; Two-factor codes"},
		{"3f9a0c", "K7P3QX", "safe.en", "2", "", "", "p1", "A", "", "2026-11-27T09:03:16Z", "3", ""},
	}
	rows := readCSV(t, s)
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %q", len(rows), len(want), rows)
	}
	for i := range want {
		if strings.Join(rows[i][:12], ",") != strings.Join(want[i], ",") {
			t.Errorf("row %d: got %q, want %q", i+1, rows[i], want[i])
		}
	}
}

func TestCSVOfManySessions(t *testing.T) {
	d := parse(t, "safe.en", quiz)
	a := Session{ID: "a", Code: "AAAAAA", Deck: d, Answers: []Answer{ans(d, "p1", 0, 1)}}
	none := Session{ID: "n", Code: "NNNNNN", Deck: d}
	b := Session{ID: "b", Code: "BBBBBB", Deck: d, Answers: []Answer{ans(d, "q1", 0, 0), ans(d, "q2", 0, 1)}}
	var got []string
	for _, r := range readCSV(t, a, none, b) {
		got = append(got, r[0]+" "+r[1]+" "+r[6])
	}
	if want := "a AAAAAA p1,b BBBBBB q1,b BBBBBB q2"; strings.Join(got, ",") != want {
		t.Errorf("got %q, want the rows of a, then b, under one header", got)
	}
	if rows := readCSV(t); len(rows) != 0 {
		t.Errorf("no sessions: got rows %q", rows)
	}
}

// Deck ids and question ids come from files a facilitator may not have
// written: a spreadsheet must not run them as formulas.
func TestCSVCellsAreFormulaSafe(t *testing.T) {
	for _, tc := range []struct{ deck, question, wantDeck, wantQuestion string }{
		{"safe.en", "pw", "safe.en", "pw"},
		{"=HYPERLINK(\"http://x\",\"y\")", "-total", "'=HYPERLINK(\"http://x\",\"y\")", "'-total"},
		{"+1", "@sum", "'+1", "'@sum"},
		{"\tx", "\rx", "'\tx", "'\rx"},
		{"a=b", "a-b", "a=b", "a-b"},
		{"", "", "", ""},
	} {
		d := parse(t, tc.deck, quiz)
		a := ans(d, "p1", 0, 1)
		a.QuestionID = tc.question
		rows := readCSV(t, Session{ID: "s", Code: "C", Deck: d, Answers: []Answer{a}})
		if rows[0][2] != tc.wantDeck || rows[0][4] != tc.wantQuestion {
			t.Errorf("deck %q, question %q: got cells %q and %q, want %q and %q",
				tc.deck, tc.question, rows[0][2], rows[0][4], tc.wantDeck, tc.wantQuestion)
		}
	}
}

// Option text comes from the deck too: the answer_text cell is formula-safe.
func TestCSVAnswerTextIsFormulaSafe(t *testing.T) {
	d := parse(t, "safe.en", strings.Replace(quiz, "- [ ] abc123", "- [ ] =1+1", 1))
	rows := readCSV(t, Session{ID: "s", Code: "C", Deck: d, Answers: []Answer{ans(d, "p1", 0, 0)}})
	if got := rows[0][11]; got != "'=1+1" {
		t.Errorf("answer_text of an option reading =1+1: got %q, want '=1+1", got)
	}
}

// Quoting is encoding/csv's: a cell with a comma, quote or line break is
// quoted, and nothing else is.
func TestCSVQuoting(t *testing.T) {
	d := parse(t, `my "deck", v2`, quiz)
	var buf bytes.Buffer
	WriteCSV(&buf, Session{ID: "s", Code: "C", Deck: d, Answers: []Answer{ans(d, "p1", 3, 0, 2)}})
	want := "\uFEFFsession,code,deck,slide,question_id,kind,participant,choice,correct,answered_at,slide_number,answer_text,role,comment\n" +
		`s,C,"my ""deck"", v2",3,safe,multiple,p1,A;C,yes,2026-11-27T09:03:17Z,4,A password manager; Two-factor codes,,` + "\n"
	if buf.String() != want {
		t.Errorf("got\n%q\nwant\n%q", buf.String(), want)
	}
}
