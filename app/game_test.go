package app_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// Game mode (issue 15) over real sockets: points from the stored answers,
// ranks with ties, the board, rename and remove, the word filter on typed
// names, and scores that are the same after a restart.

const wait = 10 * time.Second

// gamePhones joins one phone per nickname.
func gamePhones(t *testing.T, k *kittest.Kit, code string, nicks ...string) []*phoneclient.Phone {
	t.Helper()
	var out []*phoneclient.Phone
	for _, n := range nicks {
		p := k.Dial(code, nil)
		if err := p.Join(n, "en"); err != nil {
			t.Fatalf("join %s: %v", n, err)
		}
		out = append(out, p)
	}
	return out
}

func drive(t *testing.T, k *kittest.Kit, id, action string, body any) {
	t.Helper()
	if st, code := k.API("POST", "/api/sessions/"+id+"/"+action, body, nil); st != 200 {
		t.Fatalf("%s: %d %s", action, st, code)
	}
}

// ranksOf waits for each phone's rank message of slide and returns them.
func ranksOf(t *testing.T, slide int, phones []*phoneclient.Phone) []phoneclient.Rank {
	t.Helper()
	out := make([]phoneclient.Rank, len(phones))
	for i, p := range phones {
		r, err := p.WaitRank(wait, func(r phoneclient.Rank) bool { return r.Of > 0 && r.Slide == slide })
		if err != nil {
			t.Fatalf("phone %d: no rank for slide %d: %v (last %+v)", i, slide, err, r)
		}
		out[i] = r
	}
	return out
}

type standing struct{ points, rank, streak int }

func checkRanks(t *testing.T, when string, got []phoneclient.Rank, want []standing, of int) {
	t.Helper()
	for i, r := range got {
		w := want[i]
		if r.Points != w.points || r.Rank != w.rank || r.Streak != w.streak || r.Of != of {
			t.Errorf("%s: phone %d (%s) got %d points, rank %d of %d, streak %d; want %d, %d of %d, %d",
				when, i, r.Nick, r.Points, r.Rank, r.Of, r.Streak, w.points, w.rank, of, w.streak)
		}
	}
}

// board is host_state's game board as rank:nick:points rows.
func board(m kittest.HostMsg) (view string, rows []string) {
	g, _ := m.Map["game"].(map[string]any)
	if g == nil {
		return "", nil
	}
	view, _ = g["view"].(string)
	b, _ := g["board"].([]any)
	for _, r := range b {
		r := r.(map[string]any)
		rows = append(rows, fmt.Sprintf("%v:%v:%v", r["rank"], r["nick"], r["points"]))
	}
	return view, rows
}

