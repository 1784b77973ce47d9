package live

import (
	"hash/fnv"
	"slices"
	"sync/atomic"
)

// Teams of game mode (issue 15): automatic and balanced. A participant's
// team is derived from its id (FNV-1a of the id, modulo the number of
// teams), so nothing more is stored and a restart finds every team as it
// was; a join draws ids until one falls in the team with fewest members,
// which keeps the teams within a member or so of each other. A team's
// points are the mean of its members' points, so a bigger team does not
// win by size.

// MaxTeams bounds the teams of a game.
const MaxTeams = 8

// teamOf is the team (1-based) of participant id among n teams.
func teamOf(id string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32()%uint32(n)) + 1
}

func (s *Session) setTeams(n int) {
	if n < 2 || n > MaxTeams {
		return
	}
	s.teams = n
	s.teamSize = make([]atomic.Int64, n)
}

// newParticipantID is a new random participant id; in a game with teams,
// one of the team with fewest members now.
func (s *Session) newParticipantID() string {
	if s.teams == 0 {
		return "p" + randomString(9)
	}
	want := 0
	for i := range s.teamSize {
		if s.teamSize[i].Load() < s.teamSize[want].Load() {
			want = i
		}
	}
	for {
		id := "p" + randomString(9)
		if teamOf(id, s.teams) == want+1 {
			s.teamSize[want].Add(1)
			return id
		}
	}
}

// teamRow is one team's standing (host_state.game.teams).
type teamRow struct {
	Team    int `json:"team"` // 1-based; the pages name it (Team A, Equipo A)
	Rank    int `json:"rank"`
	Members int `json:"members"`
	Points  int `json:"points"` // the mean of its members' points, rounded
}

// teamBoard ranks the teams of the ranked players: more points first,
// equal points share a rank; a team with no one ranks last with 0.
func teamBoard(rows []rankRow, n int) []teamRow {
	if n < 2 {
		return nil
	}
	sum := make([]int, n)
	out := make([]teamRow, n)
	for i := range out {
		out[i].Team = i + 1
	}
	for _, r := range rows {
		t := teamOf(r.id, n) - 1
		out[t].Members++
		sum[t] += r.points
	}
	for i := range out {
		if out[i].Members > 0 {
			out[i].Points = (sum[i] + out[i].Members/2) / out[i].Members
		}
	}
	slices.SortStableFunc(out, func(a, b teamRow) int {
		if a.Points != b.Points {
			return b.Points - a.Points
		}
		return a.Team - b.Team
	})
	for i := range out {
		if i > 0 && out[i].Points == out[i-1].Points {
			out[i].Rank = out[i-1].Rank
		} else {
			out[i].Rank = i + 1
		}
	}
	return out
}
