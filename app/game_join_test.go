package app_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// Game mode, round two: teams chosen on join from the deck's join
// question, nicknames only in a game, and the board or podium kept across
// a kill -9.

// teamsDeck is the game deck asking "My team: Red, Blue or Green" on join.
var teamsDeck = strings.Replace(kittest.GameDeck, "lang: en\n", "lang: en\njoin-question: My team | Red | Blue | Green\n", 1)

// TestGameTeamsChosenOnJoin: with teams on and a join question, the
// question's options are the teams: each phone's answer picks its team (by
// name), a phone that skips is put in the smallest team, a team's points
// are the mean of its members', and every team is the same after a
// restart.
func TestGameTeamsChosenOnJoin(t *testing.T) {
	dir := t.TempDir()
	k := kittest.Start(t, kittest.Options{Dir: dir})
	deck := k.SaveDeck(teamsDeck)
	var s kittest.Session
	if st, code := k.API("POST", "/api/sessions", map[string]any{"deck": deck, "game": true, "teams": 2}, &s); st != 201 {
		t.Fatalf("start: %d %s", st, code)
	}
	if got := k.Session(s.ID); got.Teams != 3 {
		t.Fatalf("GET session: %d teams, want 3 (one per join question option)", got.Teams)
	}
	ph := gamePhones(t, k, s.Code, "Ana", "Ben", "Cy", "Dee")
	for i, role := range []int{0, 0, 2} { // Ana and Ben Red, Cy Green; Dee skips
		if err := ph[i].SetRole(role); err != nil {
			t.Fatalf("role of phone %d: %v", i, err)
		}
	}
	// Joined after the choices: Red has 3 (Ana, Ben, and Dee or not),
	// Green 1 or 2, Blue none: Eve skips and lands in Blue, the smallest.
	ph = append(ph, gamePhones(t, k, s.Code, "Eve")...)
	drive(t, k, s.ID, "goto", map[string]int{"slide": 1})
	for i, c := range [][]int{{1}, {0}, {1}, {1}, {1}} { // Ben wrong
		if _, err := ph[i].Answer(1, c); err != nil {
			t.Fatal(err)
		}
	}
	drive(t, k, s.ID, "reveal", nil)
	ranks := ranksOf(t, 1, ph)
	names := map[int]string{1: "Red", 2: "Blue", 3: "Green"}
	for i, want := range []int{1, 1, 3, 0, 2} {
		r := ranks[i]
		if want != 0 && r.Team != want {
			t.Errorf("%s: team %d, want %d", r.Nick, r.Team, want)
		}
		if r.Team < 1 || r.Team > 3 || r.TeamName != names[r.Team] {
			t.Errorf("%s: team %d named %q, want the join question's option", r.Nick, r.Team, r.TeamName)
		}
	}
	sum, members := map[int]int{}, map[int]int{}
	for _, r := range ranks {
		sum[r.Team] += r.Points
		members[r.Team]++
	}
	for _, r := range ranks {
		if want := (sum[r.Team] + members[r.Team]/2) / members[r.Team]; r.TeamPoints != want {
			t.Errorf("%s in %s: team points %d, want the mean of its %d members, %d", r.Nick, r.TeamName, r.TeamPoints, members[r.Team], want)
		}
	}
	m, _ := k.HostSocket(s.ID).WaitFor(0, wait, func(m kittest.HostMsg) bool { return m.Type == "host_state" })
	g, _ := m.Map["game"].(map[string]any)
	var teams []string
	for _, x := range g["teams"].([]any) {
		x := x.(map[string]any)
		teams = append(teams, fmt.Sprintf("%v:%v", x["name"], x["members"]))
	}
	if len(teams) != 3 {
		t.Errorf("host_state teams %v, want 3 named teams", teams)
	}

	k.Stop()
	k = kittest.Start(t, kittest.Options{Dir: dir})
	resumeOn(t, k, s.Code, ph)
	for i, r := range ranksOf(t, 1, ph) {
		if r.Team != ranks[i].Team || r.TeamName != ranks[i].TeamName || r.TeamPoints != ranks[i].TeamPoints {
			t.Errorf("%s after a restart: %s (%d points), before %s (%d)", r.Nick, r.TeamName, r.TeamPoints, ranks[i].TeamName, ranks[i].TeamPoints)
		}
	}
	// A role changed after the restart still moves the player.
	if err := ph[4].SetRole(2); err != nil {
		t.Fatal(err)
	}
	drive(t, k, s.ID, "goto", map[string]int{"slide": 2})
	drive(t, k, s.ID, "reveal", nil)
	if r := ranksOf(t, 2, ph[4:])[0]; r.Team != 3 || r.TeamName != "Green" {
		t.Errorf("Eve after choosing Green: team %d %q", r.Team, r.TeamName)
	}
}

