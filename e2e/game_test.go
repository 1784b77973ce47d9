package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// gameQuestions are the two questions of gameDecks, as a phone titles them:
// a phone waits for the question by name, not for any answer buttons.
var gameQuestions = map[string][2]string{
	"en": {"Which is a colour?", "Which is a fruit?"},
	"es": {"¿Cuál es un color?", "¿Cuál es una fruta?"},
}

// gameDecks are a short game in each language: a title slide, two
// single-choice questions (option B right), a closing slide.
var gameDecks = map[string]string{
	"en": "---\ntitle: Quick game EN\nlang: en\n---\n\n# Quick game\n\n---\n\n<!-- question: single -->\n\n## Which is a colour?\n\n- [ ] Table\n- [x] Blue\n\n---\n\n<!-- question: single -->\n\n## Which is a fruit?\n\n- [ ] Chair\n- [x] Pear\n\n---\n\n# Thank you\n",
	"es": "---\ntitle: Juego rápido ES\nlang: es\n---\n\n# Juego rápido\n\n---\n\n<!-- question: single -->\n\n## ¿Cuál es un color?\n\n- [ ] Mesa\n- [x] Azul\n\n---\n\n<!-- question: single -->\n\n## ¿Cuál es una fruta?\n\n- [ ] Silla\n- [x] Pera\n\n---\n\n# Gracias\n",
}

