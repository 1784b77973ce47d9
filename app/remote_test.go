package app_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fasthttp/websocket"

	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// remoteCall makes a request with only the phone remote's credential: the
// cookie, or (bearer) the key as a bearer token.
func remoteCall(t *testing.T, base, method, path, key string, bearer bool, body any) (int, string, http.Header) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, base+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if bearer {
		req.Header.Set("Authorization", "Bearer "+key)
	} else if key != "" {
		req.Header.Set("Cookie", "rt_remote="+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var e struct{ Error struct{ Code string } }
	json.Unmarshal(data, &e)
	return resp.StatusCode, e.Error.Code, resp.Header
}

// newRemote asks for a remote of session id as the presenter view does and
// returns its URL and key, checking the QR reads as the URL.
func newRemote(t *testing.T, k *kit, id string) (string, string) {
	t.Helper()
	var out struct{ URL, QR string }
	if st := k.call("POST", "/api/sessions/"+id+"/remote", nil, &out); st != 200 {
		t.Fatalf("POST remote: got %d, want 200", st)
	}
	u, key, ok := strings.Cut(out.URL, "#")
	if !ok || strings.Contains(out.URL, "?") || !strings.HasSuffix(u, "/remote/s/"+id) {
		t.Fatalf("remote URL %q: want …/remote/s/%s#KEY, no query string", out.URL, id)
	}
	// 256 random bits in base64url: 43 characters.
	if !regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`).MatchString(key) {
		t.Fatalf("remote key %q: want 43 base64url characters (256 bits)", key)
	}
	png, ok := strings.CutPrefix(out.QR, "data:image/png;base64,")
	if !ok {
		t.Fatalf("qr: want a PNG data URL, got %.40q", out.QR)
	}
	img, err := decodeB64(png)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := kittest.DecodeQR(img); err != nil || got != out.URL {
		t.Fatalf("the remote QR reads %q (%v), want %q", got, err, out.URL)
	}
	return out.URL, key
}

func dialRemote(base, id, key string) (*websocket.Conn, int, error) {
	h := http.Header{"Cookie": {"rt_remote=" + key}, "User-Agent": {testUA}}
	ws, resp, err := websocket.DefaultDialer.Dial(strings.Replace(base, "http", "ws", 1)+"/ws/host/"+id, h)
	st := 0
	if resp != nil {
		st = resp.StatusCode
	}
	return ws, st, err
}

// readUntil reads socket messages until match, or fails after within.
func readUntil(t *testing.T, ws *websocket.Conn, within time.Duration, what string, match func(map[string]any) bool) {
	t.Helper()
	ws.SetReadDeadline(time.Now().Add(within))
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
		var m map[string]any
		if json.Unmarshal(data, &m) == nil && match(m) {
			return
		}
	}
}

// TestRemoteKeyDrivesOneSession: the remote's key, exchanged for its
// cookie, moves and reveals its own session over HTTP and the host socket,
// and is refused everywhere else: another session, every deck, results,
// network, Wi-Fi, delete and end route, the remote's own management, and
// the full host pages; on the socket, end, lock and remove are refused.
func TestRemoteKeyDrivesOneSession(t *testing.T) {
	logs := &syncBuf{}
	k := wrap(t, kittest.Start(t, kittest.Options{Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}))
	a := k.start("try.en")
	b := k.start("try.en")
	_, key := newRemote(t, k, a.ID)

	// The page carries no secret; the key is traded for the cookie.
	st, _, hdr := remoteCall(t, k.base, "GET", "/remote/s/"+a.ID, "", false, nil)
	if st != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") {
		t.Fatalf("GET the remote page: got %d %s, want 200 HTML", st, hdr.Get("Content-Type"))
	}
	if st, code, _ := remoteCall(t, k.base, "POST", "/remote/s/"+b.ID+"/key", "", false, map[string]string{"key": key}); st != 401 || code != "remote_key" {
		t.Fatalf("session A's key traded on session B: got %d %s, want 401 remote_key", st, code)
	}
	wrong := key[:42] + "A"
	if key[42] == 'A' { // else the "wrong" key is the key (1 time in 64)
		wrong = key[:42] + "B"
	}
	if st, code, _ := remoteCall(t, k.base, "POST", "/remote/s/"+a.ID+"/key", "", false, map[string]string{"key": wrong}); st != 401 || code != "remote_key" {
		t.Fatalf("a wrong key: got %d %s, want 401 remote_key", st, code)
	}
	st, _, hdr = remoteCall(t, k.base, "POST", "/remote/s/"+a.ID+"/key", "", false, map[string]string{"key": key})
	cookie := hdr.Get("Set-Cookie")
	if st != 204 || !strings.HasPrefix(cookie, "rt_remote="+key+";") || !strings.Contains(cookie, "HttpOnly") || !strings.Contains(strings.ToLower(cookie), "samesite=strict") {
		t.Fatalf("trading the key: got %d, Set-Cookie %q; want 204 and an HttpOnly, SameSite=Strict rt_remote", st, cookie)
	}

	// Its own session: state and the four moves, by cookie or bearer.
	for _, bearer := range []bool{false, true} {
		for _, c := range []struct{ method, path string }{
			{"GET", "/api/sessions/" + a.ID}, {"POST", "/api/sessions/" + a.ID + "/next"},
			{"POST", "/api/sessions/" + a.ID + "/prev"},
		} {
			if st, code, _ := remoteCall(t, k.base, c.method, c.path, key, bearer, nil); st != 200 {
				t.Errorf("remote (bearer %v) %s %s: got %d %s, want 200", bearer, c.method, c.path, st, code)
			}
		}
	}
	if st, code, _ := remoteCall(t, k.base, "POST", "/api/sessions/"+a.ID+"/goto", key, false, map[string]int{"slide": 1}); st != 200 {
		t.Fatalf("remote goto: got %d %s", st, code)
	}
	if got := k.session(a.ID).Index; got != 1 {
		t.Fatalf("after the remote's goto 1: slide %d", got)
	}

	// Everything else refuses it.
	deckID := "try.en"
	refused := []struct{ method, path string }{
		{"GET", "/api/sessions/" + b.ID}, {"POST", "/api/sessions/" + b.ID + "/next"},
		{"POST", "/api/sessions/" + b.ID + "/prev"}, {"POST", "/api/sessions/" + b.ID + "/reveal"},
		{"POST", "/api/sessions/" + b.ID + "/goto"}, {"POST", "/api/sessions/" + b.ID + "/end"},
		{"POST", "/api/sessions/" + a.ID + "/end"}, {"POST", "/api/sessions/" + a.ID + "/lock"},
		{"POST", "/api/sessions/" + a.ID + "/unlock"}, {"GET", "/api/sessions/" + a.ID + "/participants"},
		{"DELETE", "/api/sessions/" + a.ID + "/participants/p1"}, {"GET", "/api/sessions/" + a.ID + "/qr.png"},
		{"GET", "/api/sessions/" + a.ID + "/results"}, {"GET", "/api/sessions/" + a.ID + "/results.csv"},
		{"DELETE", "/api/sessions/" + a.ID}, {"DELETE", "/api/sessions/" + b.ID},
		{"POST", "/api/sessions/" + a.ID + "/remote"}, {"DELETE", "/api/sessions/" + a.ID + "/remote"},
		{"GET", "/api/sessions"}, {"POST", "/api/sessions"},
		{"GET", "/api/decks"}, {"POST", "/api/decks"}, {"POST", "/api/decks/check"}, {"POST", "/api/decks/import"},
		{"GET", "/api/decks/" + deckID}, {"PUT", "/api/decks/" + deckID}, {"DELETE", "/api/decks/" + deckID},
		{"POST", "/api/decks/" + deckID + "/copy"}, {"GET", "/api/decks/" + deckID + "/export.md"},
		{"GET", "/api/decks/" + deckID + "/export.gift"},
		{"GET", "/api/network"}, {"POST", "/api/network"},
		{"GET", "/api/wifi"}, {"PUT", "/api/wifi"}, {"GET", "/api/wifi/qr.png"},
		{"GET", "/host"}, {"GET", "/host/decks/new"}, {"GET", "/host/decks/" + deckID + "/edit"},
		{"GET", "/host/s/" + a.ID}, {"GET", "/host/s/" + a.ID + "/presenter"}, {"GET", "/host/s/" + a.ID + "/report"},
		{"GET", "/host/s/" + b.ID + "/presenter"},
	}
	for _, bearer := range []bool{false, true} {
		for _, c := range refused {
			if st, code, _ := remoteCall(t, k.base, c.method, c.path, key, bearer, map[string]any{}); st != 401 {
				t.Errorf("remote key (bearer %v) on %s %s: got %d %s, want 401", bearer, c.method, c.path, st, code)
			}
		}
	}
	if s := k.session(a.ID); s.Phase == "ended" {
		t.Fatal("session A ended through a refused route")
	}
	if _, st, err := dialRemote(k.base, b.ID, key); err == nil || st != 401 {
		t.Fatalf("session A's key on session B's socket: got %d %v, want 401", st, err)
	}

	// The socket: moves yes, end/lock/remove no.
	ws, _, err := dialRemote(k.base, a.ID, key)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	readUntil(t, ws, 5*time.Second, "the state", func(m map[string]any) bool { return m["type"] == "host_state" })
	for _, typ := range []string{"end", "lock", "unlock", "remove"} {
		ws.WriteJSON(map[string]any{"type": typ, "ref": 7})
		readUntil(t, ws, 5*time.Second, typ+" refused", func(m map[string]any) bool { return m["code"] == "remote_forbidden" })
	}
	ws.WriteJSON(map[string]any{"type": "next", "on": 1})
	readUntil(t, ws, 5*time.Second, "slide 2", func(m map[string]any) bool { return m["type"] == "host_state" && m["index"] == 2.0 })
	if s := k.session(a.ID); s.Phase == "ended" {
		t.Fatal("the remote ended the session")
	}

	// Revoking disconnects the remote at once and refuses its key.
	if st := k.call("DELETE", "/api/sessions/"+a.ID+"/remote", nil, nil); st != 204 {
		t.Fatalf("revoke: got %d, want 204", st)
	}
	readUntil(t, ws, 3*time.Second, "remote_key on revoke", func(m map[string]any) bool { return m["code"] == "remote_key" })
	ws.SetReadDeadline(time.Now().Add(3 * time.Second))
	for {
		if _, _, err := ws.ReadMessage(); err != nil {
			if ne, ok := err.(interface{ Timeout() bool }); ok && ne.Timeout() {
				t.Fatal("the revoked remote's socket stayed open")
			}
			break
		}
	}
	if st, code, _ := remoteCall(t, k.base, "POST", "/api/sessions/"+a.ID+"/next", key, false, nil); st != 401 || code != "remote_key" {
		t.Fatalf("a revoked key: got %d %s, want 401 remote_key", st, code)
	}
	if _, st, err := dialRemote(k.base, a.ID, key); err == nil || st != 401 {
		t.Fatalf("a revoked key on the socket: got %d %v, want 401", st, err)
	}

	// A new key stops working when its session ends.
	_, key2 := newRemote(t, k, a.ID)
	if st, code, _ := remoteCall(t, k.base, "POST", "/api/sessions/"+a.ID+"/next", key2, false, nil); st != 200 {
		t.Fatalf("a new key: got %d %s, want 200", st, code)
	}
	if st := k.call("POST", "/api/sessions/"+a.ID+"/end", nil, nil); st != 200 {
		t.Fatalf("end: got %d", st)
	}
	if st, code, _ := remoteCall(t, k.base, "GET", "/api/sessions/"+a.ID, key2, false, nil); st != 401 || code != "remote_key" {
		t.Fatalf("the key of an ended session: got %d %s, want 401 remote_key", st, code)
	}
	if st, code, _ := remoteCall(t, k.base, "POST", "/remote/s/"+a.ID+"/key", "", false, map[string]string{"key": key2}); st != 401 || code != "remote_key" {
		t.Fatalf("trading the key of an ended session: got %d %s, want 401 remote_key", st, code)
	}
	if st, code := k.API("POST", "/api/sessions/"+a.ID+"/remote", nil, nil); st != 409 || code != "session_ended" {
		t.Fatalf("a remote for an ended session: got %d %s, want 409 session_ended", st, code)
	}
	k.stop()
	if l := logs.String(); strings.Contains(l, key) || strings.Contains(l, key2) {
		t.Errorf("a remote key reached the log:\n%s", l)
	}
}

func decodeB64(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }
