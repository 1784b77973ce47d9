package live

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
)

// Manager holds the running sessions, by id and by room code, and the room
// codes of the sessions that ended lately. An ended session leaves memory:
// what it was is read from the store.
type Manager struct {
	store    Store
	joinBase func() string
	parse    ParseFunc                         // SetParse; nil reads decks with quizzes.Parse
	twins    func(*quizzes.Deck) *quizzes.Deck // SetTwins; nil: no twins

	maxParts atomic.Int64 // SetMaxParticipants; 0 means MaxParticipants

	mu       sync.RWMutex
	byID     map[string]*Session
	byCode   map[string]*Session
	ended    map[string]time.Time // room code → when its session ended
	stopping bool
}

// NewManager returns a manager with no sessions. joinBase is the address
// phones join at, like "http://192.168.1.20:8080"; it is asked each time a
// join URL is shown, so it is the one place that address comes from.
func NewManager(st Store, joinBase func() string) *Manager {
	if joinBase == nil {
		joinBase = func() string { return "" }
	}
	return &Manager{store: st, joinBase: joinBase, byID: map[string]*Session{}, byCode: map[string]*Session{},
		ended: map[string]time.Time{}}
}

// JoinURL is the address a phone joins the room with this code at.
func (m *Manager) JoinURL(code string) string {
	base := m.joinBase()
	if base == "" {
		return ""
	}
	return base + "/j/" + code
}

// codeAlphabet leaves out 0/O, 1/I/L so that a code read off a projector is
// typed right.
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// CodeLen is the length of a room code.
const CodeLen = 6

// EndedKeep is how long the room code of an ended session answers "session
// over" (so a phone that reloads late is told the truth) before another
// session may take it.
const EndedKeep = 24 * time.Hour

// maxEnded bounds the table of ended codes; a day of workshops is far
// fewer, and past it the oldest go first.
const maxEnded = 10000

func newCode() string {
	b := make([]byte, CodeLen)
	rand.Read(b)
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b)
}

func newID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// ErrStopping is returned by Start while the kit shuts down.
var ErrStopping = errors.New("live: shutting down")

// Start starts a new session of deck. The deck is the session's own: a later
// edit of the deck's source does not change it.
func (m *Manager) Start(ctx context.Context, deck *quizzes.Deck) (*Session, error) {
	return m.StartWith(ctx, deck, GameOptions{})
}

// StartWith is Start with game mode chosen (game.go); the speed bonus
// needs the game.
func (m *Manager) StartWith(ctx context.Context, deck *quizzes.Deck, opts GameOptions) (*Session, error) {
	return m.start(ctx, deck, opts, nil)
}

// start starts a session, self-paced when pace is set (pace.go).
func (m *Manager) start(ctx context.Context, deck *quizzes.Deck, opts GameOptions, pace *pacing) (*Session, error) {
	if pace != nil && opts.Game {
		return nil, ErrModeConflict
	}
	if len(deck.Slides) == 0 {
		return nil, fmt.Errorf("live: the deck has no slides")
	}
	m.mu.Lock()
	if m.stopping {
		m.mu.Unlock()
		return nil, ErrStopping
	}
	code := newCode()
	for m.byCode[code] != nil || m.endedLocked(code) {
		code = newCode()
	}
	// Milliseconds, as the store keeps it, so the time reads the same
	// before and after the session ends.
	created := time.Now().UTC().Truncate(time.Millisecond)
	s := newSession(newID(), code, deck, created, m)
	s.twin = m.twinOf(deck)
	m.byCode[code] = s // reserve the code while the row is written
	m.mu.Unlock()

	rec := record.Session{ID: s.ID, Code: code, DeckID: deck.ID, DeckTitle: deck.Title,
		DeckSource: deck.Source, Slide: -1, Slides: len(deck.Slides), Phase: PhaseLobby, CreatedAt: s.Created}
	if opts.Game {
		s.gameOn = true
		s.setTeams(opts.Teams) // one per join question option when the deck asks one
		rec.Steps.Game = &record.Game{Speed: opts.Speed, Teams: s.teams}
	}
	if pace != nil {
		rec.Mode, rec.ClosesAt = record.ModeSelfPaced, pace.closes
		s.pace = pace
	}
	err := m.store.CreateSession(ctx, rec)
	m.mu.Lock()
	defer m.mu.Unlock()
	if err != nil {
		delete(m.byCode, code)
		// Nobody was handed s (Room skips a code only reserved), but
		// nothing holding it may wait for a goroutine that never runs.
		s.inflight.close()
		s.stopOnce.Do(func() { close(s.quit) })
		close(s.stopped)
		return nil, err
	}
	m.byID[s.ID] = s
	st := s.newState()
	if opts.Game {
		st.game = newGame(opts.Speed)
		st.game.teams = s.teams
	}
	go s.run(st)
	s.closeAtWindow()
	return s, nil
}