// TestNamesOnlyInAGame: outside game mode a phone joins with no name,
// and a name sent anyway is not kept: the welcome has none, the presenter's
// participant list has none, and no results or export carries it. In a
// game the welcome carries the name.
func TestNamesOnlyInAGame(t *testing.T) {
	k := kittest.Start(t, kittest.Options{})
	deck := k.SaveDeck(kittest.GameDeck)
	s := k.StartSession(deck)
	if page := string(k.Get("/j/" + s.Code)); strings.Contains(page, "data-game") || !strings.Contains(page, `data-deck="en"`) {
		t.Errorf("the phone page outside a game: want data-deck and no data-game, got %.200q", page)
	}
	p := k.Dial(s.Code, nil)
	if err := p.Join("Zanzibar Quux", "en"); err != nil {
		t.Fatal(err)
	}
	if p.Nick != "" {
		t.Errorf("welcome outside a game: nick %q, want none", p.Nick)
	}
	drive(t, k, s.ID, "goto", map[string]int{"slide": 1})
	if _, err := p.Answer(1, []int{1}); err != nil {
		t.Fatal(err)
	}
	var list []struct{ ID, Nick string }
	if st, code := k.API("GET", "/api/sessions/"+s.ID+"/participants", nil, &list); st != 200 || len(list) != 1 || list[0].Nick != "" {
		t.Errorf("participants: %d %s %+v, want one with no name", st, code, list)
	}
	drive(t, k, s.ID, "end", nil)
	for _, path := range []string{"/api/sessions/" + s.ID + "/results", "/api/sessions/" + s.ID + "/results.csv", "/host/s/" + s.ID + "/report"} {
		if b := k.Get(path); strings.Contains(string(b), "Zanzibar") {
			t.Errorf("%s shows the name a phone sent outside a game", path)
		}
	}
	g := k.StartGame(deck, false)
	if page := string(k.Get("/j/" + g.Code)); !strings.Contains(page, `data-deck="en" data-game>`) {
		t.Errorf("the phone page of a game: want data-game, so it asks a name, got %.200q", page)
	}
	q := k.Dial(g.Code, nil)
	if err := q.Join("Zanzibar Quux", "en"); err != nil || q.Nick != "Zanzibar Quux" {
		t.Errorf("welcome in a game: %v, nick %q, want the typed one", err, q.Nick)
	}
}

// TestGameViewSurvivesKill: the board, then the podium, on the audience
// screen are shown again after the kit is killed with SIGKILL and
// restarted on the same data folder; after the podium each phone that
// comes back hears its final rank.
func TestGameViewSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	r, k := startRerun(t, buildKit(t, t.TempDir()))
	deck := k.SaveDeck(kittest.GameDeck)
	s := k.StartGame(deck, false)
	ph := gamePhones(t, k.Kit, s.Code, "Ana", "Ben")
	drive(t, k.Kit, s.ID, "goto", map[string]int{"slide": 1})
	for i, c := range [][]int{{1}, {0}} {
		if _, err := ph[i].Answer(1, c); err != nil {
			t.Fatal(err)
		}
	}
	drive(t, k.Kit, s.ID, "reveal", nil)
	drive(t, k.Kit, s.ID, "next", nil) // the board
	// A join is committed after the state written before it: then the
	// view is on disk.
	gamePhones(t, k.Kit, s.Code, "Cy")
	view := func(k *kit) string {
		t.Helper()
		m, ok := k.HostSocket(s.ID).WaitFor(0, wait, func(m kittest.HostMsg) bool { return m.Type == "host_state" })
		if !ok {
			t.Fatal("no host_state")
		}
		v, _ := board(m)
		return v
	}
	if v := view(k); v != "board" {
		t.Fatalf("before the kill: view %q, want board", v)
	}
	k2 := r.restart()
	if v := view(k2); v != "board" {
		t.Errorf("after kill -9: view %q, want the board again", v)
	}
	drive(t, k2.Kit, s.ID, "goto", map[string]int{"slide": 4})
	drive(t, k2.Kit, s.ID, "next", nil) // the podium
	gamePhones(t, k2.Kit, s.Code, "Dee")
	k3 := r.restart()
	if v := view(k3); v != "podium" {
		t.Errorf("after a second kill -9: view %q, want the podium again", v)
	}
	q := k3.Dial(s.Code, nil)
	if err := q.Resume(ph[0].Token); err != nil {
		t.Fatal(err)
	}
	if r, err := q.WaitRank(wait, func(r phoneclient.Rank) bool { return r.Final }); err != nil || r.Rank != 1 || r.Points != 1000 {
		t.Errorf("Ana back after the podium: %+v %v, want her final rank, 1st with 1,000", r, err)
	}
}
