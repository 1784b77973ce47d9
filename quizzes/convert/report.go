package convert

import (
	"fmt"
	"io"
	"strings"
)

// Report tells an author what an import did with each piece of the file, so
// nothing disappears silently: every question or slide is either taken or
// skipped, with where it was and why.
type Report struct {
	Format  string // the reader that was used: "GIFT", "Aiken", "CSV", "Kahoot", "Quizizz"
	Unit    string // what Item.Line counts: "line" for text files, "row" for spreadsheets
	Taken   []Item
	Skipped []Item
	// Warnings are lines of the source that are neither a question nor a
	// slide but were read in a way the author should check (a $CATEGORY
	// glued to the question before it).
	Warnings []Item
	// Unlisted counts skipped items past MaxSkipped, so that a file of
	// thousands of unusable blocks cannot make a report of millions of lines.
	Unlisted int
}

// MaxSkipped is how many skipped items a report lists one by one.
const MaxSkipped = 1000

// Item is one question, slide or row of the source.
type Item struct {
	Line   int    // 1-based line (or sheet row) where it starts; 0 for the whole file
	Title  string // a short excerpt of its prompt or title
	Reason string // taken: what it became, and anything lost; skipped: why
}

func (r *Report) take(line int, title, reason string) {
	r.Taken = append(r.Taken, Item{Line: line, Title: clip(title, 60), Reason: reason})
}

func (r *Report) skip(line int, title, reason string) {
	if len(r.Skipped) >= MaxSkipped {
		r.Unlisted++
		return
	}
	r.Skipped = append(r.Skipped, Item{Line: line, Title: clip(title, 60), Reason: reason})
}

func (r *Report) warn(line int, title, reason string) {
	r.Warnings = append(r.Warnings, Item{Line: line, Title: clip(title, 60), Reason: reason})
}

// String returns the report as WriteTo prints it.
func (r *Report) String() string {
	var b strings.Builder
	r.WriteTo(&b)
	return b.String()
}

// WriteTo prints one line per item, in source order, then a summary line:
//
//	line 12: skipped: matching questions are not supported ("Match the countries")
func (r *Report) WriteTo(w io.Writer) (int64, error) {
	unit := r.Unit
	if unit == "" {
		unit = "line"
	}
	var b strings.Builder
	lists := [][]Item{r.Taken, r.Skipped, r.Warnings}
	verbs := []string{"taken", "skipped", "warning"}
	next := make([]int, len(lists))
	for {
		pick := -1
		for k, l := range lists {
			if next[k] < len(l) && (pick < 0 || l[next[k]].Line < lists[pick][next[pick]].Line) {
				pick = k
			}
		}
		if pick < 0 {
			break
		}
		it, verb := lists[pick][next[pick]], verbs[pick]
		next[pick]++
		if it.Line > 0 {
			fmt.Fprintf(&b, "%s %d: ", unit, it.Line)
		}
		fmt.Fprintf(&b, "%s: %s", verb, it.Reason)
		if it.Title != "" {
			fmt.Fprintf(&b, " (\"%s\")", it.Title)
		}
		b.WriteByte('\n')
	}
	format := r.Format
	if format == "" {
		format = "import"
	}
	if r.Unlisted > 0 {
		fmt.Fprintf(&b, "… and %d more skipped, not listed\n", r.Unlisted)
	}
	fmt.Fprintf(&b, "%s: %d taken, %d skipped\n", format, len(r.Taken), len(r.Skipped)+r.Unlisted)
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}
