package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// minPx1080 is the smallest body text the audience screen may use, in px on
// a 1080-pixel-high screen (docs/PRESENTING.md); it scales with the screen.
const minPx1080 = 24.0

// fitCheck measures the audience screen as it is now: the page and the
// slide area must not scroll, and the slide's body text must be at least
// the minimum for this screen's height.
const fitCheck = `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))).then(() => {
  const st = document.getElementById('stage'), sl = document.getElementById('slide'), strip = document.getElementById('strip');
  return {page: document.documentElement.scrollHeight, inner: innerHeight, stage: st.scrollHeight, room: st.clientHeight,
    overflow: st.classList.contains('overflow'),
    font: Math.min(...[...sl.querySelectorAll('*')].filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())).map(e => parseFloat(getComputedStyle(e).fontSize))),
    strip: strip.hidden ? -1 : strip.getBoundingClientRect().bottom,
    fit: parseFloat(document.getElementById('screen').style.getPropertyValue('--fit') || '1')};
})`

type fitResult struct {
	Page, Inner, Stage, Room int
	Overflow                 bool
	Font, Strip, Fit         float64
}

// TestEveryBuiltInSlideFits walks every slide of every built-in deck on the
// audience screen at 1280×720 and 1920×1080, each question in every state
// (open; open with live results and a countdown; closed with live results;
// revealed): nothing scrolls, the join strip is on the screen, and the
// text is never below the minimum size.
func TestEveryBuiltInSlideFits(t *testing.T) {
	k := StartKit(t)
	var decks []struct {
		ID      string
		Builtin bool
	}
	k.API("GET", "/api/decks", nil, &decks)
	b := NewBrowser(t)
	tab := b.DesktopTab("audience screen")
	tab.LoginHost(k)
	checked, smallest := 0, 1.0
	for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
		tab.Do(chromedp.EmulateViewport(size[0], size[1]))
		minFont := minPx1080 * float64(size[1]) / 1080
		for _, d := range decks {
			if !d.Builtin {
				continue
			}
			var slides struct {
				Deck struct {
					Slides []struct {
						Question *struct{ Kind string }
					}
				}
			}
			k.API("GET", "/api/decks/"+d.ID, nil, &slides)
			s := k.kit.StartSession(d.ID)
			tab.Navigate(k.Base + "/host/s/" + s.ID)
			tab.Wait("the lobby", `!document.getElementById('lobby').hidden`)
			for i, sl := range slides.Deck.Slides {
				k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": i}, nil)
				states := []string{"slide"}
				if sl.Question != nil {
					states = []string{"question", "live", "closed", "revealed"}
				}
				if sl.Question != nil && sl.Question.Kind == "qa" {
					// The Q&A wall: no answers, so no results, close or reveal.
					states = []string{"question"}
				}
				for _, state := range states {
					ready := "true"
					switch state {
					case "live":
						k.API("POST", "/api/sessions/"+s.ID+"/results", map[string]bool{"show": true}, nil)
						k.API("POST", "/api/sessions/"+s.ID+"/countdown", map[string]int{"seconds": 300}, nil)
						ready = `document.querySelector('#chart .bar, #chart[data-show=live]') !== null && document.getElementById('countdown').textContent !== ''`
					case "closed":
						k.API("POST", "/api/sessions/"+s.ID+"/close", nil, nil)
						ready = `document.querySelector('#slide .closed-note') !== null && document.querySelector('#chart .bar, #chart[data-show=live]') !== null`
					case "revealed":
						k.API("POST", "/api/sessions/"+s.ID+"/reveal", nil, nil)
						ready = `document.querySelector('#chart li.right, #slide .poll-note, #chart[data-show=revealed]') !== null`
					}
					tab.Wait(fmt.Sprintf("%s slide %d %s", d.ID, i+1, state), fmt.Sprintf(`document.getElementById('corner-pos').textContent.startsWith('%d ') && %s`, i+1, ready))
					r := Eval[fitResult](tab, fitCheck)
					where := fmt.Sprintf("%s slide %d (%s) at %dx%d", d.ID, i+1, state, size[0], size[1])
					checked++
					if r.Page > r.Inner || r.Stage > r.Room+1 || r.Overflow {
						t.Errorf("%s: does not fit: page %d of %d px, slide area %d of %d px", where, r.Page, r.Inner, r.Stage, r.Room)
					}
					if r.Strip < 0 || r.Strip > float64(r.Inner)+0.5 {
						t.Errorf("%s: the join strip ends at %.0f px, off a %d px screen", where, r.Strip, r.Inner)
					}
					if r.Font < minFont-0.5 {
						t.Errorf("%s: body text %.1f px, below the minimum %.1f px for this screen", where, r.Font, minFont)
					}
					if r.Fit < smallest {
						smallest = r.Fit
					}
				}
			}
		}
	}
	if checked < 600 {
		t.Errorf("checked %d slide states, want every slide of every built-in deck at two sizes", checked)
	}
	t.Logf("checked %d slide states; the smallest scale used was %.2f", checked, smallest)

	// A user's deck too long for any screen shrinks to the minimum, and only
	// then scrolls (the linter warns of such a slide when it is written).
	long := strings.Repeat("A long option that goes on and on about many things ", 3)
	src := "---\ntitle: Long\nlang: en\n---\n\n<!-- question: single -->\n\n## " + strings.Repeat("A very long prompt that keeps going ", 8) + "?\n\n"
	for i := 0; i < 8; i++ {
		src += fmt.Sprintf("- [%s] %s%d\n", map[bool]string{true: "x", false: " "}[i == 0], long, i)
	}
	src += "\nExplanation: " + strings.Repeat("An explanation that is far too long for one screen. ", 20) + "\n"
	id := k.kit.SaveDeck(src)
	s := k.kit.StartSession(id)
	tab.Navigate(k.Base + "/host/s/" + s.ID)
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 0}, nil)
	k.API("POST", "/api/sessions/"+s.ID+"/reveal", nil, nil)
	tab.Wait("the long question revealed", `document.querySelector('#chart .bar') !== null`)
	r := Eval[fitResult](tab, fitCheck)
	if !r.Overflow || r.Fit > 0.71 || r.Page > r.Inner {
		t.Errorf("a slide too long for the screen: scale %.2f, scrolling %v, page %d of %d px; want the minimum scale, the slide area scrolling, the page not", r.Fit, r.Overflow, r.Page, r.Inner)
	}
	if r.Font < minPx1080-0.5 {
		t.Errorf("a slide too long for the screen: text %.1f px, below the minimum %v px", r.Font, minPx1080)
	}
}