func TestGameRanksWithTies(t *testing.T) {
	k := kittest.Start(t, kittest.Options{})
	deck := k.SaveDeck(kittest.GameDeck)
	s := k.StartGame(deck, false)
	if got := k.Session(s.ID); !got.Game || got.SpeedBonus {
		t.Fatalf("GET session: game %v speed %v, want a game without speed bonus", got.Game, got.SpeedBonus)
	}
	host := k.HostSocket(s.ID)
	ph := gamePhones(t, k, s.Code, "Ana", "Ben", "Cy", "Dee", "Eve")
	drive(t, k, s.ID, "goto", map[string]int{"slide": 1})
	if sl, err := ph[0].WaitSlide(wait, func(s phoneclient.Slide) bool { return s.Index == 1 }); err != nil || sl.Countdown != 0 {
		t.Fatalf("slide 1: %v, countdown %d: without the speed bonus there is none", err, sl.Countdown)
	}
	for i, c := range [][]int{{1}, {1}, {0}, {1}, nil} {
		if c != nil {
			if _, err := ph[i].Answer(1, c); err != nil {
				t.Fatal(err)
			}
		}
	}
	if r := ph[0].Rank(); r.Of != 0 {
		t.Fatalf("a rank before any reveal: %+v (ranks go out at reveal, never per answer)", r)
	}
	drive(t, k, s.ID, "reveal", nil)
	checkRanks(t, "after slide 1", ranksOf(t, 1, ph), []standing{{1000, 1, 1}, {1000, 1, 1}, {0, 4, 0}, {1000, 1, 1}, {0, 4, 0}}, 5)

	// Next after a reveal shows the board; the next Next moves on.
	from := len(host.Messages())
	drive(t, k, s.ID, "next", nil)
	m, ok := host.WaitFor(from, wait, func(m kittest.HostMsg) bool { v, _ := board(m); return m.Type == "host_state" && v == "board" })
	if !ok {
		t.Fatal("next after a reveal did not show the board")
	}
	if _, rows := board(m); fmt.Sprint(rows) != "[1:Ana:1000 1:Ben:1000 1:Dee:1000 4:Cy:0 4:Eve:0]" {
		t.Errorf("board %v", rows)
	}
	drive(t, k, s.ID, "next", nil)
	ph[0].WaitSlide(wait, func(s phoneclient.Slide) bool { return s.Index == 2 })
	// Partial credit: 50% + 50% is full; one right is half; right and
	// wrong is 0.
	for i, c := range [][]int{{0, 2}, {0}, {2}, {0}, {0, 1}} {
		if _, err := ph[i].Answer(2, c); err != nil {
			t.Fatal(err)
		}
	}
	drive(t, k, s.ID, "reveal", nil)
	got := ranksOf(t, 2, ph)
	checkRanks(t, "after slide 2", got, []standing{{2000, 1, 2}, {1500, 2, 0}, {500, 4, 0}, {1500, 2, 0}, {0, 5, 0}}, 5)
	if got[0].Gained != 1000 || got[1].Gained != 500 || got[4].Gained != 0 {
		t.Errorf("gained %d %d %d, want 1000 500 0", got[0].Gained, got[1].Gained, got[4].Gained)
	}

	// The presenter renames Ben and removes Cy: the board follows.
	from = len(host.Messages())
	host.Send(map[string]any{"type": "rename", "participant": ph[1].Participant, "nick": "Benito"})
	if _, err := ph[1].WaitFor(wait, func(m phoneclient.Message) bool { return m.Type == "nick" && m.Nick == "Benito" }); err != nil {
		t.Fatalf("renamed phone: %v", err)
	}
	host.Send(map[string]any{"type": "remove", "participant": ph[2].Participant})
	m, ok = host.WaitFor(from, wait, func(m kittest.HostMsg) bool {
		_, rows := board(m)
		return m.Type == "host_state" && fmt.Sprint(rows) == "[1:Ana:2000 2:Benito:1500 2:Dee:1500 4:Eve:0]"
	})
	if !ok {
		_, rows := board(*host.Last())
		t.Fatalf("board after rename and remove: %v", rows)
	}

	// The last slide's Next shows the podium, and each phone its final rank.
	drive(t, k, s.ID, "goto", map[string]int{"slide": 4})
	drive(t, k, s.ID, "next", nil)
	r, err := ph[0].WaitRank(wait, func(r phoneclient.Rank) bool { return r.Final })
	if err != nil || r.Rank != 1 || r.Of != 4 || r.Points != 2000 {
		t.Fatalf("final rank %+v %v", r, err)
	}
	if _, ok := host.WaitFor(from, wait, func(m kittest.HostMsg) bool { v, _ := board(m); return v == "podium" }); !ok {
		t.Fatal("no podium")
	}
}

