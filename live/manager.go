package live

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

// Manager holds the running sessions, by id and by room code.
type Manager struct {
	store Store

	mu       sync.RWMutex
	byID     map[string]*Session
	byCode   map[string]*Session
	stopping bool
}

// NewManager returns a manager with no sessions.
func NewManager(st Store) *Manager {
	return &Manager{store: st, byID: map[string]*Session{}, byCode: map[string]*Session{}}
}

// codeAlphabet leaves out 0/O, 1/I/L so that a code read off a projector is
// typed right.
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// CodeLen is the length of a room code.
const CodeLen = 6

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
	if len(deck.Slides) == 0 {
		return nil, fmt.Errorf("live: the deck has no slides")
	}
	m.mu.Lock()
	if m.stopping {
		m.mu.Unlock()
		return nil, ErrStopping
	}
	code := newCode()
	for m.byCode[code] != nil {
		code = newCode()
	}
	s := newSession(newID(), code, deck, time.Now().UTC(), m.store)
	m.byCode[code] = s // reserve the code while the row is written
	m.mu.Unlock()

	err := m.store.CreateSession(ctx, store.Session{ID: s.ID, Code: code, DeckID: deck.ID, DeckTitle: deck.Title,
		DeckSource: deck.Source, Slide: -1, Slides: len(deck.Slides), Phase: PhaseLobby, CreatedAt: s.Created})
	m.mu.Lock()
	defer m.mu.Unlock()
	if err != nil {
		delete(m.byCode, code)
		return nil, err
	}
	m.byID[s.ID] = s
	go s.run(s.newState())
	return s, nil
}

// Restore brings back a session that was running when the kit stopped, even
// by kill -9: its position, its participants (so phones can resume) and
// every stored answer.
func (m *Manager) Restore(rec store.Session, deck *quizzes.Deck, parts []store.Participant, answers []store.Answer) *Session {
	s := newSession(rec.ID, rec.Code, deck, rec.CreatedAt, m.store)
	st := s.newState()
	if rec.Slide >= -1 && rec.Slide < len(deck.Slides) {
		st.index = rec.Slide
	}
	for _, r := range rec.Revealed {
		st.revealed[r] = true
	}
	for _, p := range parts {
		pp := &participant{id: p.ID, nick: p.Nick, lang: p.Lang, answers: map[int][]int{}}
		copy(pp.token[:], p.TokenHash)
		st.parts[p.ID] = pp
		st.byToken[pp.token] = pp
		s.known.Store(p.ID, (*Sub)(nil))
	}
	for _, a := range answers {
		if a.Slide < 0 || a.Slide >= len(deck.Slides) || deck.Slides[a.Slide].Question == nil {
			continue
		}
		if _, err := deck.Slides[a.Slide].Question.Validate(a.Choice); err != nil {
			continue
		}
		st.apply(a)
	}
	m.mu.Lock()
	m.byID[s.ID] = s
	m.byCode[s.Code] = s
	m.mu.Unlock()
	go s.run(st)
	return s
}

// Get returns a running session by id.
func (m *Manager) Get(id string) *Session {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.byID[id]
}

// ByCode returns the running, not ended session with this room code.
func (m *Manager) ByCode(code string) *Session {
	m.mu.RLock()
	s := m.byCode[code]
	m.mu.RUnlock()
	if s == nil || s.Ended() || s.ID == "" {
		return nil
	}
	return s
}

// Release frees an ended session's room code.
func (m *Manager) Release(s *Session) {
	m.mu.Lock()
	if m.byCode[s.Code] == s {
		delete(m.byCode, s.Code)
	}
	m.mu.Unlock()
}

// Sessions returns the sessions in memory, newest first.
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

// StorageChanged tells every session whether answers can be stored.
func (m *Manager) StorageChanged(ok bool) {
	for _, s := range m.Sessions() {
		go s.StorageChanged(ok)
	}
}

// Shutdown tells every phone the kit is stopping, waits for answers being
// committed (so that what was acknowledged is kept), then stops the sessions.
func (m *Manager) Shutdown(ctx context.Context) {
	m.mu.Lock()
	m.stopping = true
	m.mu.Unlock()
	sessions := m.Sessions()
	for _, s := range sessions {
		s.do(func(st *state) { st.dropAll("shutdown") })
	}
	for _, s := range sessions {
		s.inflight.wait(ctx)
	}
	for _, s := range sessions {
		s.shutdown()
	}
}
