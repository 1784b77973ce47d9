package results

import (
	"math"
	"sort"
	"time"
)

// DeckReport is what a deck taught across its sessions (and its twin's in
// the other language, matched by question id) in a date range: who took
// part, each question's correct share with a 95% interval, and the pre/post
// gain of those who answered both halves of a pair within a session, added
// up over the sessions. Build it with Deck, then Suppress it (SuppressDeck).
type DeckReport struct {
	Deck     string        `json:"deck"`
	Title    string        `json:"title"`
	Lang     string        `json:"lang"`
	Twin     string        `json:"twin,omitempty"`
	From     string        `json:"from,omitempty"` // YYYY-MM-DD, the laptop's local time
	To       string        `json:"to,omitempty"`
	Sessions []DeckSession `json:"sessions"`
	// Participants is the sum of each session's participants: a person
	// who came twice counts twice (participants are anonymous).
	Participants Count `json:"participants"`
	// PracticeLeftOut is how many practice sessions in the range were left
	// out (all are counted with practice=1).
	PracticeLeftOut int    `json:"practice_left_out"`
	Items           []Item `json:"items"`
	// Changed are items whose prompt changed between sessions: counted
	// apart, since the sessions did not ask the same thing.
	Changed  []Item     `json:"changed"`
	Roles    []DeckRole `json:"roles,omitempty"`
	MinGroup int        `json:"min_group,omitempty"`
}

// DeckSession is one session the report counts.
type DeckSession struct {
	ID           string    `json:"id"`
	Code         string    `json:"code"`
	Deck         string    `json:"deck"`
	Lang         string    `json:"lang"`
	CreatedAt    time.Time `json:"created_at"`
	Participants Count     `json:"participants"`
	Practice     bool      `json:"practice,omitempty"`
	Mode         string    `json:"mode,omitempty"` // "self-paced", or absent for a live session
}

// Item is one question (by id) over every session that asked it. A
// question asked before and after the lesson (check: pre / post) has Pre,
// Post and Paired; another has All.
type Item struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Prompt   string   `json:"prompt"`
	Prompts  []string `json:"prompts,omitempty"` // every wording seen, when it changed
	Sessions int      `json:"sessions"`          // how many sessions asked it
	All      *Share   `json:"all,omitempty"`
	Pre      *Share   `json:"pre,omitempty"`
	Post     *Share   `json:"post,omitempty"`
	Paired   *Paired  `json:"paired,omitempty"`
	Options  []Option `json:"options"`
	// Feedback is a feedback question's usefulness over the sessions.
	Feedback *FeedbackItem `json:"feedback,omitempty"`
	Sentence string        `json:"sentence"`
}

// FeedbackItem is "How useful was this?" over the sessions: how many
// answered, the mean (1–5, to 2 places), the count per point and the open
// answers, for the facilitator; all hidden under k.
type FeedbackItem struct {
	Responses Count    `json:"responses"`
	Mean      *float64 `json:"mean,omitempty"`
	Counts    []Count  `json:"counts"`
	Comments  []string `json:"comments,omitempty"`
	sum       float64
}

// Share is how many answered and how many of them got it right, with the
// share right and its 95% Wilson interval (0–1; absent when hidden or for a
// poll).
type Share struct {
	Responses Count    `json:"responses"`
	Right     *Count   `json:"right,omitempty"`
	Share     *float64 `json:"share,omitempty"`
	Low       *float64 `json:"low,omitempty"`
	High      *float64 `json:"high,omitempty"`
}

// Paired is those who answered both halves of a pair in one session: how
// many, how many got it right before and after, and the gain in points.
type Paired struct {
	N         Count    `json:"n"`
	PreRight  Count    `json:"pre_right"`
	PostRight Count    `json:"post_right"`
	PreShare  *float64 `json:"pre_share,omitempty"`
	PostShare *float64 `json:"post_share,omitempty"`
	Gain      *float64 `json:"gain,omitempty"` // post share minus pre share, in points
}

// DeckRole is one answer to the join question over the sessions.
type DeckRole struct {
	Role         string     `json:"role"`
	Participants Count      `json:"participants"`
	Items        []RoleItem `json:"items"`
}