// TestGameNicknames: in game mode a typed name passes the word filter; a
// session without game mode does not filter (names are not shown).
func TestGameNicknames(t *testing.T) {
	k := kittest.Start(t, kittest.Options{})
	deck := k.SaveDeck(kittest.GameDeck)
	g := k.StartGame(deck, false)
	p := k.Dial(g.Code, nil)
	err := p.Join("FUCK this", "en")
	if e, ok := err.(*phoneclient.Error); !ok || e.Code != "bad_nick" {
		t.Fatalf("a blocked name in a game: %v, want bad_nick", err)
	}
	p = k.Dial(g.Code, nil)
	if err := p.Join("", "es"); err != nil || p.Nick == "" {
		t.Fatalf("no name in a game: %v, nick %q (want a generated one)", err, p.Nick)
	}
	host := k.HostSocket(g.ID)
	from := len(host.Messages())
	host.Send(map[string]any{"type": "rename", "participant": p.Participant, "nick": "\u202eevil"})
	if m, ok := host.WaitFor(from, wait, func(m kittest.HostMsg) bool { return m.Type == "error" }); !ok || m.Map["code"] != "bad_nick" {
		t.Errorf("rename to an invisible control: %v", m.Map)
	}
	s := k.StartSession(deck)
	if err := k.Dial(s.Code, nil).Join("FUCK this", "en"); err != nil {
		t.Errorf("without game mode the name is not filtered (nor shown): %v", err)
	}
	from = len(host.Messages())
	host2 := k.HostSocket(s.ID)
	host2.Send(map[string]any{"type": "game_view", "view": "board"})
	if m, ok := host2.WaitFor(0, wait, func(m kittest.HostMsg) bool { return m.Type == "error" }); !ok || m.Map["code"] != "bad_message" {
		t.Errorf("game_view outside a game: %v", m.Map)
	}
}

