package live

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/freetext"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
)

// Game mode (issue 15): points, streaks, a leaderboard after each reveal,
// each phone's own rank, a podium at the end. It is chosen when a session
// starts and off by default. Nothing of it is kept but the choice and the
// clock of each question that opened with a speed countdown: points and
// ranks are derived from the stored answers (their credit and answered_at),
// so they come back the same after a reload, a restart or a kill -9.

// GameOptions is what a session is started with (POST /api/sessions).
type GameOptions struct {
	Game  bool // points, leaderboard, podium, nicknames on the screen
	Speed bool // a speed bonus, and a countdown on every scored question (with Game only)
	Teams int  // automatic balanced teams, 2 to MaxTeams (with Game only); 0 for none
}

// Points of game mode: an answer earns Credit × GamePoints, and with the
// speed bonus up to Credit × SpeedPoints more, falling linearly to 0 as the
// countdown runs out. A scored question with no countdown of its own gets
// SpeedSeconds when the speed bonus is on.
const (
	GamePoints   = 1000
	SpeedPoints  = 500
	SpeedSeconds = 20
	BoardSize    = 10 // rows of the leaderboard
	PodiumSize   = 3
)

// The audience screen's game views (host_state.game.view).
const (
	ViewBoard  = "board"
	ViewPodium = "podium"
)

// ErrNickBlocked refuses a typed nickname the word filter holds back.
var ErrNickBlocked = ErrBadNick.With("This nickname is not allowed here: choose another, or leave it empty for a generated one.")

type gameAnswer struct {
	credit float64
	at     time.Time
}

// game is a session's game state, on the session goroutine.
type game struct {
	speed   bool
	teams   int
	opened  map[int]record.GameClock
	answers map[int]map[string]gameAnswer // scored answers by slide, by participant
	view    string
	stale   bool
	ranked  []rankRow
	gen     int       // counts rankings: a participant's row is valid in its own
	top     []rankRow // the board: the first BoardSize rows by rankCompare
	board   []teamRow // teams' standings, with ranked (teams.go)
	// teamAt is each team's row in board (by team - 1), and the common
	// tail of its members' rank messages: made once per ranking, not once
	// per phone.
	teamAt   []int
	teamTail [][]byte
}

type rankRow struct {
	id     string
	nick   string
	points int
	gained int // on the slide showing now, if it is revealed
	streak int
	rank   int
	team   int // 1-based, in a game with teams; else 0
}

func newGame(speed bool) *game {
	return &game{speed: speed, opened: map[int]record.GameClock{}, answers: map[int]map[string]gameAnswer{}, stale: true}
}

// record is the game's part of the session's steps.
func (g *game) record() *record.Game {
	r := &record.Game{Speed: g.speed, Teams: g.teams, View: g.view}
	if len(g.opened) > 0 {
		r.Opened = make(map[int]record.GameClock, len(g.opened))
		for k, v := range g.opened {
			r.Opened[k] = v
		}
	}
	return r
}

func loadGame(r *record.Game, slides int) *game {
	g := newGame(r.Speed)
	if r.Teams >= 2 && r.Teams <= MaxTeams {
		g.teams = r.Teams
	}
	if r.View == ViewBoard || r.View == ViewPodium {
		g.view = r.View // the audience screen shows it again after a restart
	}
	for k, v := range r.Opened {
		if k >= 0 && k < slides && v.Seconds > 0 {
			g.opened[k] = v
		}
	}
	return g
}

// points is what an answer on slide earns.
func (g *game) points(slide int, a gameAnswer) int {
	if a.credit <= 0 {
		return 0
	}
	p := int(math.Round(a.credit * GamePoints))
	if c, ok := g.opened[slide]; ok && g.speed {
		// Milliseconds on both sides, as the store keeps them.
		el := a.at.UnixMilli() - c.At.UnixMilli()
		f := 1 - float64(el)/float64(int64(c.Seconds)*1000)
		f = min(1, max(0, f))
		p += int(math.Round(a.credit * SpeedPoints * f))
	}
	return p
}

