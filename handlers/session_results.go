package handlers

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

type optionResult struct {
	Text    string `json:"text"`
	Correct bool   `json:"correct"`
	Count   int    `json:"count"`
}

type questionResult struct {
	Slide     int            `json:"slide"`
	ID        string         `json:"id"`
	Kind      string         `json:"kind"`
	Prompt    string         `json:"prompt"`
	Responses int            `json:"responses"`
	Right     *int           `json:"right,omitempty"`
	Options   []optionResult `json:"options"`
}

type results struct {
	Session      live.Snapshot    `json:"session"`
	Participants int              `json:"participants"`
	Questions    []questionResult `json:"questions"`
	// PrePost pairs each pre-check question with its post-check twin (same
	// id), so the knowledge gain of the workshop can be read off.
	PrePost []prePost `json:"prepost"`
}

type checkResult struct {
	Slide     int `json:"slide"`
	Responses int `json:"responses"`
	Right     int `json:"right"`
}

type prePost struct {
	ID     string      `json:"id"`
	Prompt string      `json:"prompt"`
	Pre    checkResult `json:"pre"`
	Post   checkResult `json:"post"`
}

// sessionData loads what results need: the state (which holds the number
// who joined), the deck the session ran (its own copy) and the stored
// answers.
func (h *handler) sessionData(ctx context.Context, id string) (live.Snapshot, *quizzes.Deck, []store.Answer, error) {
	snap, err := h.snapshot(ctx, id)
	if err != nil {
		return snap, nil, nil, notFoundAs(err, errNoSession)
	}
	var deck *quizzes.Deck
	if s := h.Live.Get(id); s != nil {
		deck = s.Deck
	} else {
		rec, err := h.Store.Session(ctx, id)
		if err != nil {
			return snap, nil, nil, err
		}
		if deck, err = h.Parse(rec.DeckID, rec.DeckSource); err != nil {
			return snap, nil, nil, err
		}
	}
	answers, err := h.Store.Answers(ctx, id)
	return snap, deck, answers, err
}

func (h *handler) sessionResults(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	snap, deck, answers, err := h.sessionData(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(tally(snap, deck, answers, snap.Joined))
}

// tally counts stored answers per question and option.
func tally(snap live.Snapshot, deck *quizzes.Deck, answers []store.Answer, parts int) results {
	res := results{Session: snap, Participants: parts, Questions: []questionResult{}}
	bySlide := map[int]*questionResult{}
	for _, i := range deck.Questions() {
		q := deck.Slides[i].Question
		qr := questionResult{Slide: i, ID: q.ID, Kind: string(q.Kind), Prompt: q.Prompt, Options: make([]optionResult, len(q.Options))}
		for j, o := range q.Options {
			qr.Options[j] = optionResult{Text: o.Text, Correct: o.Correct}
		}
		if q.Kind.Scored() {
			qr.Right = new(int)
		}
		res.Questions = append(res.Questions, qr)
	}
	for i := range res.Questions {
		bySlide[res.Questions[i].Slide] = &res.Questions[i]
	}
	for _, a := range answers {
		qr := bySlide[a.Slide]
		if qr == nil {
			continue
		}
		qr.Responses++
		for _, c := range a.Choice {
			if c >= 0 && c < len(qr.Options) {
				qr.Options[c].Count++
			}
		}
		if qr.Right != nil && a.Correct != nil && *a.Correct {
			*qr.Right++
		}
	}
	res.PrePost = pairChecks(deck, res.Questions)
	return res
}

// pairChecks matches pre-check and post-check questions by id.
func pairChecks(deck *quizzes.Deck, qs []questionResult) []prePost {
	out := []prePost{}
	pre := map[string]int{}
	for i, qr := range qs {
		q := deck.Slides[qr.Slide].Question
		if !q.Kind.Scored() || qr.Right == nil {
			continue
		}
		switch q.Check {
		case quizzes.CheckPre:
			pre[q.ID] = i
		case quizzes.CheckPost:
			j, ok := pre[q.ID]
			if !ok {
				continue
			}
			p := qs[j]
			out = append(out, prePost{ID: q.ID, Prompt: q.Prompt,
				Pre:  checkResult{Slide: p.Slide, Responses: p.Responses, Right: *p.Right},
				Post: checkResult{Slide: qr.Slide, Responses: qr.Responses, Right: *qr.Right}})
		}
	}
	return out
}

func (h *handler) sessionResultsCSV(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	snap, deck, answers, err := h.sessionData(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF") // so that Excel reads UTF-8
	w := csv.NewWriter(&buf)
	w.Write([]string{"session", "code", "deck", "slide", "question_id", "kind", "participant", "choice", "correct", "answered_at"})
	for _, a := range answers {
		kind := ""
		if a.Slide >= 0 && a.Slide < len(deck.Slides) && deck.Slides[a.Slide].Question != nil {
			kind = string(deck.Slides[a.Slide].Question.Kind)
		}
		correct := ""
		if a.Correct != nil {
			correct = map[bool]string{true: "yes", false: "no"}[*a.Correct]
		}
		w.Write([]string{snap.ID, snap.Code, cell(snap.Deck), strconv.Itoa(a.Slide), cell(a.QuestionID), kind,
			a.ParticipantID, letters(a.Choice), correct, a.AnsweredAt.Format(time.RFC3339)})
	}
	w.Flush()
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Attachment("roundtable-" + snap.Code + "-" + snap.CreatedAt.Format("2006-01-02") + ".csv")
	return c.Send(buf.Bytes())
}

// cell keeps a spreadsheet from reading user text as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func letters(choice []int) string {
	parts := make([]string, len(choice))
	for i, c := range choice {
		parts[i] = string(rune('A' + c))
	}
	return strings.Join(parts, ";")
}
