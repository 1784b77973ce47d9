package kittest

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fasthttp/websocket"
)

// HostSocket is a presenter view (or the audience screen) on a session's
// host socket: it keeps every message, so a test can wait for a state.
type HostSocket struct {
	WS *websocket.Conn

	t    testing.TB
	mu   sync.Mutex
	all  []HostMsg
	wmu  sync.Mutex
	news chan struct{}
}

// HostMsg is one message the host socket got, decoded loosely, with its
// bytes.
type HostMsg struct {
	Type string
	Map  map[string]any
	Raw  []byte
	At   time.Time
}

// HostSocket opens the host socket of session id with the host key; it is
// closed when the test ends.
func (k *Kit) HostSocket(id string) *HostSocket {
	k.t.Helper()
	h := http.Header{"Authorization": {"Bearer " + k.Key}}
	ws, _, err := websocket.DefaultDialer.Dial(strings.Replace(k.Base, "http", "ws", 1)+"/ws/host/"+id, h)
	if err != nil {
		k.t.Fatal(err)
	}
	hs := &HostSocket{WS: ws, t: k.t, news: make(chan struct{}, 1)}
	k.t.Cleanup(func() { ws.Close() })
	go func() {
		for {
			_, data, err := ws.ReadMessage()
			if err != nil {
				return
			}
			var m map[string]any
			if json.Unmarshal(data, &m) != nil {
				continue
			}
			typ, _ := m["type"].(string)
			hs.mu.Lock()
			hs.all = append(hs.all, HostMsg{Type: typ, Map: m, Raw: data, At: time.Now()})
			hs.mu.Unlock()
			select {
			case hs.news <- struct{}{}:
			default:
			}
		}
	}()
	return hs
}

// Send writes one host message.
func (h *HostSocket) Send(v any) {
	h.wmu.Lock()
	defer h.wmu.Unlock()
	if err := h.WS.WriteJSON(v); err != nil {
		h.t.Fatal(err)
	}
}

// Messages returns every message so far.
func (h *HostSocket) Messages() []HostMsg {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]HostMsg(nil), h.all...)
}

// Last returns the newest host_state or host_counts (nil: none yet).
func (h *HostSocket) Last() *HostMsg {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := len(h.all) - 1; i >= 0; i-- {
		if t := h.all[i].Type; t == "host_state" || t == "host_counts" {
			m := h.all[i]
			return &m
		}
	}
	return nil
}

// WaitFor waits (at most within; a functional test's generous bound, not
// a speed check) until a message since from (an index into Messages)
// matches, and returns it.
func (h *HostSocket) WaitFor(from int, within time.Duration, match func(HostMsg) bool) (HostMsg, bool) {
	deadline := time.After(within)
	for {
		h.mu.Lock()
		for i := from; i < len(h.all); i++ {
			if match(h.all[i]) {
				m := h.all[i]
				h.mu.Unlock()
				return m, true
			}
		}
		from = max(from, len(h.all))
		h.mu.Unlock()
		select {
		case <-h.news:
		case <-deadline:
			return HostMsg{}, false
		}
	}
}

// Summary decodes the summary of a host_state or host_counts into v and
// reports whether it had one.
func (m HostMsg) Summary(v any) bool {
	var w struct {
		Summary json.RawMessage `json:"summary"`
	}
	if json.Unmarshal(m.Raw, &w) != nil || len(w.Summary) == 0 || string(w.Summary) == "null" {
		return false
	}
	return json.Unmarshal(w.Summary, v) == nil
}
