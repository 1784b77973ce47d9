package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/roundtable-kit/roundtable/handlers"
	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// gapsLimits let a source look up 3 unknown room codes, then refill too
// slowly to matter within a test.
var gapsLimits = handlers.Limits{MissesPerSecond: 0.001, MissBurst: 3}

// gapsDeck is the voice deck with a qa slide at its end.
func gapsDeck(lang string) string {
	return voiceDeck(lang) + "\n---\n\n<!-- question: qa -->\n\n## Q&A\n"
}

// oneLine is a script answering whether every control of the presenter
// view's bar sits on one line (their boxes share one row) and none is cut.
const oneLine = `(function(){
  const bar = document.querySelector('.pv-controls');
  const items = [...bar.querySelectorAll('button, select, a, label')].filter(e => e.offsetParent !== null && e.getClientRects().length);
  const tops = items.map(e => e.getBoundingClientRect().top);
  const bottoms = items.map(e => e.getBoundingClientRect().bottom);
  const r = bar.getBoundingClientRect();
  return items.length > 5 && Math.max(...tops) < Math.min(...bottoms) && r.right <= innerWidth + 1 && bar.scrollWidth <= bar.clientWidth + 1;
})()`

// TestPresenterGaps: on the presenter view, a qa slide offers no close,
// live results or reveal (and R reveals nothing); the controls keep to one
// line at 1280×720 and 1920×1080 on a question and a content slide; the
// Lock room toggle locks the room, a new phone is told so in its language,
// and unlocks it; a word removed from the cloud is still offered back after
// a reload. English and Spanish, axe-clean, with screenshots.
func TestPresenterGaps(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	pv := b.DesktopTab("presenter view")
	pv.LoginHost(k)
	for _, lang := range []string{"en", "es"} {
		deck := k.kit.SaveDeck(gapsDeck(lang))
		qs := k.kit.QuestionSlides(deck)
		s := k.kit.StartSession(deck)
		pv.Do(chromedp.EmulateViewport(1280, 720))
		pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
		pv.Wait("the presenter view", `document.documentElement.lang === '`+lang+`' && document.getElementById('now-phase').textContent !== ''`)

		// The lock, from the lobby: a new phone is refused in its language.
		if Eval[string](pv, `document.getElementById('lock-btn').getAttribute('aria-pressed')`) != "false" {
			t.Fatalf("%s: the lock toggle starts pressed", lang)
		}
		pv.Do(chromedp.Click(chromedp.ID("lock-btn"), chromedp.NodeVisible))
		pv.Wait("locked", `document.getElementById('lock-btn').getAttribute('aria-pressed') === 'true' && document.getElementById('lock-note').textContent !== ''`)
		if !k.Session(s.ID).Locked {
			t.Fatalf("%s: the toggle did not lock the room", lang)
		}
		pv.Shot(t, "gaps-presenter-locked-1280-"+lang)
		pv.NoAxeViolations("presenter view, room locked (" + lang + ")")
		p := b.PhoneTab("phone " + lang)
		p.Navigate(k.Base + "/j/" + s.Code)
		// The phone joins by itself (no name outside a game) and is refused.
		locked := map[string]string{"en": "The presenter has locked this room", "es": "Quien presenta cerró la sala"}[lang]
		p.Wait("told the room is locked, with a button to try again", `document.documentElement.lang === '`+lang+`' && document.body.innerText.includes('`+locked+`') && document.getElementById('retry-btn') !== null && document.getElementById('retry-btn').offsetParent !== null`)
		p.Shot(t, "gaps-phone-locked-390-"+lang)
		for _, size := range [][2]int64{{1280, 720}, {1920, 1080}, {390, 844}} {
			p.Do(chromedp.EmulateViewport(size[0], size[1]))
			if size[0] != 390 {
				p.Wait("the phone resized", fmt.Sprintf(`innerWidth === %d`, size[0]))
				p.Shot(t, fmt.Sprintf("gaps-phone-locked-%d-%s", size[0], lang))
			}
		}
		p.NoAxeViolations("phone, room locked (" + lang + ")")
		pv.Do(chromedp.Click(chromedp.ID("lock-btn"), chromedp.NodeVisible))
		pv.Wait("unlocked", `document.getElementById('lock-btn').getAttribute('aria-pressed') === 'false' && document.getElementById('lock-note').textContent === ''`)
		if k.Session(s.ID).Locked {
			t.Fatalf("%s: the toggle did not unlock the room", lang)
		}
		// Trying again, the phone joins once the room is open.
		p.Do(chromedp.Tap(chromedp.ID("retry-btn"), chromedp.NodeVisible))
		pv.Wait("the phone joined", `document.getElementById('pv-joined').textContent === '1'`)

		// The controls fit one line, on a question and on the qa slide.
		for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
			pv.Do(chromedp.EmulateViewport(size[0], size[1]))
			for _, slide := range []int{qs["poll"], qs["qa"]} {
				k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": slide}, nil)
				pv.Wait("the slide", fmt.Sprintf(`document.getElementById('now-pos').textContent.startsWith('%d ')`, slide+1))
				if !Eval[bool](pv, oneLine) {
					t.Errorf("%s %dx%d slide %d: the presenter's controls do not fit one line (%d px over)", lang, size[0], size[1], slide+1,
						Eval[int](pv, `(b => b.scrollWidth - b.clientWidth)(document.querySelector('.pv-controls'))`))
				}
				name := "poll"
				if slide == qs["qa"] {
					name = "qa"
				}
				pv.Shot(t, fmt.Sprintf("gaps-presenter-%s-%d-%s", name, size[0], lang))
				if size[0] == 1920 {
					pv.NoAxeViolations(fmt.Sprintf("presenter view, %s slide, 1920×1080 (%s)", name, lang))
				}
			}
		}
		pv.Do(chromedp.EmulateViewport(1280, 720))

		// The qa slide (showing now): no close, results or reveal, and R reveals nothing.
		if !Eval[bool](pv, `['close-btn','results-btn','reveal-btn'].every(id => document.getElementById(id).offsetParent === null || document.getElementById(id).disabled)`) {
			t.Errorf("%s: a qa slide offers close, live results or reveal", lang)
		}
		pv.NoAxeViolations("presenter view, qa slide (" + lang + ")")
		pv.Do(chromedp.KeyEvent("r"), chromedp.KeyEvent("c"))
		if ph := k.Session(s.ID).Phase; ph != "question" {
			t.Errorf("%s: R and C on a qa slide left it %q", lang, ph)
		}
		if got := Eval[string](pv, `document.getElementById('pv-conn').textContent`); got != "" {
			t.Errorf("%s: R on a qa slide said %q", lang, got)
		}
		// A poll keeps them.
		k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": qs["poll"]}, nil)
		pv.Wait("the poll's steps", `!document.getElementById('close-btn').disabled && !document.getElementById('reveal-btn').disabled && document.getElementById('close-btn').offsetParent !== null`)

		// A word removed from the cloud is offered back after a reload.
		k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": qs["wordcloud"]}, nil)
		for i, ph := range k.kit.JoinPhones(s.Code, 2, nil) {
			if _, err := ph.AnswerWords(qs["wordcloud"], "miedo", fmt.Sprintf("calma%d", i)); err != nil {
				t.Fatal(err)
			}
		}
		pv.Wait("the cloud's words", `[...document.querySelectorAll('#mod-words .mod-w')].some(e => e.textContent === 'miedo')`)
		Eval[chromedp.Void](pv, `[...document.querySelectorAll('#mod-words .mod-word')].find(li => li.querySelector('.mod-w').textContent === 'miedo').querySelector('button').click()`)
		pv.Wait("removed", `[...document.querySelectorAll('#mod-words .mod-word.hidden .mod-w')].some(e => e.textContent === 'miedo')`)
		hidden := func() bool {
			h := k.kit.HostSocket(s.ID)
			m, ok := h.WaitFor(0, step, func(m kittest.HostMsg) bool { return m.Type == "host_state" })
			return ok && strings.Contains(string(m.Raw), `"hidden_words":["miedo"]`)
		}
		pv.Wait("the removal stored", `true`)
		if !hidden() {
			t.Fatalf("%s: the removal never reached the server", lang)
		}
		pv.Do(chromedp.Reload())
		pv.Wait("the removed word after a reload", `[...document.querySelectorAll('#mod-words .mod-word.hidden .mod-w')].some(e => e.textContent === 'miedo') && ![...document.querySelectorAll('#mod-words .mod-word:not(.hidden) .mod-w')].some(e => e.textContent === 'miedo')`)
		pv.Shot(t, "gaps-presenter-cloud-1280-"+lang)
		pv.NoAxeViolations("presenter view, a word removed, reloaded (" + lang + ")")
		k.API("POST", "/api/sessions/"+s.ID+"/end", nil, nil)
	}
}

