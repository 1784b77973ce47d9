package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 5 s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestFiftyPhonesAnswerReconnectAndSurviveARestart(t *testing.T) {
	dir := t.TempDir()
	k := startKit(t, dir)
	s := k.start("try.en")
	if !strings.HasSuffix(s.JoinURL, "/j/"+s.Code) || strings.Contains(s.JoinURL, "localhost") {
		t.Errorf("got join_url %q, want a LAN address ending in /j/%s", s.JoinURL, s.Code)
	}
	q := k.questionSlides("try.en")["single"]

	const n = 50
	phones := make([]*phoneclient.Phone, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range phones {
		phones[i] = k.phone(s.Code)
		wg.Add(1)
		go func(p *phoneclient.Phone) {
			defer wg.Done()
			errs <- p.Join("", "en")
		}(phones[i])
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, "50 joined", func() bool { return k.session(s.ID).Joined == n })

	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": q}, nil)
	for i, p := range phones {
		if _, err := p.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == q && sl.Phase == "question" }); err != nil {
			t.Fatalf("phone %d never saw the question: %v", i, err)
		}
	}
	want := make([]int, 3)
	for i, p := range phones {
		wg.Add(1)
		want[i%3]++
		go func(i int, p *phoneclient.Phone) {
			defer wg.Done()
			if _, err := p.Answer(q, []int{i % 3}); err != nil {
				t.Errorf("phone %d: %v", i, err)
			}
		}(i, p)
	}
	wg.Wait()

	// The same answer again leaves one row.
	if _, err := phones[3].Answer(q, []int{0}); err != nil {
		t.Fatal(err)
	}
	// A phone drops mid-question and comes back as itself, with its answer.
	token := phones[7].Token
	phones[7].Close()
	back := k.phone(s.Code)
	if err := back.Resume(token); err != nil {
		t.Fatal(err)
	}
	if got := back.Answers[fmt.Sprint(q)]; len(got) != 1 || got[0] != 7%3 {
		t.Errorf("resumed phone: got answers %v, want slide %d: [%d]", back.Answers, q, 7%3)
	}
	if sl, err := back.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == q }); err != nil || sl.Phase != "question" {
		t.Errorf("resumed phone: got slide %+v (%v), want the open question", sl, err)
	}
	phones[7] = back

	eventually(t, "50 answered", func() bool { return k.session(s.ID).Answered == n })
	k.call("POST", "/api/sessions/"+s.ID+"/reveal", nil, nil)
	sl, err := phones[0].WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Reveal != nil })
	if err != nil {
		t.Fatal(err)
	}
	if sl.Reveal.Total != n || fmt.Sprint(sl.Reveal.Counts) != fmt.Sprint(want) {
		t.Errorf("reveal: got total %d counts %v, want %d %v", sl.Reveal.Total, sl.Reveal.Counts, n, want)
	}
	checkResults(t, k, s.ID, n, want)

	// Restart: phones are told, every acknowledged answer is still there,
	// the session is on the same slide and phones resume by themselves.
	k.stop()
	if m, err := phones[1].WaitFor(5*time.Second, func(m phoneclient.Message) bool { return m.Type == "bye" }); err != nil || m.Reason != "shutdown" {
		t.Errorf("got %+v (%v), want bye shutdown", m, err)
	}
	k2 := startKit(t, dir)
	if got := k2.session(s.ID); got.Index != q || got.Phase != "revealed" || got.Joined != n {
		t.Errorf("after restart: got %+v, want slide %d revealed with %d joined", got, q, n)
	}
	again := k2.phone(s.Code)
	if err := again.Resume(phones[10].Token); err != nil {
		t.Fatal(err)
	}
	if got := again.Answers[fmt.Sprint(q)]; len(got) != 1 || got[0] != 10%3 {
		t.Errorf("after restart: got answers %v, want [%d]", again.Answers, 10%3)
	}
	checkResults(t, k2, s.ID, n, want)
}

