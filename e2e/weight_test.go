package e2e

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// phoneBudget is what a phone may download from opening the join link to
// seeing the first question (DESIGN.md: "the phone page loads in a few
// kilobytes"; issue 4: at most 60 KB, compressed).
const phoneBudget = 60 * 1024

// TestPhonePageWeight opens /j/{code} in a fresh phone tab that accepts only
// gzip, joins and waits for the first question, counting every byte the
// network carried (HTTP responses with their headers, WebSocket frames both
// ways), and checks that no request went anywhere but the kit.
func TestPhonePageWeight(t *testing.T) {
	k := StartKit(t)
	var s struct{ ID, Code string }
	if st, body := k.API("POST", "/api/sessions", map[string]string{"deck": "try.en"}, &s); st != 201 {
		t.Fatalf("POST /api/sessions: %d %s", st, body)
	}
	b := NewBrowser(t)
	p := b.PhoneTab("phone")

	var mu sync.Mutex
	urls := map[network.RequestID]string{}
	sizes := map[string]float64{}
	encodings := map[string]string{}
	var ws float64
	var hosts []string
	if err := chromedp.Listen(p.ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			urls[e.RequestID] = e.Request.URL
			hosts = append(hosts, e.Request.URL)
		case *network.EventWebSocketCreated:
			hosts = append(hosts, e.URL)
		case *network.EventResponseReceived:
			if v, ok := e.Response.Headers["Content-Encoding"].(string); ok {
				encodings[e.Response.URL] = v
			}
		case *network.EventLoadingFinished:
			sizes[urls[e.RequestID]] += e.EncodedDataLength
		case *network.EventWebSocketFrameReceived:
			ws += float64(len(e.Response.PayloadData)) + 4 // + frame header
		case *network.EventWebSocketFrameSent:
			ws += float64(len(e.Response.PayloadData)) + 8 // + header and mask
		}
	}); err != nil {
		t.Fatal(err)
	}
	// Old phones' browsers know gzip only; measure what they would get.
	if _, err := chromedp.Call(p.ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Encoding": "gzip"}}); err != nil {
		t.Fatal(err)
	}

	p.Navigate(k.Base + "/j/" + s.Code)
	p.Do(chromedp.Tap(chromedp.ID("join-btn"), chromedp.NodeVisible))
	p.Wait("the lobby", fmt.Sprintf(`document.querySelector('h1').textContent === %q`, inTitle))
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 2}, nil)
	waitQuestion([]*Tab{p}, "Which of these passwords is the strongest?", 3)

	mu.Lock()
	defer mu.Unlock()
	var total float64
	var lines []string
	for u, n := range sizes {
		total += n
		lines = append(lines, fmt.Sprintf("%6.0f B  %s %s", n, strings.TrimPrefix(u, k.Base), encodings[u]))
		if n > 1024 && !strings.HasSuffix(u, ".png") && encodings[u] != "gzip" {
			t.Errorf("%s: %.0f bytes sent with Content-Encoding %q, want gzip", u, n, encodings[u])
		}
	}
	sort.Strings(lines)
	total += ws
	lines = append(lines, fmt.Sprintf("%6.0f B  WebSocket frames", ws))
	t.Logf("phone page, join to first question: %.1f KB transferred (budget %d KB)\n%s", total/1024, phoneBudget/1024, strings.Join(lines, "\n"))
	if total > phoneBudget {
		t.Errorf("the phone page took %.1f KB to reach the first question, want at most %d KB", total/1024, phoneBudget/1024)
	}
	if len(sizes) < 4 {
		t.Errorf("only %d HTTP responses counted (%v): the measure missed the page's assets", len(sizes), lines)
	}
	for _, raw := range hosts {
		u, err := url.Parse(raw)
		if err != nil || u.Host != k.Host {
			t.Errorf("a request went elsewhere than the kit (%s): %s", k.Host, raw)
		}
	}
}
