package convert

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// xlsx builds a workbook whose first sheet holds rows, starting at A1.
func xlsx(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestKahoot(t *testing.T) {
	data := xlsx(t, [][]any{
		{"Quiz template"},
		{"Add questions, at least two answer alternatives, time limit and choose correct answers (at least one)."},
		{},
		{"", "Question - max 120 characters", "Answer 1 - max 75 characters", "Answer 2 - max 75 characters", "Answer 3 - max 75 characters", "Answer 4 - max 75 characters", "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs", "Correct answer(s) - choose at least one"},
		{1, "Which password is strongest?", "password123", "lamp river cactus moon", "qwerty", "", 20, "2"},
		{2, "Which are fine to share?", "Favourite band", "Home address", "A drawing", "School name", 30, "1,3"},
		{3, "Is this true?", "True", "False", "", "", 10, 1},
		{4, "", "", "", "", "", "", ""},
		{5, "Correct answer out of range", "a", "b", "", "", 20, "4"},
		{6, "Only one answer", "a", "", "", "", 20, "1"},
	})
	d, rep, err := Import("kahoot.xlsx", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	if rep.Format != "Kahoot" || rep.Unit != "row" {
		t.Errorf("format %q unit %q", rep.Format, rep.Unit)
	}
	want := []string{
		"single Which password is strongest? password123|*lamp river cactus moon|qwerty",
		"multiple Which are fine to share? *Favourite band|Home address|*A drawing|School name",
		"truefalse Is this true? *True|False",
	}
	if got := summary(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(rep.Skipped) != 2 || rep.Skipped[0].Line != 9 || rep.Skipped[1].Line != 10 {
		t.Errorf("skipped: %+v", rep.Skipped)
	}
	if !strings.Contains(rep.String(), "row 9: skipped: correct answer 4 is an empty option") {
		t.Errorf("report:\n%s", rep)
	}
}

func TestQuizizz(t *testing.T) {
	data := xlsx(t, [][]any{
		{"Question Text", "Question Type", "Option 1", "Option 2", "Option 3", "Option 4", "Option 5", "Correct Answer", "Time in seconds", "Image Link", "Answer explanation"},
		{"Pick one", "Multiple Choice", "a", "b", "c", "", "", "2", 30, "", "Because b."},
		{"Pick some", "Checkbox", "a", "b", "c", "d", "e", "1,3", 30, "https://example.com/x.png", ""},
		{"How do you feel?", "Poll", "Good", "Okay", "Bad", "", "", "", 30, "", ""},
		{"Say something", "Open-Ended", "", "", "", "", "", "", 30, "", ""},
		{"Fill it", "Fill-in-the-Blank", "x", "", "", "", "", "1", 30, "", ""},
		{"Draw it", "Draw", "", "", "", "", "", "", 30, "", ""},
		{"Fill in both.", "Fill-in-the-Blank", "cat", "kitten", "", "", "", "", 30, "", ""},
		{"Any word?", "Fill-in-the-Blank", "", "", "", "", "", "", 30, "", ""},
	})
	d, rep, err := Import("quizizz.xlsx", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	if rep.Format != "Quizizz" {
		t.Errorf("format %q", rep.Format)
	}
	want := []string{
		"single Pick one a|*b|c",
		"multiple Pick some *a|b|*c|d|e",
		"poll How do you feel? Good|Okay|Bad",
		"open Say something ",
		"typeanswer Fill it accept x",
		"typeanswer Fill in both. accept cat|kitten",
		"open Any word? ",
	}
	if got := summary(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if e := d.Slides[0].Question.Explanation; e != "Because b." {
		t.Errorf("explanation %q", e)
	}
	r := rep.String()
	for _, s := range []string{
		`row 3: taken: multiple answer, 2 of 5 options right; image link "https://example.com/x.png" ignored`,
		"row 5: taken: open text, moderated (answers wait for the presenter)",
		"row 6: taken: type the answer, accepted: x",
		"row 9: taken: open text, moderated (answers wait for the presenter); no accepted answer, so it became open text",
		`row 7: skipped: question type "Draw" is not supported: Roundtable reads choice questions`,
	} {
		if !strings.Contains(r, s) {
			t.Errorf("report lacks %q:\n%s", s, r)
		}
	}
}

// TestKahootKinds: a Kahoot sheet with a question-type column (as Kahoot's
// newer template and sheets exported by other tools have) gives its
// open-ended, word cloud and type-answer rows their own kinds.
func TestKahootKinds(t *testing.T) {
	data := xlsx(t, [][]any{
		{"Quiz template"},
		{"", "Question - max 120 characters", "Question type", "Answer 1 - max 75 characters", "Answer 2 - max 75 characters", "Answer 3 - max 75 characters", "Answer 4 - max 75 characters", "Time limit (sec)", "Correct answer(s) - choose at least one"},
		{1, "Which password is strongest?", "Quiz", "password123", "lamp river cactus moon", "", "", 20, "2"},
		{2, "What worries you about your child online?", "Open-ended", "", "", "", "", 60, ""},
		{3, "One word for how the app makes you feel", "Word cloud", "", "", "", "", 30, ""},
		{4, "The law that makes platforms remove images is…", "Type answer", "Take It Down", "TakeItDown", "", "", 30, ""},
		{5, "Which month is it?", "Type answer", "December", "November", "", "", 30, "1"},
		{6, "Who should you tell?", "Open-ended", "A parent", "A teacher", "", "", 30, "1"},
		{7, "Order these by risk", "Ranking", "Sharing a password", "Sharing a meme", "Sharing your address", "", 30, "1"},
		{8, "How sure are you?", "Slider", "", "", "", "", 30, ""},
		{9, "Do you agree?", "Poll", "Yes", "No", "", "", 30, "1"},
	})
	d, rep, err := Import("kahoot.xlsx", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	if rep.Format != "Kahoot" {
		t.Errorf("format %q", rep.Format)
	}
	want := []string{
		"single Which password is strongest? password123|*lamp river cactus moon",
		"open What worries you about your child online? ",
		"wordcloud One word for how the app makes you feel ",
		"typeanswer The law that makes platforms remove images is… accept Take It Down|TakeItDown",
		"typeanswer Which month is it? accept December",
		"open Who should you tell? ",
		"ranking Order these by risk Sharing a password|Sharing a meme|Sharing your address",
		"poll Do you agree? Yes|No",
	}
	if got := summary(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	r := rep.String()
	for _, s := range []string{
		"row 4: taken: open text, moderated",
		"row 5: taken: word cloud",
		"row 6: taken: type the answer, accepted: Take It Down | TakeItDown",
		`row 8: taken: open text, moderated (answers wait for the presenter); its 2 options are left out: an open question is answered in the phone's own words; its correct answer "1" is left out`,
		`row 9: taken: ranking, 3 items; its correct answer "1" is left out: a ranking has no right order`,
		"row 10: skipped: slider questions are not read from a sheet",
	} {
		if !strings.Contains(r, s) {
			t.Errorf("report lacks %q:\n%s", s, r)
		}
	}
	if _, probs := quizzes.Parse(d.ID, ToMarkdown(d)); len(probs) > 0 {
		t.Errorf("the deck has problems:\n%s", parseProblems(probs))
	}
}

func TestSheetErrors(t *testing.T) {
	if _, _, err := Import("x.xlsx", []byte("PK\x03\x04 not really a zip")); err == nil || !strings.Contains(err.Error(), "not a readable .xlsx") {
		t.Errorf("broken zip: %v", err)
	}
	noHeader := xlsx(t, [][]any{{"Name", "Score"}, {"Ana", 3}})
	for _, n := range []int{30, len(noHeader) / 2, len(noHeader) - 10} {
		if _, _, err := Import("cut.xlsx", noHeader[:n]); err == nil {
			t.Errorf("a workbook cut at %d bytes: no error", n)
		}
	}
	if _, _, err := Import("x.xlsx", noHeader); err == nil || !strings.Contains(err.Error(), "looks for a header row") {
		t.Errorf("no header: %v", err)
	}
	if _, _, err := Import("old.xls", []byte{0xD0, 0xCF}); err == nil || !strings.Contains(err.Error(), ".xlsx") {
		t.Errorf(".xls: %v", err)
	}
	// Rows past the limit are reported, not read.
	rows := [][]any{{"Question", "Answer 1", "Answer 2", "Correct answer(s)"}}
	for i := 0; i < MaxRows+5; i++ {
		rows = append(rows, []any{"Q", "a", "b", "1"})
	}
	d, rep, err := Import("big.xlsx", xlsx(t, rows))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Slides) != quizzes.MaxSlides {
		t.Errorf("%d slides, want the limit %d", len(d.Slides), quizzes.MaxSlides)
	}
	if last := rep.Skipped[len(rep.Skipped)-1]; !strings.Contains(last.Reason, "only the first 1000 rows") {
		t.Errorf("last skip: %+v", last)
	}
}

// summary lists the questions of d as "kind prompt options".
func summary(d *quizzes.Deck) []string {
	var out []string
	for _, i := range d.Questions() {
		q := d.Slides[i].Question
		line := string(q.Kind) + " " + q.Prompt + " " + optionString(q.Options)
		if len(q.Accept) > 0 {
			line += "accept " + strings.Join(q.Accept, "|")
		}
		out = append(out, line)
	}
	return out
}

// TestBlooketSheet: with "Question #" before "Question Text", the prompt is
// the text, not the number; the title row above the header is no question.
func TestBlooketSheet(t *testing.T) {
	data := xlsx(t, [][]any{
		{"Blooket\nImport Template"},
		{"Question #", "Question Text", "Answer 1", "Answer 2", "Answer 3\n(Optional)", "Answer 4\n(Optional)", "Time Limit (sec)\n(Max: 300 seconds)", "Correct Answer(s)\n(Only include Answer #)"},
		{1, "What is 2 + 2?", 3, 4, "", "", 20, 2},
		{2, "Pick the planet.", "Mars", "Moon", "Sun", "", 20, 1},
	})
	d, rep, err := Import("blooket.xlsx", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	want := "single What is 2 + 2? 3|*4\nsingle Pick the planet. *Mars|Moon|Sun"
	if got := strings.Join(summary(d), "\n"); got != want || rep.Format != "Blooket" || len(rep.Skipped) != 0 {
		t.Errorf("got %q (%s), want %q:\n%s", got, rep.Format, want, rep)
	}
}
