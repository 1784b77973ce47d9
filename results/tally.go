package results

import "github.com/roundtable-kit/roundtable/quizzes"

// Report is a session's counts: how many joined, each question's responses
// and option counts, and the pre/post pairs. It is the body of the results
// route beside the session's state.
type Report struct {
	Participants int        `json:"participants"`
	Questions    []Question `json:"questions"`
	// PrePost pairs each pre-check question with its post-check twin (same
	// id), so the knowledge gain of the workshop can be read off.
	PrePost []Pair `json:"prepost"`
}

// Question is one question's counts. Right is nil for a poll; the correct
// share is Right out of Responses.
type Question struct {
	Slide     int      `json:"slide"` // 0-based
	ID        string   `json:"id"`
	Kind      string   `json:"kind"`
	Prompt    string   `json:"prompt"`
	Responses int      `json:"responses"`
	Right     *int     `json:"right,omitempty"`
	Options   []Option `json:"options"`
	// Skipped is how many preferred not to answer, where the question
	// offers it; Summary is a room's voice kind's (voice.go).
	Skipped *int     `json:"skipped,omitempty"`
	Summary *Summary `json:"summary,omitempty"`

	check string // quizzes.CheckPre, CheckPost or ""
}

// Option is how many picked one option.
type Option struct {
	Text    string `json:"text"`
	Correct bool   `json:"correct"`
	Count   int    `json:"count"`
}

// Tally counts a session's answers per question and option, in the deck's
// order; a question nobody answered is listed with zeros. Answers to a
// slide without a question are left out, and a choice out of range counts
// as a response but for no option.
func Tally(s Session) Report {
	r := Report{Participants: s.Participants, Questions: questions(s.Deck)}
	bySlide := map[int]*Question{}
	for i := range r.Questions {
		bySlide[r.Questions[i].Slide] = &r.Questions[i]
	}
	for _, a := range s.Answers {
		q := bySlide[a.Slide]
		if q == nil {
			continue
		}
		q.Responses++
		if a.Skipped {
			if q.Skipped != nil {
				*q.Skipped++
			}
			continue
		}
		choice := a.Choice
		if q.Kind == string(quizzes.Ranking) && len(choice) > 0 {
			choice = choice[:1] // an item's count: how many put it first
		}
		for _, c := range choice {
			if c >= 0 && c < len(q.Options) {
				q.Options[c].Count++
			}
		}
		if q.Right != nil && a.Correct != nil && *a.Correct {
			*q.Right++
		}
	}
	summarize(s, r.Questions)
	r.PrePost = pairs(r.Questions)
	return r
}

// questions lists a deck's questions with every count at zero.
func questions(d *quizzes.Deck) []Question {
	out := []Question{}
	for _, i := range d.Questions() {
		q := d.Slides[i].Question
		qr := Question{Slide: i, ID: q.ID, Kind: string(q.Kind), Prompt: q.Prompt,
			Options: make([]Option, len(q.Options)), check: q.Check}
		for j, o := range q.Options {
			qr.Options[j] = Option{Text: o.Text, Correct: o.Correct}
		}
		if q.Scored() {
			qr.Right = new(int)
		}
		if q.PreferNot {
			qr.Skipped = new(int)
		}
		out = append(out, qr)
	}
	return out
}
