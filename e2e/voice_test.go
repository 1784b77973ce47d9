package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// voiceDeck has one question of each of the room's voice kinds, and a poll
// offering "prefer not to answer"; the deck's own text carries payloads
// too (end labels, items, accepted answers), which must show as text.
func voiceDeck(lang string) string {
	w := map[string][]string{
		"en": {"Voice", "What worries you most?", "One word: how does your app make you feel?", "I know which apps my child uses.", "Disagree <b onmouseover=window.__pwned=1>x</b>", "Agree",
			"What matters most?", "Screen-free meals", "Phones out of bedrooms <script>window.__pwned=1</script>", "Talking about what we see", "How many times a day?", "Which free service?", "Do you agree?", "Yes", "No"},
		"es": {"Voz", "¿Qué es lo que más te preocupa?", "Una palabra: ¿cómo te hace sentir tu app?", "Sé qué apps usa mi hijo.", "En desacuerdo <b onmouseover=window.__pwned=1>x</b>", "De acuerdo",
			"¿Qué importa más?", "Comidas sin pantallas", "Móviles fuera del dormitorio <script>window.__pwned=1</script>", "Hablar de lo que vemos", "¿Cuántas veces al día?", "¿Qué servicio gratuito?", "¿Estás de acuerdo?", "Sí", "No"},
	}[lang]
	return fmt.Sprintf(`---
title: %s <svg onload=window.__pwned=1>
lang: %s
---

<!-- question: open -->
<!-- max: 200 -->
<!-- prefer-not: yes -->

## %s

---

<!-- question: wordcloud -->
<!-- entries: 2 -->

## %s

---

<!-- question: scale -->
<!-- scale: 5 -->
<!-- low: %s -->
<!-- high: %s -->
<!-- prefer-not: yes -->

## %s

---

<!-- question: ranking -->

## %s

- %s
- %s
- %s

---

<!-- question: number -->
<!-- range: 0..200 -->
<!-- answer: 96 -->
<!-- tolerance: 10 -->

## %s

---

<!-- question: typeanswer -->
<!-- accept: Take It Down | <img src=x onerror=window.__pwned=1> -->

## %s

---

<!-- question: poll -->
<!-- prefer-not: yes -->

## %s

- %s
- %s
`, w[0], lang, w[1], w[2], w[4], w[5], w[3], w[6], w[7], w[8], w[9], w[10], w[11], w[12], w[13], w[14])
}

// voiceText is what the pages say, per language, that the test reads.
var voiceText = map[string]map[string]string{
	"en": {"received": "Answer received ✓", "right": "Right!", "wrong": "Not this time.", "results": "The room answered", "skipped": "You preferred not to answer.", "send": "Send", "approve": "Approve"},
	"es": {"received": "Respuesta recibida ✓", "right": "¡Correcto!", "wrong": "Esta vez no.", "results": "Lo que respondió la sala", "skipped": "Preferiste no responder.", "send": "Enviar", "approve": "Aprobar"},
}