// Rank compares like a sports table: more points first; equal points
// share a rank (1, 2, 2, 4).
func rankCompare(a, b rankRow) int {
	if a.points != b.points {
		return b.points - a.points
	}
	if c := strings.Compare(a.nick, b.nick); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

// ---- on the session goroutine ----

// gameRecord notes a committed answer's credit and time.
func (st *state) gameRecord(a record.Answer) {
	g := st.game
	if g == nil {
		return
	}
	m := g.answers[a.Slide]
	if m == nil {
		m = map[string]gameAnswer{}
		g.answers[a.Slide] = m
	}
	ga := gameAnswer{at: a.AnsweredAt}
	if a.Credit != nil && !a.Skipped {
		ga.credit = *a.Credit
	}
	m[a.ParticipantID] = ga
	if st.revealed[a.Slide] {
		g.stale = true
	}
}

// gameRemoved follows Remove: a participant removed leaves the board
// (answers kept go to an anonymous id, which has no nickname and no rank).
func (st *state) gameRemoved(p *participant, anon string, deleteAnswers bool) {
	g := st.game
	if g == nil {
		return
	}
	pid := p.id
	if st.s.teams > 0 {
		st.s.teamSize[st.s.teamFor(pid, p.role-1)-1].Add(-1)
	}
	for _, m := range g.answers {
		if a, ok := m[pid]; ok {
			delete(m, pid)
			if !deleteAnswers {
				m[anon] = a
			}
		}
	}
	g.stale = true
}

// scoredSlides are the revealed scored questions, in slide order.
func (st *state) scoredSlides() []int {
	var out []int
	for i, sl := range st.s.Deck.Slides {
		if sl.Question != nil && sl.Question.Scored() && st.revealed[i] {
			out = append(out, i)
		}
	}
	return out
}

// ranking computes every participant's points and rank when something
// changed since the last time: a reveal, a late answer on a revealed
// question, a removal, a rename or a team chosen. At 10,000 participants
// it is a pass over their revealed answers and one sort of their points
// (integers: ties need no names to compare); only the top of the board is
// ordered by name, by a selection of its BoardSize rows. Each participant
// finds its row by index (participant.row), not through a map.
func (st *state) ranking() []rankRow {
	g := st.game
	if !g.stale {
		return g.ranked
	}
	g.gen++
	slides := st.scoredSlides()
	rows := make([]rankRow, 0, len(st.parts))
	for _, p := range st.parts {
		if p.nick == "" { // removed, answers kept anonymously
			continue
		}
		r := rankRow{id: p.id, nick: p.nick}
		if st.s.teams > 0 {
			r.team = st.s.teamFor(p.id, p.role-1)
		}
		for _, sl := range slides {
			a, ok := g.answers[sl][p.id]
			pts := 0
			if ok {
				pts = g.points(sl, a)
			}
			r.points += pts
			if sl == st.index {
				r.gained = pts
			}
			if ok && a.credit >= 1 {
				r.streak++
			} else {
				r.streak = 0
			}
		}
		p.row, p.rowGen = len(rows), g.gen
		rows = append(rows, r)
	}
	// Ranks: the rows' indices sorted by points, most first; equal points
	// share the rank of the first of them.
	order := make([]int32, len(rows))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return rows[b].points - rows[a].points })
	for i, x := range order {
		if i > 0 && rows[x].points == rows[order[i-1]].points {
			rows[x].rank = rows[order[i-1]].rank
		} else {
			rows[x].rank = i + 1
		}
	}
	g.top = g.top[:0]
	for _, r := range rows {
		g.top = topInsert(g.top, r, BoardSize)
	}
	g.ranked, g.stale = rows, false
	g.board = st.s.teamBoard(rows)
	g.teamTails()
	return rows
}

// topInsert keeps top the n best rows by rankCompare, in order.
func topInsert(top []rankRow, r rankRow, n int) []rankRow {
	if len(top) == n && rankCompare(r, top[n-1]) >= 0 {
		return top
	}
	i, _ := slices.BinarySearchFunc(top, r, rankCompare)
	if len(top) < n {
		top = append(top, rankRow{})
	}
	copy(top[i+1:], top[i:len(top)-1])
	top[i] = r
	return top
}