// TestGameScoresSurviveRestart: with the speed bonus (points depend on the
// answers' times), every phone's points, rank and streak, and the board,
// are the same after the kit restarts on the same database.
func TestGameScoresSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	k := kittest.Start(t, kittest.Options{Dir: dir})
	deck := k.SaveDeck(kittest.GameDeck)
	s := k.StartGame(deck, true)
	ph := gamePhones(t, k, s.Code, "Ana", "Ben", "Cy", "Dee")
	answers := map[int][][]int{1: {{1}, {1}, {0}, {1}}, 2: {{0, 2}, {0}, {2}, {0, 2}}}
	var before []phoneclient.Rank
	for slide := 1; slide <= 3; slide++ {
		drive(t, k, s.ID, "goto", map[string]int{"slide": slide})
		sl, err := ph[0].WaitSlide(wait, func(s phoneclient.Slide) bool { return s.Index == slide })
		if err != nil || sl.Countdown < 1 || sl.Countdown > 20 {
			t.Fatalf("slide %d: %v; countdown %d, want the speed bonus's (1–20 s)", slide, err, sl.Countdown)
		}
		for i, p := range ph {
			var err error
			if slide == 3 {
				_, err = p.AnswerText(3, []string{"paris", "Paris ", "Lyon", "PARÍS"}[i])
			} else {
				_, err = p.Answer(slide, answers[slide][i])
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		drive(t, k, s.ID, "reveal", nil)
		before = ranksOf(t, slide, ph)
	}
	for i, r := range before {
		if i != 2 && (r.Points <= 2500 || r.Points > 4500) {
			t.Errorf("phone %d: %d points for 2–3 right answers with the speed bonus, want over 2,500 and at most 4,500", i, r.Points)
		}
	}
	hostBefore := k.HostSocket(s.ID)
	mb, _ := hostBefore.WaitFor(0, wait, func(m kittest.HostMsg) bool { return m.Type == "host_state" })
	_, rowsBefore := board(mb)
	k.Stop()

	k = kittest.Start(t, kittest.Options{Dir: dir})
	resumeOn(t, k, s.Code, ph)
	after := ranksOf(t, 3, ph)
	for i := range before {
		b, a := before[i], after[i]
		b.Final, a.Final = false, false
		if a != b {
			t.Errorf("phone %d: before the restart %+v, after %+v", i, b, a)
		}
	}
	ma, _ := k.HostSocket(s.ID).WaitFor(0, wait, func(m kittest.HostMsg) bool { return m.Type == "host_state" })
	if _, rowsAfter := board(ma); fmt.Sprint(rowsAfter) != fmt.Sprint(rowsBefore) || len(rowsAfter) != 4 {
		t.Errorf("board before %v, after %v", rowsBefore, rowsAfter)
	}
}

// TestBuiltinDecksGameOff: every built-in workshop starts without game mode
// unless the presenter asks for it.
func TestBuiltinDecksGameOff(t *testing.T) {
	k := kittest.Start(t, kittest.Options{})
	var list []struct {
		ID      string `json:"id"`
		Builtin bool   `json:"builtin"`
	}
	if st, code := k.API("GET", "/api/decks", nil, &list); st != 200 {
		t.Fatalf("GET /api/decks: %d %s", st, code)
	}
	n := 0
	for _, d := range list {
		if !d.Builtin {
			continue
		}
		n++
		s := k.StartSession(d.ID)
		if got := k.Session(s.ID); got.Game || got.SpeedBonus {
			t.Errorf("built-in %s started with game mode on", d.ID)
		}
		m, _ := k.HostSocket(s.ID).WaitFor(0, wait, func(m kittest.HostMsg) bool { return m.Type == "host_state" })
		if _, ok := m.Map["game"]; ok {
			t.Errorf("built-in %s: host_state has a game", d.ID)
		}
		if g := k.StartGame(d.ID, false); !k.Session(g.ID).Game {
			t.Errorf("built-in %s: the presenter's game:true was not taken", d.ID)
		}
	}
	if n == 0 {
		t.Fatal("no built-in decks listed")
	}
}

// TestGameScoresSurviveKill: the kit process is killed with SIGKILL in the
// middle of a game with the speed bonus (the second question answered, not
// yet revealed); after a restart on the same data folder the first
// question's ranks are what they were, and revealing the second gives the
// same points the answers earned before the kill.
func TestGameScoresSurviveKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	r, k := startRerun(t, buildKit(t, t.TempDir()))
	deck := k.SaveDeck(kittest.GameDeck)
	s := k.StartGame(deck, true)
	ph := gamePhones(t, k.Kit, s.Code, "Ana", "Ben", "Cy")
	drive(t, k.Kit, s.ID, "goto", map[string]int{"slide": 1})
	for i, c := range [][]int{{1}, {0}, {1}} {
		if _, err := ph[i].Answer(1, c); err != nil {
			t.Fatal(err)
		}
	}
	drive(t, k.Kit, s.ID, "reveal", nil)
	before := ranksOf(t, 1, ph)
	drive(t, k.Kit, s.ID, "goto", map[string]int{"slide": 2})
	for i, c := range [][]int{{0, 2}, {0, 2}, {0}} {
		if _, err := ph[i].Answer(2, c); err != nil {
			t.Fatal(err)
		}
	}
	k2 := r.restart()
	for i, p := range ph {
		q := k2.Dial(s.Code, nil)
		if err := q.Resume(p.Token); err != nil {
			t.Fatalf("resume %d: %v", i, err)
		}
		ph[i] = q
	}
	after := ranksOf(t, 2, ph) // on resume: the standing so far, on slide 2
	for i := range before {
		b, a := before[i], after[i]
		if a.Points != b.Points || a.Rank != b.Rank || a.Streak != b.Streak || a.Of != b.Of {
			t.Errorf("phone %d: before the kill %+v, after %+v", i, b, a)
		}
	}
	drive(t, k2.Kit, s.ID, "reveal", nil)
	var got []phoneclient.Rank
	for i, p := range ph {
		// Everyone earned something on slide 2 (Cy half credit).
		r, err := p.WaitRank(wait, func(r phoneclient.Rank) bool { return r.Slide == 2 && r.Gained > 0 })
		if err != nil {
			t.Fatalf("phone %d: no rank after the reveal: %v (last %+v)", i, err, r)
		}
		got = append(got, r)
	}
	// The second question's points have the speed bonus from the clock
	// stored before the kill: full credit earns more than 1,000.
	if g := got[0].Points - before[0].Points; g <= 1000 || g > 1500 {
		t.Errorf("Ana gained %d on the second question after the kill, want 1,001–1,500 (full credit with a speed bonus)", g)
	}
	if got[0].Streak != 2 || got[2].Streak != 0 {
		t.Errorf("streaks %d and %d, want 2 and 0", got[0].Streak, got[2].Streak)
	}
}