// RoleItem is an item's answers within a role (All, or Post for a pair).
type RoleItem struct {
	ID        string   `json:"id"`
	Responses Count    `json:"responses"`
	Right     *Count   `json:"right,omitempty"`
	Share     *float64 `json:"share,omitempty"`
}

// DeckOptions chooses the sessions: those that started in [From, To)
// (zero: open), practice ones only with Practice.
type DeckOptions struct {
	From, To time.Time
	Practice bool
}

// Deck builds the report of deck (and its twin, by id) over sessions.
// Sessions of other decks, outside the range, or practice ones (unless
// asked) are left out.
func Deck(deck, twin string, sessions []Session, o DeckOptions) DeckReport {
	r := DeckReport{Deck: deck, Twin: twin, Sessions: []DeckSession{}, Items: []Item{}, Changed: []Item{}}
	var kept []Session
	for _, s := range sessions {
		if s.Deck == nil || s.Deck.ID != deck && (twin == "" || s.Deck.ID != twin) {
			continue
		}
		if !o.From.IsZero() && s.CreatedAt.Before(o.From) || !o.To.IsZero() && !s.CreatedAt.Before(o.To) {
			continue
		}
		if s.Practice && !o.Practice {
			r.PracticeLeftOut++
			continue
		}
		kept = append(kept, s)
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].CreatedAt.Before(kept[j].CreatedAt) })
	var joinNames []string
	for _, s := range kept {
		r.Sessions = append(r.Sessions, DeckSession{ID: s.ID, Code: s.Code, Deck: s.Deck.ID, Lang: s.Deck.Lang,
			CreatedAt: s.CreatedAt, Participants: Count(s.Participants), Practice: s.Practice, Mode: s.Mode})
		r.Participants += Count(s.Participants)
		if s.Deck.ID == deck || r.Title == "" {
			r.Title, r.Lang = s.Deck.Title, s.Deck.Lang
			if s.Deck.Join != nil && (s.Deck.ID == deck || joinNames == nil) {
				joinNames = s.Deck.Join.Options
			}
		}
	}
	acc := newItems()
	roles := make([]DeckRole, len(joinNames))
	for i, n := range joinNames {
		roles[i].Role = n
	}
	for _, s := range kept {
		acc.add(s, r.Lang, roles)
	}
	for _, id := range acc.order {
		it := acc.items[id]
		it.Sentence = "" // written after suppression
		if len(acc.prompts[id]) > 1 {
			it.Prompts = acc.prompts[id]
			r.Changed = append(r.Changed, *it)
		} else {
			r.Items = append(r.Items, *it)
		}
	}
	if len(roles) > 0 {
		for i := range roles {
			for _, id := range acc.order {
				if len(acc.prompts[id]) > 1 {
					continue
				}
				ri := acc.roleItems[id][i]
				roles[i].Items = append(roles[i].Items, ri)
			}
		}
		r.Roles = roles
	}
	return r
}

// items gathers each question id over the sessions, in the deck's order
// as first seen.
type items struct {
	order     []string
	items     map[string]*Item
	prompts   map[string][]string // distinct wordings in the report's language
	roleItems map[string][]RoleItem
}

func newItems() *items {
	return &items{items: map[string]*Item{}, prompts: map[string][]string{}, roleItems: map[string][]RoleItem{}}
}

