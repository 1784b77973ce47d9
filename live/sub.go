package live

import "sync"

// Frame is one message to send, encoded once. A broadcast hands the same
// Frame to every subscriber, so the connection layer can prepare the
// WebSocket frame once too (see Prepared).
type Frame struct {
	Data []byte

	once     sync.Once
	prepared any
	single   bool // for one connection only (OwnFrame)
}

// NewFrame wraps an encoded message.
func NewFrame(data []byte) *Frame { return &Frame{Data: data} }

// OwnFrame wraps a message for one connection only (a game's rank): there
// is nothing to share, so the connection writes Data as it is rather than
// preparing it (Single).
func OwnFrame(data []byte) *Frame { return &Frame{Data: data, single: true} }

// Single reports whether the frame goes to one connection only.
func (f *Frame) Single() bool { return f.single }

// Prepared returns prep(Data), computed once however many connections ask.
func (f *Frame) Prepared(prep func([]byte) any) any {
	f.once.Do(func() { f.prepared = prep(f.Data) })
	return f.prepared
}

// Sub is one subscriber of a session: a phone or a presenter view. The
// session's goroutine is the only one that sends on Out or closes it; the
// connection's one writer goroutine reads Out until it is closed.
type Sub struct {
	out    chan *Frame
	slow   chan struct{}
	once   sync.Once
	closed bool // touched only by the session goroutine
}

// QueueLen is how many frames may wait for a slow connection before it is
// dropped; a phone that stops reading must never hold up the room. It is
// deep enough that a phone that does read, but whose writer was not
// scheduled for a moment on a busy laptop, survives a presenter flicking
// through dozens of slides (1 KiB of pointers per phone).
const QueueLen = 128

// NewSub makes a subscriber, for a phone or a presenter view alike.
func NewSub() *Sub {
	return &Sub{out: make(chan *Frame, QueueLen), slow: make(chan struct{})}
}

// Out is the frames to write, in order. It is closed when the session drops
// the subscriber; the writer then writes what is left and closes the socket.
func (s *Sub) Out() <-chan *Frame { return s.out }

// Dropped is closed when the subscriber was dropped for being too slow: the
// writer should close the socket at once.
func (s *Sub) Dropped() <-chan struct{} { return s.slow }

// push queues f without blocking; a full queue drops the subscriber.
// It reports whether the frame was queued. Session goroutine only.
func (s *Sub) push(f *Frame) bool {
	if s.closed {
		return false
	}
	select {
	case s.out <- f:
		return true
	default:
		s.once.Do(func() { close(s.slow) })
		s.close()
		return false
	}
}

// close ends the stream after what is queued. Session goroutine only.
func (s *Sub) close() {
	if !s.closed {
		s.closed = true
		close(s.out)
	}
}
