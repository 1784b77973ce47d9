package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/fasthttp/websocket"
	fws "github.com/gofiber/contrib/websocket"
	"golang.org/x/time/rate"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
)

// Limits on every socket (PROTOCOL.md).
const (
	maxMessage    = 4 << 10
	joinWait      = 10 * time.Second
	pingEvery     = 20 * time.Second
	pongWait      = 45 * time.Second
	writeWait     = 10 * time.Second
	msgRate       = 20 // messages a second, on average
	msgBurst      = 40
	maxViolations = 100 // refused messages before the socket is closed
	// messageWait bounds the time from a message's first frame to its last
	// (4 KiB takes well under a second even on a weak phone connection).
	messageWait = 2 * time.Second
	headerLimit = 64 << 10 // announced lengths past this are refused on the header
)

// wsBuffers is shared by every socket: a write buffer is held only while a
// frame is being written, so 10,000 idle phones don't hold 10,000 buffers.
var wsBuffers = &sync.Pool{}

func wsConfig() fws.Config {
	return fws.Config{ReadBufferSize: 1024, WriteBufferSize: 2048, WriteBufferPool: wsBuffers,
		RecoverHandler: func(c *fws.Conn) {
			if r := recover(); r != nil {
				c.Close()
			}
		}}
}

// conn is one socket: the reader is the handler's goroutine; the writer
// goroutine writes what the session queues, and the replies the reader
// could not write itself (reply).
type conn struct {
	ws       *fws.Conn
	sub      *live.Sub
	direct   chan []byte // replies to this client: errors, acks, pongs
	closing  chan []byte // a close frame to send after the replies queued before it
	done     chan struct{}
	gone     chan struct{} // closed when the writer has stopped
	writerWG sync.WaitGroup
	limit    *rate.Limiter
	refused  int
	log      *slog.Logger
	// hold keeps a message from moving the read deadline: a phone has
	// joinWait in all to join or resume, however many pings it sends;
	// holdUntil is that deadline.
	hold      bool
	holdUntil time.Time
	// handling is held by the reader from the moment read returns a
	// message until it asks for the next one (held says so), so that the
	// writer can let it finish before saying bye (byeAfterReplies).
	handling sync.Mutex
	held     bool
	released chan struct{} // a token each time the reader lets go of handling
	batch    []*live.Frame // the writer's batch of queued frames (ws_batch.go)
	// wmu is held for every data frame written to the socket: the
	// writer's, and a reply the reader writes itself (reply). pending
	// counts the replies queued on direct and not yet written or dropped;
	// the reader writes a reply itself only when none is, so replies keep
	// their order. saidBye and shut are under wmu: after a bye no reply is
	// written, after the close frame (or the writer's end) nothing is.
	wmu     sync.Mutex
	pending atomic.Int32
	saidBye bool
	shut    bool
}

func newConn(ws *fws.Conn, log *slog.Logger) *conn {
	c := &conn{ws: ws, sub: live.NewSub(), direct: make(chan []byte, 16), closing: make(chan []byte, 1),
		done: make(chan struct{}), gone: make(chan struct{}), released: make(chan struct{}, 1),
		limit: rate.NewLimiter(msgRate, msgBurst), log: log}
	// The library refuses a message whose frame headers announce more than
	// headerLimit (close 1009) before reading its payload, so an announced
	// 2^62 bytes cannot hold the socket. Between 4 KiB and that, read stops
	// at 4 KiB + 1 and the client is told too_large before the close.
	ws.SetReadLimit(headerLimit)
	ws.SetPingHandler(c.ping)
	ws.SetPongHandler(c.pong)
	c.writerWG.Add(1)
	go c.writer()
	return c
}

// errFrameRefused ends reading: control queued the close that says why.
var errFrameRefused = errors.New("handlers: frame refused")

// control counts a ping or pong against the connection's rate limit, as a
// message counts: the library answers control frames inside its own read
// loop, so without this a socket could send pings as fast as the network
// takes them. A flood closes the socket with 1008. Reader goroutine only
// (the library calls the handlers from NextReader).
func (c *conn) control() error {
	if c.limit.Allow() {
		return nil
	}
	c.refused++
	if c.refused > maxViolations {
		c.closeWith(websocket.ClosePolicyViolation, "too many messages")
		return errFrameRefused
	}
	return nil
}

// ping answers a ping with a pong, as the library would, once counted.
func (c *conn) ping(data string) error {
	if err := c.control(); err != nil {
		return err
	}
	// As the library's own handler: a pong that cannot be written is not
	// a reason to stop reading.
	err := c.ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(writeWait))
	var ne net.Error
	if err == nil || errors.Is(err, websocket.ErrCloseSent) || errors.As(err, &ne) {
		return nil
	}
	return err
}

