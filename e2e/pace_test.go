package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// paceDecks are a short self-paced deck in each language: a welcome slide
// with a line of text, a scored question with an explanation (B right), a
// poll, a closing slide.
var paceDecks = map[string]string{
	"en": "---\ntitle: Station EN\nlang: en\n---\n\n# Welcome to the station\n\nWork through it at your own pace.\n\n---\n\n<!-- question: single -->\n\n## Which password is strongest?\n\n- [ ] password123\n- [x] Four random words\n\n<!-- Explanation: Length beats tricks. -->\n\n---\n\n<!-- question: poll -->\n\n## How sure were you?\n\n- [ ] Sure\n- [ ] Guessing\n\n---\n\n# Thank you\n",
	"es": "---\ntitle: Estación ES\nlang: es\nhandout: youth\n---\n\n# Bienvenida a la estación\n\nAvanza a tu ritmo.\n\n---\n\n<!-- question: single -->\n\n## ¿Qué contraseña es más fuerte?\n\n- [ ] contraseña123\n- [x] Cuatro palabras al azar\n\n<!-- Explicación: La longitud gana a los trucos. -->\n\n---\n\n<!-- question: poll -->\n\n## ¿Qué tan seguro estabas?\n\n- [ ] Seguro\n- [ ] Adivinando\n\n---\n\n# Gracias\n",
}

