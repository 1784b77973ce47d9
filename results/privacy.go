package results

import (
	"slices"
	"strconv"
)

// DefaultMinGroup is k, the smallest group a report shows a number for;
// MinGroupFloor is the least a kit may set it to (-min-group).
const (
	DefaultMinGroup = 5
	MinGroupFloor   = 3
)

// MinGroup is k as a kit uses it: 0 is the default, and nothing below the
// floor is taken.
func MinGroup(k int) int {
	if k == 0 {
		return DefaultMinGroup
	}
	return max(k, MinGroupFloor)
}

// Count is a number of responses in a report. A count built from fewer
// than k responses, or whose complement is, is Hidden: it is written as
// null in JSON and "fewer than k" on pages and in aggregate exports.
type Count int

// Hidden is a suppressed count.
const Hidden Count = -1

// Shown reports whether c is a number that may be read.
func (c Count) Shown() bool { return c >= 0 }

// MarshalJSON writes a hidden count as null.
func (c Count) MarshalJSON() ([]byte, error) {
	if c < 0 {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, int64(c), 10), nil
}

// hidePart hides a count c out of a shown total when c, or the rest of the
// total, is a group of fewer than k: the count and its complement together.
// A count of nobody, or of everybody, says nothing about a small group.
func hidePart(c *Count, total Count, k int) {
	if !total.Shown() {
		*c = Hidden
		return
	}
	if *c > 0 && int(*c) < k || *c < total && int(total-*c) < k {
		*c = Hidden
	}
}

// hideSplit is hidePartition over a column of a split: cell(i) is group
// i's count, for n groups that partition total; the result is written back.
func hideSplit(n int, cell func(i int) *Count, total Count, k int) {
	cells := make([]Count, n)
	for i := range cells {
		cells[i] = *cell(i)
	}
	hidePartition(cells, total, k)
	for i := range cells {
		*cell(i) = cells[i]
	}
}

// hidePartition hides the cells of a partition of total (options of a
// single choice, a scale's points, the roles of a split) that hold fewer
// than k, and then more of them, smallest first, until what is hidden
// cannot be read back from the total minus what is shown: the hidden cells
// add up to k or more, or are all the cells. A hidden total hides them all.
func hidePartition(cells []Count, total Count, k int) {
	if !total.Shown() {
		for i := range cells {
			cells[i] = Hidden
		}
		return
	}
	sum, hidden := Count(0), 0
	orig := slices.Clone(cells)
	for i, c := range cells {
		if c > 0 && int(c) < k {
			sum += c
			hidden++
			cells[i] = Hidden
		}
	}
	// The cells may not add up to the total (an answer out of range):
	// what the total holds beyond the cells is a group of its own.
	rest := total
	for _, c := range orig {
		rest -= c
	}
	if rest > 0 && int(rest) < k {
		sum += rest
		hidden++
	}
	for hidden > 0 && int(sum) < k {
		j := -1
		for i, c := range cells {
			if c.Shown() && c > 0 && (j < 0 || c < cells[j]) {
				j = i
			}
		}
		if j < 0 {
			break
		}
		sum += cells[j]
		hidden++
		cells[j] = Hidden
	}
}

// hideTotal hides a total of fewer than k responses.
func hideTotal(c *Count, k int) {
	if *c > 0 && int(*c) < k {
		*c = Hidden
	}
}

// Suppress hides in r every count built from fewer than k responses, with
// its complement (RESULTS.md, "What is hidden"): a question's total, its
// option counts, right answers and skips, its summary's counts, the
// pre/post table and every split by role. Call it with MinGroup(k) on what
// the host reads; the live projector is exempt and does not use it.
func Suppress(r *Report, k int) {
	r.MinGroup = k
	hideTotal(&r.Participants, k)
	for i := range r.Questions {
		suppressQuestion(&r.Questions[i], k)
	}
	for i := range r.PrePost {
		p := &r.PrePost[i]
		for _, c := range []*Check{&p.Pre, &p.Post} {
			hideTotal(&c.Responses, k)
			hidePart(&c.Right, c.Responses, k)
		}
	}
	suppressRoles(r, k)
}

func suppressQuestion(q *Question, k int) {
	hideTotal(&q.Responses, k)
	if q.Right != nil {
		hidePart(q.Right, q.Responses, k)
	}
	if q.Skipped != nil {
		hidePart(q.Skipped, q.Responses, k)
	}
	counts := make([]Count, len(q.Options))
	for i, o := range q.Options {
		counts[i] = o.Count
	}
	if q.Kind == "multiple" {
		for i := range counts {
			hidePart(&counts[i], q.Responses, k)
		}
	} else {
		// The options, skips and answers out of range partition the
		// responses; a skip count shown beside them is one more cell.
		cells := counts
		if q.Skipped != nil {
			cells = append(slices.Clone(counts), *q.Skipped)
		}
		hidePartition(cells, q.Responses, k)
		copy(counts, cells)
		if q.Skipped != nil && !cells[len(cells)-1].Shown() {
			*q.Skipped = Hidden
		}
	}
	for i := range q.Options {
		q.Options[i].Count = counts[i]
	}
	if q.Summary != nil {
		suppressSummary(q, k)
	}
}

// suppressSummary hides a room's voice summary's counts; a question whose
// total is hidden keeps no summary at all (its texts and median too).
func suppressSummary(q *Question, k int) {
	if !q.Responses.Shown() {
		q.Summary = nil
		return
	}
	sm := q.Summary
	answered := q.Responses
	if q.Skipped != nil {
		if !q.Skipped.Shown() {
			answered = Hidden
		} else {
			answered -= *q.Skipped
		}
	}
	hidePartition(sm.Counts, answered, k)
	if sm.Histogram != nil {
		hidePartition(sm.Histogram.Counts, answered, k)
	}
	for _, row := range sm.Ranks {
		hidePartition(row, answered, k)
	}
	// A mean, median or mean place read beside the counts it comes from
	// gives hidden counts back (two hidden points and a mean are two
	// equations in two unknowns), so it goes with them.
	if anyHidden(sm.Counts) || sm.Histogram != nil && anyHidden(sm.Histogram.Counts) {
		sm.Mean, sm.Median = nil, nil
	}
	if sm.Ranks != nil {
		sm.MeanRanks = meanRanks(sm.Ranks)
	}
	for i := range sm.Words {
		if int(sm.Words[i].Count) < k {
			sm.Words[i].Count = Hidden
		}
	}
}

// anyHidden reports whether a count of cells is hidden.
func anyHidden(cells []Count) bool {
	return slices.ContainsFunc(cells, func(c Count) bool { return !c.Shown() })
}

// Total is n as a count under the small-group rule: hidden when it is
// fewer than k but not 0 (a session's joined, connected and answered, read
// beside its results).
func Total(n, k int) Count {
	c := Count(n)
	hideTotal(&c, k)
	return c
}
