package convert

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvHeaderRows is how far down a CSV file the reader looks for its header
// (Blooket's and Gimkit's templates put a title row above it).
const csvHeaderRows = 10

// readCSV reads a CSV file: a header row anywhere in the first lines names
// the columns (see table.go); without one, the columns are question,
// options, correct, explanation (options joined by "|", correct as "A" or
// "1;3"), or a flashcard's term and definition (Quizlet's export). ",",
// ";" or a tab separates.
func readCSV(src, lang string) *builder {
	b := newBuilder("CSV", "line", lang)
	r := csv.NewReader(strings.NewReader(src))
	r.Comma = csvDelimiter(src)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.TrimLeadingSpace = true

	type record struct {
		line  int
		cells []string
	}
	var recs []record
	for errs := 0; ; {
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
		if len(recs) >= MaxRows+csvHeaderRows {
			b.rep.skip(line, "", fmt.Sprintf("only the first %d rows are read", MaxRows))
			break
		}
		recs = append(recs, record{line, rec})
	}

	// The header: the first row, among the first few, that names a
	// question column and its options.
	head, firstKnown := -1, -1
	var cols tableCols
	for i := 0; i < len(recs) && i < csvHeaderRows; i++ {
		c, ok, known := readHeader(recs[i].cells)
		if ok {
			head, cols = i, c
			break
		}
		if known >= 2 && firstKnown < 0 {
			firstKnown = i
		}
		if c.layout == "Google Forms responses" {
			b.rep.skip(recs[i].line, "", "this is a Google Forms responses export (timestamps and scores): it holds what people answered, not the questions' options; "+lookedFor)
			return b
		}
	}
	t := &table{b: b}
	start := 0
	switch {
	case head >= 0:
		t.c, start = cols, head+1
		if cols.layout != "" {
			b.rep.Format = "CSV (" + cols.layout + ")"
		}
		if above := nonEmptyBefore(head, func(i int) []string { return recs[i].cells }); above > 0 {
			b.rep.warn(recs[0].line, "", fmt.Sprintf("%s, above the header on line %d, read as a title, not as questions", rangeText("line", recs[0].line, recs[head].line-1), recs[head].line))
		}
	case firstKnown >= 0:
		b.rep.skip(recs[firstKnown].line, strings.Join(recs[firstKnown].cells, ", "), "the header names no question column with options: "+lookedFor)
		return b
	case flashcards(len(recs), func(i int) []string { return recs[i].cells }):
		b.rep.Format = "CSV (Quizlet)"
		t.c = tableCols{layout: "Quizlet", prompt: 0, defin: 1, name: -1, kind: -1, options: -1, correct: -1, explain: -1, image: -1, fbRight: -1, fbWrong: -1}
	default:
		t.c = tableCols{prompt: 0, options: 1, correct: 2, explain: 3, name: -1, kind: -1, image: -1, defin: -1, fbRight: -1, fbWrong: -1}
	}
	for _, rec := range recs[start:] {
		t.row(rec.line, rec.cells)
	}
	t.finish()
	if head < 0 && len(b.deck.Slides) == 0 && len(b.rep.Skipped) > 0 && len(recs) > 0 {
		// Nothing read and no header known: the first row is most likely a
		// header of a layout this reader does not know; say so, not that a
		// question was skipped.
		first := recs[0]
		if len(b.rep.Skipped) > 0 && b.rep.Skipped[0].Line == first.line {
			b.rep.Skipped = b.rep.Skipped[1:]
		}
		b.rep.warn(first.line, strings.Join(first.cells, ", "), "no header this reader knows, and no row reads as question,options,correct,explanation: "+lookedFor)
	}
	return b
}

// nonEmptyBefore counts the rows above the header that hold anything.
func nonEmptyBefore(head int, row func(int) []string) int {
	n := 0
	for i := 0; i < head; i++ {
		if strings.TrimSpace(strings.Join(row(i), "")) != "" {
			n++
		}
	}
	return n
}

// flashcards reports whether headerless rows are Quizlet's export: every
// row a term and a definition, with no option list.
func flashcards(n int, row func(int) []string) bool {
	cards := 0
	for i := 0; i < n; i++ {
		var filled []string
		for _, c := range row(i) {
			if strings.TrimSpace(c) != "" {
				filled = append(filled, c)
			}
		}
		switch {
		case len(filled) == 0:
			continue
		case len(filled) != 2 || strings.Contains(filled[1], "|"):
			return false
		}
		cards++
	}
	return cards >= 2
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