// TestGameInTheBrowser plays a short game to the podium in each language:
// the presenter ticks game mode on the host page's start form (off by
// default), two phones join with typed names, answer, and after each
// reveal see their own rank; Next shows the leaderboard on the audience
// screen, Next on the last slide the podium; the presenter renames a
// player with one click. axe-core finds nothing on the leaderboard, the
// podium, the presenter's game panel or the phone's rank.
func TestGameInTheBrowser(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.LoginHost(k)
	pv := b.DesktopTab("presenter view")
	for _, lang := range []string{"en", "es"} {
		func() {
			var saved struct{ Deck struct{ ID, Title string } }
			if st, body := k.API("POST", "/api/decks", map[string]string{"source": gameDecks[lang]}, &saved); st != 201 {
				t.Fatalf("save deck: %d %s", st, body)
			}
			aud.Navigate(k.Base + "/host")
			aud.Wait("the deck list", `document.querySelector('.deck-start') !== null`)
			if Eval[bool](aud, `document.getElementById('start-game').checked || !document.getElementById('start-speed').disabled`) {
				t.Fatal("game mode is ticked on the start form by default")
			}
			aud.NoAxeViolations("host page with the game option (" + lang + ")")
			aud.Do(chromedp.Click(chromedp.ID("start-game"), chromedp.NodeVisible))
			if lang == "es" { // the Spanish game plays in two teams
				Eval[chromedp.Void](aud, `(s => { s.value = '2'; s.dispatchEvent(new Event('change')); })(document.getElementById('start-teams'))`)
			}
			Eval[chromedp.Void](aud, fmt.Sprintf(`[...document.querySelectorAll('.deck-start')].find(b => b.getAttribute('aria-label').includes(%q)).click()`, saved.Deck.Title))
			aud.Wait("the audience screen", `/^\/host\/s\/[^/]+$/.test(location.pathname)`)
			id := strings.TrimPrefix(Eval[string](aud, `location.pathname`), "/host/s/")
			s := k.Session(id)
			if wantTeams := map[string]int{"en": 0, "es": 2}[lang]; s.Teams != wantTeams {
				t.Fatalf("started from the form: %d teams, want %d", s.Teams, wantTeams)
			}
			if !s.Game || s.SpeedBonus {
				t.Fatalf("started from the form: game %v speed %v, want a game without speed bonus", s.Game, s.SpeedBonus)
			}
			pv.Navigate(k.Base + "/host/s/" + id + "/presenter")
			pv.Wait("the presenter's game panel", `!document.getElementById('pv-game').hidden`)

			phones := []*Tab{b.PhoneTab("phone Ana " + lang), b.PhoneTab("phone Ben " + lang)}
			for i, nick := range []string{"Ana", "Ben"} {
				p := phones[i]
				p.Navigate(k.Base + "/j/" + s.Code)
				p.Wait("the join form", `!document.getElementById('join').hidden`)
				p.Do(chromedp.SendKeys(chromedp.ID("nick"), nick, chromedp.NodeVisible), chromedp.Tap(chromedp.ID("join-btn"), chromedp.NodeVisible))
				p.Wait("the lobby", `document.getElementById('status').className.includes('ok')`)
			}
			// Question 1: Ana right, Ben wrong; question 2: both right.
			for q, picks := range [][]int{{1, 0}, {1, 1}} {
				slide := q + 1
				k.API("POST", "/api/sessions/"+id+"/goto", map[string]int{"slide": slide}, nil)
				for i, p := range phones {
					waitQuestion([]*Tab{p}, gameQuestions[lang][q], 2)
					tapAnswer(p, picks[i])
					p.Wait("the answer received", `document.getElementById('ack').textContent.endsWith('✓')`)
				}
				pv.Do(chromedp.Click(chromedp.ID("reveal-btn"), chromedp.NodeEnabled))
				want := map[string][2]string{"en": {"You are 1st of 2", "You are 2nd of 2"}, "es": {"Vas en el puesto 1 de 2", "Vas en el puesto 2 de 2"}}[lang]
				phones[0].Wait("Ana's rank", fmt.Sprintf(`(document.getElementById('rank') || {}).textContent?.includes(%q)`, want[0]))
				phones[1].Wait("Ben's rank", fmt.Sprintf(`(document.getElementById('rank') || {}).textContent?.includes(%q)`, want[1]))
				if q == 0 {
					phones[1].NoAxeViolations("phone with its rank (" + lang + ")")
					phones[1].Shot(t, "phone-rank-390x844-"+lang)
				}
				// Next after the reveal: the leaderboard on the audience screen.
				pv.Do(chromedp.Click(chromedp.ID("next-btn"), chromedp.NodeEnabled))
				aud.Wait("the leaderboard", `!document.getElementById('game').hidden && document.querySelectorAll('#game .board-row').length === 2`)
			}
			rows := Eval[string](aud, `[...document.querySelectorAll('#game .board-row')].map(r => r.querySelector('.board-nick').textContent + ' ' + r.querySelector('.board-points').textContent).join(' | ')`)
			wantRows := map[string]string{"en": "Ana 2,000 points | Ben 1,000 points", "es": "Ana 2000 puntos | Ben 1000 puntos"}[lang]
			if rows != wantRows {
				t.Errorf("leaderboard (%s): %q, want %q", lang, rows, wantRows)
			}
			if lang == "es" {
				aud.Wait("the teams' standing", `document.querySelectorAll('#game .game-teams li').length === 2`)
				phones[0].Wait("Ana's team", `document.querySelector('#rank .rank-team')?.textContent.startsWith('Equipo ')`)
			}
			aud.NoAxeViolations("audience screen, leaderboard (" + lang + ")")
			pv.NoAxeViolations("presenter view, game panel (" + lang + ")")
			for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
				aud.Do(chromedp.EmulateViewport(size[0], size[1]))
				aud.Shot(t, fmt.Sprintf("leaderboard-%dx%d-%s", size[0], size[1], lang))
			}
			aud.Do(chromedp.EmulateViewport(1280, 800))

			// One click renames Ben to a generated name, on every screen.
			pv.Wait("Ben on the panel", `document.querySelector('#game-panel li:nth-child(2) .board-nick')?.textContent === 'Ben'`)
			Eval[chromedp.Void](pv, "document.querySelector('#game-panel li:nth-child(2) button.small:not(.danger)').click()")
			aud.Wait("Ben renamed", `[...document.querySelectorAll('#game .board-nick')].every(n => n.textContent !== 'Ben')`)

			// Next moves on; Next on the last slide shows the podium. The
			// presenter view is waited for too: it lays itself out again for
			// the last slide (no next slide to preview), and a click aimed
			// before that lands where the button was.
			pv.Do(chromedp.Click(chromedp.ID("next-btn"), chromedp.NodeEnabled))
			aud.Wait("the last slide", `document.getElementById('game').hidden`)
			pv.Wait("the presenter view on the last slide", `document.getElementById('now-pos').textContent === '4 / 4'`)
			pv.Do(chromedp.Click(chromedp.ID("next-btn"), chromedp.NodeEnabled))
			aud.Wait("the podium", `!document.getElementById('game').hidden && document.querySelectorAll('#game .podium-step').length === 2`)
			if got := aud.Text("#game .podium-1 .podium-nick"); got != "Ana" {
				t.Errorf("podium's first: %q, want Ana", got)
			}
			final := map[string]string{"en": "Final: you are 1st of 2", "es": "Final: puesto 1 de 2"}[lang]
			phones[0].Wait("Ana's final rank", fmt.Sprintf(`document.getElementById('rank').textContent.includes(%q)`, final))
			aud.NoAxeViolations("audience screen, podium (" + lang + ")")
			phones[0].NoAxeViolations("phone, final rank (" + lang + ")")
			phones[0].Shot(t, "phone-final-390x844-"+lang)
			for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
				aud.Do(chromedp.EmulateViewport(size[0], size[1]))
				aud.Shot(t, fmt.Sprintf("podium-%dx%d-%s", size[0], size[1], lang))
			}
			aud.Do(chromedp.EmulateViewport(1280, 800))
			pv.Shot(t, "presenter-game-panel-"+lang)
		}()
	}
}
