package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fasthttp/websocket"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

// TestAPhoneMustJoinWithinTenSeconds: PROTOCOL.md gives a phone 10 s to send
// join or resume. Pings before that answer pong but do not buy more time, so
// a socket that never joins cannot be held open (it would hold a goroutine
// and a file descriptor per idle connection).
func TestAPhoneMustJoinWithinTenSeconds(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	p, err := phoneclient.Dial(context.Background(), k.base, s.Code, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	start := time.Now()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-p.Closed():
			if d := time.Since(start); d < 9*time.Second {
				t.Errorf("dropped after %v, before the 10 s the protocol gives", d)
			}
			return
		case <-tick.C:
			if time.Since(start) > 20*time.Second {
				t.Fatal("a phone that only pings was still connected after 20 s")
			}
			p.SendRaw([]byte(`{"type":"ping"}`))
		}
	}
}

// TestAnEndedRoomAnswersAnyMessageAndCloses: on the socket of a room that
// ended, the first message other than a ping (an answer from a phone that
// missed the end, say) gets session_ended and a normal close.
func TestAnEndedRoomAnswersAnyMessageAndCloses(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	if st := k.call("POST", "/api/sessions/"+s.ID+"/end", nil, nil); st != 200 {
		t.Fatalf("end: %d", st)
	}
	ws, _, err := websocket.DefaultDialer.Dial(strings.Replace(k.base, "http", "ws", 1)+"/ws/join/"+s.Code, http.Header{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	ws.WriteMessage(websocket.TextMessage, []byte(`{"type":"ping"}`))
	var m struct{ Type, Code string }
	if err := ws.ReadJSON(&m); err != nil || m.Type != "pong" {
		t.Fatalf("ping: %+v %v, want pong", m, err)
	}
	ws.WriteMessage(websocket.TextMessage, []byte(`{"type":"answer","slide":2,"choice":[0],"ref":1}`))
	if err := ws.ReadJSON(&m); err != nil || m.Type != "error" || m.Code != "session_ended" {
		t.Fatalf("answer on an ended room: %+v %v, want error session_ended", m, err)
	}
	_, _, err = ws.ReadMessage()
	if ce, ok := err.(*websocket.CloseError); !ok || ce.Code != websocket.CloseNormalClosure {
		t.Errorf("after session_ended: %v, want a normal close (1000)", err)
	}
}
