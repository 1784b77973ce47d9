package convert

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// corpusDir holds real quiz files from other projects (see its SOURCES.md);
// they are never committed here, and the test skips without them.
const corpusDir = "../../../shared/testdata/corpus"

// corpusFile is what a careful reading of one file finds: how many
// questions (and descriptions, which Moodle imports too) it holds, how many
// Roundtable can take, and why each of the others is skipped (the start of
// the reason, and how many).
type corpusFile struct {
	found, taken int
	skips        map[string]int
}

// corpus was written by reading every file, block by block, against
// Moodle's own reader (question/format/gift/format.php) and the other
// tools' templates; it is not a record of what the code printed.
var corpus = map[string]corpusFile{
	// Aiken
	"aiken/moodle_aiken_errors.txt": {5, 2, map[string]int{
		"a question needs at least 2 options":                 1, // "Only answer"
		"line 5 is an option (A)) with no question before it": 1,
		"no ANSWER: line after the options":                   1,
	}},
	"aiken/moodle_questions.aiken.txt": {2, 2, nil},
	// The fifth question's options are four "." standing for recordings.
	"aiken/qas_aiken_1.txt": {5, 4, map[string]int{"all 4 options read the same": 1}},

	// CSV: Moodle's question CSV (questiontext, choices split by ";",
	// answer letters run together), and a Kahoot CSV with a number column.
	"csv/hunterhqm_sample.csv":            {6, 6, nil},
	"csv/hunterhqm_sampleMultichoice.csv": {6, 6, nil},
	"csv/hunterhqm_sampleTruefalse.csv":   {2, 2, nil},
	"csv/qas_kahoot.csv":                  {5, 4, map[string]int{"all 4 options read the same": 1}},

	// GIFT
	"gift/gcarlos_quiz.gift": {8, 8, nil},
	// 7 questions, 4 blocks without braces (descriptions to Moodle), 2
	// matching, 2 numerical.
	"gift/julie_examen.gift":                     {15, 13, map[string]int{"matching": 2}},
	"gift/moodle_examples.txt":                   {43, 40, map[string]int{"matching": 3}},
	"gift/moodle_giftformat_test_embedded.gift":  {3, 3, nil},
	"gift/moodle_questions.gift.txt":             {9, 8, map[string]int{"matching": 1}},
	"gift/moodle_questions_in_category.gift.txt": {4, 3, map[string]int{"matching": 1}},
	"gift/peg_TFTwoFeedback.gift":                {3, 3, nil},
	"gift/peg_category1.gift":                    {0, 0, nil},
	"gift/peg_categorySpecialCharacter.gift":     {0, 0, nil},
	"gift/peg_description1.gift":                 {2, 2, nil},
	"gift/peg_descriptionTitleEscapedColon.gift": {2, 2, nil},
	"gift/peg_descriptionWithID.gift":            {2, 2, nil},
	"gift/peg_escapeAll.gift":                    {1, 1, nil},
	"gift/peg_escapeColon.gift":                  {1, 1, nil},
	"gift/peg_escapeEquals.gift":                 {1, 1, nil},
	"gift/peg_essay1.gift":                       {1, 1, nil},
	"gift/peg_formatExamples.gift":               {1, 1, nil},
	"gift/peg_giftFormatPhpExamples.gift":        {10, 9, map[string]int{"matching": 1}},
	"gift/peg_markdown.gift":                     {4, 4, nil},
	"gift/peg_matching1.gift":                    {2, 0, map[string]int{"matching": 2}},
	"gift/peg_mc1.gift":                          {1, 1, nil},
	"gift/peg_mc2.gift":                          {1, 1, nil},
	"gift/peg_mc4.gift":                          {1, 1, nil},
	"gift/peg_mc5.gift":                          {4, 4, nil},
	"gift/peg_mcHTMLComment.gift":                {1, 1, nil},
	"gift/peg_multiLineFeedback1.gift":           {2, 2, nil},
	"gift/peg_multipleAnswersFloat.gift":         {1, 1, nil},
	"gift/peg_newlineAndLaTeX.gift":              {1, 1, nil},
	"gift/peg_numerical1.gift":                   {10, 10, nil},
	"gift/peg_options1.gift":                     {14, 14, nil},
	"gift/peg_shortAnswer1.gift":                 {2, 2, nil},
	"gift/peg_shortAnswer2.gift":                 {2, 2, nil},
	// "->" inside a block with "~" is multiple choice, not matching.
	"gift/peg_shortAnswerNotMatching.gift":                     {2, 2, nil},
	"gift/peg_shortFirstEmbedded.gift":                         {2, 2, nil},
	"gift/peg_shortFirstEmbeddedUnderline.gift":                {2, 2, nil},
	"gift/peg_shortFirstEmbeddedUnderlineHTML.gift":            {2, 2, nil},
	"gift/peg_symbolsAll.gift":                                 {1, 1, nil},
	"gift/peg_tag_id.gift":                                     {1, 1, nil},
	"gift/peg_tag_id_and_two_tags.gift":                        {1, 1, nil},
	"gift/peg_tag_two_tags.gift":                               {1, 1, nil},
	"gift/peg_tf1.gift":                                        {1, 1, nil},
	"gift/peg_tf1_html.gift":                                   {1, 1, nil},
	"gift/peg_tf1_markdown.gift":                               {1, 1, nil},
	"gift/peg_tf2.gift":                                        {2, 2, nil},
	"gift/peg_totara_moodle_backslash.gift":                    {1, 1, nil},
	"gift/peg_totara_moodle_essay.gift":                        {1, 1, nil},
	"gift/peg_totara_moodle_match.gift":                        {1, 0, map[string]int{"matching": 1}},
	"gift/peg_totara_moodle_multichoice.gift":                  {1, 1, nil},
	"gift/peg_totara_moodle_multichoice_multi.gift":            {1, 1, nil},
	"gift/peg_totara_moodle_numerical.gift":                    {1, 1, nil},
	"gift/peg_totara_moodle_pre_content.gift":                  {1, 1, nil},
	"gift/peg_totara_moodle_shortanswer.gift":                  {1, 1, nil},
	"gift/peg_totara_moodle_shortanswer_general_feedback.gift": {1, 1, nil},
	"gift/peg_totara_moodle_truefalse.gift":                    {1, 1, nil},
	"gift/peg_totara_moodle_truefalse_true_answer1.gift":       {1, 1, nil},
	"gift/peg_totara_moodle_truefalse_true_answer2.gift":       {1, 1, nil},
	"gift/peg_type_inferred_multiline_markdown.gift":           {1, 1, nil},
	// 1 description, 2 essays, 4 true/false, 4 numerical, 1 missing word,
	// 2 matching, 4 short answers, 4 multiple choice.
	"gift/qas_all.gift":         {22, 20, map[string]int{"matching": 2}},
	"gift/qas_multichoice.gift": {4, 4, nil},
	"gift/qas_true_false.gift":  {4, 4, nil},

	// Spreadsheets
	"kahoot/flowstate_KahootQuizTemplate.xlsx": {30, 30, nil},
	"kahoot/qahoot_KahootQuizTemplate.xlsx":    {1, 1, nil},
	// 60 questions with no answer key (taken as polls); question 10 has no
	// options.
	"quizizz/phbinh_Result.xlsx": {60, 59, map[string]int{"a question needs at least 2 options": 1}},
}

