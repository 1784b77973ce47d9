package app

import (
	"sync"
	"time"
)

// Moving a socket's deadline is a change to the Go runtime's timer heap,
// and a phone's socket moved its write deadline on every frame: the
// WebSocket library sets it before each write (to the same "10 s from
// now", a few microseconds later each time). In a storm of 10,000 answers
// and 3,000 reconnects on two cores that was tens of thousands of timer
// changes the bare reference server does not make (issue 13). A deadline
// asked for within deadlineSlack after the one already set, and at least
// 2 × deadlineSlack away, is left where it is: it comes at most
// deadlineSlack early, never late, and a deadline sooner than the one set,
// or a short one, or none, is set as asked.
const deadlineSlack = time.Second

// deadline is one direction's deadline as last set on the socket.
type deadline struct {
	mu  sync.Mutex
	set time.Time // zero: none
}

// keep tells whether t may be left as the deadline already set, at now.
func keep(set, t, now time.Time) bool {
	return !set.IsZero() && !t.IsZero() && !t.Before(set) &&
		t.Sub(set) < deadlineSlack && t.Sub(now) >= 2*deadlineSlack
}

// move sets the deadline to t through apply, unless keep says the one set
// will do.
func (d *deadline) move(t time.Time, apply func(time.Time) error) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if keep(d.set, t, time.Now()) {
		return nil
	}
	if err := apply(t); err != nil {
		return err
	}
	d.set = t
	return nil
}

func (c *lingerConn) SetReadDeadline(t time.Time) error {
	return c.rd.move(t, c.TCPConn.SetReadDeadline)
}

func (c *lingerConn) SetWriteDeadline(t time.Time) error {
	return c.wd.move(t, c.TCPConn.SetWriteDeadline)
}

func (c *lingerConn) SetDeadline(t time.Time) error {
	if err := c.SetReadDeadline(t); err != nil {
		return err
	}
	return c.SetWriteDeadline(t)
}
