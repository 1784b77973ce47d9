package main

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"
)

// The room's voice scenarios (-scenario): a word cloud that 10,000 phones
// each give a word, and a moderated open text question that 2,000 phones
// answer, after which the presenter approves texts one at a time and the
// time until the projector (a host socket) shows each is measured.

// voiceDeck is the deck a scenario's sessions run: the question first.
func voiceDeck(scenario string) string {
	q := "<!-- question: wordcloud -->\n\n## One word: how does your favourite app make you feel?\n"
	if scenario == "open" {
		q = "<!-- question: open -->\n<!-- max: 280 -->\n\n## What would you like to ask about phones at home?\n"
	}
	return "---\ntitle: Load " + scenario + "\nlang: en\n---\n\n" + q + "\n---\n\n# Thanks\n"
}

// cloudWords are the words phones give, drawn so that a few are common and
// most are rare, as in a room.
var cloudWords = func() []string {
	base := []string{"happy", "bored", "anxious", "connected", "tired", "curious", "excited", "lonely", "calm", "stressed",
		"miedo", "alegría", "aburrido", "feliz", "cansado", "nervioso", "tranquilo", "conectado", "inspired", "distracted"}
	out := append([]string(nil), base...)
	for i := range 280 {
		out = append(out, "word"+strconv.Itoa(i))
	}
	return out
}()

// answerBody is the answer a phone sends in the scenario (without type,
// slide and ref).
func (c *config) answerBody(i, nOpt int) string {
	switch c.scenario {
	case "cloud":
		w := cloudWords[int(math.Pow(rand.Float64(), 3)*float64(len(cloudWords)))]
		return `"words":["` + w + `"]`
	case "open":
		return `"text":"Phone ` + strconv.Itoa(i) + ` asks: at what age is a first phone right for our family?"`
	}
	return `"choice":[` + strconv.Itoa(c.pick(nOpt)) + `]`
}

// feedWatch is what the presenter feed's reader looks for: the bytes of each
// update, and a participant id whose approved text is awaited.
type feedWatch struct {
	mu       sync.Mutex
	maxBytes int
	sizes    []int
	want     []byte
	seen     chan time.Time
}

func (f *feedWatch) saw(data []byte, at time.Time, counting bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if counting {
		f.maxBytes = max(f.maxBytes, len(data))
		f.sizes = append(f.sizes, len(data))
	}
	if f.want != nil && bytes.Contains(data, f.want) {
		f.want = nil
		f.seen <- at
	}
}

// approvals approves ten texts one at a time through the texts route and
// times each from the request until the projector's feed shows it; it also
// times the moderation queue's first page (50 of the 2,000).
func (r *room) approvals(ctx context.Context) {
	t0 := time.Now()
	var page struct {
		Texts []struct{ ID string }
		Next  string
	}
	if _, _, err := r.api.Do(ctx, "GET", "/api/sessions/"+r.id+"/slides/"+strconv.Itoa(r.qIndex)+"/texts?status=pending", nil, &page); err == nil {
		r.res.QueuePageMs = ms(time.Since(t0))
		r.res.QueuePageRows = len(page.Texts)
	}
	for k := 0; k < 10 && k < len(page.Texts); k++ {
		pid := page.Texts[k].ID
		seen := make(chan time.Time, 1)
		r.feed.mu.Lock()
		r.feed.want, r.feed.seen = []byte(`"id":"`+pid+`"`), seen
		r.feed.mu.Unlock()
		t0 := time.Now()
		_, _, err := r.api.Do(ctx, "POST", "/api/sessions/"+r.id+"/slides/"+strconv.Itoa(r.qIndex)+"/texts/"+pid, map[string]string{"action": "approve"}, nil)
		if err != nil {
			r.res.ApproveErrors = append(r.res.ApproveErrors, shortErr(err))
			continue
		}
		select {
		case at := <-seen:
			r.res.approveMs = append(r.res.approveMs, ms(at.Sub(t0)))
		case <-time.After(10 * time.Second):
			r.res.ApproveErrors = append(r.res.ApproveErrors, fmt.Sprintf("%s never shown", pid))
		}
	}
	r.res.Approve = quantiles(r.res.approveMs)
}
