package main

import (
	"context"
	"time"
)

// The game scenario (-scenario game, issue 15): the session plays game
// mode; every phone answers the question, then one reveal computes every
// rank from the stored answers and sends each phone its own. The figure is
// the time from the reveal request to each phone's rank message, with the
// ranks checked (each phone is told of all who joined).

const gameDeckSource = "---\ntitle: Load game\nlang: en\n---\n\n<!-- question: single -->\n\n## Which of these passwords is the strongest?\n\n- password123\n- Four random words\n- Your pet's name\n\n<!-- answer: B -->\n\n---\n\n# Thanks\n"

// gameRank is one phone's rank message as it arrived.
type gameRank struct {
	at       time.Time
	rank, of int
}

// waitRank is a reading phone's part after the storm: the rank message.
func (r *room) waitRank(ctx context.Context, i int, p *phone) {
	e, ok := p.wait(ctx, r.cfg.timeout, func(e event) bool { return e.Type == "rank" })
	if !ok {
		return
	}
	r.mu.Lock()
	r.ranks[i] = gameRank{at: e.at, rank: e.Rank, of: e.Of}
	r.mu.Unlock()
}

// reveal reveals the question and waits until every reading phone has its
// rank (or 30 s).
func (r *room) reveal(ctx context.Context) {
	want := 0
	for i, p := range r.phones {
		if p != nil && r.roles[i] != slow {
			want++
		}
	}
	time.Sleep(300 * time.Millisecond) // let the storm's last counts settle
	t0 := time.Now()
	if _, _, err := r.api.Do(ctx, "POST", "/api/sessions/"+r.id+"/reveal", nil, nil); err != nil {
		r.res.RankErrors = append(r.res.RankErrors, shortErr(err))
		return
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		r.mu.Lock()
		n := len(r.ranks)
		r.mu.Unlock()
		if n >= want-r.res.ConnFailed {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var lat []float64
	for _, g := range r.ranks {
		lat = append(lat, ms(g.at.Sub(t0)))
		if g.of != r.res.Joined || g.rank < 1 || g.rank > g.of {
			r.res.RankWrong++
		}
	}
	r.res.RankMissing = want - len(r.ranks)
	r.res.rankMs = lat
	r.res.Rank = quantiles(lat)
}
