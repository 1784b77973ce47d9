package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fasthttp/websocket"
)

// event is one server message as a phone saw it; only the fields the load
// generator needs are decoded.
type event struct {
	Type  string `json:"type"`
	Index int    `json:"index"`
	Phase string `json:"phase"`
	Ref   int64  `json:"ref"`
	Token string `json:"token"`
	Code  string `json:"code"`
	// A game's rank message (-scenario game).
	Rank int    `json:"rank"`
	Of   int    `json:"of"`
	ID   string `json:"id"` // qa_ack
	// Question is decoded only for its number of options.
	Question *struct {
		Options []string `json:"options"`
	} `json:"question"`
	at time.Time
}

// phone is a lean protocol client: one reader goroutine, writes under a lock.
type phone struct {
	ws     *websocket.Conn
	events chan event
	wmu    sync.Mutex
	token  string
	// qaFrames and qaBytes count the qa messages read (-scenario qa),
	// without decoding them.
	qaFrames, qaBytes *int64
}

type dialer struct {
	base string // ws://host:port
	srcs []net.IP
}

func (d *dialer) dial(ctx context.Context, path string, n int, hdr http.Header, bytesRead *int64) (*websocket.Conn, error) {
	nd := &net.Dialer{Timeout: 10 * time.Second}
	if len(d.srcs) > 0 {
		nd.LocalAddr = &net.TCPAddr{IP: d.srcs[n%len(d.srcs)]}
	}
	wd := &websocket.Dialer{HandshakeTimeout: 15 * time.Second, ReadBufferSize: 512, WriteBufferSize: 256,
		NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := nd.DialContext(ctx, network, addr)
			if err != nil || bytesRead == nil {
				return c, err
			}
			return &countConn{Conn: c, n: bytesRead}, nil
		}}
	ws, _, err := wd.DialContext(ctx, d.base+path, hdr)
	return ws, err
}

// countConn counts the bytes read from the wire.
type countConn struct {
	net.Conn
	n *int64
}

func (c *countConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	atomic.AddInt64(c.n, int64(n))
	return n, err
}

func newPhone(ws *websocket.Conn) *phone {
	p := &phone{ws: ws, events: make(chan event, 64)}
	return p
}

// read delivers messages until the socket closes, then closes events.
func (p *phone) read() {
	defer close(p.events)
	warmStack()
	for {
		_, data, err := p.ws.ReadMessage()
		if err != nil {
			return
		}
		if p.qaFrames != nil && bytes.HasPrefix(data, qaPrefix) {
			atomic.AddInt64(p.qaFrames, 1)
			atomic.AddInt64(p.qaBytes, int64(len(data)))
			continue
		}
		var e event
		if json.Unmarshal(data, &e) != nil {
			continue
		}
		e.at = time.Now()
		select {
		case p.events <- e:
		default: // nobody waits for it
		}
	}
}

var qaPrefix = []byte(`{"type":"qa",`)

// warmSlide is a slide with a question, the deepest message a phone
// decodes.
var warmSlide = []byte(`{"type":"slide","index":2,"total":9,"phase":"question","title":"Q",` +
	`"question":{"id":"q","kind":"single","prompt":"Q","options":["a","b","c"]}}`)

// warmStack decodes a slide with a question once, before the phone reads
// anything, so that its reader's stack has the size that decoding needs
// before any message is timed. A goroutine starts with a 4 KiB stack and
// decoding a question's options takes it to 8 KiB: the first question a
// phone reads used to grow and copy 10,000 stacks, 75–82 MB of fresh pages
// with the load generator's collector held, inside the fan-out being
// measured (0.4 s of its CPU on the two cores the server runs on). The
// reference puts its question in every slide message, so its phones grew
// theirs while joining and the kit's phones paid at the question: the
// kit's fan-out p99 was 1.6× the reference's (median of 3 rounds, 2.7× in
// one round), 1.03–1.23× with this (docs/PERFORMANCE.md, round 9).
func warmStack() {
	var e event
	json.Unmarshal(warmSlide, &e)
}

func (p *phone) send(b []byte) error {
	p.wmu.Lock()
	defer p.wmu.Unlock()
	p.ws.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return p.ws.WriteMessage(websocket.TextMessage, b)
}

// wait returns the first event that matches, or false at the deadline or
// when the socket closes.
func (p *phone) wait(ctx context.Context, d time.Duration, match func(event) bool) (event, bool) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case e, ok := <-p.events:
			if !ok {
				return e, false
			}
			if match(e) {
				return e, true
			}
		case <-t.C:
			return event{}, false
		case <-ctx.Done():
			return event{}, false
		}
	}
}

func wsBase(httpBase string) string {
	return strings.Replace(httpBase, "http", "ws", 1)
}
