package app_test

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"

	"github.com/fasthttp/websocket"
)

// rawFrame is a client frame as bytes (masked with a zero key, which
// RFC 6455 allows): opcode, FIN, and the length its header announces,
// with payload bytes only as many as given.
func rawFrame(opcode byte, fin bool, announce uint64, payload []byte) []byte {
	var b bytes.Buffer
	h := opcode
	if fin {
		h |= 0x80
	}
	b.WriteByte(h)
	switch {
	case announce < 126:
		b.WriteByte(0x80 | byte(announce))
	case announce <= 0xffff:
		b.WriteByte(0x80 | 126)
		binary.Write(&b, binary.BigEndian, uint16(announce))
	default:
		b.WriteByte(0x80 | 127)
		binary.Write(&b, binary.BigEndian, announce)
	}
	b.Write([]byte{0, 0, 0, 0})
	b.Write(payload)
	return b.Bytes()
}

// Pings and pongs count against the socket's rate limit like messages, a
// header announcing more than 4 KiB is refused on the header, and a message
// whose fragments keep coming (empty continuation frames, which the library
// reads without a hook) is cut off after messageWait: none of them can hold
// a socket.
func TestEveryFrameCountsAndHeadersAreChecked(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	path := "/ws/join/" + s.Code

	t.Run("a header announcing 2^32 or 2^62 bytes", func(t *testing.T) {
		for _, n := range []uint64{1 << 32, 1 << 62, 64<<10 + 1} {
			e := dialEvil(t, k.base, path, nil)
			if _, err := e.ws.UnderlyingConn().Write(rawFrame(websocket.TextMessage, true, n, []byte(`{"type":`))); err != nil {
				t.Fatal(err)
			}
			if code, ok := e.waitClosed(3 * time.Second); !ok || code != websocket.CloseMessageTooBig {
				t.Errorf("announcing %d: got close %d (closed %v), want 1009 at once", n, code, ok)
			}
		}
	})
	t.Run("4 KiB + 1 announced, then silence", func(t *testing.T) {
		e := dialEvil(t, k.base, path, nil)
		if _, err := e.ws.UnderlyingConn().Write(rawFrame(websocket.TextMessage, true, 4<<10+1, []byte(`{"type":`))); err != nil {
			t.Fatal(err)
		}
		if _, ok := e.waitClosed(4 * time.Second); !ok {
			t.Error("a message announced over 4 KiB that never arrives held the socket; want it dropped after 2 s")
		}
	})
	t.Run("a ping flood", func(t *testing.T) {
		e := dialEvil(t, k.base, path, nil)
		for i := 0; i < 5000; i++ {
			if e.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)) != nil {
				break
			}
		}
		if code, ok := e.waitClosed(3 * time.Second); !ok || code != websocket.ClosePolicyViolation {
			t.Errorf("got close %d (closed %v), want 1008", code, ok)
		}
	})
	t.Run("a pong flood", func(t *testing.T) {
		e := dialEvil(t, k.base, path, nil)
		for i := 0; i < 5000; i++ {
			if e.ws.WriteControl(websocket.PongMessage, nil, time.Now().Add(time.Second)) != nil {
				break
			}
		}
		if code, ok := e.waitClosed(3 * time.Second); !ok || code != websocket.ClosePolicyViolation {
			t.Errorf("got close %d (closed %v), want 1008", code, ok)
		}
	})
	t.Run("empty continuation frames", func(t *testing.T) {
		e := dialEvil(t, k.base, path, nil)
		raw := e.ws.UnderlyingConn()
		if _, err := raw.Write(rawFrame(websocket.TextMessage, false, 1, []byte("{"))); err != nil {
			t.Fatal(err)
		}
		var empty bytes.Buffer
		for i := 0; i < 2000; i++ {
			empty.Write(rawFrame(0, false, 0, nil))
		}
		stop := make(chan struct{})
		defer close(stop)
		go func() { // keep the empty fragments coming, as an attacker would
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := raw.Write(empty.Bytes()); err != nil {
					return
				}
			}
		}()
		start := time.Now()
		if _, ok := e.waitClosed(6 * time.Second); !ok {
			t.Fatal("a message whose fragments never end held the socket for 6 s; want it cut off after messageWait (2 s)")
		}
		if d := time.Since(start); d < time.Second {
			t.Errorf("closed after %v: sooner than messageWait, so something else closed it", d)
		}
	})
	// The room is still open to a real phone.
	p := k.phone(s.Code)
	if err := p.Join("", "en"); err != nil {
		t.Fatalf("a phone after the floods: %v", err)
	}
}
