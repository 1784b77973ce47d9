package convert

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// CSV files and spreadsheets share one reader of rows: a header row names
// the columns, found by what its cells mean rather than by where they are or
// how they start, so that the layouts of Kahoot, Quizizz, Blooket, Gimkit,
// Quizlet, Google Forms quiz sheets and Moodle's question CSV all read.

// colRole is what a header cell says its column holds.
type colRole int

const (
	colUnknown    colRole = iota
	colIgnored            // a number, a time limit, points: known, not used
	colPrompt             // the question's text
	colName               // the question's own name
	colKind               // the question type
	colOptions            // all options in one cell
	colOption             // one option ("Option 2", "Answer 3")
	colCorrect            // which options are right: numbers, letters or texts
	colWrong              // Gimkit: the text of one wrong answer
	colExplain            // feedback for everyone
	colFBRight            // feedback for whoever answered right
	colFBWrong            // feedback for whoever answered wrong
	colImage              // an image link
	colDefinition         // Quizlet: a card's definition
	colResponse           // a form's responses export: timestamp, score, email
)

// tableCols says where each field is; -1 when absent.
type tableCols struct {
	layout                                                      string
	prompt, name, kind, options, correct, explain, image, defin int
	fbRight, fbWrong                                            int
	option, wrong                                               []int
	rightText                                                   bool // correct holds the right answer's text (Gimkit)
	byText                                                      bool // correct names options by their text first (Google Forms)
}

var (
	numberedOptionRE = regexp.MustCompile(`^(option|answer|choice|opcion|opción|respuesta|alternative|alternativa|answeroption)([0-9]{1,2})$`)
	wrongAnswerRE    = regexp.MustCompile(`^(incorrectanswer|wronganswer|incorrect|wrong|distractor)[0-9]{0,2}$`)
)

// compactHeader reduces a header cell to lower-case letters, digits and
// "#", without what follows a "(" or " - " (Kahoot's "Question - max 120
// characters", Blooket's "Answer 3\n(Optional)").
func compactHeader(h string) string {
	h = strings.ToLower(strings.Join(strings.Fields(h), " "))
	for _, sep := range []string{"(", " - ", " – "} {
		if i := strings.Index(h, sep); i > 0 {
			h = h[:i]
		}
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '#' {
			return r
		}
		return -1
	}, h)
}

// promptRank orders the names a question column goes by, best first.
var promptRank = map[string]int{
	"questiontext": 4, "questiontitle": 4, "textodelapregunta": 4, "questionbody": 3,
	"question": 3, "pregunta": 3, "questions": 2, "prompt": 2, "stem": 2, "term": 1, "front": 1, "fronttext": 1,
}

func headerRole(cell string) (colRole, int) {
	c := compactHeader(cell)
	if r, ok := promptRank[c]; ok {
		return colPrompt, r
	}
	switch c {
	case "timestamp", "score", "emailaddress", "email", "totalscore", "marcatemporal", "puntuación", "puntuacion":
		return colResponse, 0
	case "", "#", "no", "nº", "n", "number", "num", "question#", "questionnumber", "questionno", "questionnum", "questionid", "id",
		"time", "timelimit", "timeinseconds", "seconds", "points", "defaultmark", "mark", "marks", "required", "difficulty", "tags", "category":
		return colIgnored, 0
	case "questiontype", "type", "kind", "qtype", "tipo", "tipodepregunta":
		return colKind, 0
	case "questionname", "name", "title", "nombre":
		return colName, 0
	case "feedbackforcorrect", "correctfeedback", "feedbackcorrect", "feedbackforcorrectanswer", "feedbackforcorrectanswers", "rightfeedback":
		return colFBRight, 0
	case "feedbackforincorrect", "incorrectfeedback", "feedbackincorrect", "feedbackforincorrectanswer", "feedbackforincorrectanswers", "wrongfeedback":
		return colFBWrong, 0
	case "explanation", "answerexplanation", "feedback", "generalfeedback", "explicacion", "explicación", "rationale":
		return colExplain, 0
	case "image", "imagelink", "imageurl", "media", "picture", "imagen":
		return colImage, 0
	case "correctanswer", "correctanswers", "correct", "answer", "answerkey", "key", "right", "rightanswer",
		"correcta", "respuestacorrecta", "solution", "correctoption", "correctoptions":
		return colCorrect, 0
	case "options", "answers", "choices", "opciones", "respuestas", "answeroptions", "alternatives", "alternativas":
		return colOptions, 0
	case "definition", "definición", "definicion", "back", "backtext":
		return colDefinition, 0
	}
	switch {
	case numberedOptionRE.MatchString(c):
		return colOption, 0
	case wrongAnswerRE.MatchString(c):
		return colWrong, 0
	case strings.HasSuffix(c, "name") && len(c) > 4: // Moodle CSV: "multichoicename"
		return colName, 0
	case strings.HasPrefix(c, "timelimit"):
		return colIgnored, 0
	case strings.HasPrefix(c, "question") && !strings.Contains(c, "#"):
		return colPrompt, 0
	}
	return colUnknown, 0
}

