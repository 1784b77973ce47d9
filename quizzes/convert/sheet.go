package convert

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

const (
	headerSearchRows = 40 // the Kahoot template has instruction rows above its header
	maxSheetCols     = 40
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
		firstKnown := -1
		for i := 0; i < len(rows) && i < headerSearchRows; i++ {
			cols, ok, known := readHeader(rows[i])
			if !ok {
				if known >= 2 && firstKnown < 0 {
					firstKnown = i
				}
				continue
			}
			b := newBuilder(firstNonEmpty(cols.layout, "Spreadsheet"), "row", lang)
			if above := nonEmptyBefore(i, func(k int) []string { return rows[k] }); above > 0 {
				b.rep.warn(1, "", fmt.Sprintf("%s, above the header in row %d, read as instructions, not as questions", rangeText("row", 1, i), i+1))
			}
			t := &table{b: b, c: cols}
			for j := i + 1; j < len(rows); j++ {
				if j-i > MaxRows {
					b.rep.skip(j+1, "", fmt.Sprintf("only the first %d rows are read", MaxRows))
					break
				}
				t.row(j+1, rows[j])
			}
			t.finish()
			return b, nil
		}
		if firstKnown >= 0 {
			return nil, fmt.Errorf("sheet %q, row %d: the header names no question column with options: %s", sheet, firstKnown+1, lookedFor)
		}
	}
	return nil, fmt.Errorf("no header row found in the first %d rows of any sheet: %s", headerSearchRows, lookedFor)
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
