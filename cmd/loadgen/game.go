package main

import (
	"context"
	"os"
	"strconv"
	"strings"
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
	cpu0 := procCPU(r.cfg.pid)
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
	if cpu1 := procCPU(r.cfg.pid); cpu0 >= 0 && cpu1 >= 0 {
		r.res.RankCPUms = float64(cpu1-cpu0) * 1000 / clockTicks
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

// clockTicks is the kernel's USER_HZ, the unit of /proc/PID/stat's times
// (100 on every Linux the kit runs on).
const clockTicks = 100

// procCPU is a process's user and system CPU time in clock ticks, or -1
// when it cannot be read (no pid, not Linux).
func procCPU(pid int) int64 {
	if pid <= 0 {
		return -1
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return -1
	}
	// Fields after the command (which may hold spaces) start after ")":
	// utime and stime are the 14th and 15th fields of the line.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return -1
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return -1
	}
	return u + st
}
