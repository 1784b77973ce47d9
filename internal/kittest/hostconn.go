package kittest

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/fasthttp/websocket"
)

// HostConn is a presenter view over the host socket: it keeps every
// message it was sent, by type, for the test to wait on.
type HostConn struct {
	WS *websocket.Conn

	mu     sync.Mutex
	last   map[string][]byte // the newest message of each type
	count  map[string]int
	change chan struct{} // closed and replaced on every message
}

// DialHost opens the host socket of session id with the host key. It is
// closed when the test ends.
func (k *Kit) DialHost(id string) *HostConn {
	k.t.Helper()
	h := http.Header{"Authorization": {"Bearer " + k.Key}}
	ws, _, err := websocket.DefaultDialer.Dial(strings.Replace(k.Base, "http", "ws", 1)+"/ws/host/"+id, h)
	if err != nil {
		k.t.Fatal(err)
	}
	hc := &HostConn{WS: ws, last: map[string][]byte{}, count: map[string]int{}, change: make(chan struct{})}
	k.t.Cleanup(func() { ws.Close() })
	go hc.read()
	return hc
}

func (h *HostConn) read() {
	for {
		_, data, err := h.WS.ReadMessage()
		if err != nil {
			return
		}
		var m struct{ Type string }
		if json.Unmarshal(data, &m) != nil {
			continue
		}
		h.mu.Lock()
		h.last[m.Type] = data
		h.count[m.Type]++
		close(h.change)
		h.change = make(chan struct{})
		h.mu.Unlock()
	}
}

// Send writes one command. Only the test's goroutine may call it.
func (h *HostConn) Send(v any) error {
	h.WS.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return h.WS.WriteJSON(v)
}

// Last decodes the newest message of a type into out; false when none came.
func (h *HostConn) Last(typ string, out any) bool {
	h.mu.Lock()
	data := h.last[typ]
	h.mu.Unlock()
	return data != nil && json.Unmarshal(data, out) == nil
}

// Count is how many messages of a type came.
func (h *HostConn) Count(typ string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.count[typ]
}

// WaitFor waits until the newest message of typ, decoded into out, makes
// match true; it reports false at the timeout (a test's safety net, not a
// speed it asserts).
func (h *HostConn) WaitFor(typ string, timeout time.Duration, out any, match func() bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		h.mu.Lock()
		ch := h.change
		h.mu.Unlock()
		if h.Last(typ, out) && match() {
			return true
		}
		select {
		case <-ch:
		case <-deadline.C:
			return false
		}
	}
}

// HostQA is the host_qa message.
type HostQA struct {
	Open    bool   `json:"open"`
	Showing bool   `json:"showing"`
	Mode    string `json:"mode"`
	Sort    string `json:"sort"`
	Counts  struct {
		Pending, Approved, Hidden, Held, Answered int
	} `json:"counts"`
	Questions []struct {
		ID       string `json:"id"`
		Text     string `json:"text"`
		Status   string `json:"status"`
		Votes    int    `json:"votes"`
		Answered bool   `json:"answered"`
		Pinned   bool   `json:"pinned"`
	} `json:"questions"`
}

// WaitQA waits until the newest host_qa matches.
func (h *HostConn) WaitQA(timeout time.Duration, match func(HostQA) bool) (HostQA, bool) {
	var q HostQA
	ok := h.WaitFor("host_qa", timeout, &q, func() bool { return match(q) })
	return q, ok
}
