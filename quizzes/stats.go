package quizzes

import (
	"math"
	"slices"
)

// The statistics of a room's voice question's answers, defined once for
// the live screens (live) and the reports (results), so the projector and
// the report never disagree on a bin or a rounding.

// HistogramBins is how many bins a number question's answers fall into,
// from Min to Max.
const HistogramBins = 10

// PointCounts is how many gave each point of a scale or feedback question
// (values 1 to Points); a value out of range is in no point.
func (q *Question) PointCounts(values []float64) []int {
	counts := make([]int, q.Points)
	for _, v := range values {
		if i := int(v) - 1; i >= 0 && i < len(counts) {
			counts[i]++
		}
	}
	return counts
}

// HistogramCounts is how many of a number question's values fall in each of
// HistogramBins equal bins from Min to Max; values outside go to the end
// bins.
func (q *Question) HistogramCounts(values []float64) []int {
	counts := make([]int, HistogramBins)
	for _, v := range values {
		i := 0
		if q.Max > q.Min {
			i = int(math.Floor((v - q.Min) / (q.Max - q.Min) * HistogramBins))
		}
		counts[min(max(i, 0), HistogramBins-1)]++
	}
	return counts
}

// RankCounts is, for a ranking of n items, how many put each item at each
// place: [item][place], from the orders given (each best first).
func RankCounts(orders [][]int, n int) [][]int {
	ranks := make([][]int, n)
	for i := range ranks {
		ranks[i] = make([]int, n)
	}
	for _, order := range orders {
		for pos, item := range order {
			if item >= 0 && item < n && pos < n {
				ranks[item][pos]++
			}
		}
	}
	return ranks
}

// MeanPlace is an item's mean place (1 = first) to 2 places, from its row
// of RankCounts; ok is false when nobody placed it.
func MeanPlace(row []int) (m float64, ok bool) {
	var n, sum int
	for pos, c := range row {
		n += c
		sum += c * (pos + 1)
	}
	if n == 0 {
		return 0, false
	}
	return Round2(float64(sum) / float64(n)), true
}

// Median of values, nil when there are none.
func Median(values []float64) *float64 {
	if len(values) == 0 {
		return nil
	}
	v := slices.Clone(values)
	slices.Sort(v)
	m := v[len(v)/2]
	if len(v)%2 == 0 {
		m = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return &m
}

// Mean of values to 2 places, nil when there are none.
func Mean(values []float64) *float64 {
	if len(values) == 0 {
		return nil
	}
	sum := 0.0
	for _, v := range values {
		sum += v
	}
	m := Round2(sum / float64(len(values)))
	return &m
}

// Round2 rounds to 2 decimal places, as every mean is shown.
func Round2(x float64) float64 { return math.Round(x*100) / 100 }
