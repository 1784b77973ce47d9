package handlers

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"sync"
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

// conn is one socket: the reader is the handler's goroutine, the writer is
// the only goroutine that writes to the socket.
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
	// joinWait in all to join or resume, however many pings it sends.
	hold bool
}

func newConn(ws *fws.Conn, log *slog.Logger) *conn {
	c := &conn{ws: ws, sub: live.NewSub(), direct: make(chan []byte, 16), closing: make(chan []byte, 1),
		done: make(chan struct{}), gone: make(chan struct{}), limit: rate.NewLimiter(msgRate, msgBurst), log: log}
	c.writerWG.Add(1)
	go c.writer()
	return c
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
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		select {
		case <-c.sub.Dropped():
			return
		case f, ok := <-c.sub.Out():
			if !ok {
				c.ws.SetWriteDeadline(time.Now().Add(time.Second))
				c.ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
				return
			}
			c.ws.SetWriteDeadline(time.Now().Add(writeWait))
			var err error
			if pm, _ := f.Prepared(prepare).(*websocket.PreparedMessage); pm != nil {
				err = c.ws.WritePreparedMessage(pm)
			} else {
				err = c.ws.WriteMessage(websocket.TextMessage, f.Data)
			}
			if err != nil {
				return
			}
		case b := <-c.direct:
			c.ws.SetWriteDeadline(time.Now().Add(writeWait))
			if err := c.ws.WriteMessage(websocket.TextMessage, b); err != nil {
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

// flushAndClose writes the replies still queued (the error that explains
// the close), then the close frame. Writer goroutine only.
func (c *conn) flushAndClose(closeMsg []byte) {
	deadline := time.Now().Add(time.Second)
	for {
		select {
		case b := <-c.direct:
			c.ws.SetWriteDeadline(deadline)
			if c.ws.WriteMessage(websocket.TextMessage, b) != nil {
				return
			}
			continue
		default:
		}
		break
	}
	c.ws.WriteControl(websocket.CloseMessage, closeMsg, deadline)
}

// reply queues a message to this client. A full queue holds up only this
// client's reader (a burst of allowed messages must not cost the client its
// connection); a client that does not read its replies is closed.
func (c *conn) reply(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
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
}

// read returns the next well-formed message, answering and skipping bad
// ones. ok is false when the socket is done.
func (c *conn) read() (m message, ok bool) {
	for {
		// Not SetReadLimit: the library would send its own close frame
		// before the too_large error could go out.
		mt, r, err := c.ws.NextReader()
		if err != nil {
			return m, false
		}
		data, err := io.ReadAll(io.LimitReader(r, maxMessage+1))
		if err != nil {
			return m, false
		}
		if len(data) > maxMessage {
			c.fail(errcode.TooLarge.With("A message is at most 4 KiB."), nil)
			c.closeWith(websocket.CloseMessageTooBig, "message too large")
			c.linger()
			return m, false
		}
		if !c.hold {
			c.ws.SetReadDeadline(time.Now().Add(pongWait))
		}
		if !c.limit.Allow() {
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
		m, err = decodeMessage(mt, data)
		if err != nil {
			c.fail(errcode.BadMessage.With(err.Error()), nil)
			continue
		}
		return m, true
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
	if mt != websocket.TextMessage || !utf8.Valid(data) {
		return m, errNotText
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return message{}, errNotJSON
	}
	return m, nil
}
