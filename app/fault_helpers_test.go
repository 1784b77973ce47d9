package app_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fasthttp/websocket"

	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// testUA is sent by every client of the fault and attack tests, so that a
// test can look for it where it must never be (the database).
const testUA = "EvilTestBrowser/9.9 (roundtable-attack-suite; zq7xk)"

// syncBuf is a log sink the kit and the test can share.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startLoggedKit is startKit with the kit's log kept for the test.
func startLoggedKit(t *testing.T, dir string) (*kit, *syncBuf) {
	t.Helper()
	logs := &syncBuf{}
	k := kittest.Start(t, kittest.Options{Dir: dir, Log: slog.New(slog.NewTextHandler(logs, nil))})
	return wrap(t, k), logs
}

func uaHeader() http.Header { return http.Header{"User-Agent": {testUA}} }

// joinPhones dials and joins n phones at once, each with the test's
// User-Agent.
func joinPhones(t *testing.T, base, code string, n int) []*phoneclient.Phone {
	t.Helper()
	return kittest.Attach(t, base, testKey).JoinPhones(code, n, uaHeader())
}

// waitAllSlide waits until every phone shows slide index (any phase).
func waitAllSlide(t *testing.T, phones []*phoneclient.Phone, index int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for i, p := range phones {
		if _, err := p.WaitSlide(time.Until(deadline), func(s phoneclient.Slide) bool { return s.Index == index }); err != nil {
			t.Fatalf("phone %d did not see slide %d within %v (it shows %d)", i, index, within, p.Slide().Index)
		}
	}
}

// csvAnswers reads results.csv: participant → choice letters for one slide,
// and how many rows repeat a participant and slide.
func csvAnswers(t *testing.T, base, id string, slide int) (map[string]string, int) {
	t.Helper()
	body := kittest.Attach(t, base, testKey).Get("/api/sessions/" + id + "/results.csv")
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("results.csv: %v", err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	out := map[string]string{}
	seen := map[string]bool{}
	dups := 0
	for _, r := range rows[1:] {
		key := r[col["participant"]] + "/" + r[col["slide"]]
		if seen[key] {
			dups++
		}
		seen[key] = true
		if r[col["slide"]] == fmt.Sprint(slide) {
			out[r[col["participant"]]] = r[col["choice"]]
		}
	}
	return out, dups
}

func letters(choice []int) string {
	s := make([]string, len(choice))
	for i, c := range choice {
		s[i] = string(rune('A' + c))
	}
	return strings.Join(s, ";")
}

// hostConn is a presenter view over the host socket.
type hostConn struct {
	ws  *websocket.Conn
	mu  sync.Mutex
	all []map[string]any
}

func dialHost(t *testing.T, base, id string) *hostConn {
	t.Helper()
	h := http.Header{"Authorization": {"Bearer " + testKey}, "User-Agent": {testUA}}
	ws, _, err := websocket.DefaultDialer.Dial(strings.Replace(base, "http", "ws", 1)+"/ws/host/"+id, h)
	if err != nil {
		t.Fatal(err)
	}
	hc := &hostConn{ws: ws}
	t.Cleanup(func() { ws.Close() })
	go func() {
		for {
			_, data, err := ws.ReadMessage()
			if err != nil {
				return
			}
			var m map[string]any
			if json.Unmarshal(data, &m) == nil {
				hc.mu.Lock()
				hc.all = append(hc.all, m)
				hc.mu.Unlock()
			}
		}
	}()
	return hc
}

// last returns the newest host_state or host_counts message.
func (h *hostConn) last() map[string]any {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := len(h.all) - 1; i >= 0; i-- {
		if t := h.all[i]["type"]; t == "host_state" || t == "host_counts" {
			return h.all[i]
		}
	}
	return nil
}

// waitFor waits until the newest presenter message matches.
func (h *hostConn) waitFor(t *testing.T, what string, within time.Duration, match func(map[string]any) bool) map[string]any {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		if m := h.last(); m != nil && match(m) {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("presenter: %s not within %v; last %v", what, within, h.last())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