// RestoreAll brings back, at start, every session that had not ended (even
// if the kit was killed): its position, its participants (so phones can
// resume) and every stored answer; and the room codes that ended in the
// last day, so they keep answering "session over".
func (m *Manager) RestoreAll(ctx context.Context, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	open, err := m.store.Sessions(ctx, true)
	if err != nil {
		return err
	}
	for _, rec := range open {
		deck := m.parseDeck(rec.DeckID, rec.DeckSource)
		if deck == nil {
			log.Warn("a session's deck does not read; it stays ended", "session", rec.ID)
			m.mu.Lock()
			m.noteEndedLocked(rec.Code, time.Now()) // its code stays taken in the store
			m.mu.Unlock()
			continue
		}
		parts, err := m.store.Participants(ctx, rec.ID)
		if err != nil {
			return err
		}
		answers, err := m.store.Answers(ctx, rec.ID)
		if err != nil {
			return err
		}
		qa, err := m.readQA(ctx, rec.ID)
		if err != nil {
			return err
		}
		m.restoreWith(rec, deck, parts, answers, qa)
		log.Info("session resumed", "code", rec.Code, "slide", rec.Slide, "participants", len(parts), "answers", len(answers))
	}
	ended, err := m.store.EndedCodes(ctx, time.Now().Add(-EndedKeep))
	if err != nil {
		return err
	}
	m.mu.Lock()
	for code, at := range ended {
		if m.byCode[code] == nil {
			m.noteEndedLocked(code, at)
		}
	}
	m.mu.Unlock()
	return nil
}

// restore brings back one session from its rows and runs it.
func (m *Manager) restore(rec record.Session, deck *quizzes.Deck, parts []record.Participant, answers []record.Answer) *Session {
	return m.restoreWith(rec, deck, parts, answers, qaRows{})
}

// restoreWith is restore with the session's Q&A rows.
func (m *Manager) restoreWith(rec record.Session, deck *quizzes.Deck, parts []record.Participant, answers []record.Answer, qa qaRows) *Session {
	s, st := m.load(rec, deck, parts, answers)
	s.loadQA(qa, rec.Steps.QA)
	m.mu.Lock()
	m.byID[s.ID] = s
	m.byCode[s.Code] = s
	m.mu.Unlock()
	go s.run(st)
	s.closeAtWindow()
	return s
}

// load rebuilds a session and its state from its rows.
func (m *Manager) load(rec record.Session, deck *quizzes.Deck, parts []record.Participant, answers []record.Answer) (*Session, *state) {
	s := newSession(rec.ID, rec.Code, deck, rec.CreatedAt, m)
	s.twin = m.twinOf(deck)
	if rec.Mode == record.ModeSelfPaced {
		s.pace = &pacing{closes: rec.ClosesAt}
	}
	st := s.newState()
	if rec.Slide >= -1 && rec.Slide < len(deck.Slides) {
		st.index = rec.Slide
	}
	for _, r := range rec.Revealed {
		st.revealed[r] = true
	}
	st.loadSteps(rec.Steps)
	for _, p := range parts {
		pp := &participant{id: p.ID, nick: p.Nick, lang: p.Lang, answers: map[int][]int{}, given: map[int]*record.Answer{}}
		if p.Role != nil && *p.Role >= 0 {
			pp.role = *p.Role + 1
		}
		copy(pp.token[:], p.TokenHash)
		st.parts[p.ID] = pp
		st.byToken[pp.token] = pp
		// A removed participant's answers, kept anonymously, have no
		// place in a self-paced deck (Slide -1); every other phone does.
		if s.pace != nil && (p.Slide == nil || *p.Slide >= 0) {
			at := 0
			if p.Slide != nil && *p.Slide <= len(deck.Slides) {
				at = *p.Slide
			}
			st.paceSeat(pp, at)
		}
		s.phoneFor(p.ID) // no connection until it resumes
		if s.teams > 0 && p.Nick != "" {
			s.teamSize[s.teamFor(p.ID, pp.role-1)-1].Add(1) // joins after a restart keep the teams balanced
		}
	}
	for _, a := range answers {
		if a.Slide < 0 || a.Slide >= len(deck.Slides) || deck.Slides[a.Slide].Question == nil {
			continue
		}
		q := deck.Slides[a.Slide].Question
		if a = fromRow(q, a); !validRow(q, a) {
			continue
		}
		st.apply(a)
	}
	return s, st
}

// Ended returns a session that ended, read from the store, for a presenter
// view that connects after the end: it runs no goroutine; Subscribe sends
// the last host_state and lets go, driving it answers ErrEnded. It returns
// nil when no ended session has this id (or its deck no longer reads).
func (m *Manager) Ended(ctx context.Context, id string) (*Session, error) {
	rec, err := m.store.Session(ctx, id)
	if err != nil || rec.EndedAt == nil {
		return nil, err
	}
	deck := m.parseDeck(rec.DeckID, rec.DeckSource)
	if deck == nil {
		return nil, nil
	}
	parts, err := m.store.Participants(ctx, rec.ID)
	if err != nil {
		return nil, err
	}
	answers, err := m.store.Answers(ctx, rec.ID)
	if err != nil {
		return nil, err
	}
	qa, err := m.readQA(ctx, rec.ID)
	if err != nil {
		return nil, err
	}
	s, st := m.load(rec, deck, parts, answers)
	s.loadQA(qa, rec.Steps.QA)
	st.ended = true
	s.ended.Store(true)
	snap := st.snapshot()
	snap.EndedAt = rec.EndedAt
	s.final.Store(&ending{snap: snap, host: st.stateFrame()})
	s.stopOnce.Do(func() { close(s.quit) })
	close(s.stopped)
	return s, nil
}

