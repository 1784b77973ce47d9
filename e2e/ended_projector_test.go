package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// countSockets makes the tab count every WebSocket its pages open.
const countSockets = `window.__sockets = 0;
(() => { const W = window.WebSocket;
  window.WebSocket = function (u, p) { window.__sockets++; return p === undefined ? new W(u) : new W(u, p); };
  window.WebSocket.prototype = W.prototype; })();`

// TestProjectorOfAnEndedSessionStaysQuiet opens the projector of a session
// that has ended, and of one that ends while it is shown: each shows the
// ended screen and then stops asking the server (the server closes the
// socket after the final state; reconnecting would reload the session from
// the database a few times a second for as long as the tab stays open).
func TestProjectorOfAnEndedSessionStaysQuiet(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	tab := b.DesktopTab("projector")
	tab.LoginHost(k)
	tab.Do(chromedp.Evaluate[chromedp.Void]("0"))
	if _, err := chromedp.Call(tab.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: countSockets}); err != nil {
		t.Fatal(err)
	}

	var ended struct{ ID string }
	if st, body := k.API("POST", "/api/sessions", map[string]string{"deck": "try.en"}, &ended); st != 201 {
		t.Fatalf("start: %d %s", st, body)
	}
	if st, body := k.API("POST", "/api/sessions/"+ended.ID+"/end", nil, nil); st != 200 {
		t.Fatalf("end: %d %s", st, body)
	}
	tab.Navigate(k.Base + "/host/s/" + ended.ID)
	tab.Wait("the ended screen", `!document.getElementById('ended').hidden`)
	time.Sleep(3 * time.Second)
	if n := Eval[int](tab, `window.__sockets`); n != 1 {
		t.Errorf("the projector of an ended session opened %d sockets in 3 s, want 1", n)
	}

	var live struct{ ID string }
	if st, body := k.API("POST", "/api/sessions", map[string]string{"deck": "try.en"}, &live); st != 201 {
		t.Fatalf("start: %d %s", st, body)
	}
	tab.Navigate(k.Base + "/host/s/" + live.ID)
	tab.Wait("the lobby", `!document.getElementById('lobby').hidden`)
	if st, body := k.API("POST", "/api/sessions/"+live.ID+"/end", nil, nil); st != 200 {
		t.Fatalf("end: %d %s", st, body)
	}
	tab.Wait("the ended screen", `!document.getElementById('ended').hidden`)
	time.Sleep(3 * time.Second)
	if n := Eval[int](tab, `window.__sockets`); n != 1 {
		t.Errorf("the projector of a session that ended while shown opened %d sockets, want 1", n)
	}
	if got := tab.Text("#conn"); got != "" {
		t.Errorf("the ended projector's connection line reads %q, want nothing", got)
	}
}
