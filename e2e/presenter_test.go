package e2e

import (
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// TestSpanishDeckScreens runs the Spanish try deck in an English browser:
// the audience screen and the presenter view speak the deck's language (not
// the browser's), axe-core finds nothing on either in each state, and a
// phone starts in Spanish, may switch to English (kept on reload, in that
// room), and the next Spanish room starts in Spanish again. Deck text
// carries its language wherever the page's language differs.
func TestSpanishDeckScreens(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.LoginHost(k)
	s := k.kit.StartSession("try.es")
	aud.Navigate(k.Base + "/host/s/" + s.ID)
	aud.Wait("the lobby in Spanish", `document.documentElement.lang === 'es' && !document.getElementById('lobby').hidden && document.querySelector('.lobby-lead').textContent.startsWith('Escanea')`)
	aud.NoAxeViolations("audience screen lobby (es)")
	pv := b.DesktopTab("presenter view")
	pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
	pv.Wait("the presenter view in Spanish", `document.documentElement.lang === 'es' && document.getElementById('next-btn').textContent.includes('Siguiente') && document.getElementById('now-phase').textContent === '(sala de espera)'`)
	pv.NoAxeViolations("presenter view lobby (es)")

	p := b.PhoneTab("phone")
	p.Navigate(k.Base + "/j/" + s.Code)
	p.Wait("the phone in Spanish, joined with no name form", `document.documentElement.lang === 'es' && document.getElementById('join') === null`)
	p.Wait("the lobby", `document.querySelector('h1').textContent === '¡Ya estás dentro!'`)
	// The phone chooses English: kept on reload, in this room.
	p.Do(chromedp.Tap(chromedp.CSS(`[data-set-lang="en"]`), chromedp.NodeVisible))
	p.Wait("English", `document.querySelector('h1').textContent === "You're in!"`)
	p.Do(chromedp.Reload())
	p.Wait("still English after a reload", `document.documentElement.lang === 'en' && document.querySelector('h1').textContent === "You're in!"`)

	// To the first question: the phone, switched to English, shows the
	// deck's English twin (try.en), marked English.
	qs := k.kit.QuestionSlides("try.es")
	single := qs["single"]
	pv.Do(chromedp.Focus(chromedp.ID("goto-select")))
	Eval[chromedp.Void](pv, fmt.Sprintf(`document.getElementById('goto-select').value = '%d'`, single))
	pv.Do(chromedp.Click(chromedp.CSS("#goto-form button"), chromedp.NodeVisible))
	aud.Wait("the question", `document.querySelectorAll('#chart li').length === 3`)
	if got := Eval[string](aud, `document.getElementById('slide').lang`); got != "es" {
		t.Errorf("audience slide lang %q, want es", got)
	}
	p.Wait("the question", `document.querySelectorAll('.answer-btn').length === 3`)
	if got := Eval[string](p, `document.querySelector('h1').lang + ' ' + [...document.querySelectorAll('.answer-btn .txt')].map(e => e.lang).join(' ')`); got != "en en en en" {
		t.Errorf("phone deck text langs %q, want en (the twin's) on the prompt and each option", got)
	}
	if got := Eval[string](p, `document.querySelector('h1').textContent`); !strings.HasPrefix(got, "Which") {
		t.Errorf("phone prompt %q, want try.en's", got)
	}
	tapAnswer(p, 1)
	waitReceived(p)
	aud.NoAxeViolations("audience screen question (es)")
	pv.NoAxeViolations("presenter view question (es)")
	pv.Do(chromedp.KeyEvent("r"))
	aud.Wait("the reveal", `document.querySelector('#chart .bar') !== null`)
	p.Wait("the result", `document.getElementById('result').textContent === '✓ You got it right!' && document.getElementById('result').getAttribute('role') === 'status'`)
	aud.NoAxeViolations("audience screen revealed (es)")
	pv.NoAxeViolations("presenter view revealed (es)")
	// Themes: chosen on the presenter view, followed by the audience screen
	// (another window of the same browser), each clean under axe-core.
	for _, theme := range []string{"dark", "contrast", "light"} {
		Eval[chromedp.Void](pv, `(s => { s.value = '`+theme+`'; s.dispatchEvent(new Event('change')); })(document.getElementById('theme-select'))`)
		aud.Wait("the audience screen in the "+theme+" theme", `document.documentElement.dataset.theme === '`+theme+`' && getComputedStyle(document.body).backgroundColor !== ''`)
		if theme != "light" {
			aud.NoAxeViolations("audience screen revealed, " + theme + " theme (es)")
			pv.NoAxeViolations("presenter view revealed, " + theme + " theme (es)")
		}
	}
	if bg := Eval[string](aud, `getComputedStyle(document.querySelector('.screen')).backgroundColor`); bg != "rgb(255, 255, 255)" {
		t.Errorf("light theme: the audience screen's background is %s, want white", bg)
	}
	p.NoAxeViolations("phone revealed, English UI on a Spanish deck")

	// Another Spanish room: its deck's language again, not the last choice.
	s2 := k.kit.StartSession("try.es")
	p.Navigate(k.Base + "/j/" + s2.Code)
	p.Wait("the new room in Spanish", `document.documentElement.lang === 'es' && document.querySelector('h1').textContent === '¡Ya estás dentro!'`)

	// End from the presenter view.
	pv.Do(chromedp.Click(chromedp.ID("end-btn"), chromedp.NodeVisible))
	aud.Wait("the end", `!document.getElementById('ended').hidden && document.querySelector('#ended h1').textContent === '¡Gracias!'`)
	pv.Wait("the end", `document.getElementById('now-phase').textContent === '(sesión terminada)'`)
	aud.NoAxeViolations("audience screen ended (es)")
	pv.NoAxeViolations("presenter view ended (es)")
}

// TestStaleCommandIsRefusedOnThePresenterView sends, from the presenter
// view's own socket, a command made on a slide that is no longer showing:
// nothing moves, and the presenter view says why, in its language.
func TestStaleCommandIsRefusedOnThePresenterView(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	pv := b.DesktopTab("presenter view")
	pv.LoginHost(k)
	pv.Do(chromedp.Evaluate[chromedp.Void]("0"))
	// Keep a handle on the page's socket, as queued key presses would use it.
	if _, err := chromedp.Call(pv.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `(function(){const s=WebSocket.prototype.send;WebSocket.prototype.send=function(d){window.__ws=this;return s.call(this,d)}})()`}); err != nil {
		t.Fatal(err)
	}
	s := k.kit.StartSession("try.en")
	pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
	pv.Wait("the lobby", `document.getElementById('now-phase').textContent === '(lobby)'`)
	next := func(n int) {
		pv.Do(chromedp.KeyEvent(kb.ArrowRight))
		pv.Wait(fmt.Sprintf("slide %d", n), fmt.Sprintf(`document.getElementById('now-pos').textContent.startsWith('%d ')`, n))
	}
	next(1)
	next(2)
	// Three presses made on slide 1, arriving now that slide 2 shows.
	Eval[chromedp.Void](pv, `[1,2,3].forEach(() => window.__ws.send(JSON.stringify({type: 'next', on: 0})))`)
	pv.Wait("the refusal", `document.getElementById('pv-conn').textContent === 'Not done: the slide had changed. Check the screen and try again.'`)
	if got := k.Session(s.ID).Index; got != 1 {
		t.Errorf("after three stale presses the session is on slide index %d, want 1 (unmoved)", got)
	}
	pv.NoAxeViolations("presenter view with a refused command (en)")
	// A fresh press works and clears the message.
	next(3)
	pv.Wait("the message gone", `document.getElementById('pv-conn').textContent === ''`)
}