// TestSelfPacedInTheBrowser plays a self-paced deck on two phones in each
// language, at different paces: the presenter ticks "self-paced" on the
// host page's start form (with a closing time in Spanish); Ana goes through
// the whole deck (right answer, then the explanation; the poll; the end),
// Ben stops at the question after a wrong answer. The presenter view
// counts the phones on each slide and the answers; the results have both
// answers. axe-core finds nothing on the host form, the phone's self-paced
// screens or the presenter's panel.
func TestSelfPacedInTheBrowser(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.LoginHost(k)
	pv := b.DesktopTab("presenter view")
	for _, lang := range []string{"en", "es"} {
		func() {
			var saved struct{ Deck struct{ ID, Title string } }
			if st, body := k.API("POST", "/api/decks", map[string]string{"source": paceDecks[lang]}, &saved); st != 201 {
				t.Fatalf("save deck: %d %s", st, body)
			}
			aud.Navigate(k.Base + "/host")
			aud.Wait("the deck list", `document.querySelector('.deck-start') !== null`)
			if lang == "es" { // the English session, ended, is listed with its mode
				aud.Wait("the session list's mode", `[...document.querySelectorAll('#sessions td')].some(td => td.textContent === 'Self-paced · Ended')`)
			}
			if Eval[bool](aud, `document.getElementById('start-paced').checked || !document.getElementById('start-closes').disabled`) {
				t.Fatal("self-paced is ticked on the start form by default")
			}
			aud.Do(chromedp.Click(chromedp.ID("start-paced"), chromedp.NodeVisible))
			if Eval[bool](aud, `!document.getElementById('start-game').disabled`) {
				t.Error("game mode can be ticked with self-paced")
			}
			if lang == "es" { // open until the day after tomorrow, 17:00 on the laptop's clock
				Eval[chromedp.Void](aud, `(i => { const d = new Date(Date.now() + 2 * 864e5); d.setHours(17, 0, 0, 0);
					const p = (n) => String(n).padStart(2, '0');
					i.value = d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T17:00'; })(document.getElementById('start-closes'))`)
			}
			Eval[chromedp.Void](aud, fmt.Sprintf(`document.querySelector('[data-set-lang=%q]').click()`, lang))
			aud.NoAxeViolations("host page with the self-paced option (" + lang + ")")
			for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
				aud.Do(chromedp.EmulateViewport(size[0], size[1]))
				Eval[chromedp.Void](aud, `document.getElementById('start-options').scrollIntoView()`)
				aud.Shot(t, fmt.Sprintf("host-start-%dx%d-%s", size[0], size[1], lang))
			}
			aud.Do(chromedp.EmulateViewport(1280, 800))
			Eval[chromedp.Void](aud, fmt.Sprintf(`[...document.querySelectorAll('.deck-start')].find(b => b.getAttribute('aria-label').includes(%q)).click()`, saved.Deck.Title))
			aud.Wait("the audience screen", `/^\/host\/s\/[^/]+$/.test(location.pathname)`)
			id := strings.TrimPrefix(Eval[string](aud, `location.pathname`), "/host/s/")
			s := k.Session(id)
			if s.Mode != "self-paced" || s.Phase != "lobby" || (lang == "es") != (s.ClosesAt != nil) {
				t.Fatalf("started from the form: %+v, want self-paced in the lobby (a closing time in es only)", s)
			}
			if lang == "es" && s.ClosesAt.Local().Hour() != 17 {
				t.Errorf("closes at %v, want 17:00 local time", s.ClosesAt.Local())
			}
			aud.Wait("the join code on the audience screen", fmt.Sprintf(`document.body.textContent.includes(%q)`, s.Code))
			pv.Navigate(k.Base + "/host/s/" + id + "/presenter")
			pv.Wait("the presenter's self-paced panel", `document.body.classList.contains('pv-paced') && document.querySelectorAll('.pace-row').length === 5`)

			ana, ben := b.PhoneTab("phone Ana "+lang), b.PhoneTab("phone Ben "+lang)
			for _, p := range []*Tab{ana, ben} {
				p.Navigate(k.Base + "/j/" + s.Code) // joins with no name: not a game
				p.Wait("the first slide, with its text and Next", `document.querySelector('.pace-body') && document.querySelector('.pace-next') && document.querySelector('.pace-back').disabled`)
			}
			welcome := map[string]string{"en": "Work through it at your own pace.", "es": "Avanza a tu ritmo."}[lang]
			if got := ana.Text(".pace-body p"); got != welcome {
				t.Errorf("the welcome slide's text on the phone: %q, want %q", got, welcome)
			}
			next := func(p *Tab) { p.Do(chromedp.Tap(chromedp.CSS(".pace-next"), chromedp.NodeVisible)) }

			// Ana: the question, right; the explanation shows at once.
			next(ana)
			ana.Wait("the question", `document.querySelectorAll('.answer-btn').length === 2`)
			ana.NoAxeViolations("self-paced phone, question (" + lang + ")")
			ana.Shot(t, "phone-question-390x844-"+lang)
			tapAnswer(ana, 1)
			expl := map[string]string{"en": "Length beats tricks.", "es": "La longitud gana a los trucos."}[lang]
			right := map[string]string{"en": "✓ You got it right!", "es": "✓ ¡Acertaste!"}[lang]
			ana.Wait("the right answer and the explanation", fmt.Sprintf(`document.getElementById('result').textContent === %q && document.querySelector('.expl')?.textContent === %q`, right, expl))
			ana.NoAxeViolations("self-paced phone, after the answer (" + lang + ")")
			ana.Shot(t, "phone-explanation-390x844-"+lang)

			// Ben: the question, wrong; he stays there.
			next(ben)
			ben.Wait("the question", `document.querySelectorAll('.answer-btn').length === 2`)
			tapAnswer(ben, 0)
			wrong := map[string]string{"en": "✗ Not this time.", "es": "✗ Esta vez no."}[lang]
			ben.Wait("his wrong answer marked", fmt.Sprintf(`document.getElementById('result').textContent === %q && !!document.querySelector('.expl')`, wrong))

			// Ben reloads: he is back on the question, his answer marked.
			ben.Navigate(k.Base + "/j/" + s.Code)
			ben.Wait("Ben back where he was", fmt.Sprintf(`document.getElementById('result').textContent === %q && !!document.querySelector('.pace-nav')`, wrong))

			// Ana: the poll (not scored: no reveal), the last slide, the end.
			next(ana)
			ana.Wait("the poll", `document.querySelectorAll('.answer-btn').length === 2 && !document.querySelector('.expl')`)
			tapAnswer(ana, 0)
			ana.Wait("the answer received", `document.getElementById('ack').textContent.endsWith('✓')`)
			next(ana)
			ana.Wait("the last slide", `document.querySelector('.pace-next')?.textContent === `+fmt.Sprintf("%q", map[string]string{"en": "Finish", "es": "Terminar"}[lang]))
			next(ana)
			done := map[string]string{"en": "You are done", "es": "Has terminado"}[lang]
			ana.Wait("the end", fmt.Sprintf(`document.getElementById('h').textContent === %q && !document.querySelector('.pace-next')`, done))
			// The Spanish deck names a handout: the end offers it, in the phone's language.
			if got, want := Eval[string](ana, `(document.getElementById('handout-link') || {}).pathname || ''`), map[string]string{"en": "", "es": "/handouts/youth.es"}[lang]; got != want {
				t.Errorf("%s: the end's handout link is %q, want %q", lang, got, want)
			}
			ana.NoAxeViolations("self-paced phone, the end (" + lang + ")")
			ana.Shot(t, "phone-end-390x844-"+lang)

			// The presenter: Ben on the question, Ana finished, two answers
			// to the question (one each option), one to the poll.
			here := map[string]string{"en": "1 phone here", "es": "1 teléfono aquí"}[lang]
			pv.Wait("the phones per slide", fmt.Sprintf(`(r => r[1].querySelector('.pace-num').textContent === %q && r[4].querySelector('.pace-num').textContent === %q
				&& r[0].querySelector('.pace-num').textContent.startsWith('0'))([...document.querySelectorAll('.pace-row')])`, here, here))
			answered := map[string]string{"en": "2 answered", "es": "2 respondieron"}[lang]
			if got := pv.Text(".pace-row:nth-child(2) .pace-answers"); !strings.HasPrefix(got, answered) || !strings.Contains(got, "A: 1") || !strings.Contains(got, "B: 1") {
				t.Errorf("the question's answers on the presenter view: %q, want %s, A: 1, B: 1", got, answered)
			}
			pv.NoAxeViolations("presenter view, self-paced (" + lang + ")")
			for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
				pv.Do(chromedp.EmulateViewport(size[0], size[1]))
				pv.Shot(t, fmt.Sprintf("presenter-%dx%d-%s", size[0], size[1], lang))
			}
			pv.Do(chromedp.EmulateViewport(1280, 800))

			// The results treat it as a live session: both answers, by slide.
			_, csv := k.API("GET", "/api/sessions/"+id+"/results.csv", nil, nil)
			rows := strings.Split(strings.TrimSpace(string(csv)), "\n")
			if len(rows) != 1+3 { // a header, two answers to the question, one to the poll
				t.Errorf("results.csv has %d rows, want a header and 3 answers:\n%s", len(rows), csv)
			}
			// Ending it ends both phones' sessions.
			k.API("POST", "/api/sessions/"+id+"/end", nil, nil)
			ben.Wait("the session over", `document.getElementById('status').textContent !== '' && !document.querySelector('.pace-nav')`)
			pv.Wait("the report link", `!!document.getElementById('report-link')`)

			// The deck report counts it like a live session and marks it.
			aud.Navigate(k.Base + "/host/decks/" + saved.Deck.ID + "/report")
			mark := map[string]string{"en": "self-paced", "es": "a su propio ritmo"}[lang]
			aud.Wait("the session marked in the deck report", fmt.Sprintf(`[...document.querySelectorAll('#session-rows td')].some(td => td.textContent === %q)`, s.Code+" · "+mark))
			for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
				aud.Do(chromedp.EmulateViewport(size[0], size[1]))
				aud.Shot(t, fmt.Sprintf("deck-report-%dx%d-%s", size[0], size[1], lang))
			}
			aud.Do(chromedp.EmulateViewport(1280, 800))
		}()
	}
}