// rowOf is p's row in the last ranking, or nil (joined since, or removed).
func (g *game) rowOf(p *participant) *rankRow {
	if p.rowGen != g.gen || p.row >= len(g.ranked) || g.ranked[p.row].id != p.id {
		return nil
	}
	return &g.ranked[p.row]
}

// teamTails makes, for each team, the end of its members' rank messages
// (PROTOCOL.md "rank"): the team, its rank and its points, and its name
// when the join question picks the teams.
func (g *game) teamTails() {
	g.teamAt, g.teamTail = nil, nil
	if len(g.board) == 0 {
		return
	}
	g.teamTail = make([][]byte, len(g.board))
	for _, tr := range g.board {
		b := strconv.AppendInt([]byte(`,"team":`), int64(tr.Team), 10)
		b = append(b, `,"team_rank":`...)
		b = strconv.AppendInt(b, int64(tr.Rank), 10)
		b = append(b, `,"team_points":`...)
		b = strconv.AppendInt(b, int64(tr.Points), 10)
		if tr.Name != "" {
			b = append(b, `,"team_name":`...)
			b = appendJSONString(b, tr.Name)
		}
		g.teamTail[tr.Team-1] = b
	}
}

// rankMsg is a phone's own standing, sent to that phone alone after each
// reveal (PROTOCOL.md "rank").
type rankMsg struct {
	Type   string `json:"type"`
	Slide  int    `json:"slide"`
	Nick   string `json:"nick"`
	Points int    `json:"points"`
	Gained int    `json:"gained"`
	Rank   int    `json:"rank"`
	Of     int    `json:"of"`
	Streak int    `json:"streak"`
	Final  bool   `json:"final,omitempty"`
	// In a game with teams: the phone's team (1-based), its rank among
	// the teams and its points (the mean of its members'); its name when
	// the join question's options are the teams.
	Team       int    `json:"team,omitempty"`
	TeamRank   int    `json:"team_rank,omitempty"`
	TeamPoints int    `json:"team_points,omitempty"`
	TeamName   string `json:"team_name,omitempty"`
}

// rankFrame is p's rank message, or nil when there is none to send (game
// mode off, nothing revealed yet, or p removed).
func (st *state) rankFrame(p *participant) *Frame {
	if st.game == nil || len(st.scoredSlides()) == 0 {
		return nil
	}
	st.ranking()
	var rk ranker
	rk.start(st, 1)
	return rk.frame(p)
}

// ranker writes the rank messages of one ranking. It is written by hand:
// at a reveal it runs once per phone, so the parts every message shares
// are made once, and the messages are cut from one buffer and one array
// of frames rather than allocated one by one.
type ranker struct {
	g      *game
	head   []byte // {"type":"rank","slide":N,"nick":
	of     []byte // ,"of":N,"streak":
	final  bool
	buf    []byte
	frames []Frame
}

func (rk *ranker) start(st *state, n int) {
	g := st.game
	rk.g = g
	rk.head = strconv.AppendInt([]byte(`{"type":"rank","slide":`), int64(st.index), 10)
	rk.head = append(rk.head, `,"nick":`...)
	rk.of = strconv.AppendInt([]byte(`,"of":`), int64(len(g.ranked)), 10)
	rk.of = append(rk.of, `,"streak":`...)
	rk.final = g.view == ViewPodium
	tail := 0
	for _, t := range g.teamTail {
		tail = max(tail, len(t))
	}
	rk.buf = make([]byte, 0, n*(len(rk.head)+len(rk.of)+96+tail))
	rk.frames = make([]Frame, 0, n)
}

// frame is p's rank message, or nil if p has no row.
func (rk *ranker) frame(p *participant) *Frame {
	r := rk.g.rowOf(p)
	if r == nil {
		return nil
	}
	b := rk.buf
	at := len(b)
	b = append(b, rk.head...)
	b = appendJSONString(b, r.nick)
	b = append(b, `,"points":`...)
	b = strconv.AppendInt(b, int64(r.points), 10)
	b = append(b, `,"gained":`...)
	b = strconv.AppendInt(b, int64(r.gained), 10)
	b = append(b, `,"rank":`...)
	b = strconv.AppendInt(b, int64(r.rank), 10)
	b = append(b, rk.of...)
	b = strconv.AppendInt(b, int64(r.streak), 10)
	if rk.final {
		b = append(b, `,"final":true`...)
	}
	if r.team > 0 && r.team <= len(rk.g.teamTail) {
		b = append(b, rk.g.teamTail[r.team-1]...)
	}
	b = append(b, '}')
	rk.buf = b
	if len(rk.frames) == cap(rk.frames) { // more than counted: a new array; the old one's frames stay valid
		rk.frames = make([]Frame, 0, max(16, cap(rk.frames)))
	}
	n := len(rk.frames)
	rk.frames = rk.frames[:n+1]
	f := &rk.frames[n]
	f.Data, f.single = b[at:len(b):len(b)], true
	return f
}

