package live

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/freetext"
	"github.com/roundtable-kit/roundtable/record"
)

// "Share your experience": a deck with front matter share: lets phones send
// anonymous free text that only the facilitator reads. An entry is stored
// with no participant and no time finer than the local day, committed
// before the ack like an answer; how many a phone sent is counted here, in
// memory only, so that the file keeps no link between entries and phones.

// Share limits (PROTOCOL.md, share).
const (
	ShareMaxChars = 2000 // an entry's length, in characters
	SharePerPhone = 3    // entries a phone may send in a session
)

// The refusals of Share.
var (
	errNoShare        = errcode.NotFound.With("This deck does not offer \"Share your experience\".")
	errShareMany      = errcode.RateLimited.With("At most 3 entries from one phone in a session.")
	errShareNotStored = ErrStorage.With("The entry could not be saved: the database could not be written; send it again.")
	errShareNoStore   = errors.New("live: the store cannot keep experiences")
)

// shareStore is the store's side of Share, asked for apart from Store so
// that stores written for tests need not have it.
type shareStore interface {
	AddExperience(ctx context.Context, e record.Experience) error
}

// shareCount is how many entries each phone sent: memory only.
type shareCount struct {
	mu   sync.Mutex
	sent map[string]int
}

// take reserves one of pid's entries; false when it has none left.
func (c *shareCount) take(pid string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sent == nil {
		c.sent = map[string]int{}
	}
	if c.sent[pid] >= SharePerPhone {
		return false
	}
	c.sent[pid]++
	return true
}

func (c *shareCount) giveBack(pid string) {
	c.mu.Lock()
	c.sent[pid]--
	c.mu.Unlock()
}

// shareOffer is what a welcome carries of the form: its prompt by
// language, the deck's and its twin's (when the twin offers it too).
func (s *Session) shareOffer() map[string]string {
	if s.Deck.Share == "" {
		return nil
	}
	out := map[string]string{s.Deck.Lang: s.Deck.Share}
	if t := s.twin; t != nil && t.Share != "" {
		out[t.Lang] = t.Share
	}
	return out
}

// Share stores an entry of participant pid, sent on from, and returns once
// it is committed. The text is normalized (freetext) and bounded.
func (s *Session) Share(ctx context.Context, pid string, from *Sub, text string) error {
	if !s.inflight.enter() {
		return s.stoppedErr()
	}
	defer s.inflight.leave()
	if s.ended.Load() {
		return ErrEnded
	}
	ph := s.phoneOf(pid)
	if ph == nil {
		return ErrBadToken
	}
	if !ph.from(from) {
		return ErrReplaced
	}
	if s.Deck.Share == "" {
		return errNoShare
	}
	st, ok := s.store.(shareStore)
	if !ok {
		return errShareNoStore
	}
	t, err := freetext.Normalize(text, ShareMaxChars, true)
	if err != nil {
		return errcode.BadText.With(err.Error())
	}
	if !s.shares.take(pid) {
		return errShareMany
	}
	e := record.Experience{SessionID: s.ID, ID: newID(), Day: time.Now().Format(time.DateOnly), Text: t}
	if err := st.AddExperience(ctx, e); err != nil {
		s.shares.giveBack(pid)
		s.storageFailed()
		return errShareNotStored
	}
	return nil
}
