package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// typeInto sets a textarea's text as typing would (its input event fires).
func typeInto(tab *Tab, id, text string) {
	Eval[chromedp.Void](tab, `(t => { t.value = `+js(text)+`; t.dispatchEvent(new Event('input')); })(document.getElementById(`+js(id)+`))`)
}

// TestShareAndFeedbackInTheBrowser plays the built-in parents workshop in
// English and Spanish: two browser phones open "Share your experience"
// from the header's tools and send entries (axe-clean form), and answer the
// closing feedback slide with a comment, beside four socket phones; the
// audience screen shows the usefulness distribution and never an entry or
// a comment; the session's results page lists the comments and the entries
// for the facilitator (axe-clean). Screenshots are kept to look at.
func TestShareAndFeedbackInTheBrowser(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.LoginHost(k)
	rep := b.DesktopTab("report")
	pv := b.DesktopTab("presenter view")
	for _, lang := range []string{"en", "es"} {
		deck := "parents." + lang
		fb := k.kit.QuestionSlides(deck)["feedback"]
		if fb == 0 {
			t.Fatalf("%s has no feedback slide", deck)
		}
		s := k.kit.StartSession(deck)
		aud.Do(chromedp.EmulateViewport(1280, 720))
		aud.Navigate(k.Base + "/host/s/" + s.ID)
		var watched []string // what the audience screen showed, at each step
		watch := func() { watched = append(watched, Eval[string](aud, `document.body.innerText`)) }

		phones := []*Tab{b.PhoneTab("phone A " + lang), b.PhoneTab("phone B " + lang)}
		for _, p := range phones {
			p.Navigate(k.Base + "/j/" + s.Code) // joins with no name: not a game
			p.Wait("the lobby", `document.getElementById('status').className.includes('ok')`)
			p.Wait("the share button in the tools", `document.querySelector('#tools #share-btn') !== null`)
		}
		others := k.kit.JoinPhones(s.Code, 4, nil)

		// Share your experience, from each browser phone.
		for i, p := range phones {
			p.Do(chromedp.Tap(chromedp.ID("share-btn"), chromedp.NodeVisible))
			p.Wait("the form", `document.getElementById('share-text') !== null && document.activeElement.id === 'share-title'`)
			if got := p.Text(".share-prompt"); !strings.Contains(got, map[string]string{"en": "anonymous", "es": "anónimo"}[lang]) {
				t.Errorf("%s: prompt %q does not say it is anonymous", p.Name, got)
			}
			if i == 0 {
				p.NoAxeViolations("phone, share form (" + lang + ")")
				p.Shot(t, "phone-share-390x844-"+lang)
			}
			typeInto(p, "share-text", fmt.Sprintf("SharedStory%d-%s <img src=x onerror=window.__pwned=1> our family's experience", i, lang))
			p.Do(chromedp.Click(chromedp.ID("share-send"), chromedp.NodeEnabled))
			p.Wait("sent", `document.getElementById('share-note').textContent !== '' && document.getElementById('share-text').value === '' && !document.getElementById('share-send').disabled`)
			if i == 0 {
				p.Shot(t, "phone-share-sent-390x844-"+lang)
			}
			p.Do(chromedp.KeyEvent("\x1b"))
			p.Wait("the form closed", `document.getElementById('share-text') === null`)
		}
		watch()

		// The feedback slide.
		k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": fb}, nil)
		for i, p := range phones {
			p.Wait("the feedback form", `document.querySelectorAll('#view .scale-pt input').length === 5 && document.getElementById('fb-text') !== null`)
			if i == 0 {
				p.NoAxeViolations("phone, feedback slide (" + lang + ")")
			}
			p.Do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#view .scale-pt:nth-child(%d) input`, 4+i))))
			typeInto(p, "fb-text", fmt.Sprintf("FeedbackComment%d-%s", i, lang))
			if i == 0 {
				p.Shot(t, "phone-feedback-390x844-"+lang)
			}
			p.Do(chromedp.Click(chromedp.ID("send-btn"), chromedp.NodeEnabled))
			p.Wait("the answer acked", `document.getElementById('ack').textContent !== '' && !document.getElementById('ack').className.includes('err') && document.getElementById('send-btn').textContent !== ''`)
		}
		for i, p := range others {
			if _, err := p.Give(fb, map[string]any{"value": 2 + i%3, "text": fmt.Sprintf("FeedbackComment%d-%s", i+2, lang)}); err != nil {
				t.Fatal(err)
			}
		}
		watch()
		k.API("POST", "/api/sessions/"+s.ID+"/reveal", nil, nil)
		aud.Wait("the usefulness chart", `document.querySelectorAll('.voice-feedback .col').length === 5 && document.querySelector('.voice-feedback .mark') !== null`)
		watch()
		aud.NoAxeViolations("audience screen, feedback (" + lang + ")")
		aud.Shot(t, "projector-feedback-1280x720-"+lang)
		aud.Do(chromedp.EmulateViewport(1920, 1080))
		aud.Wait("the chart at 1920", `document.querySelectorAll('.voice-feedback .col').length === 5`)
		aud.Shot(t, "projector-feedback-1920x1080-"+lang)
		watch()
		for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
			pv.Do(chromedp.EmulateViewport(size[0], size[1]))
			pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
			pv.Wait("the presenter's chart", `document.querySelectorAll('.voice-feedback .col').length >= 5`)
			if seen := Eval[string](pv, `document.body.innerText`); strings.Contains(seen, "FeedbackComment") || strings.Contains(seen, "SharedStory") {
				t.Errorf("the presenter view (%s) shows an entry or a comment", lang)
			}
			pv.Shot(t, fmt.Sprintf("presenter-feedback-%dx%d-%s", size[0], size[1], lang))
		}
		pv.NoAxeViolations("presenter view, feedback (" + lang + ")")
		for _, p := range phones {
			p.Wait("the phone's results", `document.querySelector('#view .vbars') !== null`)
		}
		phones[0].Shot(t, "phone-feedback-result-390x844-"+lang)
		k.API("POST", "/api/sessions/"+s.ID+"/end", nil, nil)

		for i, seen := range watched {
			for _, secret := range []string{"SharedStory", "FeedbackComment"} {
				if strings.Contains(seen, secret) {
					t.Errorf("the audience screen (step %d, %s) showed %s", i, lang, secret)
				}
			}
		}

		// The facilitator's results page.
		rep.Do(chromedp.EmulateViewport(1280, 720))
		rep.Navigate(k.Base + "/host/s/" + s.ID + "/report")
		rep.Wait("the feedback results", `document.querySelectorAll('.fb-list li').length === 6 && document.getElementById('experiences') !== null`)
		rep.Do(chromedp.Click(chromedp.CSS(`#experiences summary`)))
		rep.Wait("the entries", `document.querySelectorAll('#experiences .share-list li').length === 2`)
		got := Eval[string](rep, `document.getElementById('experiences').innerText`)
		for i := range phones {
			if !strings.Contains(got, fmt.Sprintf("SharedStory%d-%s <img src=x", i, lang)) {
				t.Errorf("the report's entries lack phone %d's, as text: %q", i, got)
			}
		}
		// Six answers over four points (2, 2, 3, 4, 4, 5): every point is
		// under k = 5 and hidden, so the mean, which with the total would
		// give them back, is not shown either, and the page says why.
		if mean := rep.Text(".fb-mean"); !strings.Contains(mean, map[string]string{"en": "not shown", "es": "no mostrado"}[lang]) {
			t.Errorf("report mean line %q, want the average not shown beside hidden points", mean)
		}
		if lang == "es" { // the report is in its deck's language, whatever the browser's
			rep.Wait("the page in Spanish", `document.querySelector('.fb-mean').textContent.startsWith('Promedio no mostrado') && document.getElementById('experiences-title').textContent.startsWith('Experiencias')`)
			rep.Wait("the entries", `document.querySelectorAll('#experiences .share-list li').length === 2`)
		}
		rep.NoAxeViolations("report, feedback and shared experiences (" + lang + ")")
		for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
			rep.Do(chromedp.EmulateViewport(size[0], size[1]))
			Eval[chromedp.Void](rep, `document.querySelector('.fb-mean').closest('section').scrollIntoView()`)
			rep.Shot(t, fmt.Sprintf("report-feedback-%dx%d-%s", size[0], size[1], lang))
			Eval[chromedp.Void](rep, `document.getElementById('experiences').scrollIntoView()`)
			rep.Shot(t, fmt.Sprintf("report-experiences-%dx%d-%s", size[0], size[1], lang))
		}
		for _, tab := range append([]*Tab{aud, rep}, phones...) {
			if pwned := Eval[string](tab, `String(window.__pwned)`); pwned != "undefined" {
				t.Errorf("%s: a payload ran", tab.Name)
			}
		}
	}

	// The deck report over both sessions, from parents.en and from its
	// Spanish twin (each in its deck's language): the feedback item's
	// twelve comments, for the facilitator. Twelve answers, every point
	// under k: the average is left out, and the sentence and the facts say
	// why.
	sec := `document.querySelector('#items .fb-comments').closest('section')`
	for _, c := range []struct{ deck, lang, answers, notShown, meanHidden string }{
		{"parents.en", "en", "12 answers", "average is not shown", "Average not shown"},
		{"parents.es", "es", "12 respuestas", "el promedio no se muestra", "Promedio no mostrado"},
	} {
		rep.Do(chromedp.EmulateViewport(1280, 720))
		rep.Navigate(k.Base + "/host/decks/" + c.deck + "/report")
		rep.Wait("the feedback item in "+c.lang, `document.documentElement.lang === '`+c.lang+`' && [...document.querySelectorAll('#items section')].some(s => s.querySelector('.fb-comments'))`)
		Eval[chromedp.Void](rep, `(d => { d.open = true; d.closest('section').scrollIntoView(); })(document.querySelector('#items .fb-comments'))`)
		if n := Eval[int](rep, `document.querySelectorAll('#items .fb-comments li').length`); n != 12 {
			t.Errorf("%s deck report: %d comments, want 12 from both sessions", c.lang, n)
		}
		if s := Eval[string](rep, sec+`.querySelector('.sentence').textContent`); !strings.Contains(s, c.answers) || !strings.Contains(s, c.notShown) || strings.Contains(s, "out of 5") || strings.Contains(s, "de 5 en promedio") {
			t.Errorf("%s deck report sentence %q", c.lang, s)
		}
		if s := Eval[string](rep, sec+`.innerText`); !strings.Contains(s, c.meanHidden) {
			t.Errorf("%s deck report feedback item %q, want the average's absence explained", c.lang, s)
		}
		rep.NoAxeViolations("deck report, feedback, " + c.lang)
		rep.Shot(t, "deck-report-feedback-1280x720-"+c.lang)
		rep.Do(chromedp.EmulateViewport(1920, 1080))
		rep.Shot(t, "deck-report-feedback-1920x1080-"+c.lang)
	}
}

