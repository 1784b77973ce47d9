package results

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/roundtable-kit/roundtable/freetext"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// Summary is a room's voice question's results, the same shape as the live
// summary (PROTOCOL.md, Summaries) with the full lists a report needs: every
// word of a cloud (the removed ones marked hidden) and every open text with
// its status.
type Summary struct {
	Counts    []Count    `json:"counts,omitempty"` // scale, feedback: per point
	Median    *float64   `json:"median,omitempty"` // scale, number
	Mean      *float64   `json:"mean,omitempty"`   // feedback: mean usefulness, to 2 places
	Histogram *Histogram `json:"histogram,omitempty"`
	Answer    *float64   `json:"answer,omitempty"`     // number's true value
	MeanRanks []*float64 `json:"mean_ranks,omitempty"` // per item; null when hidden (privacy.go)
	Ranks     [][]Count  `json:"ranks,omitempty"`
	Accepted  []string   `json:"accepted,omitempty"` // typeanswer
	Words     []Word     `json:"words,omitempty"`    // wordcloud, most given first
	Texts     []Text     `json:"texts,omitempty"`    // open and typeanswer, newest first
	// Comments are a feedback question's open answers, for the
	// facilitator only: no participant, oldest first.
	Comments []string `json:"comments,omitempty"`
}

// Histogram is a number question's answers in 10 bins from Min to Max.
type Histogram struct {
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	Counts []Count `json:"counts"`
}

// Word is one folded word of a cloud and how many gave it.
type Word struct {
	Text   string `json:"text"`
	Count  Count  `json:"count"`
	Hidden bool   `json:"hidden,omitempty"` // the presenter removed it from the cloud
	Held   bool   `json:"held,omitempty"`   // the built-in word list held it back
}

// Text is one typed answer: an open text with its moderation status, or a
// typeanswer's answer with whether it was right.
type Text struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Status string `json:"status,omitempty"`
	Pinned bool   `json:"pinned,omitempty"`
	Right  *bool  `json:"right,omitempty"`
}

// summarize fills in each room's voice question's Summary.
func summarize(s Session, qs []Question) {
	bySlide := map[int][]*Answer{}
	for i := range s.Answers {
		a := &s.Answers[i]
		bySlide[a.Slide] = append(bySlide[a.Slide], a)
	}
	for i := range qs {
		q := s.Deck.Slides[qs[i].Slide].Question
		if q.Kind.Choice() && q.Kind != quizzes.Ranking || q.Kind == quizzes.QA {
			continue
		}
		qs[i].Summary = summary(q, bySlide[qs[i].Slide], s.Pinned[qs[i].Slide], s.HiddenWords[qs[i].Slide])
	}
}

func summary(q *quizzes.Question, answers []*Answer, pinned string, hidden []string) *Summary {
	sm := &Summary{}
	var values []float64
	var orders [][]int
	words := map[string]int{}
	for _, a := range answers {
		if a.Skipped {
			continue
		}
		switch q.Kind {
		case quizzes.Scale, quizzes.Number:
			if a.Value != nil {
				values = append(values, *a.Value)
			}
		case quizzes.Feedback:
			if a.Value != nil {
				values = append(values, *a.Value)
			}
			if a.Text != "" {
				sm.Comments = append(sm.Comments, a.Text)
			}
		case quizzes.WordCloud:
			for _, w := range a.Words {
				if f := freetext.Fold(w); f != "" && !freetext.StopWord(f) {
					words[f]++
				}
			}
		case quizzes.Ranking:
			orders = append(orders, a.Choice)
		case quizzes.OpenText:
			sm.Texts = append(sm.Texts, Text{ID: a.ParticipantID, Text: a.Text, Status: a.Status, Pinned: a.ParticipantID == pinned})
		case quizzes.TypeAnswer:
			sm.Texts = append(sm.Texts, Text{ID: a.ParticipantID, Text: a.Text, Right: a.Correct})
		}
	}
	switch q.Kind {
	case quizzes.Scale:
		sm.Counts, sm.Median = counts(q.PointCounts(values)), quizzes.Median(values)
	case quizzes.Feedback:
		sm.Counts, sm.Mean = counts(q.PointCounts(values)), quizzes.Mean(values)
	case quizzes.Number:
		sm.Histogram = &Histogram{Min: q.Min, Max: q.Max, Counts: counts(q.HistogramCounts(values))}
		sm.Median, sm.Answer = quizzes.Median(values), q.Answer
	case quizzes.Ranking:
		if len(orders) > 0 {
			for _, row := range quizzes.RankCounts(orders, len(q.Options)) {
				sm.Ranks = append(sm.Ranks, counts(row))
			}
		}
		sm.MeanRanks = meanRanks(sm.Ranks)
	case quizzes.TypeAnswer:
		sm.Accepted = slices.Clone(q.Accept)
	case quizzes.WordCloud:
		for w, n := range words {
			sm.Words = append(sm.Words, Word{Text: w, Count: Count(n), Hidden: slices.Contains(hidden, w), Held: freetext.Blocked(w)})
		}
		sort.Slice(sm.Words, func(i, j int) bool {
			if sm.Words[i].Count != sm.Words[j].Count {
				return sm.Words[i].Count > sm.Words[j].Count
			}
			return sm.Words[i].Text < sm.Words[j].Text
		})
	}
	// Newest first, as the screens show them (answers come oldest first).
	slices.Reverse(sm.Texts)
	return sm
}

// meanRanks is each item's mean place (1 = first) to 2 places, from its
// row of ranks: how many put it 1st, 2nd, … An item with a hidden count in
// its row has none: the mean and the shown counts would give the hidden
// ones back.
func meanRanks(ranks [][]Count) []*float64 {
	if ranks == nil {
		return nil
	}
	out := make([]*float64, len(ranks))
	for item, row := range ranks {
		if anyHidden(row) {
			continue
		}
		ints := make([]int, len(row))
		for pos, c := range row {
			ints[pos] = int(c)
		}
		if m, ok := quizzes.MeanPlace(ints); ok {
			out[item] = &m
		}
	}
	return out
}

// counts are tallies as report counts, each shown until suppression.
func counts(ints []int) []Count {
	out := make([]Count, len(ints))
	for i, n := range ints {
		out[i] = Count(n)
	}
	return out
}

// preferNot is the answer_text of a "prefer not to answer".
const preferNot = "(prefer not to answer)"

// answerText is what a participant answered, as the CSV's answer_text
// says it: the options' text joined by "; " (a ranking's items by " > ",
// best first), the typed text, the words joined by "; ", the value, or
// "(prefer not to answer)".
func answerText(s Session, a Answer) string {
	if a.Slide < 0 || a.Slide >= len(s.Deck.Slides) || s.Deck.Slides[a.Slide].Question == nil {
		return ""
	}
	q := s.Deck.Slides[a.Slide].Question
	switch {
	case a.Skipped:
		return preferNot
	case a.Words != nil:
		return strings.Join(a.Words, "; ")
	case a.Value != nil:
		return strconv.FormatFloat(*a.Value, 'f', -1, 64)
	case q.Kind == quizzes.OpenText || q.Kind == quizzes.TypeAnswer:
		return a.Text
	}
	sep := "; "
	if q.Kind == quizzes.Ranking {
		sep = " > "
	}
	parts := make([]string, 0, len(a.Choice))
	for _, c := range a.Choice {
		if c >= 0 && c < len(q.Options) {
			parts = append(parts, q.Options[c].Text)
		}
	}
	return strings.Join(parts, sep)
}