// TestRemoteGaps: the phone remote labels what came in by the question's
// kind (a scale's points 1…N with its labelled ends, not letters; a count
// of answers for the others), and closes and opens the question, turns
// live results on and off and switches reactions, as the presenter view
// does; a qa slide offers none of the question's steps. Both languages at
// 390×844, axe-clean, with screenshots.
func TestRemoteGaps(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	pv := b.DesktopTab("presenter view")
	pv.LoginHost(k)
	for _, lang := range []string{"en", "es"} {
		w := map[string]map[string]string{
			"en": {"close": "Close question", "open": "Open question", "answers": "2 answers", "qa": "no answers to count", "low": "Disagree", "high": "Agree"},
			"es": {"close": "Cerrar la pregunta", "open": "Abrir la pregunta", "answers": "2 respuestas", "qa": "no hay respuestas que contar", "low": "En desacuerdo", "high": "De acuerdo"},
		}[lang]
		deck := k.kit.SaveDeck(gapsDeck(lang))
		qs := k.kit.QuestionSlides(deck)
		s := k.kit.StartSession(deck)
		pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
		pv.Wait("the presenter view", `document.getElementById('remote-btn').textContent !== ''`)
		link := openRemoteQR(t, k, pv)
		p := b.PhoneTab("remote " + lang)
		p.Navigate(link)
		p.Wait("the remote", `document.getElementById('rm-conn').className === 'rm-conn' && document.getElementById('rm-pos').textContent !== ''`)
		phones := k.kit.JoinPhones(s.Code, 2, nil)
		gotoSlide := func(kind string) {
			k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": qs[kind]}, nil)
			p.Wait(kind+" on the remote", fmt.Sprintf(`document.getElementById('rm-pos').textContent.startsWith('%d ')`, qs[kind]+1))
		}

		// A scale: its points, the ends labelled, no letters.
		gotoSlide("scale")
		for i, ph := range phones {
			if _, err := ph.AnswerValue(qs["scale"], float64(i*4+1)); err != nil {
				t.Fatal(err)
			}
		}
		// 1 and 5 once each: "1 (low): 1 · 2: 0 · 3: 0 · 4: 0 · 5 (high): 1".
		p.Wait("the scale's points", `/^1 \(`+w["low"]+` .*\): 1 · 2: 0 · 3: 0 · 4: 0 · 5 \(`+w["high"]+`\): 1$/.test(document.getElementById('rm-live').textContent)`)
		p.Shot(t, "gaps-remote-scale-390-"+lang)
		p.NoAxeViolations("remote, scale (" + lang + ")")

		// The others: a count of answers at least.
		for _, kind := range []string{"number", "wordcloud", "open", "ranking"} {
			gotoSlide(kind)
			for i, ph := range phones {
				var err error
				switch kind {
				case "number":
					_, err = ph.AnswerValue(qs[kind], float64(90+i))
				case "wordcloud":
					_, err = ph.AnswerWords(qs[kind], "miedo")
				case "open":
					_, err = ph.AnswerText(qs[kind], fmt.Sprintf("text %d", i))
				case "ranking":
					_, err = ph.Answer(qs[kind], []int{2, 0, 1})
				}
				if err != nil {
					t.Fatalf("%s %s: %v", lang, kind, err)
				}
			}
			p.Wait(kind+"'s count", `document.getElementById('rm-live').textContent.includes('`+w["answers"]+`')`)
			if live := p.Text("#rm-live"); strings.Contains(live, "A:") {
				t.Errorf("%s %s: the remote shows option letters: %q", lang, kind, live)
			}
			if kind == "ranking" {
				p.Shot(t, "gaps-remote-ranking-390-"+lang)
			}
		}

		// The steps, on a poll.
		gotoSlide("poll")
		p.Wait("close offered", `!document.getElementById('close-btn').disabled && document.getElementById('close-btn').textContent === '`+w["close"]+`'`)
		p.Do(chromedp.Tap(chromedp.ID("close-btn"), chromedp.NodeVisible))
		p.Wait("closed", `document.getElementById('close-btn').textContent === '`+w["open"]+`'`)
		if ph := k.Session(s.ID).Phase; ph != "closed" {
			t.Fatalf("%s: after the remote's close: phase %q", lang, ph)
		}
		resultsWere := k.Session(s.ID).Results
		p.Do(chromedp.Tap(chromedp.ID("results-btn"), chromedp.NodeVisible))
		p.Wait("results switched", fmt.Sprintf(`document.getElementById('results-btn').getAttribute('aria-pressed') === '%v'`, !resultsWere))
		if k.Session(s.ID).Results == resultsWere {
			t.Errorf("%s: the remote's results button changed nothing", lang)
		}
		p.Do(chromedp.Tap(chromedp.ID("reactions-btn"), chromedp.NodeVisible))
		p.Wait("reactions on", `document.getElementById('reactions-btn').getAttribute('aria-pressed') === 'true'`)
		pv.Wait("the presenter view sees reactions on", `document.getElementById('reactions-btn').getAttribute('aria-pressed') === 'true'`)
		p.Shot(t, "gaps-remote-poll-390-"+lang)
		p.NoAxeViolations("remote, poll closed, reactions on (" + lang + ")")
		p.Do(chromedp.Tap(chromedp.ID("close-btn"), chromedp.NodeVisible))
		p.Wait("open again", `document.getElementById('close-btn').textContent === '`+w["close"]+`'`)
		p.Do(chromedp.Tap(chromedp.ID("reactions-btn"), chromedp.NodeVisible))
		p.Wait("reactions off", `document.getElementById('reactions-btn').getAttribute('aria-pressed') === 'false'`)

		// The qa slide: nothing to close, show or reveal.
		gotoSlide("qa")
		p.Wait("the qa line", `document.getElementById('rm-live').textContent.includes('`+w["qa"]+`')`)
		if !Eval[bool](p, `['close-btn','results-btn','reveal-btn'].every(id => document.getElementById(id).disabled)`) {
			t.Errorf("%s: the remote offers a qa slide's close, results or reveal", lang)
		}
		p.Shot(t, "gaps-remote-qa-390-"+lang)
		for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
			p.Do(chromedp.EmulateViewport(size[0], size[1]))
			p.Wait("the remote resized", fmt.Sprintf(`innerWidth === %d`, size[0]))
			p.Shot(t, fmt.Sprintf("gaps-remote-qa-%d-%s", size[0], lang))
		}
		k.API("POST", "/api/sessions/"+s.ID+"/end", nil, nil)
	}
}

