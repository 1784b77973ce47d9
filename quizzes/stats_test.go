package quizzes

import (
	"fmt"
	"testing"
)

// The statistics the live screens and the reports share: a value out of a
// scale's range counts nowhere, a number outside the range goes to the end
// bins, a median of an even count is the middle pair's mean, means are to
// two places.
func TestStats(t *testing.T) {
	scale := &Question{Points: 5}
	if got := fmt.Sprint(scale.PointCounts([]float64{1, 5, 5, 3, 0, 6})); got != "[1 0 1 0 2]" {
		t.Errorf("point counts %s", got)
	}
	num := &Question{Min: -10, Max: 10}
	if got := fmt.Sprint(num.HistogramCounts([]float64{-10, -100, 9.99, 10, 100, 0})); got != "[2 0 0 0 0 1 0 0 0 3]" {
		t.Errorf("histogram %s", got)
	}
	ranks := RankCounts([][]int{{0, 1, 2}, {0, 1, 2}, {1, 0, 2}}, 3)
	if fmt.Sprint(ranks) != "[[2 1 0] [1 2 0] [0 0 3]]" {
		t.Errorf("ranks %v", ranks)
	}
	if m, ok := MeanPlace(ranks[0]); !ok || m != 1.33 {
		t.Errorf("mean place %v %v, want 1.33", m, ok)
	}
	if _, ok := MeanPlace([]int{0, 0, 0}); ok {
		t.Error("a mean place for an item nobody placed")
	}
	if m := Median([]float64{4, 1, 3, 2}); m == nil || *m != 2.5 {
		t.Errorf("median %v, want 2.5", m)
	}
	if Median(nil) != nil || Mean(nil) != nil {
		t.Error("a median or mean of nothing")
	}
	if m := Mean([]float64{5, 4, 4}); m == nil || *m != 4.33 {
		t.Errorf("mean %v, want 4.33", m)
	}
}
