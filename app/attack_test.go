package app_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fasthttp/websocket"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// The evil-client suite: every kind of bad input a phone socket can get,
// while 50 honest phones are in the room. Each gets a clear error code, the
// kit stays healthy, nothing wrong is stored, the honest phones carry on.
func TestEvilClients(t *testing.T) {
	dir := t.TempDir()
	k := startKit(t, dir)
	a := k.start("try.en")
	b := k.start("try.en")
	qs := k.questionSlides("try.en")
	q, q2 := qs["single"], qs["multiple"]
	good := joinPhones(t, k.base, a.Code, 50)
	k.call("POST", "/api/sessions/"+a.ID+"/goto", map[string]int{"slide": q}, nil)
	k.call("POST", "/api/sessions/"+b.ID+"/goto", map[string]int{"slide": 0}, nil)
	waitAllSlide(t, good, q, 5*time.Second)
	for i, p := range good {
		if _, err := p.Answer(q, []int{i % 3}); err != nil {
			t.Fatal(err)
		}
	}
	joinA := len(good) // participants session A should end with
	phonePath := func(code string) string { return "/ws/join/" + code }

	// A socket that never joins is let go after about 10 s.
	var silent *evil
	silentStart := time.Now()
	if !testing.Short() {
		silent = dialEvil(t, k.base, phonePath(a.Code), nil)
	}

	t.Run("oversized frame", func(t *testing.T) {
		e := dialEvil(t, k.base, phonePath(a.Code), nil)
		e.text(`{"type":"ping","pad":"` + strings.Repeat("x", 5000) + `"}`)
		e.errorCode("too_large", 1)
		if code, ok := e.waitClosed(3 * time.Second); !ok || code != websocket.CloseMessageTooBig {
			t.Errorf("got close %d (closed %v), want 1009", code, ok)
		}
	})
	t.Run("join with a 10 MB nick", func(t *testing.T) {
		e := dialEvil(t, k.base, phonePath(a.Code), nil)
		go e.text(`{"type":"join","nick":"` + strings.Repeat("n", 10<<20) + `"}`)
		// The kit stops reading at 4 KiB and closes; the error and the close
		// frame may be lost in the reset that follows, the close may not.
		if _, ok := e.waitClosed(5 * time.Second); !ok {
			t.Error("the socket was not closed")
		}
	})
	t.Run("invalid UTF-8, binary frames, deep JSON, wrong shapes", func(t *testing.T) {
		e := dialEvil(t, k.base, phonePath(a.Code), nil)
		n := 0
		for _, raw := range []string{
			"{\"type\":\"join\",\"nick\":\"\xff\xfe\"}",
			"\xc3\x28",
			`{"type":` + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + `}`,
			`{"type":` + strings.Repeat(`{"a":`, 600) + `1` + strings.Repeat(`}`, 601),
			`[{"type":"join"}]`, `"join"`, `{"type":"answer","slide":"4"}`, `{"type":"answer","choice":{"0":1}}`,
			`{"type":"join","nick":` + strings.Repeat("9", 3000) + `}`,
		} {
			e.text(raw)
			n++
			e.errorCode("bad_message", n)
		}
		e.send(websocket.BinaryMessage, []byte(`{"type":"join"}`))
		e.errorCode("bad_message", n+1)
		// Still open, and still usable.
		e.text(`{"type":"ping"}`)
		e.expect("pong", 1, isType("pong"))
	})
	t.Run("unknown types and host actions on a phone socket", func(t *testing.T) {
		e := dialEvil(t, k.base, phonePath(a.Code), nil)
		types := []string{"dance", "", "JOIN", "next", "prev", "reveal", "end", "goto", "host_state", "welcome"}
		for i, ty := range types {
			e.text(fmt.Sprintf(`{"type":%q,"slide":0}`, ty))
			e.errorCode("unknown_type", i+1)
		}
		if got := k.session(a.ID); got.Index != q || got.Phase != "question" {
			t.Errorf("host actions from a phone moved the session: %+v", got)
		}
	})
	t.Run("answers for another session or question", func(t *testing.T) {
		inB := dialEvil(t, k.base, phonePath(b.Code), nil)
		inB.text(`{"type":"join"}`)
		inB.expect("welcome", 1, isType("welcome"))
		inB.text(fmt.Sprintf(`{"type":"answer","slide":%d,"choice":[0],"ref":1}`, q))
		inB.errorCode("wrong_slide", 1)
		inB.text(`{"type":"answer","slide":0,"choice":[0],"ref":2}`)
		inB.errorCode("question_closed", 1)

		inA := dialEvil(t, k.base, phonePath(a.Code), nil)
		inA.text(`{"type":"join"}`)
		inA.expect("welcome", 1, isType("welcome"))
		joinA++
		for i, c := range []struct{ msg, code string }{
			{fmt.Sprintf(`{"type":"answer","slide":%d,"choice":[0],"ref":1}`, q2), "wrong_slide"},
			{fmt.Sprintf(`{"type":"answer","slide":%d,"choice":[0],"ref":1}`, q+1000000), "wrong_slide"},
			{`{"type":"answer","slide":-1,"choice":[0],"ref":1}`, "wrong_slide"},
			{fmt.Sprintf(`{"type":"answer","slide":%d,"choice":[7],"ref":1}`, q), "bad_choice"},
			{fmt.Sprintf(`{"type":"answer","slide":%d,"choice":[-1],"ref":1}`, q), "bad_choice"},
			{fmt.Sprintf(`{"type":"answer","slide":%d,"choice":[0,1],"ref":1}`, q), "bad_choice"},
			{fmt.Sprintf(`{"type":"answer","slide":%d,"choice":[],"ref":1}`, q), "bad_choice"},
			{fmt.Sprintf(`{"type":"answer","slide":%d,"choice":[9223372036854775807],"ref":1}`, q), "bad_choice"},
			{`{"type":"answer","choice":[0],"ref":1}`, "bad_choice"},
		} {
			match := func(m map[string]any) bool { return m["code"] == c.code }
			n := inA.count(match) + 1
			inA.text(c.msg)
			m := inA.expect(c.code, n, match)
			if m["ref"] != float64(1) {
				t.Errorf("case %d: got ref %v, want 1", i, m["ref"])
			}
		}
	})
	t.Run("guessed and foreign resume tokens", func(t *testing.T) {
		e := dialEvil(t, k.base, phonePath(b.Code), nil)
		guesses := []string{good[0].Token, good[1].Participant, "", strings.Repeat("A", 43), good[2].Token + "x", good[3].Token[:len(good[3].Token)-1]}
		for range 20 {
			r := make([]byte, 32)
			rand.Read(r)
			guesses = append(guesses, base64.RawURLEncoding.EncodeToString(r))
		}
		for i, g := range guesses {
			e.text(fmt.Sprintf(`{"type":"resume","token":%q}`, g))
			e.errorCode("bad_token", i+1)
			time.Sleep(30 * time.Millisecond) // stay under the rate limit: this test is about tokens
		}
		if e.count(isType("welcome")) != 0 {
			t.Error("a guessed or foreign token was let in")
		}
		// After bad_token the phone joins afresh, as PROTOCOL.md says.
		e.text(`{"type":"join"}`)
		e.expect("welcome", 1, isType("welcome"))
	})
	t.Run("joining a thousand times from one connection", func(t *testing.T) {
		e := dialEvil(t, k.base, phonePath(a.Code), nil)
		for range 1000 {
			if e.text(`{"type":"join"}`) != nil {
				break
			}
		}
		joinA++
		if code, ok := e.waitClosed(5 * time.Second); !ok || code != websocket.ClosePolicyViolation {
			t.Errorf("got close %d (closed %v), want 1008", code, ok)
		}
		if w := e.count(isType("welcome")); w != 1 {
			t.Errorf("got %d welcomes, want 1", w)
		}
		if e.count(func(m map[string]any) bool { return m["code"] == "already_joined" }) == 0 || e.count(func(m map[string]any) bool { return m["code"] == "rate_limited" }) == 0 {
			t.Errorf("want already_joined and rate_limited errors, got %d messages", len(e.msgs))
		}
	})
	t.Run("1000 messages a second while the room follows the slides", func(t *testing.T) {
		e := dialEvil(t, k.base, phonePath(a.Code), nil)
		done := make(chan struct{})
		go func() {
			defer close(done)
			tick := time.NewTicker(time.Millisecond)
			defer tick.Stop()
			for i := 0; i < 1000; i++ {
				<-tick.C
				if e.text(`{"type":"ping"}`) != nil {
					return
				}
			}
		}()
		time.Sleep(50 * time.Millisecond)
		start := time.Now()
		k.call("POST", "/api/sessions/"+a.ID+"/goto", map[string]int{"slide": 0}, nil)
		waitAllSlide(t, good, 0, 2*time.Second)
		t.Logf("slide fan-out to 50 phones during the flood: %v", time.Since(start))
		k.call("POST", "/api/sessions/"+a.ID+"/goto", map[string]int{"slide": q}, nil)
		waitAllSlide(t, good, q, 2*time.Second)
		<-done
		if code, ok := e.waitClosed(3 * time.Second); !ok || code != websocket.ClosePolicyViolation {
			t.Errorf("the flooder: got close %d (closed %v), want 1008", code, ok)
		}
		if e.count(func(m map[string]any) bool { return m["code"] == "rate_limited" }) == 0 {
			t.Error("the flooder never got rate_limited")
		}
		if p := e.count(isType("pong")); p > 60 {
			t.Errorf("the flooder got %d pongs, want at most a burst's worth", p)
		}
	})

	if silent != nil {
		if _, ok := silent.waitClosed(15*time.Second - time.Since(silentStart)); !ok {
			t.Error("a socket that never joined is still open after 15 s")
		} else if d := time.Since(silentStart); d < 9*time.Second {
			t.Errorf("a socket that never joined was closed after %v, want about 10 s", d)
		}
	}

	// The kit is healthy, the honest phones were never dropped and still
	// answer, and the database holds exactly what it should.
	if h := health(t, k.base); h["status"] != "ok" {
		t.Errorf("/healthz: %v", h)
	}
	for i, p := range good {
		select {
		case <-p.Closed():
			t.Errorf("honest phone %d was dropped", i)
		default:
		}
	}
	if _, err := good[0].Answer(q, []int{0}); err != nil {
		t.Errorf("an honest phone after the attack: %v", err)
	}
	if got := k.session(a.ID); got.Joined != joinA || got.Answered != len(good) {
		t.Errorf("session A: got %d joined, %d answered, want %d and %d", got.Joined, got.Answered, joinA, len(good))
	}
	rows, dups := csvAnswers(t, k.base, a.ID, q)
	if len(rows) != len(good) || dups != 0 {
		t.Errorf("session A: %d answers, %d duplicates, want %d and 0", len(rows), dups, len(good))
	}
	for i, p := range good {
		if want := letters([]int{i % 3}); i > 0 && rows[p.Participant] != want {
			t.Errorf("honest phone %d: stored %q, want %q", i, rows[p.Participant], want)
		}
	}
	if rowsB, _ := csvAnswers(t, k.base, b.ID, q); len(rowsB) != 0 {
		t.Errorf("session B has answers: %v", rowsB)
	}
	k.stop()
	db := openDB(t, filepath.Join(dir, "roundtable.db"))
	var nicks int
	db.QueryRow(`SELECT count(*) FROM participants WHERE length(nick) > 24 OR session_id NOT IN (SELECT id FROM sessions)`).Scan(&nicks)
	var stray int
	db.QueryRow(`SELECT count(*) FROM answers a JOIN sessions s ON s.id = a.session_id WHERE a.session_id = ? OR a.slide <> ?`, b.ID, q).Scan(&stray)
	if nicks != 0 || stray != 0 {
		t.Errorf("database: %d bad participants, %d stray answers", nicks, stray)
	}
}

func openDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// hostRoute is one host endpoint with a body that would change something if
// the request were let through.
type hostRoute struct {
	method, path, ctype string
	body                []byte
}

func hostRoutes(sessID, deckID string) []hostRoute {
	j := func(m, p, b string) hostRoute { return hostRoute{m, p, "application/json", []byte(b)} }
	var mp bytes.Buffer
	mp.WriteString("--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"q.txt\"\r\n\r\nWhat is 1+1?\r\nA. 1\r\nB. 2\r\nANSWER: B\r\n--XX\r\nContent-Disposition: form-data; name=\"save\"\r\n\r\n1\r\n--XX--\r\n")
	src := `{"source":"---\ntitle: Pwned\nlang: en\n---\n\n# Pwned\n\nx\n"}`
	s := "/api/sessions/" + sessID
	return []hostRoute{
		j("GET", "/api/decks", ""), j("GET", "/api/decks/"+deckID, ""), j("POST", "/api/decks", src),
		j("PUT", "/api/decks/"+deckID, src), j("DELETE", "/api/decks/"+deckID, ""), j("POST", "/api/decks/"+deckID+"/copy", ""),
		j("POST", "/api/decks/check", src),
		{"POST", "/api/decks/import", "multipart/form-data; boundary=XX", mp.Bytes()},
		j("GET", "/api/decks/"+deckID+"/export.md", ""), j("GET", "/api/decks/"+deckID+"/export.gift", ""),
		j("GET", "/api/network", ""), j("POST", "/api/network", `{"url":"http://10.9.9.9:8080"}`),
		j("POST", "/api/sessions", `{"deck":"try.en"}`), j("GET", "/api/sessions", ""), j("GET", s, ""),
		j("POST", s+"/next", ""), j("POST", s+"/prev", ""), j("POST", s+"/reveal", ""), j("POST", s+"/end", ""),
		j("POST", s+"/goto", `{"slide":3}`), j("POST", s+"/lock", ""), j("POST", s+"/unlock", ""),
		j("GET", s+"/participants", ""), j("DELETE", s+"/participants/pNOSUCH", ""),
		j("GET", s+"/qr.png", ""), j("GET", s+"/results", ""),
		j("GET", s+"/results.csv", ""), j("DELETE", s, ""),
		j("POST", s+"/remote", ""), j("DELETE", s+"/remote", ""),
		j("GET", "/api/wifi", ""), j("PUT", "/api/wifi", `{"ssid":"Pwned","password":"12345678"}`), j("GET", "/api/wifi/qr.png", ""),
		j("GET", "/host/s/"+sessID+"/presenter", ""),
		j("GET", "/host", ""), j("GET", "/host?key=wrong-wrong-wrong-wrong", ""), j("GET", "/host/s/"+sessID, ""),
		j("GET", "/host/s/"+sessID+"/report", ""),
	}
}

