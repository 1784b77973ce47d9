package live

import (
	"hash/fnv"
	"slices"
	"sync/atomic"
)

// Teams of game mode (issue 15): automatic and balanced, or chosen on
// join. A participant's team is derived from its id (FNV-1a of the id,
// modulo the number of teams), so nothing more is stored and a restart
// finds every team as it was; a join draws ids until one falls in the team
// with fewest members, which keeps the teams within a member or so of each
// other. When the deck asks a join question, its options are the teams:
// a phone's answer (its stored role) picks its team, and a phone that skips
// keeps the balanced one its id gives. A team's points are the mean of its
// members' points, so a bigger team does not win by size.

// MaxTeams bounds the teams of a game.
const MaxTeams = 8

// teamOf is the team (1-based) of participant id among n teams.
func teamOf(id string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32()%uint32(n)) + 1
}

// setTeams turns teams on: n automatic ones, or, when the deck asks a join
// question, one per option.
func (s *Session) setTeams(n int) {
	if n < 2 || n > MaxTeams {
		return
	}
	if j := s.Deck.Join; j != nil && len(j.Options) >= 2 && len(j.Options) <= MaxTeams {
		n, s.joinTeams = len(j.Options), true
	}
	s.teams = n
	s.teamSize = make([]atomic.Int64, n)
}

// teamFor is the team (1-based) of a participant with this id and role
// (its answer to the join question, -1 for none).
func (s *Session) teamFor(id string, role int) int {
	if s.joinTeams && role >= 0 && role < s.teams {
		return role + 1
	}
	return teamOf(id, s.teams)
}

// teamName is a team's name when the join question's options name the
// teams; "" when the pages letter them (Team A).
func (s *Session) teamName(team int) string {
	if !s.joinTeams {
		return ""
	}
	return s.Deck.Join.Options[team-1]
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
	Team    int    `json:"team"`           // 1-based; the pages name it (Team A, Equipo A)
	Name    string `json:"name,omitempty"` // the join question's option, when it picks the teams
	Rank    int    `json:"rank"`
	Members int    `json:"members"`
	Points  int    `json:"points"` // the mean of its members' points, rounded
}

// teamBoard ranks the teams of the ranked players: more points first,
// equal points share a rank; a team with no one ranks last with 0.
func (s *Session) teamBoard(rows []rankRow) []teamRow {
	n := s.teams
	if n < 2 {
		return nil
	}
	sum := make([]int, n)
	out := make([]teamRow, n)
	for i := range out {
		out[i].Team = i + 1
		out[i].Name = s.teamName(i + 1)
	}
	for _, r := range rows {
		t := r.team - 1
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
