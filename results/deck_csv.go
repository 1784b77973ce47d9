package results

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// deckCSVHeader is the deck report's CSV: one row per item, then one per
// item and role. docs/API.md lists the columns.
var deckCSVHeader = []string{"deck", "item", "kind", "prompt", "changed", "sessions", "role",
	"responses", "right", "share_pct", "low_pct", "high_pct",
	"pre_responses", "pre_right", "pre_share_pct", "post_responses", "post_right", "post_share_pct",
	"paired", "paired_pre_right", "paired_post_right", "gain_points", "sentence",
	"usefulness_mean", "usefulness_counts", "comments"}

// WriteDeckCSV writes suppressed deck reports as CSV after a byte-order
// mark and one header: a hidden number reads "fewer than k", text is
// formula-safe.
func WriteDeckCSV(w io.Writer, reports ...DeckReport) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(deckCSVHeader)
	for _, r := range reports {
		deckRows(cw, r)
	}
	cw.Flush()
	return cw.Error()
}

func deckRows(cw *csv.Writer, r DeckReport) {
	k := r.MinGroup
	num := func(c Count) string {
		if !c.Shown() {
			return fmt.Sprintf("fewer than %d", k)
		}
		return strconv.Itoa(int(c))
	}
	numP := func(c *Count) string {
		if c == nil {
			return ""
		}
		return num(*c)
	}
	pc := func(v *float64, hidden bool) string {
		if v == nil {
			if hidden {
				return fmt.Sprintf("fewer than %d", k)
			}
			return ""
		}
		return strconv.FormatFloat(*v*100, 'f', 1, 64)
	}
	share := func(sh *Share) []string {
		if sh == nil {
			return []string{"", "", ""}
		}
		return []string{num(sh.Responses), numP(sh.Right), pc(sh.Share, sh.Right != nil)}
	}
	write := func(it Item, changed string) {
		row := []string{cell(r.Deck), cell(it.ID), it.Kind, cell(it.Prompt), changed, strconv.Itoa(it.Sessions), ""}
		if it.All != nil {
			row = append(row, share(it.All)...)
			row = append(row, pc(it.All.Low, it.All.Right != nil), pc(it.All.High, it.All.Right != nil))
		} else {
			row = append(row, "", "", "", "", "")
		}
		row = append(row, share(it.Pre)...)
		row = append(row, share(it.Post)...)
		if p := it.Paired; p != nil {
			gain := fmt.Sprintf("fewer than %d", k)
			if p.Gain != nil {
				gain = strconv.FormatFloat(*p.Gain, 'f', 1, 64)
			}
			row = append(row, num(p.N), num(p.PreRight), num(p.PostRight), gain)
		} else {
			row = append(row, "", "", "", "")
		}
		row = append(row, cell(it.Sentence))
		cw.Write(append(row, feedbackCells(it.Feedback, num)...))
	}
	for _, it := range r.Items {
		write(it, "no")
	}
	for _, it := range r.Changed {
		write(it, "yes")
	}
	for _, role := range r.Roles {
		for j, ri := range role.Items {
			it := r.Items[j]
			row := []string{cell(r.Deck), cell(it.ID), it.Kind, cell(it.Prompt), "no", strconv.Itoa(it.Sessions), cell(role.Role),
				num(ri.Responses), numP(ri.Right), pc(ri.Share, ri.Right != nil)}
			cw.Write(append(row, make([]string, len(deckCSVHeader)-len(row))...))
		}
	}
}

// feedbackCells are a feedback item's columns: the mean (two decimals),
// the count per point joined by ";" and the comments, one per line; empty
// for other items, and the mean and comments empty under k.
func feedbackCells(f *FeedbackItem, num func(Count) string) []string {
	if f == nil {
		return []string{"", "", ""}
	}
	mean := ""
	if f.Mean != nil {
		mean = strconv.FormatFloat(*f.Mean, 'f', 2, 64)
	}
	counts := make([]string, len(f.Counts))
	for i, c := range f.Counts {
		counts[i] = num(c)
	}
	return []string{mean, strings.Join(counts, ";"), cell(strings.Join(f.Comments, "\n"))}
}
