package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestReactionsInTheBrowser, in both languages: reactions are off (no bar
// on the phone), the presenter turns them on from the presenter view, the
// phone's bar comes (five buttons named in the room's language), a tap
// confirms on the phone and floats an emoji on the audience screen; a
// crowd of phones floats no more than 12 per update; with reduced motion
// the audience screen counts instead; the presenter turns them off and the
// bar goes. axe-core finds nothing on the three pages.
func TestReactionsInTheBrowser(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.LoginHost(k)
	pv := b.DesktopTab("presenter view")
	want := map[string][]string{
		"en": {"Thumbs up", "Love it", "Funny", "Surprised", "Applause"},
		"es": {"Pulgar arriba", "Me encanta", "Me hace gracia", "Sorpresa", "Aplausos"},
	}
	for _, lang := range []string{"en", "es"} {
		func() { // the tabs report to t: no subtests
			p := b.PhoneTab("phone " + lang)
			s := k.kit.StartSession("try." + lang)
			k.API("POST", "/api/sessions/"+s.ID+"/next", nil, nil)
			aud.Do(chromedp.EmulateViewport(1280, 720))
			aud.Navigate(k.Base + "/host/s/" + s.ID)
			aud.Wait("the first slide", `!document.getElementById('slide').hidden`)
			pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
			pv.Wait("the presenter view", `document.getElementById('now-phase').textContent !== ''`)
			p.Navigate(k.Base + "/j/" + s.Code)
			p.Wait("the slide", `document.getElementById('status').className.includes('ok') && document.getElementById('h').textContent !== ''`)
			if Eval[bool](p, `document.getElementById('react') !== null || performance.getEntriesByType('resource').some(e => e.name.includes('reactions'))`) {
				t.Errorf("%s: the reaction bar (or its module) was loaded while reactions are off", lang)
			}

			// On, from the presenter view.
			pv.Wait("the switch, off", `document.getElementById('reactions-btn').getAttribute('aria-pressed') === 'false'`)
			pv.Do(chromedp.Click(chromedp.ID("reactions-btn"), chromedp.NodeVisible))
			pv.Wait("the switch, on", `document.getElementById('reactions-btn').getAttribute('aria-pressed') === 'true'`)
			p.Wait("the reaction bar", `document.querySelectorAll('#react:not([hidden]) .react-btn').length === 5`)
			got := Eval[[]string](p, `[...document.querySelectorAll('#react .react-btn')].map(b => b.getAttribute('aria-label'))`)
			if strings.Join(got, "|") != strings.Join(want[lang], "|") {
				t.Errorf("%s: the buttons are named %q, want %q", lang, got, want[lang])
			}
			p.Do(chromedp.Tap(chromedp.CSS(`.react-btn[data-emoji="1"]`), chromedp.NodeVisible))
			p.Wait("the tap confirmed", `document.querySelector('.react-btn.sent') !== null && document.querySelector('.react-said').textContent.includes('❤️')`)
			aud.Wait("the emoji floating", `[...document.querySelectorAll('#react-layer .react-float')].some(e => e.textContent === '❤️')`)
			p.Shot(t, "react-phone-"+lang) // the confirmation showing
			p.NoAxeViolations("phone with the reaction bar (" + lang + ")")
			pv.NoAxeViolations("presenter view, reactions on (" + lang + ")")

			// A crowd: each update floats at most 12, whatever the counts.
			if n := Eval[int](aud, `import('/static/js/floats.js').then(m => m.pick([5000, 3000, 1200, 700, 100]).length)`); n != 12 {
				t.Errorf("%s: 10,000 reactions in one update draw %d emoji, want 12", lang, n)
			}
			feed := k.kit.HostSocket(s.ID) // counts the updates the audience screen gets
			crowd := k.kit.JoinPhones(s.Code, 40, nil)
			for i, ph := range crowd {
				ph.React(i % 5)
			}
			aud.Wait("the crowd's emoji", `document.querySelectorAll('#react-layer .react-float').length >= 6`)
			updates := 0
			for _, m := range feed.Messages() {
				if m.Type == "host_reactions" {
					updates++
				}
			}
			// The phone's heart may still be in the air: one more.
			if n := Eval[int](aud, `document.querySelectorAll('#react-layer .react-float').length`); n > 12*updates+1 {
				t.Errorf("%s: 40 reactions in %d updates put %d emoji in the air, want at most 12 per update", lang, updates, n)
			}
			aud.Wait("the crowd's emoji in sight", `[...document.querySelectorAll('#react-layer .react-float')].filter(e => +getComputedStyle(e).opacity > .6).length >= 4`)
			aud.Shot(t, "react-audience-1280-"+lang)
			aud.NoAxeViolations("audience screen with reactions (" + lang + ")")
			aud.Do(chromedp.EmulateViewport(1920, 1080))
			aud.Wait("the slide at 1920", `!document.getElementById('slide').hidden`)
			p.Do(chromedp.Tap(chromedp.CSS(`.react-btn[data-emoji="4"]`), chromedp.NodeVisible))
			for i, ph := range crowd[:20] {
				ph.React((i + 2) % 5)
			}
			aud.Wait("emoji floating at 1920", `document.querySelectorAll('#react-layer .react-float').length > 0`)
			aud.Shot(t, "react-audience-1920-"+lang)
			aud.Do(chromedp.EmulateViewport(1280, 720))

			// Reduced motion: a counter in the strip instead of floats.
			motion(aud, "reduce")
			aud.Wait("reduced motion", `matchMedia('(prefers-reduced-motion: reduce)').matches`)
			before := Eval[int](aud, `document.querySelectorAll('#react-layer .react-float').length`)
			thumbs := Eval[int](aud, `+(document.getElementById('react-nums').textContent.match(/👍 (\d+)/) || [0, 0])[1]`)
			for _, ph := range k.kit.JoinPhones(s.Code, 3, nil) { // new phones: none has reacted this second
				ph.React(0)
			}
			aud.Wait("the counter", fmt.Sprintf(`!document.getElementById('react-count').hidden && +document.getElementById('react-nums').textContent.match(/👍 (\d+)/)[1] >= %d`, thumbs+3))
			if after := Eval[int](aud, `document.querySelectorAll('#react-layer .react-float').length`); after > before {
				t.Errorf("%s: with reduced motion, emoji still float (%d, were %d)", lang, after, before)
			}
			aud.NoAxeViolations("audience screen, reduced motion (" + lang + ")")
			aud.Shot(t, "react-audience-still-"+lang)
			motion(aud, "no-preference")

			// Off again: the bar goes.
			pv.Do(chromedp.Click(chromedp.ID("reactions-btn"), chromedp.NodeVisible))
			pv.Wait("the switch, off", `document.getElementById('reactions-btn').getAttribute('aria-pressed') === 'false'`)
			p.Wait("the bar gone", `document.getElementById('react').hidden`)
			k.API("POST", "/api/sessions/"+s.ID+"/end", nil, nil)
		}()
	}
}

// motion emulates the screen's prefers-reduced-motion ("reduce" or
// "no-preference").
func motion(tab *Tab, v string) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, step)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: v}}}); err != nil {
		tab.t.Fatalf("%s: prefers-reduced-motion %s: %v", tab.Name, v, err)
	}
}