func (a *items) add(s Session, lang string, roles []DeckRole) {
	tally := Tally(s)
	asked := map[string]bool{}
	byID := map[string][]Question{}
	for _, q := range tally.Questions {
		byID[q.ID] = append(byID[q.ID], q)
	}
	for _, q := range tally.Questions {
		if asked[q.ID] {
			continue
		}
		asked[q.ID] = true
		it := a.items[q.ID]
		if it == nil {
			it = &Item{ID: q.ID, Kind: q.Kind, Prompt: q.Prompt, Options: make([]Option, len(q.Options))}
			for i, o := range q.Options {
				it.Options[i] = Option{Text: o.Text, Correct: o.Correct}
			}
			a.items[q.ID] = it
			a.order = append(a.order, q.ID)
			a.roleItems[q.ID] = make([]RoleItem, len(roles))
			for i := range roles {
				a.roleItems[q.ID][i].ID = q.ID
				if q.Right != nil {
					a.roleItems[q.ID][i].Right = new(Count)
				}
			}
		}
		if s.Deck.Lang == lang {
			if !containsStr(a.prompts[q.ID], q.Prompt) {
				a.prompts[q.ID] = append(a.prompts[q.ID], q.Prompt)
			}
			it.Prompt = q.Prompt // the latest wording
		}
		it.Sessions++
		var pre, post *Question
		for i := range byID[q.ID] {
			switch qq := &byID[q.ID][i]; qq.check {
			case "pre":
				pre = qq
			case "post":
				post = qq
			}
		}
		last := &byID[q.ID][len(byID[q.ID])-1]
		if pre != nil && post != nil && pre.Slide < post.Slide {
			it.Pre = addShare(it.Pre, pre)
			it.Post = addShare(it.Post, post)
			it.Paired = addPaired(it.Paired, s, pre.Slide, post.Slide)
			last = post
		} else {
			for i := range byID[q.ID] {
				it.All = addShare(it.All, &byID[q.ID][i])
			}
		}
		if q.Kind == "feedback" && last.Summary != nil {
			it.Feedback = addFeedback(it.Feedback, last)
		}
		for i, o := range last.Options {
			if i < len(it.Options) {
				it.Options[i].Count += o.Count
			}
		}
		for i := range roles {
			if s.Deck.Join == nil || i >= len(s.Deck.Join.Options) || i >= len(tally.Roles) {
				continue
			}
			for _, rq := range tally.Roles[i].Questions {
				if rq.Slide != last.Slide {
					continue
				}
				ri := &a.roleItems[q.ID][i]
				ri.Responses += rq.Responses
				if ri.Right != nil && rq.Right != nil {
					*ri.Right += *rq.Right
				}
			}
		}
	}
	for i := range roles {
		if s.Deck.Join != nil && i < len(s.Deck.Join.Options) && i < len(tally.Roles) {
			roles[i].Participants += tally.Roles[i].Participants
		}
	}
}

// addFeedback adds a session's feedback question to the item's.
func addFeedback(f *FeedbackItem, q *Question) *FeedbackItem {
	sm := q.Summary
	if f == nil {
		f = &FeedbackItem{Counts: make([]Count, len(sm.Counts))}
	}
	for i, c := range sm.Counts {
		if i < len(f.Counts) {
			f.Counts[i] += c
			f.Responses += c
			f.sum += float64(c) * float64(i+1)
		}
	}
	f.Comments = append(f.Comments, sm.Comments...)
	return f
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func addShare(sh *Share, q *Question) *Share {
	if sh == nil {
		sh = &Share{}
		if q.Right != nil {
			sh.Right = new(Count)
		}
	}
	sh.Responses += q.Responses
	if sh.Right != nil && q.Right != nil {
		*sh.Right += *q.Right
	}
	return sh
}

// addPaired counts, in one session, those who answered both slides.
func addPaired(p *Paired, s Session, pre, post int) *Paired {
	if p == nil {
		p = &Paired{}
	}
	before := map[string]bool{}
	answered := map[string]bool{}
	for _, a := range s.Answers {
		if a.Slide == pre && !a.Skipped {
			answered[a.ParticipantID] = true
			before[a.ParticipantID] = a.Correct != nil && *a.Correct
		}
	}
	for _, a := range s.Answers {
		if a.Slide != post || a.Skipped || !answered[a.ParticipantID] {
			continue
		}
		p.N++
		if before[a.ParticipantID] {
			p.PreRight++
		}
		if a.Correct != nil && *a.Correct {
			p.PostRight++
		}
	}
	return p
}

// wilson is the 95% Wilson score interval of r right out of n.
func wilson(r, n int) (low, high float64) {
	const z = 1.959963984540054
	p, nf := float64(r)/float64(n), float64(n)
	d := 1 + z*z/nf
	c := (p + z*z/(2*nf)) / d
	h := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / d
	return max(0, c-h), min(1, c+h)
}

func ratio(r, n Count) *float64 {
	if !r.Shown() || !n.Shown() || n == 0 {
		return nil
	}
	v := float64(r) / float64(n)
	return &v
}
