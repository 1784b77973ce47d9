package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func qaDeck(lang string) string {
	title, h := "Questions night", "Your questions"
	if lang == "es" {
		title, h = "Noche de preguntas", "Vuestras preguntas"
	}
	return fmt.Sprintf("---\ntitle: %s\nlang: %s\n---\n\n# %s\n\n---\n\n<!-- question: qa -->\n\n## %s\n", title, lang, title, h)
}

// js quotes a Go string as a JavaScript string literal.
func js(s string) string { b, _ := json.Marshal(s); return string(b) }

// ask types a question into a phone's Q&A panel and sends it.
func ask(p *Tab, text string) {
	p.t.Helper()
	Eval[chromedp.Void](p, `(t => { t.value = `+js(text)+`; t.dispatchEvent(new Event('input')); })(document.getElementById('qa-text'))`)
	p.Do(chromedp.Click(chromedp.CSS(`#qa .qa-ask button[type=submit]`), chromedp.NodeEnabled))
	p.Wait("the question sent", `!document.querySelector('#qa .qa-ask button[type=submit]').disabled || document.getElementById('qa-text').value === ''`)
	p.Wait("the question acknowledged", `document.getElementById('qa-text').value === '' && document.getElementById('qa-note').className === 'qa-note'`)
}

// press presses a button of the presenter's queue as a keyboard would
// (focus, then Enter's click): the sticky control bar may cover it where a
// mouse would first scroll.
func press(tab *Tab, css string) {
	tab.t.Helper()
	tab.Wait("the button "+css, `document.querySelector(`+js(css)+`) !== null`)
	Eval[chromedp.Void](tab, `(b => { b.focus(); b.click(); })(document.querySelector(`+js(css)+`))`)
}

// TestQAInTheBrowser plays the anonymous Q&A in both languages: the
// presenter opens it, phones ask (the XSS corpus as questions) with a live
// character count, the presenter approves, pins and marks answered from
// the queue, phones vote with a toggle, and the audience screen shows the
// approved questions on the qa slide. No payload runs anywhere, axe-core
// finds nothing, and screenshots are kept to look at.
func TestQAInTheBrowser(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.LoginHost(k)
	pv := b.DesktopTab("presenter view")
	for _, lang := range []string{"en", "es"} {
		func() {
			deck := k.kit.SaveDeck(qaDeck(lang))
			s := k.kit.StartSession(deck)
			aud.Do(chromedp.EmulateViewport(1280, 720))
			pv.Do(chromedp.EmulateViewport(1280, 720))
			aud.Navigate(k.Base + "/host/s/" + s.ID)
			pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
			pv.Wait("the presenter view", `document.getElementById('now-phase').textContent !== '' && document.getElementById('qa-open') !== null`)
			phones := []*Tab{b.PhoneTab("phone A " + lang), b.PhoneTab("phone B " + lang)}
			for _, p := range phones {
				p.Navigate(k.Base + "/j/" + s.Code)
				p.Wait("the lobby", `document.getElementById('status').className.includes('ok')`)
				if Eval[bool](p, `document.getElementById('qa') !== null`) {
					t.Fatal("the Q&A panel is on the phone before the Q&A opens")
				}
			}
			a, bb := phones[0], phones[1]

			// The presenter opens the Q&A: the panel module loads on each phone.
			pv.Do(chromedp.Click(chromedp.ID("qa-open"), chromedp.NodeVisible))
			pv.Wait("open pressed", `document.getElementById('qa-open').getAttribute('aria-pressed') === 'true'`)
			for _, p := range phones {
				p.Wait("the Q&A panel", `document.getElementById('qa') && !document.getElementById('qa').hidden && document.getElementById('qa-text') !== null`)
			}
			if got := Eval[string](a, `document.documentElement.lang`); got != lang {
				t.Errorf("phone speaks %q, want the deck's %q", got, lang)
			}
			// The character count, typed with the keyboard.
			a.Do(chromedp.SendKeys(chromedp.ID("qa-text"), "Hello?", chromedp.NodeVisible))
			a.Wait("the count", `/^6 \/ 280/.test(document.getElementById('qa-count').textContent)`)
			Eval[chromedp.Void](a, `(t => { t.value = ''; t.dispatchEvent(new Event('input')); })(document.getElementById('qa-text'))`)
			a.NoAxeViolations("phone, Q&A open (" + lang + ")")

			// The XSS corpus as questions, three from each phone (5 a minute each).
			for i, payload := range nickPayloads {
				ask(phones[i%2], payload+" "+lang)
			}
			a.Wait("its own questions marked waiting", `document.querySelectorAll('#qa .qa-q.pending').length === 3`)
			bb.Wait("only its own 3 before any approval", `document.querySelectorAll('#qa .qa-q.pending').length === 3 && document.querySelectorAll('#qa .qa-q').length === 3`)
			pv.Wait("six waiting in the queue", `document.querySelectorAll('#qa-list .pv-qa-q.pending').length === 6`)
			texts := Eval[[]string](pv, `[...document.querySelectorAll('#qa-list .pv-qa-text')].map(e => e.textContent)`)
			for _, payload := range nickPayloads {
				found := false
				for _, tx := range texts {
					found = found || tx == payload+" "+lang
				}
				if !found {
					t.Errorf("the presenter's queue lacks %q as text: %q", payload, texts)
				}
			}
			pv.NoAxeViolations("presenter view, Q&A queue (" + lang + ")")
			Eval[chromedp.Void](pv, `document.getElementById('qa-title').scrollIntoView()`)
			pv.Shot(t, "presenter-queue-1280x720-"+lang)

			// Approve every one from the queue.
			for i := 0; i < len(nickPayloads); i++ {
				press(pv, `#qa-list .pv-qa-q.pending .pv-qa-acts button`)
				pv.Wait("one fewer waiting", fmt.Sprintf(`document.querySelectorAll('#qa-list .pv-qa-q.pending').length === %d`, len(nickPayloads)-1-i))
			}
			bb.Wait("the approved questions on phone B", `document.querySelectorAll('#qa .qa-q:not(.pending)').length === 6`)

			// Phone B votes for the first question it sees, then takes it back, then again.
			bb.Do(chromedp.Click(chromedp.CSS(`#qa .qa-q .qa-vote`), chromedp.NodeVisible))
			bb.Wait("voted", `document.querySelector('#qa .qa-q .qa-vote[aria-pressed=true]') !== null`)
			pv.Wait("one vote in the queue", `[...document.querySelectorAll('#qa-list .pv-qa-meta')].some(e => /^1 /.test(e.textContent))`)
			a.Wait("the vote counted on phone A", `[...document.querySelectorAll('#qa .qa-n')].some(e => e.textContent === '1')`)
			bb.NoAxeViolations("phone, Q&A with votes (" + lang + ")")
			bb.Shot(t, "phone-390x844-"+lang)

			// The qa slide: the audience screen shows the approved questions.
			k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 1}, nil)
			aud.Wait("the wall", `document.querySelectorAll('#qa-wall .qa-card').length === 6`)
			pv.Wait("told a qa slide shows", `!document.getElementById('qa-showing').hidden`)
			// Pin and answer the most voted one.
			press(pv, `#qa-list .pv-qa-q .pv-qa-acts button:nth-last-child(1)`)
			aud.Wait("the pinned card first", `document.querySelector('#qa-wall .qa-card:first-child.pinned') !== null`)
			press(pv, `#qa-list .pv-qa-q.pinned .pv-qa-acts button:nth-last-child(2)`)
			aud.Wait("marked answered", `document.querySelector('#qa-wall .qa-card.pinned.answered') !== null`)
			bb.Wait("answered on the phone", `document.querySelector('#qa .qa-q.answered') !== null`)
			walls := Eval[[]string](aud, `[...document.querySelectorAll('#qa-wall .qa-card-text')].map(e => e.textContent)`)
			for _, w := range walls {
				if !strings.HasSuffix(w, " "+lang) {
					t.Errorf("the wall shows %q, want a payload as text", w)
				}
			}
			aud.NoAxeViolations("audience screen, Q&A wall (" + lang + ")")
			pv.NoAxeViolations("presenter view, Q&A pinned (" + lang + ")")
			aud.Shot(t, "audience-1280x720-"+lang)
			Eval[chromedp.Void](pv, `document.getElementById('qa-title').scrollIntoView()`)
			pv.Shot(t, "presenter-1280x720-"+lang)
			aud.Do(chromedp.EmulateViewport(1920, 1080))
			pv.Do(chromedp.EmulateViewport(1920, 1080))
			aud.Wait("the wall at 1920", `document.querySelectorAll('#qa-wall .qa-card').length === 6`)
			aud.Shot(t, "audience-1920x1080-"+lang)
			Eval[chromedp.Void](pv, `document.getElementById('qa-title').scrollIntoView()`)
			pv.Shot(t, "presenter-1920x1080-"+lang)

			for _, tab := range []*Tab{aud, pv, a, bb} {
				if pwned := Eval[string](tab, `String(window.__pwned)`); pwned != "undefined" {
					t.Errorf("%s: a payload ran (window.__pwned = %s)", tab.Name, pwned)
				}
				if els := Eval[[]string](tab, injected); len(els) > 0 {
					t.Errorf("%s: live markup from a payload: %q", tab.Name, els)
				}
			}

			// Closing it tells the phones.
			k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 0}, nil)
			pv.Do(chromedp.Click(chromedp.ID("qa-open"), chromedp.NodeVisible))
			a.Wait("closed on the phone", `document.getElementById('qa-text') && document.querySelector('#qa .qa-ask').hidden`)
		}()
	}
}