// A feedback question nobody answered has no average to explain: its
// report shows the empty points, not "Average not shown", in either
// language.
func TestUnansweredFeedbackSaysNothingOfTheAverage(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	rep := b.DesktopTab("report")
	rep.LoginHost(k)
	for _, lang := range []string{"en", "es"} {
		s := k.kit.StartSession("parents." + lang)
		rep.Do(chromedp.EmulateViewport(1280, 720))
		rep.Navigate(k.Base + "/host/s/" + s.ID + "/report")
		rep.Wait("the feedback question's points", `document.documentElement.lang === '`+lang+`' && document.querySelector('.fb-points') !== null`)
		if n := Eval[int](rep, `document.querySelectorAll('.fb-mean').length`); n != 0 {
			t.Errorf("%s: an unanswered feedback question shows %d mean lines (%q), want none", lang, n, Eval[string](rep, `[...document.querySelectorAll('.fb-mean')].map(e => e.textContent).join(' | ')`))
		}
		rep.NoAxeViolations("report, unanswered feedback (" + lang + ")")
		Eval[chromedp.Void](rep, `document.querySelector('.fb-points').closest('section').scrollIntoView()`)
		for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
			rep.Do(chromedp.EmulateViewport(size[0], size[1]))
			rep.Shot(t, fmt.Sprintf("report-feedback-unanswered-%dx%d-%s", size[0], size[1], lang))
		}
	}
}