// pong keeps a live connection open: the answer to the server's ping moves
// the read deadline, unless the phone is still inside its join window.
func (c *conn) pong(string) error {
	if err := c.control(); err != nil {
		return err
	}
	c.ws.SetReadDeadline(c.idleDeadline())
	return nil
}

// idleDeadline is when a silent connection is dropped from now on.
func (c *conn) idleDeadline() time.Time {
	if c.hold {
		return c.holdUntil
	}
	return time.Now().Add(pongWait)
}

// holdFor gives a phone d in all to join or resume.
func (c *conn) holdFor(d time.Duration) {
	c.hold, c.holdUntil = true, time.Now().Add(d)
	c.ws.SetReadDeadline(c.holdUntil)
}

func prepare(b []byte) any {
	pm, err := websocket.NewPreparedMessage(websocket.TextMessage, b)
	if err != nil {
		return nil
	}
	return pm
}

func (c *conn) writer() {
	defer c.writerWG.Done()
	defer close(c.gone)
	defer c.ws.Close()
	defer c.shutWrites()
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		select {
		case <-c.sub.Dropped():
			return
		case f, ok := <-c.sub.Out():
			if !c.writeQueued(f, ok) { // f and the frames queued behind it (ws_batch.go)
				return
			}
		case b := <-c.direct:
			if !c.writeQueuedReply(b) {
				return
			}
		case <-ping.C:
			if err := c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(writeWait)); err != nil {
				return
			}
		case msg := <-c.closing:
			c.flushAndClose(msg)
			return
		case <-c.done:
			select {
			case msg := <-c.closing:
				c.flushAndClose(msg)
			default:
			}
			return
		}
	}
}

// byePrefix starts every bye frame (live encodes its fields in order).
var byePrefix = []byte(`{"type":"bye"`)

// byeGrace is how long a bye waits at least for the reader to pick up
// messages the client sent before it (on a busy laptop a reader is not
// scheduled at once); byeWait is the longest it waits.
const (
	byeGrace = 50 * time.Millisecond
	byeWait  = time.Second
)

// repliesBeforeBye lets the reader take the messages already sent and
// finish the one it is handling (an answer being committed), writing their
// replies, so that every message sent before the bye is answered before
// it: an ack, or an error such as shutting_down. It waits byeGrace at
// least, byeWait at most. It reports whether the socket still takes
// writes. Writer goroutine only.
//
// It sleeps until something happens: a reply, the reader letting go of a
// message (released), the grace or the longest wait over. It used to look
// again every 5 ms while the reader was on a message; a phone that
// reconnects is replaced while its old reader waits for its answer's
// commit, and with 3,000 phones reconnecting in a storm those looks kept
// the cores from the commits they were waiting for.
func (c *conn) repliesBeforeBye() bool {
	start := time.Now()
	t := time.NewTimer(byeWait)
	defer t.Stop()
	for {
		idle := c.handling.TryLock()
		if idle {
			c.handling.Unlock()
		}
		waited := time.Since(start)
		if (idle && waited >= byeGrace) || waited >= byeWait {
			return c.flushReplies()
		}
		if idle {
			t.Reset(byeGrace - waited)
		} else {
			t.Reset(byeWait - waited)
		}
		select {
		case b := <-c.direct:
			if !c.writeQueuedReply(b) {
				return false
			}
		case <-c.released:
		case <-t.C:
		}
	}
}

// flushReplies writes the replies queued now. Writer goroutine only.
func (c *conn) flushReplies() bool {
	for {
		select {
		case b := <-c.direct:
			if !c.writeQueuedReply(b) {
				return false
			}
		default:
			return true
		}
	}
}

// writeQueuedReply writes a reply taken from direct, unless the client was
// told to go (a reply now would come after the bye). It reports whether
// the socket still takes writes. Writer goroutine only.
func (c *conn) writeQueuedReply(b []byte) bool {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	defer c.pending.Add(-1)
	return c.writeReplyLocked(b, time.Now().Add(writeWait)) == nil
}

// writeReplyLocked writes one reply; the caller holds wmu.
func (c *conn) writeReplyLocked(b []byte, deadline time.Time) error {
	if c.saidBye || c.shut {
		return nil
	}
	c.ws.SetWriteDeadline(deadline)
	return c.ws.WriteMessage(websocket.TextMessage, b)
}

