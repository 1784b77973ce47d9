package app_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fasthttp/websocket"
)

// evil is a raw socket client that sends whatever it likes and records
// every message and how the socket closed.
type evil struct {
	t      *testing.T
	ws     *websocket.Conn
	wmu    sync.Mutex
	mu     sync.Mutex
	msgs   []map[string]any
	closed chan struct{}
	code   int // close status, or -1 when the socket just went
}

func dialEvil(t *testing.T, base, path string, h http.Header) *evil {
	t.Helper()
	if h == nil {
		h = uaHeader()
	}
	ws, _, err := websocket.DefaultDialer.Dial(strings.Replace(base, "http", "ws", 1)+path, h)
	if err != nil {
		t.Fatal(err)
	}
	e := &evil{t: t, ws: ws, closed: make(chan struct{}), code: -1}
	t.Cleanup(func() { ws.Close() })
	go e.read()
	return e
}

func (e *evil) read() {
	defer close(e.closed)
	for {
		_, data, err := e.ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				e.code = ce.Code
			}
			return
		}
		var m map[string]any
		if err := jsonUnmarshal(data, &m); err == nil {
			e.mu.Lock()
			e.msgs = append(e.msgs, m)
			e.mu.Unlock()
		}
	}
}

func (e *evil) send(mt int, b []byte) error {
	e.wmu.Lock()
	defer e.wmu.Unlock()
	e.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return e.ws.WriteMessage(mt, b)
}

func (e *evil) text(s string) error { return e.send(websocket.TextMessage, []byte(s)) }

// count returns how many messages so far match.
func (e *evil) count(match func(map[string]any) bool) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, m := range e.msgs {
		if match(m) {
			n++
		}
	}
	return n
}

// expect waits for the n-th message (counting from 1) that matches.
func (e *evil) expect(what string, n int, match func(map[string]any) bool) map[string]any {
	e.t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for {
		e.mu.Lock()
		seen := 0
		for _, m := range e.msgs {
			if match(m) {
				seen++
				if seen == n {
					e.mu.Unlock()
					return m
				}
			}
		}
		last := e.msgs
		e.mu.Unlock()
		if time.Now().After(deadline) {
			e.t.Fatalf("%s: not within 3 s; got %v", what, last)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// errorCode waits for the n-th error with code.
func (e *evil) errorCode(code string, n int) map[string]any {
	e.t.Helper()
	return e.expect("error "+code, n, func(m map[string]any) bool { return m["type"] == "error" && m["code"] == code })
}

func isType(t string) func(map[string]any) bool {
	return func(m map[string]any) bool { return m["type"] == t }
}

// waitClosed waits for the socket to close and returns its close status.
func (e *evil) waitClosed(within time.Duration) (int, bool) {
	select {
	case <-e.closed:
		return e.code, true
	case <-time.After(within):
		return 0, false
	}
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