// Every host endpoint and the host socket, tried with no key, a wrong key,
// a phone's resume token (as bearer and as cookie) and, with the right key,
// from a foreign Origin: all refused, and nothing changed.
func TestEveryHostRouteRefusesStrangers(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	var copied struct {
		Deck struct{ ID, Source string }
	}
	if st := k.call("POST", "/api/decks/try.en/copy", nil, &copied); st != 201 && st != 200 {
		t.Fatalf("copy: %d", st)
	}
	deckID := copied.Deck.ID
	k.call("POST", "/api/sessions/"+s.ID+"/next", nil, nil)
	p := k.phone(s.Code)
	if err := p.Join("", "en"); err != nil {
		t.Fatal(err)
	}
	// Another session's phone remote: its key opens nothing of this one.
	other := k.start("try.en")
	var rm struct{ URL string }
	if st := k.call("POST", "/api/sessions/"+other.ID+"/remote", nil, &rm); st != 200 {
		t.Fatalf("a remote for another session: %d", st)
	}
	_, otherRemote, _ := strings.Cut(rm.URL, "#")
	before := hostSnapshot(t, k, s.ID, deckID)

	type cred struct {
		name   string
		set    func(*http.Request)
		status int
	}
	creds := []cred{
		{"no key", func(*http.Request) {}, 401},
		{"wrong key", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+strings.Repeat("k", len(testKey))) }, 401},
		{"key as a query", func(r *http.Request) { r.URL.RawQuery = "key=" + testKey + "&x=1" }, 401},
		{"basic auth", func(r *http.Request) { r.SetBasicAuth("host", testKey) }, 401},
		{"phone token as bearer", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+p.Token) }, 401},
		{"phone token as cookie", func(r *http.Request) { r.AddCookie(&http.Cookie{Name: "rt_host", Value: p.Token}) }, 401},
		{"another session's remote cookie", func(r *http.Request) { r.AddCookie(&http.Cookie{Name: "rt_remote", Value: otherRemote}) }, 401},
		{"another session's remote key as bearer", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+otherRemote) }, 401},
		{"another session's remote key as the host cookie", func(r *http.Request) { r.AddCookie(&http.Cookie{Name: "rt_host", Value: otherRemote}) }, 401},
		{"key from a foreign origin", func(r *http.Request) {
			r.Header.Set("Authorization", "Bearer "+testKey)
			r.Header.Set("Origin", "http://evil.example")
		}, 403},
		{"cookie from a null origin", func(r *http.Request) {
			r.AddCookie(&http.Cookie{Name: "rt_host", Value: testKey})
			r.Header.Set("Origin", "null")
		}, 403},
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, r := range hostRoutes(s.ID, deckID) {
		for _, c := range creds {
			if c.name == "key as a query" && strings.HasPrefix(r.path, "/host") && !strings.HasPrefix(r.path, "/host/") {
				continue // /host?key=KEY is how the presenter logs in
			}
			if c.name == "key as a query" && strings.Contains(r.path, "?") {
				continue
			}
			req, _ := http.NewRequest(r.method, k.base+r.path, bytes.NewReader(r.body))
			req.Header.Set("Content-Type", r.ctype)
			req.Header.Set("User-Agent", testUA)
			c.set(req)
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			want := c.status
			if r.path == "/host?key=wrong-wrong-wrong-wrong" && want == 403 {
				want = 403 // the origin check comes first
			}
			if resp.StatusCode != want {
				t.Errorf("%s %s with %s: got %d %s, want %d", r.method, r.path, c.name, resp.StatusCode, body, want)
			}
			if sc := resp.Header.Get("Set-Cookie"); sc != "" {
				t.Errorf("%s %s with %s: a refused request set a cookie: %s", r.method, r.path, c.name, sc)
			}
		}
	}
	// The host socket, and every host action over it, needs the key too.
	wsURL := strings.Replace(k.base, "http", "ws", 1) + "/ws/host/" + s.ID
	for _, c := range creds {
		req, _ := http.NewRequest("GET", wsURL, nil)
		c.set(req)
		ws, resp, err := websocket.DefaultDialer.Dial(req.URL.String(), req.Header)
		if err == nil {
			for _, act := range []string{`{"type":"next"}`, `{"type":"prev"}`, `{"type":"reveal"}`, `{"type":"goto","slide":4}`, `{"type":"end"}`} {
				ws.WriteMessage(websocket.TextMessage, []byte(act))
			}
			ws.Close()
			t.Errorf("host socket with %s: let in", c.name)
			continue
		}
		if resp == nil || resp.StatusCode != c.status {
			t.Errorf("host socket with %s: got %v, want %d", c.name, err, c.status)
		}
	}
	// A phone socket from a foreign page is refused too.
	if _, err := phoneclient.Dial(context.Background(), k.base, s.Code, http.Header{"Origin": {"http://evil.example"}}); err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("phone socket from a foreign origin: got %v, want 403", err)
	}
	if after := hostSnapshot(t, k, s.ID, deckID); after != before {
		t.Errorf("refused requests changed the kit:\nbefore %s\nafter  %s", before, after)
	}
}