// appendJSONString appends s as a JSON string: as it is when it needs no
// escaping (a nickname almost always), else as encoding/json writes it.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= 0x80 {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// rankFrames makes each connected phone's rank message, before anything
// is sent, and leaves it on the participant (participant.rank): at a
// reveal each is queued right behind that phone's slide (changed), so a
// connection's writer finds both and writes them at once.
func (st *state) rankFrames() {
	if st.game == nil || len(st.scoredSlides()) == 0 {
		return
	}
	st.ranking()
	var rk ranker
	rk.start(st, len(st.phones))
	for _, p := range st.phones {
		p.rank = rk.frame(p)
	}
}

// sendRanks sends each connected phone its own rank: once per reveal (or
// podium), never per answer. The ranking is computed once for all.
func (st *state) sendRanks() {
	st.rankFrames()
	for sub, p := range st.phones {
		if f := p.rank; f != nil {
			p.rank = nil
			st.send(sub, f)
		}
	}
}

// setView shows the leaderboard, the podium or neither on the audience
// screen; the podium sends each phone its final rank.
func (st *state) setView(v string) {
	if st.game == nil || st.game.view == v {
		return
	}
	st.game.view = v
	if v == ViewPodium {
		st.sendRanks()
	}
	st.toHosts(st.stateFrame())
	st.save() // the audience screen shows it again after a restart
}

// gameNext is Next in game mode: after a scored question is revealed, the
// first Next shows the leaderboard, the next one moves on; Next on the
// last slide shows the podium. It reports whether it handled Next.
func (st *state) gameNext() bool {
	g := st.game
	if g == nil || st.ended {
		return false
	}
	switch {
	case g.view == ViewPodium:
		return true
	case g.view == "" && st.phase() == PhaseRevealed && st.question().Scored():
		st.setView(ViewBoard)
		return true
	case st.index == len(st.s.Deck.Slides)-1:
		st.setView(ViewPodium)
		return true
	}
	return false
}

// gamePrev is Prev in game mode: it first takes the leaderboard or podium
// away.
func (st *state) gamePrev() bool {
	if st.game == nil || st.game.view == "" {
		return false
	}
	st.setView("")
	return true
}

// gameOpened notes when a scored question opened with a countdown, for the
// speed bonus; the first opening counts.
func (st *state) gameOpened(at time.Time, seconds int) {
	g := st.game
	if g == nil || !g.speed {
		return
	}
	if q := st.question(); q == nil || !q.Scored() {
		return
	}
	if _, ok := g.opened[st.index]; !ok {
		g.opened[st.index] = record.GameClock{At: at.UTC().Truncate(time.Millisecond), Seconds: seconds}
	}
}

// speedSeconds is the countdown a question gets from the speed bonus.
func (st *state) speedSeconds(q *quizzes.Question) int {
	if st.game != nil && st.game.speed && q.Scored() {
		return SpeedSeconds
	}
	return 0
}

// hostGame is host_state's game: the view, the players and the top of
// the board (PROTOCOL.md).
type hostGame struct {
	Speed   bool       `json:"speed,omitempty"`
	View    string     `json:"view,omitempty"`
	Players int        `json:"players"`
	Board   []boardRow `json:"board"`
	Teams   []teamRow  `json:"teams,omitempty"` // teams.go
}

type boardRow struct {
	ID     string `json:"id"`
	Rank   int    `json:"rank"`
	Nick   string `json:"nick"`
	Points int    `json:"points"`
	Gained int    `json:"gained,omitempty"`
	Streak int    `json:"streak,omitempty"`
}

