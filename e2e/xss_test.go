package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Every payload sets window.__pwned if it ever runs.
var nickPayloads = []string{ // nicknames are at most 24 characters
	`<svg onload=__pwned=!0>`,
	`'><svg/onload=__pwned=1>`,
	`<script>__pwned=1//`,
	`{{__pwned=1}}`,
	`javascript:__pwned=1`,
	`${__pwned=1}<b>x</b>`,
}

// bidiNick would show reversed on screen ("‮" is RIGHT-TO-LEFT OVERRIDE):
// the kit refuses invisible formatting characters in nicknames.
const bidiNick = "\u202Eevil\u202C"

const xssDeck = `---
title: 'XSS <script>window.__pwned=true</script> "><iframe srcdoc="<script>parent.__pwned=true</script>"> {{constructor.constructor(''window.__pwned=true'')()}} ` + "\u202E" + `txt.exe'
lang: en
---

# <img src=x onerror="window.__pwned=true"> Heading

<script>window.__pwned=true</script>

<svg onload="window.__pwned=true"></svg>

Text with [a js link](javascript:window.__pwned=true) and <a href="javascript:window.__pwned=true">a raw link</a> and ![pic](javascript:window.__pwned=true).

{{constructor.constructor('window.__pwned=true')()}} and ${window.__pwned=true}

"><iframe srcdoc="<script>parent.__pwned=true</script>"></iframe>

Unicode: ` + "\u202E" + `gnp.exe and zero` + "\u200B" + `width

Note: notes <img src=x onerror="window.__pwned=true"> and <script>window.__pwned=true</script>

---

<!-- question: single -->
<!-- id: xss-q -->

## Pick <svg onload="window.__pwned=true"> one {{constructor.constructor('window.__pwned=true')()}}

- [x] A <img src=x onerror="window.__pwned=true"> and ` + "`<img src=x onerror=window.__pwned=true>`" + `
- [ ] B <script>window.__pwned=true</script> and ` + "`<script>window.__pwned=true</script>`" + `
- [ ] C [a link](javascript:window.__pwned=true)
- [ ] D "><iframe srcdoc="<script>parent.__pwned=true</script>"> {{constructor.constructor('window.__pwned=true')()}}

Explanation: <img src=x onerror="window.__pwned=true"> and <script>window.__pwned=true</script> and [x](javascript:window.__pwned=true)

Note: <svg onload="window.__pwned=true">
`

// injected lists anything in the page that could run script: a script that
// is not the kit's own, a frame, an on… handler, a javascript: address.
const injected = `[...document.querySelectorAll('*')].filter(e =>
  (e.tagName === 'SCRIPT' && !e.src.startsWith(location.origin + '/static/')) ||
  ['IFRAME', 'OBJECT', 'EMBED', 'FRAME'].includes(e.tagName) ||
  [...e.attributes].some(a => /^on/i.test(a.name) || a.name === 'srcdoc' || /^\s*javascript:/i.test(a.value))
).map(e => e.outerHTML.slice(0, 160))`

