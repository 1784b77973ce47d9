package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestQuestionStepsInTheBrowser walks a question through its steps from the
// presenter view, in both languages: jump to it from the overview grid,
// open (no chart on the audience screen: a quiz hides its results), live
// results on (the bars move as answers come), close (the phone says so and
// takes no more answers), reveal; then a countdown the presenter starts
// closes a poll by itself, shown as text on the phone and both screens; B
// blanks the audience screen. axe-core finds nothing in any state.
func TestQuestionStepsInTheBrowser(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.LoginHost(k)
	pv := b.DesktopTab("presenter view")
	p := b.PhoneTab("phone")
	for _, lang := range []string{"en", "es"} {
		func() { // the tabs report to t: no subtests
			deck := "try." + lang
			s := k.kit.StartSession(deck)
			qs := k.kit.QuestionSlides(deck)
			aud.Navigate(k.Base + "/host/s/" + s.ID)
			pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
			pv.Wait("the presenter view", `document.getElementById('now-phase').textContent !== ''`)
			p.Navigate(k.Base + "/j/" + s.Code)
			p.Wait("the lobby", `document.getElementById('status').className.includes('ok')`)

			// The overview: every slide, and a jump to the single-choice question.
			pv.Do(chromedp.KeyEvent("g"))
			pv.Wait("the overview", fmt.Sprintf(`document.getElementById('overview').open && document.querySelectorAll('#overview-grid button').length === %d`, k.Session(s.ID).Total))
			pv.NoAxeViolations("presenter view, overview open (" + lang + ")")
			pv.Shot(t, "pv-overview-"+lang)
			pv.Do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#overview-grid li:nth-child(%d) button`, qs["single"]+1)), chromedp.NodeVisible))
			aud.Wait("the question, open, no chart", `document.querySelectorAll('#chart li').length === 3 && document.querySelector('#chart .bar') === null`)
			if k.Session(s.ID).Index != qs["single"] {
				t.Fatalf("the overview's jump: slide %d, want %d", k.Session(s.ID).Index, qs["single"])
			}
			p.Wait("the question", `document.querySelectorAll('.answer-btn').length === 3`)
			tapAnswer(p, 1)
			p.Wait("the answer received", `document.getElementById('ack').textContent.endsWith('✓')`)

			// Live results.
			pv.Do(chromedp.Click(chromedp.ID("results-btn"), chromedp.NodeVisible))
			aud.Wait("live bars", `document.querySelector('#chart .bar[data-count="1"]') !== null && document.querySelector('#chart li.right') === null`)
			pv.Wait("results pressed", `document.getElementById('results-btn').getAttribute('aria-pressed') === 'true'`)
			aud.NoAxeViolations("audience screen, live results (" + lang + ")")
			pv.NoAxeViolations("presenter view, live results (" + lang + ")")
			aud.Shot(t, "aud-live-"+lang)

			// Close: the phone is told, and its buttons are gone.
			pv.Do(chromedp.Click(chromedp.ID("close-btn"), chromedp.NodeVisible))
			aud.Wait("closed", `document.querySelector('#slide .closed-note') !== null && document.querySelector('#chart .bar') !== null`)
			p.Wait("closed on the phone", `document.querySelectorAll('.answer-btn').length === 0 && document.querySelector('#view .big') !== null && document.getElementById('ack').textContent !== ''`)
			pv.Wait("reopen offered", `document.getElementById('now-phase').textContent !== '' && document.getElementById('close-btn').textContent !== '' && !document.getElementById('reveal-btn').disabled`)
			aud.NoAxeViolations("audience screen, closed (" + lang + ")")
			pv.NoAxeViolations("presenter view, closed (" + lang + ")")
			p.NoAxeViolations("phone, closed (" + lang + ")")
			aud.Shot(t, "aud-closed-"+lang)
			pv.Shot(t, "pv-closed-"+lang)
			p.Shot(t, "phone-closed-"+lang)

			// Reveal.
			pv.Do(chromedp.Click(chromedp.ID("reveal-btn"), chromedp.NodeVisible))
			aud.Wait("revealed", `document.querySelector('#chart li.right') !== null && document.querySelector('#slide .closed-note') === null`)
			p.Wait("the result", `document.getElementById('result').textContent !== ''`)

			// A countdown on the poll: off until the presenter starts it.
			k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": qs["poll"]}, nil)
			p.Wait("the poll", `document.querySelectorAll('.answer-btn').length === 4 && document.getElementById('cd').textContent === ''`)
			aud.Wait("the poll with live results, no countdown", `document.querySelector('#chart .bar') !== null && document.getElementById('countdown').textContent === ''`)
			Eval[chromedp.Void](pv, `(s => { s.value = '10'; s.dispatchEvent(new Event('change')); })(document.getElementById('cd-select'))`)
			pv.Do(chromedp.Click(chromedp.ID("cd-btn"), chromedp.NodeEnabled))
			aud.Wait("the countdown", `/0:(0\d|10)/.test(document.getElementById('countdown').textContent)`)
			p.Wait("the countdown on the phone", `/\d+ s/.test(document.getElementById('cd').textContent)`)
			pv.Wait("the countdown in the presenter view", `document.getElementById('pv-countdown').textContent !== ''`)
			aud.NoAxeViolations("audience screen, countdown (" + lang + ")")
			pv.NoAxeViolations("presenter view, countdown (" + lang + ")")
			p.NoAxeViolations("phone, countdown (" + lang + ")")
			aud.Shot(t, "aud-countdown-"+lang)
			p.Shot(t, "phone-countdown-"+lang)
			p.Wait("the countdown closes the poll", `document.querySelectorAll('.answer-btn').length === 0 && document.getElementById('cd').textContent === ''`)
			aud.Wait("closed by the countdown", `document.querySelector('#slide .closed-note') !== null && document.getElementById('countdown').textContent === ''`)
			if ph := k.Session(s.ID).Phase; ph != "closed" {
				t.Errorf("after the countdown: phase %q, want closed", ph)
			}

			// Blank: B on the audience screen, undone from the presenter view.
			aud.Do(chromedp.KeyEvent("b"))
			aud.Wait("blank", `!document.getElementById('blank').hidden`)
			pv.Wait("told it is blank", `!document.getElementById('pv-blanked').hidden && document.getElementById('blank-btn').getAttribute('aria-pressed') === 'true'`)
			aud.NoAxeViolations("audience screen, blank (" + lang + ")")
			pv.NoAxeViolations("presenter view, blank (" + lang + ")")
			aud.Shot(t, "aud-blank-"+lang)
			pv.Do(chromedp.KeyEvent("b"))
			aud.Wait("shown again", `document.getElementById('blank').hidden`)
		}()
	}
}
