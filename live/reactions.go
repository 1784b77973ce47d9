package live

import (
	"sync"
	"time"

	"github.com/roundtable-kit/roundtable/errcode"
)

// Reactions: a phone may send one of a few emoji at any time while they are
// on. They are not stored and not acked: each phone counts at most once a
// second, the session sums them and tells presenter views a few times a
// second (host_reactions), only when there is something to tell. Whether
// they are on is the presenter's switch when set (kept in record.Steps),
// else the slide's directive, else the deck's front matter (off unless one
// turns them on).

// Emoji are the reactions in protocol order: a phone sends the index.
var Emoji = [...]string{"👍", "❤️", "😂", "😮", "👏"}

// ReactEvery is how often one phone's reaction counts; those in between are
// dropped.
const ReactEvery = time.Second

// ErrBadEmoji refuses a react that names no emoji of the set.
var ErrBadEmoji = errcode.BadMessage.With(`react takes {"emoji": n}, n from 0 to 4.`)

// reactor is what phones' connections touch: a mutex, not a round trip to
// the session goroutine, so 10,000 phones reacting cost no more than a map
// write each.
type reactor struct {
	mu     sync.Mutex
	on     bool
	last   map[string]time.Time // participant → when its last reaction counted
	counts [len(Emoji)]int
	any    bool
}

// set turns counting on or off; turning off forgets what was not yet sent,
// so the audience screen stops at once.
func (r *reactor) set(on bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on = on
	if !on {
		r.counts, r.any = [len(Emoji)]int{}, false
	}
}

// add counts emoji from pid at now, unless reactions are off or pid's last
// one counted less than ReactEvery ago. It reports whether it counted.
func (r *reactor) add(pid string, emoji int, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.on {
		return false
	}
	if at, ok := r.last[pid]; ok && now.Sub(at) < ReactEvery {
		return false
	}
	if r.last == nil {
		r.last = map[string]time.Time{}
	}
	r.last[pid] = now
	r.counts[emoji]++
	r.any = true
	return true
}

// take returns the counts since the last take and starts again.
func (r *reactor) take() ([len(Emoji)]int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, any := r.counts, r.any
	r.counts, r.any = [len(Emoji)]int{}, false
	return c, any
}

// React counts a reaction of participant pid on connection from (nil: any).
// Nothing is answered: a reaction over the cap, while reactions are off,
// from a connection replaced or a participant removed is dropped silently.
// Only an emoji outside the set is an error.
func (s *Session) React(pid string, from *Sub, emoji int) error {
	if emoji < 0 || emoji >= len(Emoji) {
		return ErrBadEmoji
	}
	if s.ended.Load() {
		return nil
	}
	if ph := s.phoneOf(pid); ph == nil || !ph.from(from) {
		return nil
	}
	s.react.add(pid, emoji, time.Now())
	return nil
}

// SetReactions is the presenter's switch: on or off for the whole session,
// whatever the deck says, until switched again. It is kept with the steps,
// so a restart brings it back.
func (s *Session) SetReactions(on bool) (Snapshot, error) {
	if s.pace != nil {
		return s.refusePaced()
	}
	return s.drive(func(st *state) error {
		if st.reactSwitch == nil || *st.reactSwitch != on {
			st.reactSwitch = &on
			st.changed(true) // phones hear it in their slide message
		}
		return nil
	})
}

type hostReactionsMsg struct {
	Type   string `json:"type"`
	Counts []int  `json:"counts"`
}

// ---- on the session goroutine ----

// reactionsOn tells whether reactions are on for the slide showing.
func (st *state) reactionsOn() bool {
	if st.ended || st.s.pace != nil { // off in a self-paced session
		return false
	}
	if st.ended {
		return false
	}
	if st.reactSwitch != nil {
		return *st.reactSwitch
	}
	return deckReactions(st.s.Deck, st.index)
}

// flushReactions tells presenter views the reactions since the last time,
// if there were any.
func (st *state) flushReactions() {
	c, any := st.s.react.take()
	if any && len(st.hosts) > 0 {
		st.toHosts(Encode(hostReactionsMsg{Type: "host_reactions", Counts: c[:]}))
	}
}