// hostSnapshot is everything a host request could change, as one string.
func hostSnapshot(t *testing.T, k *kit, id, deckID string) string {
	t.Helper()
	var out strings.Builder
	for _, path := range []string{"/api/sessions", "/api/decks", "/api/decks/" + deckID, "/api/network", "/api/sessions/" + id + "/results", "/api/wifi"} {
		var v any
		st := k.call("GET", path, nil, &v)
		fmt.Fprintf(&out, "%s %d %v\n", path, st, v)
	}
	return out.String()
}

// The host key and resume tokens carry at least 128 random bits, are kept
// private on disk, and the key is compared only in constant time.
func TestSecretsAreStrongPrivateAndComparedInConstantTime(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	a, err := app.New(app.Config{Addr: "127.0.0.1:0", DataDir: dir, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	k := serveKit(t, a)
	if raw, err := base64.RawURLEncoding.DecodeString(a.HostKey); err != nil || len(raw)*8 < 128 {
		t.Errorf("generated host key %q: %d bits (%v), want at least 128", a.HostKey, len(raw)*8, err)
	}
	var sess map[string]string
	req, _ := http.NewRequest("POST", k.base+"/api/sessions", strings.NewReader(`{"deck":"try.en"}`))
	req.Header.Set("Authorization", "Bearer "+a.HostKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	jsonDecode(resp.Body, &sess)
	resp.Body.Close()
	seen := map[string]bool{}
	for range 20 {
		p := k.phone(sess["code"])
		if err := p.Join("", "en"); err != nil {
			t.Fatal(err)
		}
		raw, err := base64.RawURLEncoding.DecodeString(p.Token)
		if err != nil || len(raw)*8 < 128 || seen[p.Token] {
			t.Errorf("resume token %q: %d bits (%v), repeated %v; want at least 128 fresh bits", p.Token, len(raw)*8, err, seen[p.Token])
		}
		seen[p.Token] = true
	}
	// The tokens themselves are not stored, only their SHA-256.
	db := openDB(t, a.DBPath)
	rows, _ := db.Query(`SELECT token_hash FROM participants`)
	for rows.Next() {
		var h []byte
		rows.Scan(&h)
		if len(h) != 32 {
			t.Errorf("stored token hash has %d bytes, want a 32-byte SHA-256", len(h))
		}
		for tok := range seen {
			if bytes.Contains(h, []byte(tok)) {
				t.Error("a resume token is stored in clear")
			}
		}
	}
	rows.Close()

	for _, f := range []struct {
		path string
		mode os.FileMode
	}{{dir, 0o700}, {filepath.Join(dir, "host.key"), 0o600}, {a.DBPath, 0o600}, {a.DBPath + "-wal", 0o600}, {a.DBPath + "-shm", 0o600}} {
		st, err := os.Stat(f.path)
		if err != nil {
			t.Errorf("%s: %v", f.path, err)
			continue
		}
		if st.Mode().Perm()&^f.mode != 0 {
			t.Errorf("%s: mode %v, want no more than %v", f.path, st.Mode().Perm(), f.mode)
		}
	}

	// Code review as a test: every comparison with the host key goes
	// through keyMatches, and keyMatches uses subtle.ConstantTimeCompare.
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, "../handlers", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	constantTime := false
	for _, pkg := range pkgs {
		for _, file := range pkg.Files {
			ast.Inspect(file, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncDecl:
					if n.Name.Name == "valid" && n.Recv != nil { // remotes.valid: the phone remotes' keys
						remoteCT := false
						ast.Inspect(n, func(m ast.Node) bool {
							if sel, ok := m.(*ast.SelectorExpr); ok && sel.Sel.Name == "ConstantTimeCompare" {
								remoteCT = true
							}
							return true
						})
						if !remoteCT {
							t.Errorf("%s: remotes.valid does not use subtle.ConstantTimeCompare", fset.Position(n.Pos()))
						}
					}
					if n.Name.Name == "keyMatches" {
						ast.Inspect(n, func(m ast.Node) bool {
							if sel, ok := m.(*ast.SelectorExpr); ok && sel.Sel.Name == "ConstantTimeCompare" {
								if id, ok := sel.X.(*ast.Ident); ok && id.Name == "subtle" {
									constantTime = true
								}
							}
							return true
						})
					}
				case *ast.BinaryExpr:
					if n.Op == token.EQL || n.Op == token.NEQ {
						for _, side := range []ast.Expr{n.X, n.Y} {
							if sel, ok := side.(*ast.SelectorExpr); ok && sel.Sel.Name == "HostKey" {
								t.Errorf("%s: the host key is compared with %s, not in constant time", fset.Position(n.Pos()), n.Op)
							}
						}
					}
				case *ast.CallExpr:
					if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
						if x, ok := sel.X.(*ast.Ident); ok && (x.Name == "strings" || x.Name == "bytes") && (sel.Sel.Name == "EqualFold" || sel.Sel.Name == "Compare" || sel.Sel.Name == "Equal") {
							for _, arg := range n.Args {
								if s, ok := arg.(*ast.SelectorExpr); ok && s.Sel.Name == "HostKey" {
									t.Errorf("%s: the host key is compared with %s.%s", fset.Position(n.Pos()), x.Name, sel.Sel.Name)
								}
							}
						}
					}
				}
				return true
			})
		}
	}
	if !constantTime {
		t.Error("handlers.keyMatches does not use subtle.ConstantTimeCompare")
	}
}

