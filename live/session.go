// Package live runs sessions: each running session is one goroutine that
// owns its state; phones and presenter views subscribe to it. It knows
// nothing of HTTP or WebSocket: connections hand it a Sub and read frames.
package live

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
)

// Store is what sessions need from the database: the writes of a running
// session, and the reads that bring sessions back at start.
type Store interface {
	CreateSession(ctx context.Context, s record.Session) error
	SaveState(id string, slide int, phase string, revealed []int, steps record.Steps)
	SavePosition(ctx context.Context, sessionID, participantID string, slide int) error // a self-paced phone's (pace.go)
	EndSession(ctx context.Context, id string, at time.Time) error
	AddParticipant(ctx context.Context, p record.Participant) error
	SaveAnswer(ctx context.Context, a record.Answer) error
	Healthy() bool

	Session(ctx context.Context, id string) (record.Session, error)
	Sessions(ctx context.Context, open bool) ([]record.Session, error)
	Participants(ctx context.Context, sessionID string) ([]record.Participant, error)
	Answers(ctx context.Context, sessionID string) ([]record.Answer, error)
	EndedCodes(ctx context.Context, since time.Time) (map[string]time.Time, error)
}

// Phases of a session (PROTOCOL.md).
const (
	PhaseLobby    = "lobby"
	PhaseSlide    = "slide"
	PhaseQuestion = "question"
	PhaseClosed   = "closed"
	PhaseRevealed = "revealed"
	PhaseEnded    = "ended"
)

// MaxParticipants is the default cap on one session's participants
// (Manager.SetMaxParticipants changes it); it bounds a session's memory.
const MaxParticipants = 20000

// countsEvery is how often presenter views hear about new answers: a few
// times a second, never once per answer.
const countsEvery = 250 * time.Millisecond

// Session is one running session.
type Session struct {
	ID      string
	Code    string
	Deck    *quizzes.Deck
	Created time.Time

	twin *quizzes.Deck // the deck in the other language, or nil (twin.go)

	m        *Manager
	store    Store
	cmds     chan func(*state)
	quit     chan struct{}
	stopped  chan struct{}
	ended    atomic.Bool
	inflight inflight
	stopOnce sync.Once
	info     SessionInfo // without JoinURL, which the manager gives
	endMu    sync.Mutex
	final    atomic.Pointer[ending] // set once the end is stored and the goroutine stopped
	// open and known let an answer be checked without a round trip to the
	// session goroutine: at 10,000 phones that goroutine is the one
	// serial point, so answers only post their count to it, after the commit.
	open  atomic.Pointer[openSlide]
	known sync.Map // participant id → *phone
	// answering is held for reading by each answer from its check to the
	// post of its count; Reveal takes it to wait for them (settle.go).
	answering sync.RWMutex

	// onMu serialises the host commands that name their slide (stale.go).
	onMu sync.Mutex

	react  reactor // reactions.go
	gameOn bool    // game mode, chosen at start (game.go)
	teams  int     // teams in a game, 0 for none (teams.go)
	// joinTeams: the join question's answer picks the team (teams.go).
	joinTeams bool
	// teamSize counts each team's members, for joins to pick the smallest.
	teamSize []atomic.Int64
	qa       qaState // the anonymous Q&A (qa.go)

	shares shareCount // entries each phone shared (share.go)

	pace *pacing // a self-paced session's window, nil when live (pace.go)
}

// phone is what an answer needs of its participant without the session
// goroutine, found with one lookup (known): the connection it answers from
// now (nil while it has none); in a live session the last answer it gave,
// for a resend (resend.go); in a self-paced one its seat (pace.go).
type phone struct {
	sub    atomic.Pointer[Sub]
	latest atomic.Pointer[flight]
	seat   atomic.Pointer[seat]
}

// phoneOf returns the participant's phone, or nil when it is not (or no
// longer) in the session.
func (s *Session) phoneOf(pid string) *phone {
	v, ok := s.known.Load(pid)
	if !ok {
		return nil
	}
	return v.(*phone)
}

// phoneFor returns the participant's phone, making it the first time.
// Session goroutine only (a join, a seat, a participant restored).
func (s *Session) phoneFor(pid string) *phone {
	if ph := s.phoneOf(pid); ph != nil {
		return ph
	}
	ph := &phone{}
	s.known.Store(pid, ph)
	return ph
}

// from tells whether sub is the connection the participant answers from
// now; a nil sub (a caller with no connection of its own) always is.
func (ph *phone) from(sub *Sub) bool {
	return sub == nil || ph.sub.Load() == sub
}