// shutWrites says nothing more is written: the writer has stopped.
func (c *conn) shutWrites() {
	c.wmu.Lock()
	c.shut = true
	c.wmu.Unlock()
}

// flushAndClose writes the replies still queued (the error that explains
// the close), then the close frame. Writer goroutine only.
func (c *conn) flushAndClose(closeMsg []byte) {
	deadline := time.Now().Add(time.Second)
	c.wmu.Lock()
	defer c.wmu.Unlock()
	for {
		select {
		case b := <-c.direct:
			c.pending.Add(-1)
			if c.writeReplyLocked(b, deadline) != nil {
				c.shut = true
				return
			}
			continue
		default:
		}
		break
	}
	c.ws.WriteControl(websocket.CloseMessage, closeMsg, deadline)
	c.shut = true
}

// reply sends a message to this client. The reader writes it itself when
// the socket is free and no earlier reply waits (an ack then leaves as soon
// as its answer is committed, without waiting for the writer goroutine to
// be scheduled: on a busy laptop that wait was most of an ack's time);
// otherwise it is queued for the writer. A full queue holds up only this
// client's reader (a burst of allowed messages must not cost the client its
// connection); a client that does not read its replies is closed. Reader
// goroutine only: it is the one sender of replies, which keeps them in
// order.
func (c *conn) reply(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	if c.pending.Load() == 0 && c.wmu.TryLock() {
		if c.pending.Load() == 0 {
			if err := c.writeReplyLocked(b, time.Now().Add(writeWait)); err != nil {
				c.shut = true
				c.ws.Close()
			}
			c.wmu.Unlock()
			return
		}
		c.wmu.Unlock()
	}
	c.pending.Add(1)
	select {
	case c.direct <- b:
		return
	default:
	}
	t := time.NewTimer(writeWait)
	defer t.Stop()
	select {
	case c.direct <- b:
	case <-c.gone:
	case <-t.C:
		c.ws.Close()
	}
}

// fail answers with the error message for err (see wsError).
func (c *conn) fail(err error, ref *int64) { c.reply(wsError(c.log, err, ref)) }

// stop ends the writer and waits for it, after the reader is done.
func (c *conn) stop() {
	c.release()
	close(c.done)
	c.writerWG.Wait()
}

// closeWith has the writer send what is queued, then a close frame with a
// status; the socket closes when the handler returns. Closing here directly
// would lose the error that says why.
func (c *conn) closeWith(status int, reason string) {
	select {
	case c.closing <- websocket.FormatCloseMessage(status, reason):
	default:
	}
}

// linger reads and drops what the client still sends, for up to a second,
// after a close was queued: closing a socket with unread input resets it,
// and the reset would lose the error and close frame that say why.
func (c *conn) linger() {
	c.ws.SetReadDeadline(time.Now().Add(time.Second))
	for {
		_, r, err := c.ws.NextReader()
		if err != nil {
			return
		}
		if _, err := io.Copy(io.Discard, r); err != nil {
			return
		}
	}
}

// lingerRaw is linger for a socket whose reading failed on purpose (the
// library will not read it again): what the client still sends is read
// off the connection and dropped, for up to a second.
func (c *conn) lingerRaw() {
	nc := c.ws.NetConn()
	nc.SetReadDeadline(time.Now().Add(time.Second))
	io.Copy(io.Discard, io.LimitReader(nc, 1<<20))
}

// message is every client message's fields; type says which apply.
type message struct {
	Type   string `json:"type"`
	Nick   string `json:"nick"`
	Lang   string `json:"lang"`
	Token  string `json:"token"`
	Slide  *int   `json:"slide"`
	On     *int   `json:"on"` // host commands: the slide they were made on
	Choice []int  `json:"choice"`
	Ref    *int64 `json:"ref"`
	// host: remove
	Participant   string `json:"participant"`
	DeleteAnswers bool   `json:"delete_answers"`
	// host: results, countdown, blank
	Show    *bool `json:"show"`
	Seconds *int  `json:"seconds"`
	Blank   *bool `json:"blank"`
	// phone: answer of the room's voice kinds (with choice, exactly one)
	Text  *string  `json:"text"`
	Words []string `json:"words"`
	Value *float64 `json:"value"`
	Skip  *bool    `json:"skip"`
	// host: moderate, moderation, hide_word
	ID     string `json:"id"`
	Action string `json:"action"`
	Mode   string `json:"mode"`
	Word   string `json:"word"`
	Hidden *bool  `json:"hidden"`
	// phone: react; host: reactions {"on": true|false}, which "on" holds
	// when it is true or false (ws_on.go)
	Emoji  *int  `json:"emoji"`
	Switch *bool `json:"-"`
	// host: game_view (rename uses participant and nick)
	View string `json:"view"`
	// phone: role, the answer to the deck's join question
	Role *int `json:"role"`
	// Q&A (ws_qa.go): phone qa_ask, qa_vote; host qa_open, qa_moderate,
	// qa_mode, qa_sort.
	QA qaFields `json:"-"`
}