// readHeader reads a header row. ok is false when the row does not name a
// question column with options (or, for true/false and flashcards, an
// answer or definition); known counts the cells it recognised, so that a
// header of an unknown layout can be told from a row of data.
func readHeader(row []string) (c tableCols, ok bool, known int) {
	c = tableCols{prompt: -1, name: -1, kind: -1, options: -1, correct: -1, explain: -1, image: -1, defin: -1, fbRight: -1, fbWrong: -1}
	best := -1
	responses := false
	var optionNames []string
	for i, h := range row {
		role, rank := headerRole(h)
		if role != colUnknown && role != colIgnored {
			known++
		}
		set := func(p *int) {
			if *p < 0 {
				*p = i
			}
		}
		switch role {
		case colPrompt:
			if rank > best {
				c.prompt, best = i, rank
			}
		case colName:
			set(&c.name)
		case colKind:
			set(&c.kind)
		case colOptions:
			set(&c.options)
		case colOption:
			c.option = append(c.option, i)
			optionNames = append(optionNames, numberedOptionRE.FindStringSubmatch(compactHeader(h))[1])
		case colWrong:
			c.wrong = append(c.wrong, i)
		case colCorrect:
			set(&c.correct)
		case colExplain:
			set(&c.explain)
		case colFBRight:
			set(&c.fbRight)
		case colFBWrong:
			set(&c.fbWrong)
		case colImage:
			set(&c.image)
		case colDefinition:
			set(&c.defin)
		case colResponse:
			responses = true
		}
	}
	compact := make([]string, len(row))
	for i, h := range row {
		compact[i] = compactHeader(h)
	}
	has := func(name string) bool {
		for _, h := range compact {
			if h == name {
				return true
			}
		}
		return false
	}
	switch {
	case c.prompt < 0:
		if responses {
			c.layout = "Google Forms responses"
		}
		return c, false, known
	case len(c.wrong) > 0 && c.correct >= 0:
		c.layout, c.rightText = "Gimkit", true
	case c.defin >= 0 && c.options < 0 && len(c.option) == 0:
		c.layout = "Quizlet"
	case len(c.option) > 0 && has("question#"):
		c.layout = "Blooket"
	case len(c.option) > 0 && (c.fbRight >= 0 || c.fbWrong >= 0 || has("questiontitle")):
		c.layout, c.byText = "Google Forms", true
	case len(c.option) > 0 && optionNames[0] == "option" && (c.kind >= 0 || has("timeinseconds")):
		c.layout = "Quizizz"
	case len(c.option) > 0 && optionNames[0] == "answer":
		c.layout = "Kahoot"
	case c.options >= 0 && has("questiontext") && (c.name >= 0 || has("defaultmark")):
		c.layout = "Moodle CSV"
	case c.options >= 0 || len(c.option) > 0:
		c.layout = ""
	case c.correct >= 0 && c.kind < 0 && c.name >= 0:
		c.layout = "Moodle CSV" // true/false: no options column
	case responses:
		c.layout = "Google Forms responses"
		return c, false, known
	default:
		return c, false, known
	}
	return c, true, known
}

// lookedFor says which columns a header must have, for the report when none
// is found.
const lookedFor = "the reader looks for a header row with a question column (Question, Question Text, Prompt or Term) " +
	"and options: one Options, Answers or Choices column (separated by | or ;), or columns Option 1…, Answer 1…, " +
	"or Correct Answer with Incorrect Answer 1…; the right answers go in Correct Answer(s), Correct or Answer " +
	"(option numbers, letters or texts)"

// card is a Quizlet flashcard, kept until every row is read.
type card struct {
	line       int
	term, defn string
}

// table reads the rows below a header.
type table struct {
	b     *builder
	c     tableCols
	cards []card
}

