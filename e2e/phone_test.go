package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestRoomCodeSecondTabAndGoto: a phone that opens the bare address types the
// room code; the same phone opening the session in a second tab moves it
// there, and the first tab stops and offers to take it back instead of the
// two tabs replacing each other for ever; the presenter jumps to a slide with
// the projector's slide picker.
func TestRoomCodeSecondTabAndGoto(t *testing.T) {
	k := StartKit(t)
	var s struct{ ID, Code string }
	if st, body := k.API("POST", "/api/sessions", map[string]string{"deck": "try.en"}, &s); st != 201 {
		t.Fatalf("POST /api/sessions: %d %s", st, body)
	}
	b := NewBrowser(t)

	// The bare address asks for the room code; a wrong one is explained.
	p := b.PhoneTab("phone")
	p.Navigate(k.Base + "/")
	p.Wait("the room code form", `!document.getElementById('code-form').hidden && document.getElementById('join') === null`)
	if h := p.Text("h1"); h != "Join a session" {
		t.Errorf("got heading %q, want Join a session", h)
	}
	auditBoth(p, "phone room-code page")
	p.Do(chromedp.SendKeys(chromedp.ID("code"), "ab1"), chromedp.Tap(chromedp.CSS("#code-form button"), chromedp.NodeVisible))
	p.Wait("the code error", `document.getElementById('code-err').textContent === 'A room code has 6 letters or digits.'`)
	if got := Eval[string](p, `document.getElementById('code').getAttribute('aria-invalid') + ' ' + location.pathname`); got != "true /" {
		t.Errorf("a short code: got %q, want aria-invalid=true and still on /", got)
	}
	auditBoth(p, "phone room-code page with an error")
	// Lower case works: codes are case-insensitive.
	Eval[chromedp.Void](p, `document.getElementById('code').value = ''`)
	p.Do(chromedp.SendKeys(chromedp.ID("code"), strings.ToLower(s.Code)), chromedp.Tap(chromedp.CSS("#code-form button"), chromedp.NodeVisible))
	p.Wait("the room's page", fmt.Sprintf(`location.pathname === '/j/%s'`, s.Code))
	p.Wait("the lobby", fmt.Sprintf(`document.querySelector('h1').textContent === %q`, inTitle))

	// A wrong code in the address gets a page that says so, in the phone's language.
	nf := b.PhoneTab("phone, unknown room")
	nf.Navigate(k.Base + "/j/ZZZZ99")
	nf.Wait("the not-found page", `document.querySelector('h1') !== null && document.querySelector('h1').textContent !== ''`)
	auditBoth(nf, "phone unknown-room page")

	// The same phone opens the room in a second tab (same storage): it resumes
	// there, and the first tab says so and stops.
	p2 := p.SameProfileTab("phone, second tab")
	p2.Navigate(k.Base + "/j/" + s.Code)
	p2.Wait("the lobby in the second tab", fmt.Sprintf(`document.querySelector('h1').textContent === %q && document.getElementById('status').textContent === 'Connected'`, inTitle))
	p.Wait("the first tab to step aside", `document.querySelector('h1').textContent === 'Open in another tab' && document.getElementById('take-back') !== null`)
	if st := p.Text("#status"); st != "Paused here" {
		t.Errorf("first tab status: got %q, want Paused here", st)
	}
	auditBoth(p, "phone replaced by another tab")

	// The presenter jumps to the single-choice question with the picker.
	pres := b.DesktopTab("presenter")
	pres.LoginHost(k)
	pres.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
	pres.Wait("the presenter view", `document.getElementById('goto-select').options.length === 8`)
	// Pick "Slide 3" as a keyboard user would: focus the list, arrow down twice.
	pres.Do(chromedp.Focus(chromedp.ID("goto-select")), chromedp.KeyEvent(kb.ArrowDown+kb.ArrowDown), chromedp.Click(chromedp.CSS("#goto-form button"), chromedp.NodeVisible))
	pres.Wait("slide 3", `document.getElementById('now-pos').textContent.startsWith('3 ') && document.querySelectorAll('#now .chart li').length === 3`)
	waitQuestion([]*Tab{p2}, "Which of these passwords is the strongest?", 3)
	// The first tab did not come back on its own and take the session over.
	if h := p.Text("h1"); h != "Open in another tab" {
		t.Errorf("first tab: got %q, want it to stay stopped", h)
	}
	if c := k.Session(s.ID).Connected; c != 1 {
		t.Errorf("got %d connected, want 1 (one phone, one tab live)", c)
	}
	tapAnswer(p2, 1)
	waitReceived(p2)

	// Take it back in the first tab: it shows the question with the answer
	// given in the other tab, and the second tab steps aside.
	p.Do(chromedp.Click(chromedp.ID("take-back"), chromedp.NodeVisible))
	waitQuestion([]*Tab{p}, "Which of these passwords is the strongest?", 3)
	p.Wait("the answer from the other tab", `document.querySelector('.answer-btn[data-index="1"]').getAttribute('aria-pressed') === 'true'`)
	p2.Wait("the second tab to step aside", `document.querySelector('h1').textContent === 'Open in another tab'`)
	if s := k.Session(s.ID); s.Joined != 1 || s.Answered != 1 {
		t.Errorf("got %d joined, %d answered; want one participant with one answer", s.Joined, s.Answered)
	}
}