func (st *state) hostGame() *hostGame {
	if st.game == nil {
		return nil
	}
	rows := st.ranking()
	hg := &hostGame{Speed: st.game.speed, View: st.game.view, Players: len(rows), Board: []boardRow{}, Teams: st.game.board}
	for _, r := range st.game.top {
		hg.Board = append(hg.Board, boardRow{ID: r.id, Rank: r.rank, Nick: r.nick, Points: r.points, Gained: r.gained, Streak: r.streak})
	}
	return hg
}

// ---- the session's side ----

// Game reports whether the session plays game mode.
func (s *Session) Game() bool { return s.gameOn }

// ShowGame shows the leaderboard (ViewBoard), the podium (ViewPodium) or
// the slide ("") on the audience screen of a game.
func (s *Session) ShowGame(view string) (Snapshot, error) {
	if !s.gameOn {
		return Snapshot{}, ErrNotGame
	}
	if view != "" && view != ViewBoard && view != ViewPodium {
		return Snapshot{}, ErrBadView
	}
	return s.drive(func(st *state) error {
		st.setView(view)
		return nil
	})
}

// participantRenamer is the store's side of Rename (asked for apart from
// Store, like participantRemover).
type participantRenamer interface {
	RenameParticipant(ctx context.Context, sessionID, id, nick string) error
}

// Rename gives a participant a new nickname (the presenter's choice; an
// empty one gets a generated name). The phone hears its new name.
func (s *Session) Rename(ctx context.Context, pid, nick string) (Snapshot, error) {
	rn, ok := s.store.(participantRenamer)
	if !ok {
		return Snapshot{}, errors.New("live: the store cannot rename participants")
	}
	nick = strings.TrimSpace(nick)
	if !ValidNick(nick) {
		return Snapshot{}, ErrBadNick
	}
	var lang string
	var exists bool
	if err := s.do(func(st *state) {
		p := st.parts[pid]
		if exists = p != nil && p.nick != ""; exists {
			lang = p.lang
		}
	}); err != nil {
		return Snapshot{}, s.stoppedErr()
	}
	if !exists {
		return Snapshot{}, ErrNoParticipant
	}
	if s.ended.Load() {
		return Snapshot{}, ErrEnded
	}
	if nick == "" {
		nick = FriendlyName(lang)
	}
	if !s.inflight.enter() {
		return Snapshot{}, s.stoppedErr()
	}
	err := rn.RenameParticipant(ctx, s.ID, pid, nick)
	s.inflight.leave()
	if err != nil {
		return Snapshot{}, ErrStorage.With("The participant could not be renamed: the database could not be written; try again.")
	}
	return s.drive(func(st *state) error {
		p := st.parts[pid]
		if p == nil {
			return ErrNoParticipant
		}
		p.nick = nick
		if st.game != nil {
			st.game.stale = true
		}
		if p.sub != nil {
			st.send(p.sub, encodeOwn(nickMsg{Type: "nick", Nick: nick}))
		}
		st.toHosts(st.stateFrame())
		return nil
	})
}

type nickMsg struct {
	Type string `json:"type"`
	Nick string `json:"nick"`
}

// joinNick is the nickname a join gets. A nick that is not valid is
// refused in any session (PROTOCOL.md). Outside game mode there is none:
// answers are anonymous and no page shows a name, so a name a phone sends
// (an older page, a script) is not kept. In a game it is the typed one if
// it passes the word filter (nicknames show on the audience screen), else
// a generated one.
func (s *Session) joinNick(nick, lang string) (string, error) {
	if !ValidNick(nick) {
		return "", ErrBadNick
	}
	if !s.gameOn {
		return "", nil
	}
	if nick != "" && freetext.Blocked(nick) {
		return "", ErrNickBlocked
	}
	if nick == "" {
		nick = FriendlyName(lang)
	}
	return nick, nil
}

// The refusals of game commands.
var (
	ErrNotGame = errcode.BadMessage.With("This session does not play game mode: the leaderboard and podium are for games.")
	ErrBadView = errcode.BadMessage.With(`game_view takes {"view": "board"}, "podium" or "" (the slide).`)
)