func checkResults(t *testing.T, k *kit, id string, n int, want []int) {
	t.Helper()
	var res struct {
		Participants int
		Questions    []struct {
			Responses int
			Right     *int
			Options   []struct{ Count int }
		}
	}
	k.call("GET", "/api/sessions/"+id+"/results", nil, &res)
	if res.Participants != n || len(res.Questions) == 0 || res.Questions[0].Responses != n {
		t.Fatalf("results: got %+v, want %d participants and %d responses to the first question", res, n, n)
	}
	for i, o := range res.Questions[0].Options {
		if o.Count != want[i] {
			t.Errorf("results option %d: got %d, want %d", i, o.Count, want[i])
		}
	}
	body := k.Get("/api/sessions/" + id + "/results.csv")
	if !bytes.HasPrefix(body, []byte("\uFEFF")) {
		t.Error("results.csv has no byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n+1 {
		t.Errorf("results.csv: got %d rows, want %d answers and a header", len(rows), n)
	}
}

func TestHostRoutesNeedTheKey(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	for _, r := range []struct{ method, path string }{
		{"GET", "/api/decks"}, {"POST", "/api/sessions"}, {"GET", "/api/sessions/" + s.ID},
		{"POST", "/api/sessions/" + s.ID + "/next"}, {"GET", "/api/sessions/" + s.ID + "/results.csv"},
		{"GET", "/api/sessions/" + s.ID + "/qr.png"}, {"GET", "/host"}, {"GET", "/host/s/" + s.ID},
		{"GET", "/host/s/" + s.ID + "/presenter"}, {"DELETE", "/api/sessions/" + s.ID},
	} {
		// The presenter's pages answer a page asking for the presenter link,
		// in the browser's language; the API answers its JSON refusal.
		page := strings.HasPrefix(r.path, "/host")
		for _, auth := range []string{"", "Bearer wrong-key-wrong-key-wrong", "Bearer " + testKey[:len(testKey)-1]} {
			req, _ := http.NewRequest(r.method, k.base+r.path, nil)
			if auth != "" {
				req.Header.Set("Authorization", auth)
			}
			if page && auth == "" {
				req.Header.Set("Accept-Language", "es-MX,es;q=0.9")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			if page {
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				want := "This page is for the presenter"
				if auth == "" {
					want = "Esta página es para quien presenta"
				}
				if resp.StatusCode != 401 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !bytes.Contains(body, []byte("<h1>"+want+"</h1>")) {
					t.Errorf("%s %s with %q: got %d %s, want 401 and a page saying %q", r.method, r.path, auth, resp.StatusCode, resp.Header.Get("Content-Type"), want)
				}
				continue
			}
			var e struct{ Error struct{ Code string } }
			json.NewDecoder(resp.Body).Decode(&e)
			resp.Body.Close()
			if resp.StatusCode != 401 || e.Error.Code != "unauthorized" {
				t.Errorf("%s %s with %q: got %d %q, want 401 unauthorized", r.method, r.path, auth, resp.StatusCode, e.Error.Code)
			}
		}
	}
	if got := k.session(s.ID); got.Index != -1 {
		t.Errorf("an unauthorized next moved the session to %d", got.Index)
	}
}

func TestPagesAndHeaders(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	for _, c := range []struct {
		path, lang string
		status     int
		contains   string
	}{
		{"/healthz", "", 200, `"status":"ok"`},
		{"/j/" + s.Code, "", 200, "<html"},
		{"/j/" + strings.ToLower(s.Code), "", 200, "<html"},
		{"/j/ZZZZ9999", "es-MX,es;q=0.9", 404, `lang="es"`},
		{"/j/ZZZZ9999", "en-US", 404, `lang="en"`},
		{"/static/i18n/phone.js", "", 200, "export default"},
		{"/static/i18n.js", "", 404, ""},
		{"/nope", "", 404, `"not_found"`},
	} {
		req, _ := http.NewRequest("GET", k.base+c.path, nil)
		if c.lang != "" {
			req.Header.Set("Accept-Language", c.lang)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || !strings.Contains(string(body), c.contains) {
			t.Errorf("GET %s: got %d, want %d containing %q", c.path, resp.StatusCode, c.status, c.contains)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", c.path)
		}
		if strings.HasPrefix(c.path, "/static/") && strings.HasSuffix(c.path, ".js") {
			continue // a script: the page that loads it carries the CSP
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("GET %s: got CSP %q, want scripts from self only", c.path, csp)
		}
	}
	// Logging in with the key sets an HttpOnly, SameSite=Strict cookie.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(k.base + "/host?key=" + testKey)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookie := resp.Header.Get("Set-Cookie")
	if resp.StatusCode != 303 || !strings.Contains(cookie, "HttpOnly") || !strings.Contains(strings.ToLower(cookie), "samesite=strict") {
		t.Errorf("login: got %d %q, want 303 with an HttpOnly SameSite=Strict cookie", resp.StatusCode, cookie)
	}
}

func TestSocketsRefuseForeignOriginsAndBadMessages(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	h := http.Header{"Origin": {"http://evil.example"}}
	if _, err := phoneclient.Dial(context.Background(), k.base, s.Code, h); err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("foreign origin: got %v, want a 403", err)
	}
	h = http.Header{"Origin": {k.base}}
	p, err := phoneclient.Dial(context.Background(), k.base, s.Code, h)
	if err != nil {
		t.Fatalf("same origin: %v", err)
	}
	defer p.Close()
	for _, c := range []struct {
		raw  string
		code string
	}{
		{`{"type":"answer","slide":0,"choice":[0],"ref":1}`, "not_joined"},
		{`not json`, "bad_message"},
		{`{"type":"dance"}`, "unknown_type"},
		{`{"type":"join","nick":"a\u0001b"}`, "bad_nick"},
		{"{\"type\":\"join\",\"nick\":\"a\x01b\"}", "bad_message"},
		{`{"type":"join","nick":"` + strings.Repeat("x", 25) + `"}`, "bad_nick"},
		{`{"type":"resume","token":"guess"}`, "bad_token"},
	} {
		p.SendRaw([]byte(c.raw))
		m, err := p.WaitFor(2*time.Second, func(m phoneclient.Message) bool { return m.Type == "error" })
		if err != nil || m.Code != c.code {
			t.Errorf("%s: got %q (%v), want %s", c.raw, m.Code, err, c.code)
		}
	}
	if err := p.Join("Sam", "en"); err != nil {
		t.Fatal(err)
	}
	p.SendRaw([]byte(`{"type":"join"}`))
	if m, _ := p.WaitFor(2*time.Second, func(m phoneclient.Message) bool { return m.Type == "error" }); m.Code != "already_joined" {
		t.Errorf("second join: got %q, want already_joined", m.Code)
	}
	if _, err := p.Answer(3, []int{0}); err == nil || !strings.Contains(err.Error(), "wrong_slide") {
		t.Errorf("answer to another slide: got %v, want wrong_slide", err)
	}
	p.SendRaw([]byte(`{"type":"ping","pad":"` + strings.Repeat("x", 5000) + `"}`))
	select {
	case <-p.Closed():
	case <-time.After(3 * time.Second):
		t.Error("a 5 KB message did not close the socket")
	}
	if st := k.call("GET", "/api/sessions/"+s.ID, nil, nil); st != 200 {
		t.Errorf("the kit is not healthy after bad input: %d", st)
	}
	if got := k.session(s.ID).Joined; got != 1 {
		t.Errorf("got %d joined, want 1", got)
	}
}

// TestPortIsStableAcrossRuns starts the kit without -addr three times on one
// data folder: it comes back on the port it used before, so a QR code
// printed for a workshop keeps working; when that port is taken it picks
// another, says so, and the one after keeps the new one.
func TestPortIsStableAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	start := func() (*app.App, int) {
		t.Helper()
		a, err := app.New(app.Config{DataDir: dir, Version: "test", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		go a.Serve()
		return a, a.Listener.Addr().(*net.TCPAddr).Port
	}
	a, first := start()
	a.Shutdown(context.Background())
	a, again := start()
	if again != first || a.PortFallback {
		t.Errorf("second start on port %d (fallback %v), want %d again", again, a.PortFallback, first)
	}
	a.Shutdown(context.Background())

	taken, err := net.Listen("tcp", net.JoinHostPort("", strconv.Itoa(first)))
	if err != nil {
		t.Fatal(err)
	}
	a, other := start()
	taken.Close()
	if other == first || !a.PortFallback {
		t.Errorf("with port %d taken: port %d, fallback %v; want another port and fallback", first, other, a.PortFallback)
	}
	a.Shutdown(context.Background())
	a, last := start()
	defer a.Shutdown(context.Background())
	if last != other {
		t.Errorf("after the fallback the kit came back on %d, want the port it used last, %d", last, other)
	}
}

func TestPortInUseFallsBack(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	a, err := app.New(app.Config{Addr: ln.Addr().String(), DataDir: t.TempDir(), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Shutdown(context.Background())
	if !a.PortFallback || a.Listener.Addr().String() == ln.Addr().String() {
		t.Errorf("got fallback %v on %s, want another port than %s", a.PortFallback, a.Listener.Addr(), ln.Addr())
	}
	if len(a.HostKey) < 32 {
		t.Errorf("generated host key %q is too short", a.HostKey)
	}
}
