package app_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/fasthttp/websocket"
)

// A browser that sends the cookie but no Origin still says where the request
// came from in Sec-Fetch-Site: a state-changing request (or a socket) from
// another site is refused, and nothing changes. Reads stay open to it.
func TestCrossSiteRequestsWithoutOriginAreRefused(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	var copied struct{ Deck struct{ ID string } }
	k.call("POST", "/api/decks/try.en/copy", nil, &copied)
	before := hostSnapshot(t, k, s.ID, copied.Deck.ID)
	for _, site := range []string{"cross-site", "same-site"} {
		for _, r := range hostRoutes(s.ID, copied.Deck.ID) {
			req, _ := http.NewRequest(r.method, k.base+r.path, bytes.NewReader(r.body))
			req.Header.Set("Content-Type", r.ctype)
			req.Header.Set("User-Agent", testUA)
			req.Header.Set("Sec-Fetch-Site", site)
			req.AddCookie(&http.Cookie{Name: "rt_host", Value: testKey})
			resp, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			refused := resp.StatusCode == 403 && strings.Contains(string(body), `"forbidden_origin"`)
			if changes := r.method != "GET"; changes != refused {
				t.Errorf("%s %s %s: got %d %s, want refused=%v", site, r.method, r.path, resp.StatusCode, body, changes)
			}
		}
		for _, path := range []string{"/ws/host/" + s.ID, "/ws/join/" + s.Code} {
			h := http.Header{"Sec-Fetch-Site": {site}, "Cookie": {"rt_host=" + testKey}}
			ws, resp, err := websocket.DefaultDialer.Dial(strings.Replace(k.base, "http", "ws", 1)+path, h)
			if err == nil {
				ws.Close()
				t.Errorf("%s %s: let in", site, path)
			} else if resp == nil || resp.StatusCode != 403 {
				t.Errorf("%s %s: got %v, want 403", site, path, err)
			}
		}
	}
	if after := hostSnapshot(t, k, s.ID, copied.Deck.ID); after != before {
		t.Errorf("refused requests changed the kit:\nbefore %s\nafter  %s", before, after)
	}
	// The kit's own pages say same-origin, and a typed address says none.
	for _, site := range []string{"same-origin", "none"} {
		req, _ := http.NewRequest("POST", k.base+"/api/sessions/"+s.ID+"/next", nil)
		req.Header.Set("Sec-Fetch-Site", site)
		req.AddCookie(&http.Cookie{Name: "rt_host", Value: testKey})
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: got %d, want 200", site, resp.StatusCode)
		}
	}
}