// read returns the next well-formed message, answering and skipping bad
// ones. ok is false when the socket is done. The message is on the heap,
// not in the reader's frames: a phone's reader spends its life waiting in
// read, and a message held by value (it is about 500 bytes) in read and in
// servePhone kept every idle reader's stack over 4 KiB, past the quarter of
// 16 KiB under which the garbage collector shrinks a grown stack back to 8
// KiB (8 KiB more per phone, issue 13).
func (c *conn) read() (m *message, ok bool) {
	c.release()
	for {
		mt, r, err := c.ws.NextReader()
		if errors.Is(err, errFrameRefused) {
			c.lingerRaw()
			return m, false
		}
		if err != nil {
			return m, false
		}
		// A message's later frames must follow within messageWait: the
		// library reads empty continuation frames inside one Read without a
		// hook to count them, so a stream of them is cut off by time.
		c.ws.SetReadDeadline(time.Now().Add(messageWait))
		body, err := readBody(r)
		if err != nil {
			putBody(body)
			if errors.Is(err, errFrameRefused) {
				c.lingerRaw()
			}
			return m, false
		}
		if body.Len() > maxMessage {
			putBody(body)
			c.fail(errcode.TooLarge.With("A message is at most 4 KiB."), nil)
			c.closeWith(websocket.CloseMessageTooBig, "message too large")
			c.linger()
			return m, false
		}
		c.ws.SetReadDeadline(c.idleDeadline())
		if !c.limit.Allow() {
			putBody(body)
			c.refused++
			if c.refused > maxViolations {
				c.closeWith(websocket.ClosePolicyViolation, "too many messages")
				c.linger()
				return m, false
			}
			if c.refused%10 == 1 {
				c.fail(errcode.RateLimited, nil)
			}
			continue
		}
		m = new(message)
		err = decodeInto(mt, body.Bytes(), m)
		putBody(body) // the message holds copies, nothing of the body
		if err != nil {
			c.fail(errcode.BadMessage.With(err.Error()), nil)
			continue
		}
		c.handling.Lock()
		c.held = true
		return m, true
	}
}

// bodies are the buffers messages are read into: a socket reads one at a
// time and drops it once decoded, so 10,000 phones answering need a few
// buffers, not one allocation each.
var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// readBody reads a message's payload, at most maxMessage + 1 bytes, into a
// buffer from bodies; putBody gives it back.
func readBody(r io.Reader) (*bytes.Buffer, error) {
	b := bodies.Get().(*bytes.Buffer)
	b.Reset()
	_, err := b.ReadFrom(io.LimitReader(r, maxMessage+1))
	return b, err
}

func putBody(b *bytes.Buffer) {
	if b.Cap() <= 2*maxMessage {
		bodies.Put(b)
	}
}

// release says the reader is done with the message read last. Reader
// goroutine only.
func (c *conn) release() {
	if c.held {
		c.held = false
		c.handling.Unlock()
		select {
		case c.released <- struct{}{}: // a bye waiting for it looks again
		default:
		}
	}
}

var (
	errNotText = errors.New("Messages are UTF-8 JSON text.")
	errNotJSON = errors.New("The message is not a JSON object of this protocol.")
)

// decodeMessage turns one frame into a message, or says why it is not one
// (bad_message). It is pure so that it can be fuzzed.
func decodeMessage(mt int, data []byte) (message, error) {
	var m message
	if err := decodeInto(mt, data, &m); err != nil {
		return message{}, err
	}
	return m, nil
}

// decodeInto is decodeMessage into a message of the caller's.
func decodeInto(mt int, data []byte, m *message) error {
	if mt != websocket.TextMessage || !utf8.Valid(data) {
		return errNotText
	}
	// null unmarshals into a struct without error: only an object is one.
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return errNotJSON
	}
	// message's own UnmarshalJSON checks and decodes the whole of data;
	// json.Unmarshal would scan it once more first.
	if err := m.UnmarshalJSON(data); err != nil {
		return errNotJSON
	}
	if qaTypes[m.Type] {
		if err := json.Unmarshal(data, &m.QA); err != nil {
			return errNotJSON
		}
	}
	return nil
}