// ending is what an ended session still answers with after its goroutine
// stopped, to a caller that held on to it.
type ending struct {
	snap Snapshot
	host *Frame // the last host_state
}

// openSlide is where the session is, as answers need it.
type openSlide struct {
	index    int
	question bool   // the phase is question: answers are taken
	mode     string // an open text question's moderation now (queue or stream)
}

type participant struct {
	id      string
	nick    string
	lang    string
	token   [32]byte
	answers map[int][]int // choices (and rankings), by slide
	// given holds the answers of the other shapes (text, words, a value)
	// and every "prefer not to answer", by slide; a slide is in answers
	// or in given, never both.
	given map[int]*record.Answer
	sub   *Sub
	// at is the slide a phone of a self-paced session is on; placed once
	// it is counted there (pace.go).
	at     int
	placed bool
	// role is 1 + its answer to the deck's join question (an option's
	// index), 0 for none: in a game whose teams the join question picks,
	// it is the participant's team (teams.go).
	role int
	// row is its row in the game's last ranking, valid while rowGen is
	// that ranking's; rank, its rank message waiting to follow its next
	// slide (game.go).
	row, rowGen int
	rank        *Frame
}

// state is owned by the session goroutine; nothing else touches it.
type state struct {
	s         *Session
	index     int
	revealed  map[int]bool
	ended     bool
	parts     map[string]*participant
	byToken   map[[32]byte]*participant
	phones    map[*Sub]*participant
	hosts     map[*Sub]bool
	counts    map[int][]int
	answered  map[int]int
	joining   int  // seats held by joins being stored (capacity.go)
	locked    bool // no new participants (capacity.go)
	storageOK bool
	dirty     bool
	slide     *Frame                        // the current slide message for phones
	slideTwin *Frame                        // the same from the deck's twin, if it has one (twin.go)
	steps                                   // closed questions, live results, countdown, blank (steps.go)
	clouds    map[int]map[string]*cloudWord // word clouds' counts by folded word, by slide (summary.go)
	game      *game                         // game mode, or nil (game.go)
	paceAt    []int                         // phones on each slide and past the last, self-paced (pace.go)
}

func newSession(id, code string, deck *quizzes.Deck, created time.Time, m *Manager) *Session {
	return &Session{ID: id, Code: code, Deck: deck, Created: created, m: m, store: m.store,
		cmds: make(chan func(*state), 1024), quit: make(chan struct{}), stopped: make(chan struct{}),
		info: SessionInfo{ID: id, Code: code, Deck: deck.ID, Title: deck.Title}}
}

func (s *Session) newState() *state {
	return &state{s: s, index: -1, revealed: map[int]bool{}, parts: map[string]*participant{},
		byToken: map[[32]byte]*participant{}, phones: map[*Sub]*participant{}, hosts: map[*Sub]bool{},
		counts: map[int][]int{}, answered: map[int]int{}, storageOK: s.store.Healthy(),
		clouds: map[int]map[string]*cloudWord{},
		steps:  steps{closed: map[int]bool{}, results: map[int]bool{}, pinned: map[int]string{}, hiddenWords: map[int][]string{}, modes: map[int]string{}}}
}

func (s *Session) run(st *state) {
	defer close(s.stopped)
	defer st.stopCountdown()
	st.restoreCountdown()
	st.prepareSlides()
	st.publish()
	tick := time.NewTicker(countsEvery)
	defer tick.Stop()
	for {
		select {
		case fn := <-s.cmds:
			fn(st)
		case <-tick.C:
			if st.dirty {
				st.dirty = false
				st.toHosts(st.countsFrame())
			}
			st.flushReactions()
			st.qaTick(false)
		case <-s.quit:
			return
		}
	}
}

var errStopped = errors.New("live: session stopped")

// do runs fn on the session goroutine and waits for it.
func (s *Session) do(fn func(*state)) error {
	done := make(chan struct{})
	select {
	case s.cmds <- func(st *state) { fn(st); close(done) }:
	case <-s.quit:
		return errStopped
	}
	select {
	case <-done:
		return nil
	case <-s.stopped:
		return errStopped
	}
}

// Info returns the session's facts, with the join URL as it is now.
func (s *Session) Info() SessionInfo {
	info := s.info
	info.JoinURL = s.m.JoinURL(s.Code)
	return info
}