// TestReactionsKeepOffTheJoinStrip: the floating reactions on the audience
// screen rise from above the join strip (its code and address stay
// readable), at 1280×720 and 1920×1080.
func TestReactionsKeepOffTheJoinStrip(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.LoginHost(k)
	for _, lang := range []string{"en", "es"} {
		s := k.kit.StartSession("try." + lang)
		k.API("POST", "/api/sessions/"+s.ID+"/next", nil, nil)
		k.API("POST", "/api/sessions/"+s.ID+"/reactions", map[string]bool{"on": true}, nil)
		for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
			crowd := k.kit.JoinPhones(s.Code, 12, nil) // new phones: a phone counts once a second
			aud.Do(chromedp.EmulateViewport(size[0], size[1]))
			aud.Navigate(k.Base + "/host/s/" + s.ID)
			aud.Wait("the slide and its strip", `!document.getElementById('slide').hidden && !document.getElementById('strip').hidden`)
			for i, ph := range crowd {
				ph.React(i % 5)
			}
			aud.Wait("emoji in the air", `document.querySelectorAll('#react-layer .react-float').length >= 3`)
			// Every emoji, wherever it is in its rise, is above the strip.
			clear := `(function(){
			  const top = document.getElementById('strip').getBoundingClientRect().top;
			  const fs = [...document.querySelectorAll('#react-layer .react-float')];
			  return fs.length > 0 && fs.every(f => f.getBoundingClientRect().bottom <= top + 0.5);
			})()`
			if !Eval[bool](aud, clear) {
				got := Eval[string](aud, `JSON.stringify({strip: document.getElementById('strip').getBoundingClientRect().top, floats: [...document.querySelectorAll('#react-layer .react-float')].map(f => f.getBoundingClientRect().bottom)})`)
				t.Errorf("%s %dx%d: an emoji over the join strip: %s", lang, size[0], size[1], got)
			}
			aud.Wait("the emoji in sight", `[...document.querySelectorAll('#react-layer .react-float')].filter(e => +getComputedStyle(e).opacity > .6).length >= 3`)
			aud.Shot(t, fmt.Sprintf("gaps-audience-reactions-%d-%s", size[0], lang))
		}
		k.API("POST", "/api/sessions/"+s.ID+"/end", nil, nil)
	}
}