// Get returns a running session by id. A session that ended is not in
// memory: read it from the store.
func (m *Manager) Get(id string) *Session {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.byID[id]
}

// ByCode returns the running, not ended session with this room code.
func (m *Manager) ByCode(code string) *Session {
	s, _ := m.Room(code)
	return s
}

// Room looks a room code up for a phone: the running session, or ended
// when a session with this code ended within EndedKeep (or is ending). A
// code Start only reserved (its row being written) is no session yet.
func (m *Manager) Room(code string) (s *Session, ended bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	s = m.byCode[code]
	if s != nil && m.byID[s.ID] != s {
		s = nil
	}
	if s != nil && !s.Ended() {
		return s, false
	}
	return nil, (s != nil && s.Ended()) || m.endedLocked(code)
}

// endedLocked reports whether code ended within EndedKeep; m.mu is held.
func (m *Manager) endedLocked(code string) bool {
	at, ok := m.ended[code]
	return ok && time.Since(at) < EndedKeep
}

// noteEndedLocked keeps code in the table of ended codes, dropping entries
// older than EndedKeep and, past maxEnded, the oldest; m.mu is held.
func (m *Manager) noteEndedLocked(code string, at time.Time) {
	for c, t := range m.ended {
		if time.Since(t) >= EndedKeep {
			delete(m.ended, c)
		}
	}
	for len(m.ended) >= maxEnded {
		oldest, first := "", time.Time{}
		for c, t := range m.ended {
			if oldest == "" || t.Before(first) {
				oldest, first = c, t
			}
		}
		delete(m.ended, oldest)
	}
	m.ended[code] = at
}

// finished takes an ended session out of memory and keeps its code.
func (m *Manager) finished(s *Session, at time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.byID[s.ID] == s {
		delete(m.byID, s.ID)
	}
	if m.byCode[s.Code] == s {
		delete(m.byCode, s.Code)
	}
	m.noteEndedLocked(s.Code, at)
}

// Sessions returns the running sessions, newest first.
func (m *Manager) Sessions() []*Session {
	m.mu.RLock()
	out := make([]*Session, 0, len(m.byID))
	for _, s := range m.byID {
		out = append(out, s)
	}
	m.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Created.After(out[j].Created) })
	return out
}

// Forget removes a session from memory (after it was deleted).
func (m *Manager) Forget(id string) {
	m.mu.Lock()
	s := m.byID[id]
	delete(m.byID, id)
	if s != nil && m.byCode[s.Code] == s {
		delete(m.byCode, s.Code)
	}
	m.mu.Unlock()
	if s != nil {
		s.shutdown()
	}
}

// JoinBaseChanged tells every presenter view the new join URL. Phones are
// sent nothing: what they show did not change.
func (m *Manager) JoinBaseChanged() {
	for _, s := range m.Sessions() {
		s.do(func(st *state) { st.toHosts(st.stateFrame()) })
	}
}

// StorageChanged tells every session whether answers can be stored.
func (m *Manager) StorageChanged(ok bool) {
	for _, s := range m.Sessions() {
		go s.StorageChanged(ok)
	}
}

// Shutdown refuses new answers, waits for those being committed (so that
// what was acknowledged is kept), tells every phone the kit is stopping,
// then stops the sessions. A session End marked ended but did not store (End gives up
// once its goroutine stopped) has its end stored here, so that it does
// not come back as running: App.Shutdown closes the store only after this.
func (m *Manager) Shutdown(ctx context.Context) {
	m.mu.Lock()
	m.stopping = true
	m.mu.Unlock()
	sessions := m.Sessions()
	// New joins and answers are refused (shutting_down) from here; those
	// under way commit; only then are phones told bye, so that each answer
	// the kit took is answered first (the connection writes its ack
	// before the bye).
	for _, s := range sessions {
		s.inflight.close()
	}
	for _, s := range sessions {
		s.inflight.wait(ctx)
	}
	for _, s := range sessions {
		s.do(func(st *state) { st.dropAll("shutdown") })
	}
	for _, s := range sessions {
		s.shutdown()
	}
	ectx, cancel := context.WithTimeout(context.WithoutCancel(ctx), endWait)
	defer cancel()
	for _, s := range sessions {
		// An End under way finishes quickly now: what it waits for is
		// done, and its goroutine is stopped.
		s.endMu.Lock()
		if s.ended.Load() && s.final.Load() == nil {
			// Nothing to tell anyone if this fails too: the kit is stopping.
			_ = m.store.EndSession(ectx, s.ID, time.Now().UTC().Truncate(time.Millisecond))
		}
		s.endMu.Unlock()
	}
}