// TestVoiceKindsInTheBrowser plays every kind of the room's voice end to
// end, in English and in Spanish: two phones answer through the inputs
// (typing, tapping a scale, tapping a ranking in order, the number's +
// button, "prefer not to answer"), hostile text among the answers; the
// presenter approves and pins open text in the presenter view's queue and
// it reaches the audience screen; a word is removed from the cloud; the
// audience screen shows each kind live and revealed, fitting 1280×720 and
// 1920×1080; the phones show their result; axe-core finds nothing; no
// payload ever runs.
func TestVoiceKindsInTheBrowser(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.LoginHost(k)
	pv := b.DesktopTab("presenter view")
	pv.Do(chromedp.EmulateViewport(1400, 1000))
	for _, lang := range []string{"en", "es"} {
		func() {
			tx := voiceText[lang]
			deck := k.kit.SaveDeck(voiceDeck(lang))
			s := k.kit.StartSession(deck)
			qs := k.kit.QuestionSlides(deck)
			api := func(step string, body any) { k.API("POST", "/api/sessions/"+s.ID+"/"+step, body, nil) }
			aud.Do(chromedp.EmulateViewport(1280, 720))
			aud.Navigate(k.Base + "/host/s/" + s.ID)
			pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
			pv.Wait("the presenter view", `document.getElementById('now-phase').textContent !== ''`)
			var phones []*Tab
			for i := 0; i < 2; i++ {
				p := b.PhoneTab(fmt.Sprintf("phone %d (%s)", i+1, lang))
				p.Navigate(k.Base + "/j/" + s.Code)
				p.Wait("the lobby", `document.getElementById('status').className.includes('ok')`)
				phones = append(phones, p)
			}
			p1, p2 := phones[0], phones[1]
			tabs := append([]*Tab{aud, pv}, phones...)
			goTo := func(kind string) {
				t.Helper()
				api("goto", map[string]int{"slide": qs[kind]})
				for _, p := range phones {
					p.Wait("the "+kind+" question", `document.getElementById('view').querySelector('#send-btn, .scale, #skip-btn') !== null`)
				}
				aud.Wait("the "+kind+" slide", fmt.Sprintf(`document.getElementById('corner-pos').textContent.startsWith('%d ')`, qs[kind]+1))
			}
			received := func(p *Tab) {
				t.Helper()
				p.Wait("the ack", fmt.Sprintf(`document.getElementById('ack').textContent === %q`, tx["received"]))
			}
			typeIn := func(p *Tab, css, text string) {
				t.Helper()
				p.Do(chromedp.SendKeys(chromedp.CSS(css), text, chromedp.NodeVisible))
			}
			send := func(p *Tab) {
				t.Helper()
				p.Do(chromedp.Tap(chromedp.ID("send-btn"), chromedp.NodeEnabled))
				received(p)
			}
			// shots and checks of the audience screen in one state, at both sizes.
			screens := func(name string) {
				t.Helper()
				for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
					aud.Do(chromedp.EmulateViewport(size[0], size[1]))
					// a word cloud is laid out again for the new size
					aud.Wait("the slide at its new size", `(s => !s || +s.getAttribute('width') === document.getElementById('chart').clientWidth)(document.querySelector('#chart svg'))`)
					r := Eval[fitResult](aud, fitCheck)
					where := fmt.Sprintf("%s at %dx%d (%s)", name, size[0], size[1], lang)
					if r.Page > r.Inner || r.Stage > r.Room+1 || r.Overflow {
						t.Errorf("%s: does not fit: page %d of %d px, slide area %d of %d px", where, r.Page, r.Inner, r.Stage, r.Room)
					}
					if min := minPx1080 * float64(size[1]) / 1080; r.Font < min-0.5 {
						t.Errorf("%s: text %.1f px, below the minimum %.1f px", where, r.Font, min)
					}
					aud.Shot(t, fmt.Sprintf("voice-aud-%s-%s-%d", name, lang, size[0]))
				}
				aud.Do(chromedp.EmulateViewport(1280, 720))
				aud.NoAxeViolations("audience screen, " + name + " (" + lang + ")")
			}
			phoneShot := func(p *Tab, name string) {
				p.Shot(t, "voice-phone-"+name+"-"+lang)
			}

			// Open text: typed, and a payload; held in the queue until approved.
			goTo("open")
			p1.NoAxeViolations("phone, open text (" + lang + ")")
			mine := "Sleep: they are up at 1 am"
			typeIn(p1, "#kind-text", mine)
			if got := p1.Text("#kind-count"); !strings.Contains(got, "174") {
				t.Errorf("the live character count after %d characters: got %q, want 174 of 200 left", len(mine), got)
			}
			phoneShot(p1, "open")
			send(p1)
			// The XSS corpus, one answer after another (the last one stands).
			for _, x := range nickPayloads {
				Eval[chromedp.Void](p2, `(i => { i.value = ''; i.dispatchEvent(new Event('input')); })(document.getElementById('kind-text'))`)
				typeIn(p2, "#kind-text", x)
				send(p2)
				pv.Wait("the payload in the queue, as text", fmt.Sprintf(`[...document.querySelectorAll('#mod-list .mod-text')].some(e => e.textContent === %q) || document.getElementById('mod-fresh').hidden === false`, x))
			}
			xss := nickPayloads[0] + " " + nickPayloads[2]
			Eval[chromedp.Void](p2, `(i => { i.value = ''; i.dispatchEvent(new Event('input')); })(document.getElementById('kind-text'))`)
			typeIn(p2, "#kind-text", xss)
			send(p2)
			aud.Wait("no card before approval", `document.querySelector('#chart .card') === null && document.querySelector('#chart .muted') !== null`)
			pv.Wait("two answers waiting in the queue, the changed one as it is now", fmt.Sprintf(`document.querySelectorAll('#mod-list .mod-row').length === 2 && [...document.querySelectorAll('#mod-list .mod-text')].some(e => e.textContent === %q)`, xss))
			pv.NoAxeViolations("presenter view, open-text queue (" + lang + ")")
			pv.Shot(t, "voice-pv-queue-"+lang)
			// The queue redraws as answers and counts change, so the row is
			// found and its button pressed in one step in the page: a node
			// found first and clicked after may be gone by then.
			press := func(text, button string) {
				t.Helper()
				pv.Wait("the row of "+text, fmt.Sprintf(`(function(){const r=[...document.querySelectorAll('#mod-list .mod-row')].find(r => r.querySelector('.mod-text').textContent === %q); const b=r && r.querySelector(%q); if(!b||b.disabled) return false; b.click(); return true})()`, text, button))
			}
			approve := func(text string) { t.Helper(); press(text, "button.primary") }
			if got := Eval[string](pv, `document.querySelector('#mod-list button.primary').textContent`); got != tx["approve"] {
				t.Errorf("the queue's approve button says %q, want %q", got, tx["approve"])
			}
			approve(mine)
			aud.Wait("the approved answer on the audience screen", fmt.Sprintf(`[...document.querySelectorAll('#chart .card-text')].map(e => e.textContent).join('|') === %q`, mine))
			approve(xss)
			aud.Wait("the second approved answer, as text", fmt.Sprintf(`[...document.querySelectorAll('#chart .card-text')].some(e => e.textContent === %q)`, xss))
			pv.Do(chromedp.Click(chromedp.CSS(`.mod-tab[data-status=approved]`), chromedp.NodeVisible))
			pv.Wait("the approved list", `document.querySelectorAll('#mod-list .mod-row.approved').length === 2`)
			press(mine, ".mod-acts button:last-child")
			// "Show as they come": a third answer reaches the screen unapproved.
			pv.Do(chromedp.Click(chromedp.ID("mod-stream"), chromedp.NodeVisible))
			pv.Wait("stream mode", `document.getElementById('mod-stream').checked`)
			p3 := b.PhoneTab("phone 3 (" + lang + ")")
			p3.Navigate(k.Base + "/j/" + s.Code)
			typeIn(p3, "#kind-text", "Streamed\nover two lines")
			send(p3)
			aud.Wait("the streamed answer, unapproved, its line break kept", `[...document.querySelectorAll('#chart .card-text')].some(e => e.textContent === 'Streamed\nover two lines')`)
			// Back to the queue; what came in the stream stays shown (it came approved).
			pv.Do(chromedp.Click(chromedp.ID("mod-stream"), chromedp.NodeVisible))
			aud.Wait("the pinned answer first", fmt.Sprintf(`(document.querySelector('#chart .card.pinned .card-text') || {}).textContent === %q && document.querySelector('#chart .card') === document.querySelector('#chart .card.pinned')`, mine))
			screens("open-live")
			// Hide takes an approved answer off the screen again.
			press(xss, "button.danger")
			aud.Wait("the hidden answer gone from the screen", fmt.Sprintf(`![...document.querySelectorAll('#chart .card-text')].some(e => e.textContent === %q) && document.querySelector('#chart .card.pinned') !== null`, xss))
			pv.Do(chromedp.Click(chromedp.CSS(`.mod-tab[data-status=hidden]`), chromedp.NodeVisible))
			pv.Wait("the hidden list", fmt.Sprintf(`[...document.querySelectorAll('#mod-list .mod-row.hidden .mod-text')].map(e => e.textContent).join() === %q && document.querySelector('.mod-tab[data-status=hidden]').textContent.includes('1')`, xss))
			api("reveal", nil)
			p1.Wait("the result", fmt.Sprintf(`document.getElementById('result').textContent === %q`, tx["results"]))
			p1.Wait("the shared answers, not the hidden one", fmt.Sprintf(`[...document.querySelectorAll('.texts li')].some(e => e.textContent === 'Streamed\nover two lines') && ![...document.querySelectorAll('.texts li')].some(e => e.textContent === %q)`, xss))
			p1.NoAxeViolations("phone, open text revealed (" + lang + ")")
			phoneShot(p1, "open-result")
			screens("open-revealed")

			// Word cloud: two entries each, folded; one removed by the presenter.
			goTo("wordcloud")
			typeIn(p1, "#word-0", "Miedo")
			typeIn(p1, "#word-1", "calma")
			phoneShot(p1, "wordcloud")
			p1.NoAxeViolations("phone, word cloud (" + lang + ")")
			send(p1)
			typeIn(p2, "#word-0", "MIEDO!")
			typeIn(p2, "#word-1", nickPayloads[0])
			send(p2)
			// the same word twice is refused before it is sent
			api("results", map[string]bool{"show": true})
			aud.Wait("the cloud", `[...document.querySelectorAll('#chart svg text')].some(e => e.textContent === 'miedo')`)
			if got := Eval[int](aud, `[...document.querySelectorAll('#chart svg text')].filter(e => e.textContent === 'miedo').length`); got != 1 {
				t.Errorf("the cloud draws 'miedo' %d times, want once (folded)", got)
			}
			big := Eval[bool](aud, `(() => { const s = w => +[...document.querySelectorAll('#chart svg text')].find(e => e.textContent === w).getAttribute('font-size'); return s('miedo') > s('calma'); })()`)
			if !big {
				t.Errorf("the word said twice is not drawn larger than the word said once")
			}
			screens("wordcloud-live")
			pv.Wait("the words on the presenter view", `document.querySelectorAll('#mod-words .mod-word').length === 3`)
			pv.Shot(t, "voice-pv-words-"+lang)
			pv.Do(chromedp.Click(chromedp.CSS(`#mod-words .mod-word:nth-child(2) button`), chromedp.NodeVisible)) // the second word by count
			removed := Eval[string](pv, `document.querySelector('#mod-words .mod-word.hidden .mod-w').textContent`)
			aud.Wait("the removed word gone from the cloud", fmt.Sprintf(`document.querySelector('#chart svg') !== null && ![...document.querySelectorAll('#chart svg text')].some(e => e.textContent === %q)`, removed))
			api("reveal", nil)
			p1.Wait("the result", fmt.Sprintf(`document.getElementById('result').textContent === %q`, tx["results"]))
			phoneShot(p1, "wordcloud-result")
			screens("wordcloud-revealed")

			// Scale: a tap on 4; the other phone prefers not to answer.
			goTo("scale")
			p1.NoAxeViolations("phone, scale (" + lang + ")")
			p1.Do(chromedp.Tap(chromedp.CSS(`.scale-pt:nth-child(4) input`), chromedp.NodeVisible))
			received(p1)
			phoneShot(p1, "scale")
			p2.Do(chromedp.Tap(chromedp.ID("skip-btn"), chromedp.NodeVisible))
			received(p2)
			p2.Wait("prefer not pressed", `document.getElementById('skip-btn').getAttribute('aria-pressed') === 'true'`)
			api("results", map[string]bool{"show": true})
			aud.Wait("the distribution", `document.querySelectorAll('#chart .col').length === 5`)
			if got := aud.Text("#chart .scale-ends span"); !strings.Contains(got, "<b onmouseover") {
				t.Errorf("the scale's low label: got %q, want its markup as text", got)
			}
			screens("scale-live")
			api("reveal", nil)
			aud.Wait("the median", `document.querySelector('#chart .mark.median') !== null && document.querySelector('#chart .skipped') !== null`)
			p1.Wait("the median on the phone", `document.querySelector('#view .big') !== null && document.getElementById('result').textContent !== ''`)
			p2.Wait("the skip said", fmt.Sprintf(`document.getElementById('result').textContent === %q`, tx["skipped"]))
			p1.NoAxeViolations("phone, scale revealed (" + lang + ")")
			phoneShot(p1, "scale-result")
			screens("scale-revealed")

			// Ranking: tapped in order; a tap on a placed item takes it out.
			goTo("ranking")
			tapRank := func(p *Tab, order ...int) {
				t.Helper()
				for _, i := range order {
					p.Do(chromedp.Tap(chromedp.CSS(fmt.Sprintf(`.rank-btn[data-index="%d"]`, i)), chromedp.NodeVisible))
				}
			}
			tapRank(p1, 1, 0)
			tapRank(p1, 1) // undo: takes 1 and 0 out
			if got := Eval[int](p1, `document.querySelectorAll('.rank-btn[aria-pressed=true]').length`); got != 0 {
				t.Errorf("after tapping the first placed item again, %d items stay placed, want 0", got)
			}
			tapRank(p1, 1, 0, 2)
			if got := p1.Text(".rank-list li"); !strings.Contains(got, "window.__pwned=1") {
				t.Errorf("the phone's order starts %q: want the item, its script as plain text", got)
			}
			// the Send button, enabled now, has finished fading to its colour
			p1.Wait("Send enabled", `(b => !b.disabled && getComputedStyle(b).backgroundColor === getComputedStyle(b).borderTopColor)(document.getElementById('send-btn'))`)
			p1.NoAxeViolations("phone, ranking (" + lang + ")")
			phoneShot(p1, "ranking")
			send(p1)
			tapRank(p2, 1, 2, 0)
			send(p2)
			api("reveal", nil)
			aud.Wait("the items by mean place", `document.querySelectorAll('#chart .rank-means li').length === 3`)
			if got := aud.Text("#chart .rank-means li .opt-text"); !strings.Contains(got, "window.__pwned=1") {
				t.Errorf("first by mean place: got %q, want the item both phones put first", got)
			}
			screens("ranking-revealed")
			aud.Do(chromedp.KeyEvent("d"))
			aud.Wait("the per-place counts", `getComputedStyle(document.querySelector('#chart .rank-dist')).display === 'table'`)
			if got := Eval[string](aud, `[...document.querySelectorAll('#chart .rank-dist tbody tr:first-child td')].map(e => e.textContent).join(' ')`); got != "2 0 0" {
				t.Errorf("per-place counts of the first item: got %q, want 2 0 0", got)
			}
			screens("ranking-places")
			aud.Do(chromedp.KeyEvent("d"))
			p1.Wait("the result", fmt.Sprintf(`document.getElementById('result').textContent === %q`, tx["results"]))
			phoneShot(p1, "ranking-result")

			// Number: typed; the other phone uses + from an empty field.
			goTo("number")
			typeIn(p1, "#kind-num", "90")
			phoneShot(p1, "number")
			p1.NoAxeViolations("phone, number (" + lang + ")")
			send(p1)
			p2.Do(chromedp.Tap(chromedp.CSS(`.step-btn:last-child`), chromedp.NodeVisible))
			if got := Eval[string](p2, `document.getElementById('kind-num').value`); got != "100" {
				t.Errorf("+ on an empty field: got %q, want 100 (the middle of 0..200)", got)
			}
			send(p2)
			api("results", map[string]bool{"show": true})
			aud.Wait("the histogram", `document.querySelectorAll('#chart .col').length === 10`)
			screens("number-live")
			api("reveal", nil)
			aud.Wait("the true value", `document.querySelector('#chart .mark.truth') !== null`)
			p1.Wait("the true value on the phone", `document.querySelector('#view .truth') !== null`)
			phoneShot(p1, "number-result")
			screens("number-revealed")

			// Type the answer: folded against the accepted answers.
			goTo("typeanswer")
			typeIn(p1, "#kind-text", "take it DOWN")
			phoneShot(p1, "typeanswer")
			p1.NoAxeViolations("phone, type the answer (" + lang + ")")
			send(p1)
			typeIn(p2, "#kind-text", nickPayloads[1])
			send(p2)
			api("reveal", nil)
			p1.Wait("right", fmt.Sprintf(`document.getElementById('result').textContent === %q`, tx["right"]))
			p2.Wait("wrong", fmt.Sprintf(`document.getElementById('result').textContent === %q`, tx["wrong"]))
			aud.Wait("the right share and accepted answers", `document.querySelector('#chart .share') !== null && document.querySelectorAll('#chart .accepted li').length === 2`)
			if got := aud.Text("#chart .share"); !strings.HasPrefix(got, "50") {
				t.Errorf("right share: got %q, want 50%%", got)
			}
			p1.NoAxeViolations("phone, type the answer revealed (" + lang + ")")
			phoneShot(p1, "typeanswer-result")
			screens("typeanswer-revealed")

			// A poll with "prefer not to answer".
			goTo("poll")
			p1.Do(chromedp.Tap(chromedp.ID("skip-btn"), chromedp.NodeVisible))
			received(p1)
			tapAnswer(p2, 0)
			received(p2)
			phoneShot(p1, "poll-prefer-not")
			api("reveal", nil)
			p1.Wait("the skip said at the reveal", fmt.Sprintf(`document.getElementById('result').textContent === %q`, tx["skipped"]))
			p1.NoAxeViolations("phone, poll revealed after prefer not (" + lang + ")")

			for _, tab := range tabs {
				if pwned := Eval[string](tab, `String(window.__pwned)`); pwned != "undefined" {
					t.Errorf("%s (%s): a payload ran", tab.Name, lang)
				}
				if els := Eval[[]string](tab, injected); len(els) > 0 {
					t.Errorf("%s (%s): live markup from a payload: %q", tab.Name, lang, els)
				}
			}
			// Two phones are fewer than k = 5: the results page draws no
			// summary and says why (TestVoiceReportDrawsEachKind draws them).
			rep := b.DesktopTab("report " + lang)
			api("end", nil)
			rep.Navigate(k.Base + "/host/s/" + s.ID + "/report")
			rep.Wait("the report", `document.querySelectorAll('#questions .q').length === 7`)
			for _, css := range []string{".voice-open .card", ".voice-wordcloud svg text", ".voice-scale .col", ".voice-ranking .rank-means li", ".voice-number .mark.truth", ".voice-typeanswer .share"} {
				if Eval[bool](rep, fmt.Sprintf(`document.querySelector(%q) !== null`, css)) {
					t.Errorf("report (%s): %s drawn from 2 phones, fewer than k", lang, css)
				}
			}
			if few := Eval[int](rep, `[...document.querySelectorAll('#questions .q')].filter(q => /fewer than 5|menos de 5/.test(q.textContent)).length`); few < 6 {
				t.Errorf("report (%s): %d questions say they are hidden, want the 6 voice kinds at least", lang, few)
			}
			rep.NoAxeViolations("report (" + lang + ")")
			rep.Shot(t, "voice-report-"+lang)
		}()
	}
}
