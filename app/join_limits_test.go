package app_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fasthttp/websocket"

	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// fromSource is an HTTP client and a WebSocket dialer whose connections
// come from src, an address of 127.0.0.0/8 (the tests' school NATs).
func fromSource(src string) (*http.Client, *websocket.Dialer) {
	nd := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}, Timeout: 5 * time.Second}
	hc := &http.Client{Transport: &http.Transport{DialContext: nd.DialContext, DisableKeepAlives: true}}
	return hc, &websocket.Dialer{NetDialContext: nd.DialContext, HandshakeTimeout: 5 * time.Second}
}

// joinOnce dials the phone socket from src, sends join and returns the
// first answer: "welcome", or the error's code (with its retry_after).
func joinOnce(t *testing.T, d *websocket.Dialer, base, code string) (string, int) {
	ws, resp, err := d.Dial(strings.Replace(base, "http", "ws", 1)+"/ws/join/"+code, nil)
	if err != nil {
		if resp != nil {
			return "http " + resp.Status, 0
		}
		t.Error(err)
		return "dial failed", 0
	}
	defer ws.Close()
	ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	ws.WriteMessage(websocket.TextMessage, []byte(`{"type":"join"}`))
	for {
		_, b, err := ws.ReadMessage()
		if err != nil {
			return "read failed: " + err.Error(), 0
		}
		var m struct {
			Type, Code string
			RetryAfter int `json:"retry_after"`
		}
		json.Unmarshal(b, &m)
		switch m.Type {
		case "welcome":
			return "welcome", 0
		case "error":
			return m.Code, m.RetryAfter
		}
	}
}

// joinMany joins n phones at once from src and counts the answers.
func joinMany(t *testing.T, base, code, src string, n int) (map[string]int, int) {
	_, d := fromSource(src)
	var mu sync.Mutex
	got, retry := map[string]int{}, 0
	var wg sync.WaitGroup
	sem := make(chan struct{}, 100)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			what, r := joinOnce(t, d, base, code)
			mu.Lock()
			got[what]++
			retry = max(retry, r)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return got, retry
}

// A real class behind one school NAT address joins in full: 500 phones
// from one source, all welcomed. (How long it takes is in the load
// generator's figures, not here.)
func TestAClassBehindOneAddressJoins(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	if got, _ := joinMany(t, k.base, s.Code, "127.0.0.1", 500); got["welcome"] != 500 {
		t.Fatalf("500 phones from one address: got %v, want 500 welcomes", got)
	}
}

// A script joining from one address as fast as it can is refused past the
// class-sized burst with too_many_joins and when to come back; phones from
// another address still join.
func TestAJoinFloodFromOneSourceIsLimited(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	got, retry := joinMany(t, k.base, s.Code, "127.0.0.2", 800)
	if got["too_many_joins"] == 0 || got["welcome"] < 600 || got["welcome"]+got["too_many_joins"] != 800 || retry < 1 {
		t.Errorf("800 joins at once from one address: got %v (retry_after %d), want 600 or a few more welcomed, the rest too_many_joins with retry_after", got, retry)
	}
	if got, _ := joinMany(t, k.base, s.Code, "127.0.0.3", 5); got["welcome"] != 5 {
		t.Errorf("another address: got %v, want 5 welcomes", got)
	}
}

// Looking up unknown room codes, by the phone page or the socket, is
// refused past a burst with 429 and Retry-After, for every code (a known
// one too: a refusal must not tell which codes exist); another address is
// not held up.
func TestRoomCodeGuessingIsLimited(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	for _, via := range []struct{ name, src string }{{"page", "127.0.0.4"}, {"socket", "127.0.0.5"}} {
		hc, d := fromSource(via.src)
		lookup := func(code string) (int, string) {
			if via.name == "page" {
				resp, err := hc.Get(k.base + "/j/" + code)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp.StatusCode, resp.Header.Get("Retry-After")
			}
			ws, resp, err := d.Dial(strings.Replace(k.base, "http", "ws", 1)+"/ws/join/"+code, nil)
			if err == nil {
				ws.Close()
				return 101, ""
			}
			if resp == nil {
				t.Fatal(err)
			}
			return resp.StatusCode, resp.Header.Get("Retry-After")
		}
		misses := 0
		for range 200 {
			st, _ := lookup("ZZZZZ2")
			if st != 404 {
				break
			}
			misses++
		}
		if misses < 50 || misses > 55 {
			t.Errorf("%s: %d unknown codes answered 404 before a refusal, want about 50", via.name, misses)
		}
		for _, code := range []string{"ZZZZZ3", s.Code} {
			if st, retry := lookup(code); st != 429 || retry == "" || retry == "0" {
				t.Errorf("%s %s after the guesses: got %d Retry-After %q, want 429 with Retry-After", via.name, code, st, retry)
			}
		}
	}
	if p, err := phoneclient.Dial(context.Background(), k.base, s.Code, nil); err != nil {
		t.Errorf("another address: %v", err)
	} else {
		p.Close()
	}
}

// The cap is exact: joins racing each other cannot take a room past it,
// and the rest are told session_full.
func TestTheParticipantCapIsExact(t *testing.T) {
	k := wrap(t, kittest.Start(t, kittest.Options{MaxParticipants: 7}))
	s := k.start("try.en")
	got, _ := joinMany(t, k.base, s.Code, "127.0.0.6", 60)
	if got["welcome"] != 7 || got["session_full"] != 53 {
		t.Errorf("60 joins at once into a room of 7: got %v, want 7 welcomed and 53 session_full", got)
	}
	var snap struct{ Joined int }
	k.call("GET", "/api/sessions/"+s.ID, nil, &snap)
	if snap.Joined != 7 {
		t.Errorf("joined: got %d, want 7", snap.Joined)
	}
}
