package convert

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/roundtable-kit/roundtable/quizzes"
)

const (
	headerSearchRows = 40 // the Kahoot template has instruction rows above its header
	maxSheetCols     = 40
)

// sheetColumns says where each field is in a Kahoot or Quizizz sheet; -1
// when absent.
type sheetColumns struct {
	question, kind, correct, image, explanation int
	option                                      []int
}

var (
	kahootAnswerRE = regexp.MustCompile(`^answer\s*\d`)
	quizizzOptRE   = regexp.MustCompile(`^option\s*\d`)
)

// readSheet reads the first sheet that has a header row (a cell starting
// "Question"): Kahoot's template when it has "Answer 1…4" columns, Quizizz's
// when it has "Option 1…5".
func readSheet(data []byte, lang string) (b *builder, err error) {
	defer func() {
		// excelize is a large third-party parser; a workbook that trips it
		// must be a refused upload, not a crashed server.
		if r := recover(); r != nil {
			b, err = nil, fmt.Errorf("not a readable .xlsx workbook (%v)", r)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    64 << 20, // a zip bomb stops here, not in memory
		UnzipXMLSizeLimit: 16 << 20,
	})
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx workbook: %v", err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := sheetRows(f, sheet)
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %v", sheet, err)
		}
		for i := 0; i < len(rows) && i < headerSearchRows; i++ {
			cols, format, ok := sheetHeader(rows[i])
			if !ok {
				continue
			}
			b := newBuilder(format, "row", lang)
			for j := i + 1; j < len(rows); j++ {
				if j-i > MaxRows {
					b.rep.skip(j+1, "", fmt.Sprintf("only the first %d rows are read", MaxRows))
					break
				}
				b.sheetRow(j+1, rows[j], cols)
			}
			return b, nil
		}
	}
	return nil, fmt.Errorf("no header row found: a Kahoot or Quizizz sheet has a row with a \"Question\" cell and answer or option columns")
}

// sheetRows reads at most the rows an import may use, each at most
// maxSheetCols wide, through the streaming reader.
func sheetRows(f *excelize.File, sheet string) ([][]string, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out [][]string
	for it.Next() && len(out) <= MaxRows+headerSearchRows {
		cells, err := it.Columns()
		if err != nil {
			return nil, err
		}
		if len(cells) > maxSheetCols {
			cells = cells[:maxSheetCols]
		}
		out = append(out, cells)
	}
	return out, it.Error()
}

func sheetHeader(row []string) (sheetColumns, string, bool) {
	c := sheetColumns{question: -1, kind: -1, correct: -1, image: -1, explanation: -1}
	var answers, options []int
	for i, h := range row {
		h = strings.ToLower(oneLine(h))
		switch {
		case strings.HasPrefix(h, "question type"):
			c.kind = i
		case c.question < 0 && strings.HasPrefix(h, "question"):
			c.question = i
		case kahootAnswerRE.MatchString(h):
			answers = append(answers, i)
		case quizizzOptRE.MatchString(h):
			options = append(options, i)
		case c.correct < 0 && strings.HasPrefix(h, "correct"):
			c.correct = i
		case strings.HasPrefix(h, "image"):
			c.image = i
		case strings.HasPrefix(h, "answer explanation") || strings.HasPrefix(h, "explanation"):
			c.explanation = i
		}
	}
	switch {
	case c.question < 0:
		return c, "", false
	case len(options) > 0:
		c.option = options
		return c, "Quizizz", true
	case len(answers) > 0:
		c.option = answers
		return c, "Kahoot", true
	}
	return c, "", false
}

func (b *builder) sheetRow(row int, cells []string, c sheetColumns) {
	cell := func(i int) string {
		if i < 0 || i >= len(cells) {
			return ""
		}
		return unformula(cells[i])
	}
	prompt := cell(c.question)
	var opts []string
	for _, col := range c.option {
		opts = append(opts, cell(col))
	}
	if prompt == "" && strings.Join(opts, "") == "" {
		return // the Kahoot template numbers rows it leaves empty
	}

	var kind quizzes.Kind
	if c.kind >= 0 {
		switch t := strings.ToLower(oneLine(cell(c.kind))); t {
		case "", "multiple choice":
			kind = ""
		case "checkbox":
			kind = quizzes.Multiple
		case "poll":
			kind = quizzes.Poll
		case "open-ended", "open ended":
			b.rep.skip(row, prompt, "open-ended questions are not supported yet")
			return
		case "fill-in-the-blank", "fill in the blank":
			b.rep.skip(row, prompt, "fill-in-the-blank questions are not supported yet")
			return
		default:
			b.rep.skip(row, prompt, fmt.Sprintf("question type %q is not supported", clip(cell(c.kind), 30)))
			return
		}
	}

	spec := cell(c.correct)
	if kind == quizzes.Poll {
		spec = ""
	}
	texts, right, err := optionCells(opts, spec)
	if err != nil {
		b.rep.skip(row, prompt, err.Error())
		return
	}
	d := choiceDraft(row, prompt, texts, right, kind)
	d.explanation = escapeBlock(cell(c.explanation))
	if cell(c.image) != "" {
		d.notes = append(d.notes, "image link ignored")
	}
	b.question(d)
}
