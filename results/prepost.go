package results

import "github.com/roundtable-kit/roundtable/quizzes"

// Pair is a pre-check question and its post-check twin in one session.
type Pair struct {
	ID     string `json:"id"`
	Prompt string `json:"prompt"`
	Pre    Check  `json:"pre"`
	Post   Check  `json:"post"`
}

// Check is one half of a pair: where it was asked and how it went.
type Check struct {
	Slide     int   `json:"slide"`
	Responses Count `json:"responses"`
	Right     Count `json:"right"`
}

// pairs matches a session's scored pre-checks with the post-checks of the
// same id that come after them, in the order of the post-checks. A check
// without its twin is left out.
func pairs(qs []Question) []Pair {
	out := []Pair{}
	pre := map[string]Question{}
	for _, q := range qs {
		if q.Right == nil {
			continue
		}
		switch q.check {
		case quizzes.CheckPre:
			pre[q.ID] = q
		case quizzes.CheckPost:
			p, ok := pre[q.ID]
			if !ok {
				continue
			}
			out = append(out, Pair{ID: q.ID, Prompt: q.Prompt,
				Pre:  Check{Slide: p.Slide, Responses: p.Responses, Right: *p.Right},
				Post: Check{Slide: q.Slide, Responses: q.Responses, Right: *q.Right}})
		}
	}
	return out
}