// TestPhoneWaitPage: a phone past the room-lookup limit that opens a join
// link gets a small page in its language saying to wait and try again.
func TestPhoneWaitPage(t *testing.T) {
	k := kittest.Start(t, kittest.Options{Limits: gapsLimits})
	b := NewBrowser(t)
	s := k.StartSession("try.en")
	for range gapsLimits.MissBurst {
		k.Client().Do(context.Background(), "GET", "/j/ZZZZZ2", nil, nil)
	}
	for _, c := range []struct{ lang, accept, want string }{{"en", "en-US,en", "Wait a moment, then try again."}, {"es", "es-ES,es", "Espera un momento y vuelve a intentarlo."}} {
		p := b.PhoneTab("phone " + c.lang)
		p.Do(chromedp.Evaluate[chromedp.Void]("0")) // opens the tab
		ctx, cancel := context.WithTimeout(p.ctx, step)
		_, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": c.accept}})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		p.Navigate(k.Base + "/j/" + s.Code)
		p.Wait("the wait page", `document.documentElement.lang === '`+c.lang+`' && document.body.innerText.includes('`+c.want+`')`)
		p.Shot(t, "gaps-phone-wait-390-"+c.lang)
		p.NoAxeViolations("phone, wait page (" + c.lang + ")")
		for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
			p.Do(chromedp.EmulateViewport(size[0], size[1]))
			p.Navigate(k.Base + "/j/" + s.Code)
			p.Wait("the wait page", `document.body.innerText.includes('`+c.want+`')`)
			p.Shot(t, fmt.Sprintf("gaps-phone-wait-%d-%s", size[0], c.lang))
		}
	}
}