// TestXSSIsInert loads hostile text as nicknames and as deck content (title,
// slide text, prompt, options, explanation, notes) into the host page, the
// projector and the phones: no payload runs, the text shows as text, and
// every response carries a CSP that allows no inline script.
func TestXSSIsInert(t *testing.T) {
	k := StartKit(t)
	var saved struct{ Deck struct{ ID string } }
	if st, body := k.API("POST", "/api/decks", map[string]string{"source": xssDeck}, &saved); st != 201 {
		t.Fatalf("POST /api/decks: %d %s", st, body)
	}
	deck := saved.Deck
	var full struct {
		Title string
		Deck  struct {
			Title  string
			Slides []struct {
				Title    string
				Notes    string
				Question *struct {
					Prompt      string
					Options     []struct{ Text string }
					Explanation string
				}
			}
		}
	}
	k.API("GET", "/api/decks/"+deck.ID, nil, &full)
	if len(full.Deck.Slides) != 2 || full.Deck.Slides[1].Question == nil {
		t.Fatalf("the deck parsed as %+v, want a content slide and a question", full.Deck)
	}
	title := full.Deck.Title
	if !strings.Contains(title, "<script>") {
		t.Fatalf("deck title %q: want the payload kept as text", title)
	}
	var s struct{ ID, Code string }
	// A game: only a game shows nicknames (on the phones, the presenter's
	// game panel and the leaderboard).
	if st, body := k.API("POST", "/api/sessions", map[string]any{"deck": deck.ID, "game": true}, &s); st != 201 {
		t.Fatalf("POST /api/sessions: %d %s", st, body)
	}

	b := NewBrowser(t)
	var tabs []*Tab
	var mu sync.Mutex
	var responses []*network.Response
	watch := func(tab *Tab) *Tab {
		if err := chromedp.Listen(tab.ctx, func(ev any) {
			if r, ok := ev.(*network.EventResponseReceived); ok {
				mu.Lock()
				responses = append(responses, r.Response)
				mu.Unlock()
			}
		}); err != nil {
			t.Fatal(err)
		}
		tabs = append(tabs, tab)
		return tab
	}
	inert := func(when string) {
		t.Helper()
		for _, tab := range tabs {
			if pwned := Eval[string](tab, `String(window.__pwned)`); pwned != "undefined" {
				t.Errorf("%s, %s: a payload ran (window.__pwned = %s)", tab.Name, when, pwned)
			}
			if els := Eval[[]string](tab, injected); len(els) > 0 {
				t.Errorf("%s, %s: live markup from a payload in the page: %q", tab.Name, when, els)
			}
		}
	}

	// The presenter's deck list shows the title as text.
	pres := watch(b.DesktopTab("presenter"))
	pres.LoginHost(k)
	pres.Wait("the deck in the list", fmt.Sprintf(`document.querySelector('li[data-deck=%q] h3') !== null`, deck.ID))
	if got := pres.Text(fmt.Sprintf(`li[data-deck=%q] h3`, deck.ID)); got != title {
		t.Errorf("host page deck title: got %q, want %q as text", got, title)
	}
	pres.Navigate(k.Base + "/host/s/" + s.ID)
	pres.Wait("the lobby", `!document.getElementById('lobby').hidden`)
	if got := Eval[string](pres, `document.title`); !strings.HasPrefix(got, title) {
		t.Errorf("audience screen's window title: got %q, want it to start with %q", got, title)
	}
	// The presenter view, in a second window, holds the title and the notes.
	pv := watch(b.DesktopTab("presenter view"))
	pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
	pv.Wait("the presenter view", `document.getElementById('deck-title').textContent !== ''`)
	if got := pv.Text("#deck-title"); got != title {
		t.Errorf("presenter view title: got %q, want %q", got, title)
	}

	// Phones join with hostile nicknames and see them as text.
	var phones []*Tab
	for i, nick := range append(nickPayloads, bidiNick) {
		p := watch(b.PhoneTab(fmt.Sprintf("phone %d", i)))
		p.Navigate(k.Base + "/j/" + s.Code)
		p.Wait("the join form", `!document.getElementById('join').hidden`)
		Eval[chromedp.Void](p, fmt.Sprintf(`document.getElementById('nick').value = %q`, nick))
		p.Do(chromedp.Tap(chromedp.ID("join-btn"), chromedp.NodeVisible))
		if nick == bidiNick {
			p.Wait("the nickname refused", `document.getElementById('ack').textContent === 'A nickname can have at most 24 characters and no hidden formatting characters.' && !document.getElementById('join').hidden`)
			continue
		}
		p.Wait("the lobby", fmt.Sprintf(`document.querySelector('h1').textContent === %q`, inTitle))
		if got, want := p.Text("#view .big"), "Your name here: "+nick; got != want {
			t.Errorf("%s: got %q, want %q", p.Name, got, want)
		}
		phones = append(phones, p)
	}
	pres.Wait("the phones joined", fmt.Sprintf(`document.getElementById('joined-count').textContent === '%d'`, len(nickPayloads)))
	inert("in the lobby")

	// The content slide: audience screen (slide), presenter view (slide and
	// notes) and phones (its title).
	pv.Do(chromedp.KeyEvent(kb.ArrowRight))
	pres.Wait("the content slide", `!document.getElementById('slide').hidden && document.querySelector('#slide .slide-html') !== null`)
	pv.Wait("the content slide on the presenter view", `document.querySelector('#now .slide-html') !== null`)
	if got, want := pv.Text("#now"), pres.Text("#slide"); got != want {
		t.Errorf("presenter view's slide %q differs from the audience screen's %q", got, want)
	}
	slideText := pres.Text("#slide")
	for _, want := range []string{"{{constructor.constructor('window.__pwned=true')()}}", "${window.__pwned=true}", "a js link", "gnp.exe"} {
		if !strings.Contains(slideText, want) {
			t.Errorf("projector slide: %q is not shown as text in %q", want, slideText)
		}
	}
	if got, want := pv.Text("#notes-text"), full.Deck.Slides[0].Notes; got != want || !strings.Contains(got, "<img src=x onerror=") {
		t.Errorf("projector notes: got %q, want %q, with the markup as text", got, want)
	}
	for _, p := range phones {
		p.Wait("the slide title", fmt.Sprintf(`document.querySelector('h1').textContent === %q`, full.Deck.Slides[0].Title))
	}
	inert("on the content slide")

	// The question: prompt and options as text on the projector and phones.
	q := full.Deck.Slides[1].Question
	var opts []string
	for _, o := range q.Options {
		opts = append(opts, o.Text)
	}
	pv.Do(chromedp.KeyEvent(kb.ArrowRight))
	pres.Wait("the question", `document.querySelectorAll('#chart li').length === 4`)
	if got := Eval[[]string](pres, `[...document.querySelectorAll('#chart .opt-text')].map(e => e.textContent)`); fmt.Sprint(got) != fmt.Sprint(opts) {
		t.Errorf("projector options: got %q, want %q", got, opts)
	}
	if !strings.Contains(strings.Join(opts, " "), "<script>") {
		t.Errorf("options %q: want the markup kept as visible text", opts)
	}
	for _, p := range phones {
		p.Wait("the question", fmt.Sprintf(`document.querySelector('h1').textContent === %q && document.querySelectorAll('.answer-btn').length === 4`, q.Prompt))
		if got := Eval[[]string](p, `[...document.querySelectorAll('.answer-btn .txt')].map(e => e.textContent)`); fmt.Sprint(got) != fmt.Sprint(opts) {
			t.Errorf("%s options: got %q, want %q", p.Name, got, opts)
		}
	}
	for i, p := range phones {
		tapAnswer(p, i%4)
	}
	for _, p := range phones {
		waitReceived(p)
	}
	inert("on the question")

	// Revealed: the explanation as text on the phones, sanitized on the projector.
	pv.Do(chromedp.KeyEvent("r"))
	pres.Wait("the reveal", `document.querySelector('#chart .bar') !== null`)
	// The phones get the explanation as plain text: the markup is gone and
	// what was inside the <script> is words on the screen.
	for _, p := range phones {
		p.Wait("the explanation", `(document.querySelector('.expl') || {}).textContent === 'and window.__pwned=true and x'`)
	}
	if got := pres.Text("#slide .explanation"); !strings.Contains(got, "window.__pwned=true") {
		t.Errorf("projector explanation: got %q, want the script's text shown, not run", got)
	}
	// Clicking every link a payload could have left must not run anything.
	Eval[chromedp.Void](pres, `document.querySelectorAll('#slide a').forEach(a => a.click())`)
	Eval[chromedp.Void](pv, `document.querySelectorAll('#now a, #next a, #notes-text a').forEach(a => a.click())`)
	inert("after the reveal")

	// Every response the browser got carries a CSP with no inline script.
	mu.Lock()
	defer mu.Unlock()
	if len(responses) < 10 {
		t.Fatalf("only %d responses seen", len(responses))
	}
	for _, r := range responses {
		if strings.HasPrefix(r.URL, "data:image/svg+xml;") && r.MimeType == "image/svg+xml" {
			continue // the browser's own icons (a date input's calendar): nothing is fetched
		}
		if !strings.HasPrefix(r.URL, k.Base) {
			t.Errorf("a request left the kit: %s", r.URL)
			continue
		}
		if !document(r.Headers) {
			// A script or stylesheet is governed by its page's CSP (checked
			// on every page below); it must still not be sniffed as
			// another type.
			if !header(r.Headers, "X-Content-Type-Options", "nosniff") {
				t.Errorf("%s: no nosniff: %v", r.URL, r.Headers)
			}
			continue
		}
		if !header(r.Headers, "X-Content-Type-Options", "nosniff") {
			t.Errorf("%s: no nosniff: %v", r.URL, r.Headers)
		}
		if !cspOK(r.Headers) {
			t.Errorf("%s: CSP %v, want script-src without 'unsafe-inline'", r.URL, r.Headers)
		}
	}
	// And so does every page, asked directly.
	for _, path := range []string{"/", "/j/" + s.Code, "/j/NOPE99", "/host", "/host/s/" + s.ID, "/host/s/" + s.ID + "/presenter", "/host/s/" + s.ID + "/report", "/nope"} {
		req, _ := http.NewRequest("GET", k.Base+path, nil)
		req.Header.Set("Authorization", "Bearer "+hostKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := network.Headers{}
		for key, v := range resp.Header {
			h[key] = strings.Join(v, ",")
		}
		if !cspOK(h) {
			t.Errorf("GET %s: CSP %q, want script-src without 'unsafe-inline'", path, resp.Header.Get("Content-Security-Policy"))
		}
	}
}

// header reports whether a response has header name with value want.
func header(h network.Headers, name, want string) bool {
	for k, v := range h {
		if strings.EqualFold(k, name) && fmt.Sprint(v) == want {
			return true
		}
	}
	return false
}

// document: the response is one a browser can show as a page (HTML, SVG,
// or any type but a script or stylesheet), which must carry the CSP.
func document(h network.Headers) bool {
	for k, v := range h {
		if strings.EqualFold(k, "Content-Type") {
			ct := fmt.Sprint(v)
			return !strings.HasPrefix(ct, "text/javascript") && !strings.HasPrefix(ct, "text/css")
		}
	}
	return true
}

// cspOK: the response has a Content-Security-Policy whose script-src (or
// default-src, when there is none) allows neither inline script nor eval.
func cspOK(h network.Headers) bool {
	var csp string
	for k, v := range h {
		if strings.EqualFold(k, "Content-Security-Policy") {
			csp, _ = v.(string)
		}
	}
	src := ""
	for _, d := range strings.Split(csp, ";") {
		d = strings.TrimSpace(d)
		if strings.HasPrefix(d, "script-src ") || (src == "" && strings.HasPrefix(d, "default-src ")) {
			src = d
		}
	}
	return src != "" && !strings.Contains(src, "'unsafe-inline'") && !strings.Contains(src, "'unsafe-eval'")
}