// TestGameTeams: automatic teams are balanced as phones join, a team's
// points are the mean of its members', each phone hears its team's
// standing, and every team is the same after a restart.
func TestGameTeams(t *testing.T) {
	dir := t.TempDir()
	k := kittest.Start(t, kittest.Options{Dir: dir})
	deck := k.SaveDeck(kittest.GameDeck)
	var s kittest.Session
	if st, code := k.API("POST", "/api/sessions", map[string]any{"deck": deck, "game": true, "teams": 2}, &s); st != 201 {
		t.Fatalf("start with teams: %d %s", st, code)
	}
	if st, code := k.API("POST", "/api/sessions", map[string]any{"deck": deck, "game": true, "teams": 9}, nil); st != 400 || code != "bad_json" {
		t.Errorf("9 teams: %d %s, want 400 bad_json", st, code)
	}
	if got := k.Session(s.ID); got.Teams != 2 {
		t.Fatalf("GET session: teams %d, want 2", got.Teams)
	}
	ph := gamePhones(t, k, s.Code, "A1", "A2", "A3", "A4", "A5", "A6")
	drive(t, k, s.ID, "goto", map[string]int{"slide": 1})
	// Half of the room right: who is right decides each team's mean.
	for i, p := range ph {
		if _, err := p.Answer(1, []int{i % 2}); err != nil {
			t.Fatal(err)
		}
	}
	drive(t, k, s.ID, "reveal", nil)
	ranks := ranksOf(t, 1, ph)
	members := map[int]int{}
	sum := map[int]int{}
	for _, r := range ranks {
		members[r.Team]++
		sum[r.Team] += r.Points
	}
	if len(members) != 2 || members[1] != 3 || members[2] != 3 {
		t.Fatalf("teams %v, want 2 teams of 3", members)
	}
	for _, r := range ranks {
		if want := (sum[r.Team] + 1) / 3; r.TeamPoints != want {
			t.Errorf("%s in team %d: team points %d, want the mean %d", r.Nick, r.Team, r.TeamPoints, want)
		}
		other := 3 - r.Team
		wantRank := 1
		if (sum[other]+1)/3 > r.TeamPoints {
			wantRank = 2
		}
		if r.TeamRank != wantRank {
			t.Errorf("%s in team %d: team rank %d, want %d", r.Nick, r.Team, r.TeamRank, wantRank)
		}
	}
	host := k.HostSocket(s.ID)
	m, _ := host.WaitFor(0, wait, func(m kittest.HostMsg) bool { return m.Type == "host_state" })
	g, _ := m.Map["game"].(map[string]any)
	if tm, _ := g["teams"].([]any); len(tm) != 2 {
		t.Errorf("host_state.game.teams: %v", g["teams"])
	}
	k.Stop()
	k = kittest.Start(t, kittest.Options{Dir: dir})
	resumeOn(t, k, s.Code, ph)
	for i, r := range ranksOf(t, 1, ph) {
		if r.Team != ranks[i].Team || r.TeamPoints != ranks[i].TeamPoints || r.TeamRank != ranks[i].TeamRank {
			t.Errorf("phone %d after a restart: team %d (%d points, rank %d), before %d (%d, %d)", i, r.Team, r.TeamPoints, r.TeamRank, ranks[i].Team, ranks[i].TeamPoints, ranks[i].TeamRank)
		}
	}
	// A phone joining after the restart joins the smaller team... both
	// have 3: either; two more joins make it 4 and 4.
	more := gamePhones(t, k, s.Code, "B1", "B2")
	drive(t, k, s.ID, "goto", map[string]int{"slide": 2})
	drive(t, k, s.ID, "reveal", nil)
	all := append(ph, more...)
	n := map[int]int{}
	for _, r := range ranksOf(t, 2, all) {
		n[r.Team]++
	}
	if n[1] != 4 || n[2] != 4 {
		t.Errorf("after two joins past the restart: teams %v, want 4 and 4", n)
	}
}
