package live

import (
	"encoding/json"
	"slices"
	"sort"

	"github.com/roundtable-kit/roundtable/freetext"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
)

// Summary is what the screens show of a room's voice question: the hosts'
// summary (host_state, host_counts) and, without the moderation counts, the
// phones' reveal. Lists are bounded so that it stays under MaxSummary
// however many answered (PROTOCOL.md, "Summaries").
type Summary struct {
	Total   int  `json:"total"`
	Skipped *int `json:"skipped,omitempty"` // prefer not to answer, where offered

	Counts []int    `json:"counts,omitempty"` // scale, feedback: per point
	Median *float64 `json:"median,omitempty"` // scale, number
	Mean   *float64 `json:"mean,omitempty"`   // feedback: mean usefulness, to 2 places

	Histogram *Histogram `json:"histogram,omitempty"` // number
	Answer    *float64   `json:"answer,omitempty"`    // number's true value, at reveal
	Right     *int       `json:"right,omitempty"`     // number (scored), typeanswer

	MeanRanks []float64 `json:"mean_ranks,omitempty"` // ranking, per item (1 = first)
	Ranks     [][]int   `json:"ranks,omitempty"`      // ranking: per item, how many put it 1st, 2nd…

	Accepted []string `json:"accepted,omitempty"` // typeanswer, at reveal

	Words []WordCount `json:"words,omitempty"` // wordcloud: top words

	Texts   []TextCard `json:"texts,omitempty"` // open: shown texts, newest first
	Pending *int       `json:"pending,omitempty"`
	Held    *int       `json:"held,omitempty"`
	Hidden  *int       `json:"hidden,omitempty"`
	Mode    string     `json:"mode,omitempty"`
}

// Histogram is a number question's answers in 10 bins from Min to Max.
type Histogram struct {
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	Counts []int   `json:"counts"`
}

// WordCount is one word of a cloud, folded, and how many gave it.
type WordCount struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// TextCard is one open text the screens may show.
type TextCard struct {
	ID     string `json:"id"` // the participant's id
	Text   string `json:"text"`
	Pinned bool   `json:"pinned,omitempty"`
}

// Bounds of a summary.
const (
	MaxSummary      = 8 << 10 // bytes of JSON
	MaxSummaryWords = 50
	MaxSummaryTexts = 30
)

// voiceKind reports whether a question's kind has a summary.
func voiceKind(q *quizzes.Question) bool {
	return q != nil && (q.Kind == quizzes.Ranking || !q.Kind.Choice() && q.Kind != quizzes.QA)
}

// cloudWord is one distinct folded word of a cloud: how many gave it now,
// and whether it may show (not a stop word, not held back).
type cloudWord struct {
	count int
	shown bool
}

// cloudAdd counts a participant's words on a word cloud in (d 1) or out (d -1).
func (st *state) cloudAdd(slide int, words []string, d int) {
	c := st.clouds[slide]
	if c == nil {
		c = map[string]*cloudWord{}
		st.clouds[slide] = c
	}
	for _, w := range words {
		f := freetext.Fold(w)
		cw := c[f]
		if cw == nil {
			cw = &cloudWord{shown: f != "" && !freetext.StopWord(f) && !freetext.Blocked(f)}
			c[f] = cw
		}
		cw.count += d
		if cw.count <= 0 {
			delete(c, f)
		}
	}
}