func (t *table) row(line int, cells []string) {
	c := t.c
	cell := func(i int) string {
		if i < 0 || i >= len(cells) {
			return ""
		}
		return unformula(cells[i])
	}
	if strings.TrimSpace(strings.Join(cells, "")) == "" {
		return
	}
	prompt := cell(c.prompt)
	var optCells []string
	for _, i := range c.option {
		optCells = append(optCells, cell(i))
	}
	if prompt == "" && strings.Join(optCells, "") == "" && cell(c.options) == "" && cell(c.defin) == "" {
		return // a template's numbered empty row
	}
	if c.layout == "Quizlet" {
		t.cards = append(t.cards, card{line: line, term: prompt, defn: cell(c.defin)})
		return
	}
	kind, bad := tableKind(cell(c.kind))
	if bad != "" {
		t.b.rep.skip(line, prompt, bad)
		return
	}

	var texts []string
	var right []int
	var err error
	spec := cell(c.correct)
	if kind == quizzes.Poll || kind == quizzes.Ranking {
		spec = ""
	}
	if kind == quizzes.OpenText || kind == quizzes.WordCloud || kind == quizzes.TypeAnswer {
		t.b.question(t.voiceRow(line, prompt, kind, optCells, cells))
		return
	}
	switch {
	case c.rightText:
		texts = []string{spec}
		right = []int{0}
		for _, i := range c.wrong {
			if w := cell(i); w != "" {
				texts = append(texts, w)
			}
		}
		if spec == "" {
			texts, right = texts[1:], nil
		}
	case len(c.option) > 0:
		texts, right, err = optionCells(optCells, spec, c.byText)
	default:
		texts = splitOptions(cell(c.options))
		if len(texts) == 0 && (kind == "" || kind == quizzes.TrueFalse) {
			if isTrue, ok := trueFalseAnswer(spec); ok {
				tw, fw := trueFalseWords(t.b.lang)
				texts, kind = []string{tw, fw}, quizzes.TrueFalse
				right = []int{1}
				if isTrue {
					right = []int{0}
				}
				break
			}
		}
		right, err = correctAnswers(spec, texts, len(texts), c.byText)
	}
	if err != nil {
		t.b.rep.skip(line, prompt, err.Error())
		return
	}
	d := choiceDraft(line, prompt, texts, right, kind)
	if kind == quizzes.Ranking && cell(c.correct) != "" {
		d.notes = append(d.notes, fmt.Sprintf("its correct answer %q is left out: a ranking has no right order", clip(cell(c.correct), 30)))
	}
	d.name = cell(c.name)
	d.explanation = escapeBlock(cell(c.explain))
	if fr, fw := escapeBlock(cell(c.fbRight)), escapeBlock(cell(c.fbWrong)); fr != "" || fw != "" {
		for i := range d.options {
			if d.options[i].Correct {
				d.options[i].Feedback = fr
			} else {
				d.options[i].Feedback = fw
			}
		}
	}
	if img := cell(c.image); img != "" {
		d.notes = append(d.notes, fmt.Sprintf("image link %q ignored", clip(img, 60)))
	}
	t.b.question(d)
}

// finish turns Quizlet flashcards into questions: each card's definition
// is its right option, and the definitions of the next three cards are the
// wrong ones, as quiz tools that import Quizlet sets do.
func (t *table) finish() {
	n := len(t.cards)
	for i, cd := range t.cards {
		if cd.term == "" || cd.defn == "" {
			t.b.rep.skip(cd.line, cd.term, "a flashcard needs a term and a definition")
			continue
		}
		texts := []string{cd.defn}
		seen := map[string]bool{strings.ToLower(cd.defn): true}
		for k := 1; k < n && len(texts) < 4; k++ {
			other := t.cards[(i+k)%n].defn
			if other != "" && !seen[strings.ToLower(other)] {
				seen[strings.ToLower(other)] = true
				texts = append(texts, other)
			}
		}
		if len(texts) < 2 {
			t.b.rep.skip(cd.line, cd.term, "a flashcard set needs at least two different definitions to make options")
			continue
		}
		// Put the right option in a different place from card to card.
		at := i % len(texts)
		texts[0], texts[at] = texts[at], texts[0]
		d := choiceDraft(cd.line, cd.term, texts, []int{at}, quizzes.Single)
		d.notes = append(d.notes, "a flashcard: the wrong options are other cards' definitions")
		t.b.question(d)
	}
}

