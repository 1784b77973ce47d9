package app

import (
	"errors"
	"net"
	"os"
	"testing"
	"time"
)

func TestADeadlineIsKeptOnlyWhenItComesAtMostASecondEarly(t *testing.T) {
	now := time.Now()
	at := func(d time.Duration) time.Time { return now.Add(d) }
	for _, tc := range []struct {
		name     string
		set, ask time.Time
		want     bool
	}{
		{"the same 10 s, asked again a moment later", at(10 * time.Second), at(10*time.Second + 5*time.Microsecond), true},
		{"asked 0.9 s later", at(10 * time.Second), at(10*time.Second + 900*time.Millisecond), true},
		{"asked a second later", at(10 * time.Second), at(11 * time.Second), false},
		{"asked sooner", at(10 * time.Second), at(9 * time.Second), false},
		{"asked for a short one", at(time.Second), at(1500 * time.Millisecond), false},
		{"the one set has passed", at(-500 * time.Millisecond), at(100 * time.Millisecond), false},
		{"none set", time.Time{}, at(10 * time.Second), false},
		{"asked for none", at(10 * time.Second), time.Time{}, false},
	} {
		if got := keep(tc.set, tc.ask, now); got != tc.want {
			t.Errorf("%s: keep = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// accepted dials a listener wrapped as the server's is and returns the
// server's side of the connection and the client's.
func accepted(t *testing.T) (server net.Conn, client net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	l := lingerListener{ln}
	client, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	server, err = l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { server.Close() })
	if _, ok := server.(*lingerConn); !ok {
		t.Fatalf("accepted a %T, not the server's connection", server)
	}
	return server, client
}

func TestASoonerDeadlineIsSetAndNoneClearsIt(t *testing.T) {
	server, client := accepted(t)
	buf := make([]byte, 8)

	// A far deadline, then a sooner one: the sooner one holds.
	server.SetReadDeadline(time.Now().Add(time.Hour))
	server.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	if _, err := server.Read(buf); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("read with a 50 ms deadline set after an hour's: %v, want the deadline exceeded", err)
	}

	// None: the read waits for the data.
	server.SetReadDeadline(time.Time{})
	go func() {
		time.Sleep(100 * time.Millisecond)
		client.Write([]byte("hi"))
	}()
	if n, err := server.Read(buf); err != nil || string(buf[:n]) != "hi" {
		t.Fatalf("read with no deadline: %q, %v", buf[:n], err)
	}

	// A deadline kept (asked again a moment later) still holds.
	server.SetWriteDeadline(time.Now().Add(time.Hour))
	server.SetWriteDeadline(time.Now().Add(time.Hour))
	if _, err := server.Write([]byte("ok")); err != nil {
		t.Fatalf("write under a kept deadline: %v", err)
	}
	server.SetWriteDeadline(time.Now().Add(-time.Second))
	if _, err := server.Write([]byte("late")); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("write after a passed deadline: %v, want the deadline exceeded", err)
	}
}