// Ended reports whether the presenter ended the session.
func (s *Session) Ended() bool { return s.ended.Load() }

// ---- phones ----

// ValidNick checks a nickname: at most 24 characters, valid UTF-8, no
// control or invisible formatting characters (which could reorder text on
// the projector).
func ValidNick(nick string) bool {
	if !utf8.ValidString(nick) || utf8.RuneCountInString(nick) > 24 {
		return false
	}
	for _, r := range nick {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

// Join adds a participant, waits until it is stored, then subscribes sub:
// the welcome and the current slide are the first frames it gets. A join
// racing End is either refused before anything is written, or welcomed and
// counted in what End reports: it holds its in-flight slot, which End
// waits for, from before the write until the phone is subscribed.
func (s *Session) Join(ctx context.Context, nick, lang string, sub *Sub) (pid string, err error) {
	if s.ended.Load() {
		return "", ErrEnded
	}
	if lang != "es" {
		lang = "en"
	}
	nick, err = s.joinNick(nick, lang)
	if err != nil {
		return "", err
	}
	// A seat is held from the check until the participant is added, so
	// joins racing each other cannot take the room past its cap.
	if err := s.reserve(); err != nil {
		return "", err
	}
	var seated atomic.Bool
	defer func() {
		if !seated.Load() {
			s.post(func(st *state) { st.joining-- })
		}
	}()
	token := randomString(24)
	p := &participant{id: s.newParticipantID(), nick: nick, lang: lang, token: sha256.Sum256([]byte(token)), answers: map[int][]int{}, given: map[int]*record.Answer{}}
	if !s.inflight.enter() {
		return "", s.stoppedErr()
	}
	defer s.inflight.leave()
	err = s.store.AddParticipant(ctx, record.Participant{ID: p.id, SessionID: s.ID, TokenHash: p.token[:], Nick: nick, Lang: lang, CreatedAt: time.Now()})
	if err != nil {
		s.storageFailed()
		return "", errJoinNotStored
	}
	var joinErr error
	if err := s.do(func(st *state) {
		if st.ended { // only when End stopped waiting for us (endWait)
			joinErr = ErrEnded
			st.joining--
			seated.Store(true)
			return
		}
		st.joining--
		seated.Store(true)
		st.parts[p.id] = p
		st.byToken[p.token] = p
		if s.pace != nil {
			st.paceSeat(p, 0)
		}
		st.dirty = true
		st.subscribe(sub, p, token, false)
	}); err != nil {
		return "", s.stoppedErr()
	}
	return p.id, joinErr
}

// Resume subscribes sub as the participant holding token. An older
// connection of the same participant is dropped.
func (s *Session) Resume(token string, sub *Sub) (pid string, err error) {
	if s.ended.Load() {
		return "", ErrEnded
	}
	h := sha256.Sum256([]byte(token))
	var rerr error
	if err := s.do(func(st *state) {
		if st.ended || s.ended.Load() {
			rerr = ErrEnded // not bad_token: the phone would forget its token
			return
		}
		p, ok := st.byToken[h]
		if !ok {
			rerr = ErrBadToken
			return
		}
		pid = p.id
		st.subscribe(sub, p, token, true)
	}); err != nil {
		return "", s.stoppedErr()
	}
	return pid, rerr
}

// Leave unsubscribes a connection that closed.
func (s *Session) Leave(sub *Sub) {
	s.do(func(st *state) { st.unsubscribe(sub) })
}

// Answer validates an answer, stores it, and only after the commit counts
// it. It returns the choice as stored (sorted). It does not wait for the
// session goroutine: the count is queued after the commit, and anything
// asked of the session later (a snapshot, a reveal) runs after it.
func (s *Session) Answer(ctx context.Context, pid string, slide int, choice []int) ([]int, error) {
	return s.AnswerFrom(ctx, pid, nil, slide, choice)
}

// AnswerFrom is Answer from a connection: an answer arriving late on a
// connection the participant has since replaced (by resuming elsewhere) is
// refused, so it cannot overwrite what the new connection sent.
func (s *Session) AnswerFrom(ctx context.Context, pid string, from *Sub, slide int, choice []int) ([]int, error) {
	got, err := s.Give(ctx, pid, from, slide, quizzes.Response{Choice: choice})
	return got.Choice, err
}

// Give is AnswerFrom for an answer of any shape (a choice, text, words, a
// value or a skip): validated on arrival (quizzes.Question.Take), stored,
// and counted after the commit. It returns the answer as stored, for the
// ack to echo.
func (s *Session) Give(ctx context.Context, pid string, from *Sub, slide int, r quizzes.Response) (quizzes.Response, error) {
	if !s.inflight.enter() {
		return quizzes.Response{}, s.stoppedErr()
	}
	defer s.inflight.leave()
	s.answering.RLock()
	defer s.answering.RUnlock()
	rec, got, ph, err := s.check(pid, from, slide, r)
	if err != nil {
		return quizzes.Response{}, err
	}
	if ok, err := s.resent(ctx, ph, rec); ok { // the same answer again (resend.go)
		if err != nil {
			return quizzes.Response{}, errAnswerNotStored
		}
		return got, nil
	}
	if err := s.give(ctx, ph, rec); err != nil {
		s.storageFailed()
		return quizzes.Response{}, errAnswerNotStored
	}
	return got, nil
}

// stoppedErr is why a session refuses work it can no longer do: it ended,
// or the kit is stopping.
func (s *Session) stoppedErr() error {
	if s.ended.Load() {
		return ErrEnded
	}
	return ErrShuttingDown
}

// post queues fn on the session goroutine without waiting for it.
func (s *Session) post(fn func(*state)) {
	select {
	case s.cmds <- fn:
	case <-s.quit:
	}
}

func (s *Session) storageFailed() {
	s.do(func(st *state) { st.setStorage(s.store.Healthy()) })
}

// StorageChanged tells the session whether the database can be written.
func (s *Session) StorageChanged(ok bool) {
	s.do(func(st *state) { st.setStorage(ok) })
}

// ---- presenter ----

// Subscribe adds a presenter view; it gets host_state now and on every
// change, host_counts a few times a second.
func (s *Session) Subscribe(sub *Sub) error {
	if f := s.final.Load(); f != nil {
		sub.push(f.host) // sub is not shared yet: no goroutine but ours touches it
		sub.close()
		return nil
	}
	return s.do(func(st *state) {
		st.hosts[sub] = true
		sub.push(st.stateFrame())
		if st.s.qa.touched() {
			sub.push(st.qaHostFrame())
		}
		if st.ended {
			sub.close()
			delete(st.hosts, sub)
		}
	})
}

// Snapshot is a session's state for the HTTP API.
type Snapshot struct {
	SessionInfo
	Phase     string     `json:"phase"`
	Index     int        `json:"index"`
	Total     int        `json:"total"`
	Joined    int        `json:"joined"`
	Connected int        `json:"connected"`
	Answered  int        `json:"answered"`
	Storage   string     `json:"storage"`
	Locked    bool       `json:"locked,omitempty"`    // the presenter locked the room (room.go)
	Results   bool       `json:"results,omitempty"`   // the room sees the answers come in (steps.go)
	Countdown *Countdown `json:"countdown,omitempty"` // running (steps.go)
	Blank     bool       `json:"blank,omitempty"`     // the audience screen is blank (steps.go)
	Reactions bool       `json:"reactions,omitempty"` // phones may react now (reactions.go)
	// Game mode and its speed bonus, as the session was started (game.go).
	Game       bool       `json:"game,omitempty"`
	SpeedBonus bool       `json:"speed_bonus,omitempty"`
	Teams      int        `json:"teams,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	EndedAt    *time.Time `json:"ended_at"`
	// Mode is "self-paced" for a self-paced session, which closes by
	// itself at ClosesAt if it has one (pace.go); "" (absent) when live.
	Mode     string     `json:"mode,omitempty"`
	ClosesAt *time.Time `json:"closes_at,omitempty"`
}

// Snapshot returns the current state.
func (s *Session) Snapshot() (Snapshot, error) {
	if f := s.final.Load(); f != nil {
		return f.snap, nil
	}
	var snap Snapshot
	err := s.do(func(st *state) { snap = st.snapshot() })
	if err != nil {
		return snap, ErrShuttingDown
	}
	return snap, nil
}

// Next, Prev, Goto, Reveal drive the session and return the new state.
// Reveal on a slide without a question changes nothing.
func (s *Session) Next() (Snapshot, error) {
	if s.pace != nil {
		return s.refusePaced()
	}
	return s.drive(func(st *state) error {
		if st.gameNext() {
			return nil
		}
		return st.move(st.index + 1)
	})
}

func (s *Session) Prev() (Snapshot, error) {
	if s.pace != nil {
		return s.refusePaced()
	}
	return s.drive(func(st *state) error {
		if st.gamePrev() {
			return nil
		}
		return st.move(st.index - 1)
	})
}

func (s *Session) Goto(slide int) (Snapshot, error) {
	if s.pace != nil {
		return s.refusePaced()
	}
	return s.drive(func(st *state) error {
		if slide < -1 || slide >= len(s.Deck.Slides) {
			return ErrBadSlide
		}
		return st.move(slide)
	})
}

// Reveal first waits for the answers already accepted (settle), so the
// chart it shows is final.
func (s *Session) Reveal() (Snapshot, error) {
	if s.pace != nil {
		return s.refusePaced()
	}
	s.settle()
	return s.drive(func(st *state) error {
		if st.index < 0 || s.Deck.Slides[st.index].Question == nil {
			return nil // like R on a content slide: nothing to show
		}
		if st.noAnswers() {
			return ErrNoAnswers
		}
		if !st.revealed[st.index] {
			st.revealed[st.index] = true
			st.stopCountdown()
			if st.game != nil { // each phone its own rank, once per reveal, behind its slide (game.go)
				st.game.stale = true
				st.rankFrames()
			}
			st.changed(true)
		}
		return nil
	})
}

// endWait bounds End's wait for the joins and answers under way, and its
// write of the end. Each of those writes carries its own deadline of 15 s
// (the phone connection's), after which it gives up, so they are all done
// well within 20 s; and 20 s is under the HTTP server's 30 s write timeout,
// so the presenter still gets End's answer.
const endWait = 20 * time.Second

// End ends the session: new joins and answers are refused, those already
// under way are committed and counted, phones and presenter views are told
// and let go, the end is stored; then the session's goroutine stops and it
// leaves memory, its room code kept for EndedKeep to answer "session over".
// If the end cannot be stored the session stays (ended) in memory, and
// ending it again tries again; if the kit stops meanwhile, Manager.Shutdown
// stores it. Ending an ended session is not an error.
//
// End's waiting is bounded by endWait, not by ctx: a request giving up
// must not cut short the wait for answers that are committing, or they
// would be in the store but not in the count End answers with.
func (s *Session) End(ctx context.Context) (Snapshot, error) {
	s.endMu.Lock()
	defer s.endMu.Unlock()
	if f := s.final.Load(); f != nil {
		return f.snap, nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), endWait)
	defer cancel()
	// Ended first, so that nothing new is written; then the joins and
	// answers past their checks commit, and are counted below.
	s.ended.Store(true)
	s.inflight.wait(ctx)
	var f ending
	if err := s.do(func(st *state) {
		if !st.ended {
			st.ended = true
			st.changed(false)
			st.dropAll("ended")
		}
		f.snap, f.host = st.snapshot(), st.stateFrame()
	}); err != nil {
		return f.snap, ErrShuttingDown
	}
	at := time.Now().UTC().Truncate(time.Millisecond) // as the store keeps it
	f.snap.EndedAt = &at
	if err := s.store.EndSession(ctx, s.ID, at); err != nil {
		return f.snap, errEndNotStored
	}
	s.final.Store(&f)
	s.stop()
	s.m.finished(s, at)
	return f.snap, nil
}

func (s *Session) drive(fn func(*state) error) (Snapshot, error) {
	if f := s.final.Load(); f != nil {
		return f.snap, ErrEnded
	}
	var snap Snapshot
	var ferr error
	if err := s.do(func(st *state) {
		if st.ended || s.ended.Load() { // or End is waiting for answers under way
			ferr = ErrEnded
		} else {
			ferr = fn(st)
		}
		snap = st.snapshot()
	}); err != nil {
		return snap, ErrShuttingDown
	}
	return snap, ferr
}

// shutdown tells every phone the kit is stopping (they will come back with
// resume) and stops the goroutine.
func (s *Session) shutdown() {
	s.do(func(st *state) { st.dropAll("shutdown") })
	s.stop()
}

// stop stops the goroutine and waits for it.
func (s *Session) stop() {
	s.stopWindow()
	s.stopOnce.Do(func() { close(s.quit) })
	<-s.stopped
}

func randomString(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ---- state, on the session goroutine ----

func (st *state) phase() string {
	switch {
	case st.ended:
		return PhaseEnded
	case st.index < 0:
		return PhaseLobby
	case st.s.Deck.Slides[st.index].Question == nil:
		return PhaseSlide
	case st.revealed[st.index]:
		return PhaseRevealed
	case st.closed[st.index]:
		return PhaseClosed
	}
	return PhaseQuestion
}

func (st *state) move(to int) error {
	if to < -1 || to >= len(st.s.Deck.Slides) {
		return ErrBadSlide
	}
	if to != st.index {
		st.stopCountdown()
		if st.game != nil {
			st.game.view, st.game.stale = "", true // gained is the slide showing's
		}
		st.index = to
		st.startDeckCountdown()
		st.changed(true)
	}
	return nil
}

// changed rebuilds the slide frame, sends it to every phone and the full
// state to presenter views, and (if persist) queues the position for disk.
func (st *state) changed(persist bool) {
	st.publish()
	st.prepareSlides()
	for sub, p := range st.phones {
		rank := p.rank // a game's rank, right behind the reveal (game.go)
		p.rank = nil
		st.send(sub, st.frameFor(p))
		if _, ok := st.phones[sub]; ok && rank != nil {
			st.send(sub, rank)
		}
	}
	st.toHosts(st.stateFrame())
	st.dirty = false
	if persist && !st.ended {
		st.s.store.SaveState(st.s.ID, st.index, st.phase(), st.revealedList(), st.stepsRecord())
	}
}

func (st *state) revealedList() []int {
	out := make([]int, 0, len(st.revealed))
	for k, v := range st.revealed {
		if v {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func (st *state) send(sub *Sub, f *Frame) {
	if !sub.push(f) {
		st.unsubscribe(sub)
	}
}

func (st *state) toHosts(f *Frame) {
	for sub := range st.hosts {
		st.send(sub, f)
	}
}

func (st *state) subscribe(sub *Sub, p *participant, token string, resumed bool) {
	if p.sub != nil && p.sub != sub {
		old := p.sub
		st.send(old, encodeOwn(byeMsg{Type: "bye", Reason: "replaced"}))
		st.unsubscribe(old)
	}
	p.sub = sub
	st.s.phoneFor(p.id).sub.Store(sub)
	st.phones[sub] = p
	st.dirty = true
	st.send(sub, encodeOwn(welcomeMsg{Type: "welcome", Participant: p.id, Token: token, Nick: p.nick, Resumed: resumed, Answers: answersMap(p.answers), Given: givenMap(p.given), JoinQuestion: st.joinQuestion(p, resumed), Share: st.s.shareOffer()}))
	st.send(sub, st.phoneSlide(p))
	if f := st.rankFrame(p); f != nil {
		st.send(sub, f)
	}
	st.qaGreet(sub, p)
}

func (st *state) unsubscribe(sub *Sub) {
	if p, ok := st.phones[sub]; ok {
		delete(st.phones, sub)
		if p.sub == sub {
			p.sub = nil
		}
		st.dirty = true
	}
	delete(st.hosts, sub)
	sub.close()
}

func (st *state) dropAll(reason string) {
	bye := Encode(byeMsg{Type: "bye", Reason: reason})
	for sub := range st.phones {
		st.send(sub, bye)
		st.unsubscribe(sub)
	}
	for sub := range st.hosts {
		if reason == "shutdown" {
			st.send(sub, bye)
		}
		st.unsubscribe(sub)
	}
}

// publish makes the position visible to Answer, which runs on the
// connections' goroutines.
func (st *state) publish() {
	st.s.open.Store(&openSlide{index: st.index, question: st.phase() == PhaseQuestion, mode: st.moderationOf(st.index)})
	st.s.react.set(st.reactionsOn())
	st.qaSlideShowing()
}

// check validates an answer against the published position; it runs on
// the caller's goroutine. It returns the row to store and the answer as the
// ack echoes it.
func (s *Session) check(pid string, from *Sub, slide int, r quizzes.Response) (record.Answer, quizzes.Response, *phone, error) {
	var none quizzes.Response
	if s.ended.Load() {
		return record.Answer{}, none, nil, ErrEnded
	}
	ph := s.phoneOf(pid)
	if ph == nil {
		return record.Answer{}, none, nil, ErrBadToken
	}
	if !ph.from(from) {
		return record.Answer{}, none, nil, ErrReplaced
	}
	at := s.open.Load()
	if s.pace != nil { // each phone answers the slide it is on (pace.go)
		if err := s.checkPaced(ph.seat.Load(), slide); err != nil {
			return record.Answer{}, none, nil, err
		}
		at = &openSlide{index: slide, question: true, mode: s.Deck.Slides[slide].Question.Moderation}
	} else if at == nil || slide != at.index {
		return record.Answer{}, none, nil, ErrWrongSlide
	} else if !at.question {
		return record.Answer{}, none, nil, ErrClosed
	}
	if !s.store.Healthy() {
		return record.Answer{}, none, nil, errAnswerNotStored
	}
	q := s.Deck.Slides[slide].Question
	got, err := q.Take(r)
	if err != nil {
		return record.Answer{}, none, nil, answerErr(err)
	}
	a := record.Answer{SessionID: s.ID, ParticipantID: pid, Slide: slide, QuestionID: q.ID, Choice: got.Choice,
		Words: got.Words, Value: got.Value, Skipped: got.Skip, AnsweredAt: storedNow()}
	if got.Text != nil {
		a.Text = *got.Text
	}
	a.Credit = q.CreditOf(got)
	if t := s.twin; t != nil && q.Kind == quizzes.TypeAnswer && got.Text != nil && a.Credit != nil && *a.Credit < 1 {
		// A phone in the twin's language types the twin's accepted answers.
		if tq := t.Slides[slide].Question; tq != nil && tq.Accepts(*got.Text) {
			one := 1.0
			a.Credit = &one
		}
	}
	if a.Credit != nil {
		// Right is full credit; a choice kind keeps its own rule (IsRight).
		right := *a.Credit >= 1
		if q.Kind.Choice() {
			right = q.IsRight(got.Choice)
		}
		a.Correct = &right
	}
	if q.Kind == quizzes.OpenText && !a.Skipped {
		a.Status = statusOnArrival(a.Text, at.mode)
	}
	if s.pace != nil && lockedOut(ph.seat.Load(), a) {
		return record.Answer{}, none, nil, ErrClosed // it saw the right answer
	}
	return a, got, ph, nil
}

// apply counts a committed answer, replacing the participant's earlier one.
// The same answer again changes nothing (an open text keeps its status).
func (st *state) apply(a record.Answer) {
	p := st.parts[a.ParticipantID]
	if p == nil {
		return
	}
	q := st.s.Deck.Slides[a.Slide].Question
	oldC, oldG := p.answers[a.Slide], p.given[a.Slide]
	choice := a.Choice != nil && !a.Skipped
	if choice && oldG == nil && slices.Equal(oldC, a.Choice) {
		return
	}
	if !choice && oldG != nil && sameGiven(oldG, &a) {
		return
	}
	if oldC == nil && oldG == nil {
		st.answered[a.Slide]++
	}
	st.tally(a.Slide, q, oldC, -1)
	st.untallyGiven(a.Slide, q, oldG)
	delete(p.answers, a.Slide)
	delete(p.given, a.Slide)
	if choice {
		p.answers[a.Slide] = a.Choice
		st.tally(a.Slide, q, a.Choice, 1)
	} else {
		g := a
		g.SessionID = ""
		p.given[a.Slide] = &g
		st.tallyGiven(a.Slide, q, &g, 1)
	}
	st.gameRecord(a)
	if st.s.pace != nil {
		st.paceAnswered(a)
	}
	st.dirty = true
	if st.revealed[a.Slide] && a.Slide == st.index {
		// A late answer that was accepted before the reveal: show it.
		st.changed(false)
	}
}

// tally adds d to the option counts of a choice: each option picked, or a
// ranking's first item.
func (st *state) tally(slide int, q *quizzes.Question, choice []int, d int) {
	if len(choice) == 0 {
		return
	}
	c := st.counts[slide]
	if c == nil {
		c = make([]int, optionCount(q))
		st.counts[slide] = c
	}
	if q.Kind == quizzes.Ranking {
		choice = choice[:1]
	}
	for _, i := range choice {
		if i >= 0 && i < len(c) {
			c[i] += d
		}
	}
}

func (st *state) setStorage(ok bool) {
	if st.storageOK != ok {
		st.storageOK = ok
		st.toHosts(st.stateFrame())
	}
}

func (st *state) currentCounts() Counts {
	c := Counts{Joined: len(st.parts), Connected: len(st.phones), Storage: "ok"}
	if !st.storageOK {
		c.Storage = "failing"
	}
	if st.index >= 0 {
		if q := st.s.Deck.Slides[st.index].Question; q != nil {
			c.Answered = st.answered[st.index]
			c.Counts = st.counts[st.index]
			if c.Counts == nil {
				c.Counts = make([]int, optionCount(q))
			}
		}
	}
	return c
}

// slideFrameOf is the slide message with the text of deck d, the session's
// deck or its twin (the same slides, questions and right answers).
func (st *state) slideFrameOf(d *quizzes.Deck) *Frame {
	m := slideMsg{Type: "slide", Index: st.index, Total: len(d.Slides), Phase: st.phase(), Reactions: st.reactionsOn()}
	if d != st.s.Deck {
		m.Lang = d.Lang
	}
	if st.ended {
		m.Handout = st.s.Deck.Handout
	}
	if st.index >= 0 && !st.ended {
		sl := &d.Slides[st.index]
		m.Title = sl.Title
		m.Resources = sl.Resources
		if q := sl.Question; q != nil {
			m.Question = phoneQuestionOf(q)
			m.Countdown = st.secondsLeft()
			if st.revealed[st.index] {
				m.Reveal = st.revealAt(d, st.index)
			}
		}
	}
	return Encode(m)
}

// revealAt is the reveal of the question on slide of deck d (the session's
// or its twin): the right answer, the answers so far and the explanation.
func (st *state) revealAt(d *quizzes.Deck, slide int) *reveal {
	q := d.Slides[slide].Question
	counts := st.counts[slide]
	if counts == nil {
		counts = make([]int, optionCount(q))
	}
	correct := q.Correct()
	if correct == nil {
		correct = []int{}
	}
	sm := st.summary(slide).forPhones()
	if sm != nil && sm.Accepted != nil {
		sm.Accepted = q.Accept // in this deck's language
	}
	return &reveal{Correct: correct, Counts: counts, Total: st.answered[slide], Explanation: quizzes.PlainText(q.Explanation), Summary: sm}
}

func (st *state) stateFrame() *Frame {
	m := hostStateMsg{Type: "host_state", Session: hostSession{st.s.Info(), st.s.Deck.Lang, st.s.Deck.Handout}, Index: st.index, Total: len(st.s.Deck.Slides), Phase: st.phase(), Locked: st.locked, Counts: st.currentCounts()}
	if st.index >= 0 {
		m.Slide = hostSlideOf(&st.s.Deck.Slides[st.index])
	}
	st.hostSteps(&m)
	m.Game = st.hostGame()
	m.Summary = st.summary(st.index)
	m.Pace = st.hostPace()
	if q := st.question(); q != nil && q.Kind == quizzes.WordCloud {
		m.HiddenWords = slices.Clone(st.hiddenWords[st.index])
	}
	if n := st.index + 1; n < len(st.s.Deck.Slides) && !st.ended {
		m.Next = hostSlideOf(&st.s.Deck.Slides[n])
	}
	return Encode(m)
}

func hostSlideOf(sl *quizzes.Slide) *hostSlide {
	hs := &hostSlide{Title: sl.Title, HTML: sl.HTML, Notes: sl.Notes, Resources: sl.Resources}
	if q := sl.Question; q != nil {
		hq := &hostQuestion{ID: q.ID, Kind: string(q.Kind), Prompt: q.Prompt, ExplanationHTML: q.ExplanationHTML, voiceSettings: voiceSettingsOf(q)}
		for _, o := range q.Options {
			hq.Options = append(hq.Options, hostOption{Text: o.Text, Correct: o.Correct})
		}
		hs.Question = hq
	}
	return hs
}

func (st *state) countsFrame() *Frame {
	return Encode(hostCountsMsg{Type: "host_counts", Index: st.index, Counts: st.currentCounts(), Summary: st.summary(st.index), Pace: st.hostPace()})
}

func (st *state) snapshot() Snapshot {
	c := st.currentCounts()
	snap := Snapshot{SessionInfo: st.s.Info(), Phase: st.phase(), Index: st.index, Total: len(st.s.Deck.Slides),
		Joined: c.Joined, Connected: c.Connected, Answered: c.Answered, Storage: c.Storage, Locked: st.locked, CreatedAt: st.s.Created,
		Results: st.liveResults(), Countdown: st.hostCountdown(), Blank: st.blank, Reactions: st.reactionsOn()}
	if st.game != nil {
		snap.Game, snap.SpeedBonus, snap.Teams = true, st.game.speed, st.game.teams
	}
	if st.s.pace != nil {
		snap.Mode, snap.ClosesAt = record.ModeSelfPaced, st.s.pace.closes
	}
	return snap
}

// storedNow is the time an answer is kept with, at the precision the store
// keeps (milliseconds), so that what a session shows before a restart (the
// newest open texts first, game points' speed) is what it shows after one.
func storedNow() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }
