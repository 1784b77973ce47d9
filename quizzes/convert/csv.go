package convert

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// csvColumns says where each field is; -1 when absent.
type csvColumns struct {
	question, options, correct, explanation, kind int
	option                                        []int // "Option 1", "Answer 2", … columns, in order
}

var optionColRE = regexp.MustCompile(`^(option|answer|choice|opción|respuesta)\s*\d+`)

// readCSV reads question,options,correct,explanation rows (options joined
// by "|", correct as "A" or "1;3"), with or without that header; a header
// may also name "kind" and one column per option. "," or ";" separates.
func readCSV(src, lang string) *builder {
	b := newBuilder("CSV", "line", lang)
	r := csv.NewReader(strings.NewReader(src))
	r.Comma = csvDelimiter(src)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.TrimLeadingSpace = true

	cols := csvColumns{question: 0, options: 1, correct: 2, explanation: 3, kind: -1}
	for n, errs := 0, 0; ; {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errs < 20 {
				errs++
				b.rep.skip(pe.Line, "", "unreadable CSV: "+pe.Err.Error())
				continue
			}
			b.rep.skip(line, "", "unreadable CSV, stopped here: "+err.Error())
			break
		}
		if n == 0 {
			if h, ok := csvHeader(rec); ok {
				cols = h
				n++
				continue
			}
		}
		if n++; n > MaxRows+1 {
			b.rep.skip(line, "", fmt.Sprintf("only the first %d rows are read", MaxRows))
			break
		}
		b.csvRow(line, rec, cols)
	}
	return b
}

func (b *builder) csvRow(line int, rec []string, c csvColumns) {
	cell := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return unformula(rec[i])
	}
	if strings.TrimSpace(strings.Join(rec, "")) == "" {
		return
	}
	prompt := cell(c.question)
	kind, ok := parseKind(cell(c.kind))
	if !ok {
		b.rep.skip(line, prompt, fmt.Sprintf("kind %q is not single, multiple, truefalse or poll", clip(cell(c.kind), 30)))
		return
	}
	var texts []string
	var right []int
	var err error
	if len(c.option) > 0 {
		var cells []string
		for _, i := range c.option {
			cells = append(cells, cell(i))
		}
		texts, right, err = optionCells(cells, cell(c.correct))
	} else {
		if o := cell(c.options); o != "" {
			for _, t := range strings.Split(o, "|") {
				texts = append(texts, strings.TrimSpace(t))
			}
		}
		right, err = parseCorrect(cell(c.correct), len(texts))
	}
	if err != nil {
		b.rep.skip(line, prompt, err.Error())
		return
	}
	d := choiceDraft(line, prompt, texts, right, kind)
	d.explanation = escapeBlock(cell(c.explanation))
	b.question(d)
}

// csvHeader recognises a header row by its column names.
func csvHeader(rec []string) (csvColumns, bool) {
	c := csvColumns{question: -1, options: -1, correct: -1, explanation: -1, kind: -1}
	for i, h := range rec {
		h = strings.ToLower(strings.TrimSpace(h))
		switch {
		case c.question < 0 && (strings.HasPrefix(h, "question") || h == "prompt" || h == "pregunta"):
			c.question = i
		case optionColRE.MatchString(h):
			c.option = append(c.option, i)
		case c.options < 0 && (h == "options" || h == "answers" || h == "choices" || h == "opciones"):
			c.options = i
		case c.correct < 0 && (strings.HasPrefix(h, "correct") || h == "answer" || h == "right" || h == "correcta"):
			c.correct = i
		case c.explanation < 0 && (strings.HasPrefix(h, "explanation") || h == "feedback" || h == "explicación"):
			c.explanation = i
		case c.kind < 0 && (h == "kind" || h == "type" || h == "tipo"):
			c.kind = i
		}
	}
	return c, c.question >= 0 && (c.options >= 0 || len(c.option) > 0)
}

// csvDelimiter picks "," or ";" (or a tab) by which occurs most outside
// quotes on the first line.
func csvDelimiter(src string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range src {
		if r == '"' {
			quoted = !quoted
		} else if r == '\n' && !quoted {
			break
		} else if !quoted {
			counts[r]++
		}
	}
	best := ','
	for _, d := range []rune{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}
