package kittest

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/fasthttp/websocket"
)

// HostMessage is a message a presenter view gets; Raw is all of it, the
// fields are those the tests look at.
type HostMessage struct {
	Type      string `json:"type"`
	Index     int    `json:"index"`
	Phase     string `json:"phase"`
	Counts    []int  `json:"counts"` // host_state, host_counts: per option; host_reactions: per emoji
	Reactions bool   `json:"reactions"`
	Code      string `json:"code"`
	Raw       []byte `json:"-"`
}

// HostFeed is a presenter view on the host socket of one session: it keeps
// every message it gets, in order.
type HostFeed struct {
	WS *websocket.Conn

	wmu  sync.Mutex
	mu   sync.Mutex
	msgs []HostMessage
	more chan struct{} // closed and replaced when a message comes
	done bool
}

// HostFeed opens the host socket of session id with the host key. It is
// closed when the test ends.
func (k *Kit) HostFeed(id string) *HostFeed {
	k.t.Helper()
	h := http.Header{"Authorization": {"Bearer " + k.Key}}
	ws, _, err := websocket.DefaultDialer.Dial(strings.Replace(k.Base, "http", "ws", 1)+"/ws/host/"+id, h)
	if err != nil {
		k.t.Fatal(err)
	}
	f := &HostFeed{WS: ws, more: make(chan struct{})}
	k.t.Cleanup(func() { ws.Close() })
	go f.read()
	return f
}

func (f *HostFeed) read() {
	for {
		_, data, err := f.WS.ReadMessage()
		f.mu.Lock()
		if err != nil {
			f.done = true
			close(f.more)
			f.mu.Unlock()
			return
		}
		var m HostMessage
		if json.Unmarshal(data, &m) == nil {
			m.Raw = data
			f.msgs = append(f.msgs, m)
		}
		close(f.more)
		f.more = make(chan struct{})
		f.mu.Unlock()
	}
}

// Send writes one command.
func (f *HostFeed) Send(v any) error {
	f.wmu.Lock()
	defer f.wmu.Unlock()
	f.WS.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return f.WS.WriteJSON(v)
}

// Messages returns a copy of every message so far.
func (f *HostFeed) Messages() []HostMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]HostMessage(nil), f.msgs...)
}

// WaitFor waits for a message from the from-th on (0: the first ever) for
// which match is true, and returns its position.
func (f *HostFeed) WaitFor(timeout time.Duration, from int, match func(HostMessage) bool) (int, HostMessage, error) {
	deadline := time.After(timeout)
	for i := from; ; {
		f.mu.Lock()
		for ; i < len(f.msgs); i++ {
			if match(f.msgs[i]) {
				m := f.msgs[i]
				f.mu.Unlock()
				return i, m, nil
			}
		}
		more, done := f.more, f.done
		f.mu.Unlock()
		if done {
			return i, HostMessage{}, errors.New("kittest: the host socket closed")
		}
		select {
		case <-more:
		case <-deadline:
			return i, HostMessage{}, errors.New("kittest: no such host message in time")
		}
	}
}