// leftovers are source syntax that must never reach a prompt, an option or
// a feedback: format prefixes, tags, entities, comments.
var leftovers = regexp.MustCompile(`(?i)\[(moodle|html|plain|markdown)\]|</?(p|span|br|em|strong|b|i|img|a)\b|&(nbsp|amp|lt|gt|quot|ndash);|<!--|@@PLUGINFILE@@`)

func TestCorpus(t *testing.T) {
	if _, err := os.Stat(corpusDir); errors.Is(err, fs.ErrNotExist) {
		t.Skip("the corpus in ../shared is not present")
	}
	var seen []string
	err := filepath.WalkDir(corpusDir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || e.Name() == "SOURCES.md" {
			return err
		}
		rel, _ := filepath.Rel(corpusDir, path)
		seen = append(seen, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range seen {
		want, ok := corpus[rel]
		if !ok {
			t.Errorf("%s: a corpus file nobody has read yet: add what it holds to the table", rel)
			continue
		}
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(corpusDir, rel))
			if err != nil {
				t.Fatal(err)
			}
			d, rep, err := Import(filepath.Base(rel), data)
			if want.taken == 0 {
				if err == nil {
					t.Fatalf("read %d slides, want nothing", len(d.Slides))
				}
			} else if err != nil {
				t.Fatalf("%v\n%s", err, rep)
			}
			if rep == nil {
				t.Fatalf("no report")
			}
			if got := len(rep.Taken) + len(rep.Skipped) + rep.Unlisted; got != want.found || len(rep.Taken) != want.taken {
				t.Errorf("found %d, taken %d; a reading finds %d, takes %d:\n%s", got, len(rep.Taken), want.found, want.taken, rep)
			}
			got := map[string]int{}
			for _, it := range rep.Skipped {
				reason := it.Reason
				for prefix := range want.skips {
					if strings.HasPrefix(reason, prefix) {
						reason = prefix
						break
					}
				}
				got[reason]++
			}
			for reason, n := range got {
				if want.skips[reason] != n {
					t.Errorf("skipped %d for %q, want %d:\n%s", n, reason, want.skips[reason], rep)
				}
			}
			for reason, n := range want.skips {
				if got[reason] != n {
					t.Errorf("skipped %d for %q, want %d:\n%s", got[reason], reason, n, rep)
				}
			}
			for _, it := range rep.Taken {
				if strings.Count(it.Reason, "warning:") != len(uniqueWarnings(it.Reason)) {
					t.Errorf("a warning repeated: %s", it.Reason)
				}
			}
			if d == nil {
				return
			}
			for _, i := range d.Questions() {
				q := d.Slides[i].Question
				texts := []string{q.Prompt, q.Explanation, q.Name}
				for _, o := range q.Options {
					texts = append(texts, o.Text, o.Feedback)
				}
				for _, s := range texts {
					if m := leftovers.FindString(s); m != "" {
						t.Errorf("%q left in %q", m, clip(s, 80))
					}
				}
			}
			if _, probs := quizzes.Parse(d.ID, ToMarkdown(d)); quizzes.HasErrors(probs) {
				t.Errorf("the deck does not parse:\n%s", parseProblems(probs))
			}
		})
	}
}

func uniqueWarnings(reason string) map[string]bool {
	out := map[string]bool{}
	for _, part := range strings.Split(reason, "; ") {
		if strings.HasPrefix(part, "warning:") {
			out[part] = true
		}
	}
	return out
}