// summary is the summary of the question on slide, for hosts (reveal:
// whether it is revealed). It is nil for a choice question.
func (st *state) summary(slide int) *Summary {
	if slide < 0 || slide >= len(st.s.Deck.Slides) {
		return nil
	}
	q := st.s.Deck.Slides[slide].Question
	if !voiceKind(q) {
		return nil
	}
	revealed := st.revealed[slide]
	sm := &Summary{Total: st.answered[slide]}
	skipped := 0
	var values []float64
	var ranks [][]int
	var texts []*record.Answer
	var hidden, pending, held int
	mode := st.moderationOf(slide)
	right := 0
	for _, p := range st.parts {
		if c := p.answers[slide]; c != nil && q.Kind == quizzes.Ranking {
			ranks = append(ranks, c)
			continue
		}
		a := p.given[slide]
		if a == nil {
			continue
		}
		if a.Skipped {
			skipped++
			continue
		}
		if a.Credit != nil && *a.Credit >= 1 {
			right++
		}
		switch q.Kind {
		case quizzes.Scale, quizzes.Number, quizzes.Feedback:
			if a.Value != nil {
				values = append(values, *a.Value)
			}
		case quizzes.OpenText:
			switch a.Status {
			case record.StatusHidden:
				hidden++
			case record.StatusHeld:
				held++
			case record.StatusPending:
				pending++
			}
			if a.Status == record.StatusApproved || (mode == quizzes.ModerationStream && a.Status == record.StatusPending) {
				texts = append(texts, a)
			}
		}
	}
	if q.PreferNot {
		sm.Skipped = &skipped
	}
	switch q.Kind {
	case quizzes.Scale:
		sm.Counts, sm.Median = q.PointCounts(values), quizzes.Median(values)
	case quizzes.Feedback:
		// The distribution and mean only: the open answers never go to
		// the screens (results page only).
		sm.Counts, sm.Mean = q.PointCounts(values), quizzes.Mean(values)
	case quizzes.Number:
		sm.Histogram = &Histogram{Min: q.Min, Max: q.Max, Counts: q.HistogramCounts(values)}
		sm.Median = quizzes.Median(values)
		if q.Answer != nil {
			sm.Right = &right
			if revealed {
				a := *q.Answer
				sm.Answer = &a
			}
		}
	case quizzes.Ranking:
		sm.Ranks = quizzes.RankCounts(ranks, len(q.Options))
		sm.MeanRanks = make([]float64, len(sm.Ranks))
		for i, row := range sm.Ranks {
			sm.MeanRanks[i], _ = quizzes.MeanPlace(row)
		}
	case quizzes.TypeAnswer:
		sm.Right = &right
		if revealed {
			sm.Accepted = slices.Clone(q.Accept)
		}
	case quizzes.WordCloud:
		sm.Words = st.topWords(slide)
	case quizzes.OpenText:
		sm.Pending, sm.Held, sm.Hidden, sm.Mode = &pending, &held, &hidden, mode
		sm.Texts = st.cards(slide, texts)
	}
	return sm
}

// forPhones is the summary as the phones' reveal carries it: without the
// moderation counts.
func (sm *Summary) forPhones() *Summary {
	if sm == nil {
		return nil
	}
	c := *sm
	c.Pending, c.Held, c.Hidden, c.Mode = nil, nil, nil, ""
	return &c
}

// topWords is a cloud's shown words, most given first, at most
// MaxSummaryWords, without the words the presenter removed.
func (st *state) topWords(slide int) []WordCount {
	hidden := st.hiddenWords[slide]
	var out []WordCount
	for w, cw := range st.clouds[slide] {
		if cw.shown && cw.count > 0 && !slices.Contains(hidden, w) {
			out = append(out, WordCount{w, cw.count})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Text < out[j].Text
	})
	if len(out) > MaxSummaryWords {
		out = out[:MaxSummaryWords]
	}
	return out
}

// cards are the open texts to show, newest first, the pinned one always
// among them, bounded in number and in bytes.
func (st *state) cards(slide int, shown []*record.Answer) []TextCard {
	sort.Slice(shown, func(i, j int) bool {
		if !shown[i].AnsweredAt.Equal(shown[j].AnsweredAt) {
			return shown[i].AnsweredAt.After(shown[j].AnsweredAt)
		}
		return shown[i].ParticipantID > shown[j].ParticipantID
	})
	pin := st.pinned[slide]
	pinShown := pin != "" && slices.ContainsFunc(shown, func(a *record.Answer) bool { return a.ParticipantID == pin })
	var out []TextCard
	size := 0
	for _, a := range shown {
		pinned := a.ParticipantID == pin
		room := MaxSummaryTexts
		if pinShown && !hasPin(out, pin) {
			room-- // keep a place for the pinned one
		}
		if !pinned && len(out) >= room {
			continue
		}
		b, _ := json.Marshal(a.Text)
		n := len(b) + len(a.ParticipantID) + 40
		if !pinned && size+n > MaxSummary-2048 {
			continue // the byte bound: a long text gives way to shorter ones
		}
		size += n
		out = append(out, TextCard{ID: a.ParticipantID, Text: a.Text, Pinned: pinned})
	}
	return out
}

func hasPin(cards []TextCard, pin string) bool {
	return slices.ContainsFunc(cards, func(c TextCard) bool { return c.ID == pin })
}