func jsonDecode(r io.Reader, v any) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return jsonUnmarshal(b, v)
}

var (
	ipv4 = regexp.MustCompile(`\b(?:\d{1,3}\.){3}\d{1,3}\b`)
	ipv6 = regexp.MustCompile(`(?i)(?:\b[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}\b|::1\b|::ffff:|\bfe80:`)
)

// After a whole session (joins, answers, resumes, a deck saved, the session
// ended) with a distinctive User-Agent and forwarded-for address on every
// request, no table or column in the database holds an IP address or a user
// agent.
func TestDatabaseHoldsNoIPAddressOrUserAgent(t *testing.T) {
	dir := t.TempDir()
	k := startKit(t, dir)
	s := k.start("try.en")
	q := k.questionSlides("try.en")["single"]
	const forwarded = "203.0.113.77"
	h := uaHeader()
	h.Set("X-Forwarded-For", forwarded+", 2001:db8::77")
	h.Set("X-Real-IP", forwarded)
	var phones []*phoneclient.Phone
	for i := range 10 {
		p, err := phoneclient.Dial(context.Background(), k.base, s.Code, h)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		nick := ""
		if i%2 == 0 {
			nick = fmt.Sprintf("Nick%d", i)
		}
		if err := p.Join(nick, []string{"en", "es"}[i%2]); err != nil {
			t.Fatal(err)
		}
		phones = append(phones, p)
	}
	req := func(method, path, body string) {
		r, _ := http.NewRequest(method, k.base+path, strings.NewReader(body))
		r.Header = h.Clone()
		r.Header.Set("Authorization", "Bearer "+testKey)
		r.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	req("POST", "/api/decks", `{"source":"---\ntitle: Mine\nlang: en\n---\n\n# Mine\n\nHello.\n"}`)
	req("POST", "/api/sessions/"+s.ID+"/goto", fmt.Sprintf(`{"slide":%d}`, q))
	for i, p := range phones {
		if _, err := p.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == q }); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Answer(q, []int{i % 3}); err != nil {
			t.Fatal(err)
		}
	}
	phones[0].Close()
	back, err := phoneclient.Dial(context.Background(), k.base, s.Code, h)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if err := back.Resume(phones[0].Token); err != nil {
		t.Fatal(err)
	}
	req("POST", "/api/sessions/"+s.ID+"/reveal", "")
	req("POST", "/api/sessions/"+s.ID+"/end", "")
	k.stop()

	local := strings.TrimPrefix(k.base, "http://")
	local = local[:strings.LastIndex(local, ":")]
	needles := []string{testUA, "EvilTestBrowser", forwarded, "2001:db8", "127.0.0.1", local, "localhost", "Go-http-client"}
	db := openDB(t, filepath.Join(dir, "roundtable.db"))
	tables, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var n string
		tables.Scan(&n)
		names = append(names, n)
	}
	tables.Close()
	cells := 0
	for _, table := range names {
		rows, err := db.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				cells++
				var text string
				switch v := v.(type) {
				case string:
					text = v
					if m := ipv4.FindString(text); m != "" {
						t.Errorf("%s.%s holds an IPv4 address %q", table, cols[i], m)
					}
					if m := ipv6.FindString(text); m != "" {
						t.Errorf("%s.%s holds an IPv6 address %q", table, cols[i], m)
					}
				case []byte:
					text = string(v)
				default:
					continue
				}
				for _, n := range needles {
					if strings.Contains(strings.ToLower(text), strings.ToLower(n)) {
						t.Errorf("%s.%s holds %q", table, cols[i], n)
					}
				}
			}
		}
		rows.Close()
	}
	if cells < 50 {
		t.Fatalf("read only %d cells from %v; the scan is not seeing the data", cells, names)
	}
	// And not hidden anywhere in the file's bytes either.
	db.Close()
	for _, f := range []string{"roundtable.db", "roundtable.db-wal"} {
		raw, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			continue
		}
		for _, n := range []string{testUA, forwarded, "127.0.0.1"} {
			if bytes.Contains(raw, []byte(n)) {
				t.Errorf("%s contains %q", f, n)
			}
		}
	}
}
