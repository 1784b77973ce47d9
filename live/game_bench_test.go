package live

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/internal/cpuclock"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
)

// BenchmarkGameReveal is the session goroutine's work at a game's reveal
// with 10,000 phones: rank everyone from their answers, then make and queue
// each phone's own rank message. The rest of reveal-to-rank is the
// connections' writers (loadgen -scenario game measures it end to end).
func BenchmarkGameReveal(b *testing.B) {
	deck, err := quizzes.Parse("g", []byte("---\ntitle: G\nlang: en\n---\n\n<!-- question: single -->\n\n## Q?\n\n- [ ] a\n- [x] b\n- [ ] c\n"))
	if err != nil {
		b.Fatal(err)
	}
	m := NewManager(&memStore{answers: map[string][]int{}}, nil)
	s := newSession("s", "CODE", deck, time.Now(), m)
	st := s.newState()
	st.game = newGame(true)
	st.index = 0
	st.game.opened[0] = record.GameClock{At: time.Now(), Seconds: 20}
	one := 1.0
	zero := 0.0
	for i := range 10000 {
		p := &participant{id: fmt.Sprintf("p%05d", i), nick: fmt.Sprintf("Player %d", i), answers: map[int][]int{}, given: map[int]*record.Answer{}}
		st.parts[p.id] = p
		sub := &Sub{out: make(chan *Frame, QueueLen), slow: make(chan struct{})}
		p.sub = sub
		st.phones[sub] = p
		c := &one
		if i%3 == 0 {
			c = &zero
		}
		st.apply(record.Answer{ParticipantID: p.id, Slide: 0, Choice: []int{i % 3}, Credit: c, AnsweredAt: time.Now().Add(time.Duration(i) * time.Millisecond)})
	}
	st.revealed[0] = true
	b.ResetTimer()
	cpu0 := cpuTime()
	defer func() { b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op") }()
	for range b.N {
		st.game.stale = true
		st.sendRanks()
		b.StopTimer()
		c := cpuTime()
		for sub := range st.phones {
			<-sub.out
		}
		cpu0 += cpuTime() - c
		b.StartTimer()
	}
}

// cpuTime is the process's CPU time in nanoseconds (cpuclock).
func cpuTime() int64 { return int64(cpuclock.Process()) }

// TestRankFrameIsJSON: the hand-written rank message is the JSON of rankMsg,
// a typed nickname's quotes and backslashes escaped; with automatic teams,
// and with teams named by the join question (deck text, escaped too),
// where each participant's answer is its team.
func TestRankFrameIsJSON(t *testing.T) {
	for _, join := range []string{"", "join-question: My team | \"Red\" \\ <b> | Blue\n"} {
		deck, err := quizzes.Parse("g", []byte("---\ntitle: G\nlang: en\n"+join+"---\n\n<!-- question: single -->\n\n## Q?\n\n- [ ] a\n- [x] b\n"))
		if err != nil {
			t.Fatal(err)
		}
		m := NewManager(&memStore{answers: map[string][]int{}}, nil)
		s := newSession("s", "CODE", deck, time.Now(), m)
		s.setTeams(2)
		st := s.newState()
		st.game = newGame(false)
		st.game.teams = 2
		st.index = 0
		one := 1.0
		for i, nick := range []string{`Ana "the \ best" <b>`, "Ñandú 🦤", "Zoe"} {
			p := &participant{id: fmt.Sprintf("p%d", i), nick: nick, answers: map[int][]int{}, given: map[int]*record.Answer{}}
			st.parts[p.id] = p
			if i == 0 {
				st.apply(record.Answer{ParticipantID: p.id, Slide: 0, Choice: []int{1}, Credit: &one, AnsweredAt: time.Now()})
			}
			if join != "" && i < 2 {
				st.setRole(p.id, i) // Ana Red, Ñandú Blue, Zoe skips
			}
		}
		st.revealed[0] = true
		st.game.view = ViewPodium
		st.ranking()
		for _, p := range st.parts {
			f := st.rankFrame(p)
			var got rankMsg
			if err := json.Unmarshal(f.Data, &got); err != nil {
				t.Fatalf("%s: %v", f.Data, err)
			}
			r := st.game.rowOf(p)
			team := teamOf(p.id, 2)
			if join != "" && p.nick != "Zoe" {
				team = p.role
			}
			want := rankMsg{Type: "rank", Slide: 0, Nick: p.nick, Points: r.points, Gained: r.gained, Rank: r.rank, Of: 3, Streak: r.streak, Final: true,
				Team: team}
			if join != "" {
				want.TeamName = deck.Join.Options[team-1]
			}
			for _, tr := range st.game.board {
				if tr.Team == want.Team {
					want.TeamRank, want.TeamPoints = tr.Rank, tr.Points
				}
			}
			if got != want {
				t.Errorf("%s\n got %+v\nwant %+v", f.Data, got, want)
			}
			if !f.Single() {
				t.Error("a rank frame is one phone's own")
			}
		}
	}
}