// TestScreensSayConnectionLost stops the kit under an audience screen and
// a presenter view: both say the connection is lost within 3 s, and come
// back by themselves when the kit is back on the same address.
func TestScreensSayConnectionLost(t *testing.T) {
	dir := t.TempDir()
	k := kittest.Start(t, kittest.Options{Dir: dir})
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.Navigate(k.Base + "/host?key=" + hostKey)
	aud.Wait("the deck list", `document.querySelector('.deck-start') !== null`)
	s := k.StartSession("try.en")
	k.API("POST", "/api/sessions/"+s.ID+"/next", nil, nil)
	aud.Navigate(k.Base + "/host/s/" + s.ID)
	aud.Wait("the slide", `!document.getElementById('slide').hidden && document.getElementById('conn').textContent === ''`)
	pv := b.DesktopTab("presenter view")
	pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
	pv.Wait("the slide", `document.getElementById('now-pos').textContent.startsWith('1 ') && document.getElementById('pv-conn').textContent === ''`)

	start := time.Now()
	if err := k.Stop(); err != nil {
		t.Fatal(err)
	}
	// "Connection to the kit lost. Reconnecting…", or once HTTP fails too,
	// "Cannot reach the kit. Is it still running?"
	aud.Wait("connection lost on the audience screen", `document.getElementById('conn').classList.contains('lost') && /kit/.test(document.getElementById('conn').textContent)`)
	pv.Wait("connection lost on the presenter view", `document.getElementById('pv-conn').classList.contains('lost') && /kit/.test(document.getElementById('pv-conn').textContent)`)
	if d := time.Since(start); d > 6*time.Second { // 3 s by design; room for a loaded machine
		t.Errorf("the screens said the connection was lost after %v, want about 3 s (at most 6 s here)", d)
	}
	aud.NoAxeViolations("audience screen, connection lost (en)")
	pv.NoAxeViolations("presenter view, connection lost (en)")

	// The kit comes back on the same address: both recover on their own.
	a, err := app.New(app.Config{Addr: k.Host, DataDir: dir, HostKey: hostKey, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	kittest.Serve(t, a)
	aud.Wait("the audience screen back", `document.getElementById('conn').textContent === '' && !document.getElementById('slide').hidden`)
	pv.Wait("the presenter view back", `document.getElementById('pv-conn').textContent === '' && document.getElementById('now-pos').textContent.startsWith('1 ')`)
}

// TestHostPagesWithoutTheCookie: a browser without the presenter's cookie
// gets a page asking for the presenter link, in its language, not JSON.
func TestHostPagesWithoutTheCookie(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	p := b.PhoneTab("a visitor")
	for _, path := range []string{"/host", "/host/s/x", "/host/s/x/presenter"} {
		p.Navigate(k.Base + path)
		p.Wait("the page asking for the link", `document.querySelector('h1') !== null && document.querySelector('h1').textContent === 'This page is for the presenter'`)
	}
	p.NoAxeViolations("presenter-link page (en)")
	if got := Eval[int](p, `fetch('/favicon.ico').then(r => r.ok && r.headers.get('content-type').startsWith('image/svg') ? 200 : r.status)`); got != 200 {
		t.Errorf("GET /favicon.ico: got %d, want an SVG icon", got)
	}
	if !strings.Contains(Eval[string](p, `document.querySelector('link[rel=icon]').href`), "/static/favicon.svg") {
		t.Error("the page names no favicon")
	}
}

// TestFrozenKitDoesNotReplayPresses puts a proxy that can freeze between
// the browser and the kit, as a kit stalled for a few seconds would be: the
// socket stays open but nothing comes back. Three → pressed during the
// stall move the session one slide once it thaws, not three; both screens
// say the connection is lost within 3 s, and recover by themselves.
func TestFrozenKitDoesNotReplayPresses(t *testing.T) {
	k := StartKit(t)
	px := startFreezer(t, k.Host)
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.Navigate(px.base + "/host?key=" + hostKey)
	aud.Wait("the deck list", `document.querySelector('.deck-start') !== null`)
	s := k.kit.StartSession("try.en")
	k.API("POST", "/api/sessions/"+s.ID+"/next", nil, nil)
	aud.Navigate(px.base + "/host/s/" + s.ID)
	aud.Wait("the slide", `document.getElementById('corner-pos').textContent.startsWith('1 ')`)
	pv := b.DesktopTab("presenter view")
	pv.Navigate(px.base + "/host/s/" + s.ID + "/presenter")
	pv.Wait("the slide", `document.getElementById('now-pos').textContent.startsWith('1 ') && document.getElementById('pv-conn').textContent === ''`)

	px.freeze()
	start := time.Now()
	pv.Do(chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	aud.Wait("connection lost on the audience screen", `document.getElementById('conn').classList.contains('lost')`)
	pv.Wait("connection lost on the presenter view", `document.getElementById('pv-conn').classList.contains('lost')`)
	// The screens ping each second and call 2 s of silence lost: 3 s by
	// design. The bound here leaves room for a loaded test machine (this
	// is a behaviour test, not a timing one) and still fails the old 8 s
	// probe and the 45 s read deadline.
	if d := time.Since(start); d > 6*time.Second {
		t.Errorf("the screens said the connection was lost %v after the kit froze, want about 3 s (at most 6 s here)", d)
	}
	px.thaw()
	aud.Wait("the audience screen back on slide 2", `document.getElementById('conn').textContent === '' && document.getElementById('corner-pos').textContent.startsWith('2 ')`)
	pv.Wait("the presenter view back", `!document.getElementById('pv-conn').classList.contains('lost') && document.getElementById('now-pos').textContent.startsWith('2 ')`)
	time.Sleep(500 * time.Millisecond) // any replayed press would have landed by now
	if got := k.Session(s.ID).Index; got != 1 {
		t.Errorf("after three presses during a stall the session is on slide index %d, want 1 (one step from 0)", got)
	}
}

// freezer is a TCP proxy to the kit whose traffic can be held (freeze) and
// let go (thaw), in both directions, without closing anything.
type freezer struct {
	base string
	gate sync.RWMutex
}

func startFreezer(t *testing.T, target string) *freezer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	f := &freezer{base: "http://" + ln.Addr().String()}
	pipe := func(dst, src net.Conn) {
		defer dst.Close()
		buf := make([]byte, 32<<10)
		for {
			n, err := src.Read(buf)
			if n > 0 {
				f.gate.RLock() // held while frozen
				_, werr := dst.Write(buf[:n])
				f.gate.RUnlock()
				if werr != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			go pipe(up, c)
			go pipe(c, up)
		}
	}()
	return f
}

func (f *freezer) freeze() { f.gate.Lock() }
func (f *freezer) thaw()   { f.gate.Unlock() }