// tableKind reads a question-type cell: Roundtable's kinds and the names
// Quizizz, Google Forms and Moodle's CSV use. bad says why a row is
// skipped.
func tableKind(s string) (quizzes.Kind, string) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch t {
	case "", "multiple choice", "multiple-choice", "multiplechoice", "choice", "quiz", "multichoice", "dropdown", "mcq", "mc":
		return "", ""
	case "single":
		return quizzes.Single, ""
	case "multiple", "checkbox", "checkboxes", "multiple answer", "multiple-answer", "multi", "multichoiceset", "multiple select":
		return quizzes.Multiple, ""
	case "truefalse", "true/false", "true or false", "true-false", "tf", "boolean":
		return quizzes.TrueFalse, ""
	case "poll", "survey":
		return quizzes.Poll, ""
	case "open", "open-ended", "open ended", "openended", "paragraph", "essay", "long answer", "free text":
		return quizzes.OpenText, ""
	case "wordcloud", "word cloud", "word-cloud":
		return quizzes.WordCloud, ""
	case "typeanswer", "type answer", "type-answer", "short answer", "shortanswer", "short-answer", "text",
		"fill-in-the-blank", "fill in the blank", "fill-in-the-blanks", "fill in the blanks", "fill-in-blank":
		return quizzes.TypeAnswer, ""
	case "ranking", "rank", "ranking order":
		return quizzes.Ranking, ""
	case "scale", "rating", "linear scale", "number", "numerical", "slider":
		return "", fmt.Sprintf("%s questions are not read from a sheet, which has no columns for their points or range: write them in the deck (DECKS.md)", t)
	}
	return "", fmt.Sprintf("question type %q is not supported: Roundtable reads choice questions (single, multiple, truefalse, poll; Multiple Choice, Checkbox, True or False), open text (open, Open-Ended, Paragraph), word clouds (wordcloud, Word cloud), typed answers (typeanswer, Type answer, Short answer, Fill-in-the-Blank) and rankings", clip(s, 30))
}

// splitOptions splits an options cell at "|", else at ";", else at line
// breaks.
func splitOptions(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	sep := "\n"
	switch {
	case strings.Contains(s, "|"):
		sep = "|"
	case strings.Contains(s, ";"):
		sep = ";"
	}
	var out []string
	for _, t := range strings.Split(s, sep) {
		out = append(out, strings.TrimSpace(t))
	}
	return out
}

// trueFalseAnswer reads a true/false answer cell.
func trueFalseAnswer(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "t", "true", "verdadero", "v", "yes":
		return true, true
	case "0", "f", "false", "falso", "no":
		return false, true
	}
	return false, false
}

var lettersRE = regexp.MustCompile(`^[A-Za-z]{2,8}$`)

// correctAnswers reads the right answers of a row against n option columns
// (or options) whose texts are texts: numbers or letters ("2", "1,3",
// "a;c"), letters run together as Moodle's CSV writes them ("ACD"), or the
// text of the right options.
func correctAnswers(spec string, texts []string, n int, byText bool) ([]int, error) {
	if byText {
		if k := optionIndex(spec, texts); k >= 0 {
			return []int{k}, nil
		}
		if ks := optionsByText(spec, texts); ks != nil {
			return ks, nil
		}
	}
	out, err := parseCorrect(spec, n)
	if err == nil {
		return out, nil
	}
	if lettersRE.MatchString(spec) && strings.ToUpper(spec) == spec {
		var letters []int
		seen := map[int]bool{}
		for _, r := range strings.ToLower(spec) {
			k := int(r - 'a')
			if k >= n || seen[k] {
				letters = nil
				break
			}
			seen[k] = true
			letters = append(letters, k)
		}
		if letters != nil {
			return letters, nil
		}
	}
	if k := optionIndex(spec, texts); k >= 0 {
		return []int{k}, nil
	}
	if ks := optionsByText(spec, texts); ks != nil {
		return ks, nil
	}
	if len(texts) > 0 && len([]rune(strings.TrimSpace(spec))) > 1 && !strings.ContainsAny(spec, "0123456789") {
		return nil, fmt.Errorf("correct answer %q is not an option number, letter or text", clip(spec, 30))
	}
	return nil, err
}

// optionsByText reads "a, c" as the options whose texts are a and c, or
// returns nil.
func optionsByText(spec string, texts []string) []int {
	var out []int
	for _, part := range strings.FieldsFunc(spec, func(r rune) bool { return strings.ContainsRune(",;|\n", r) }) {
		k := optionIndex(part, texts)
		if k < 0 {
			return nil
		}
		out = append(out, k)
	}
	return out
}

func optionIndex(s string, texts []string) int {
	s = strings.TrimSpace(s)
	for i, t := range texts {
		if s != "" && strings.EqualFold(strings.TrimSpace(t), s) {
			return i
		}
	}
	return -1
}

// rangeText names a span of rows or lines: "row 3" or "rows 1–7".
func rangeText(unit string, from, to int) string {
	if from == to {
		return unit + " " + strconv.Itoa(from)
	}
	return unit + "s " + strconv.Itoa(from) + "–" + strconv.Itoa(to)
}
