package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// teamGameDecks are a short game in each language whose join question's
// answers are the teams.
var teamGameDecks = map[string]string{
	"en": strings.Replace(gameDecks["en"], "lang: en\n", "lang: en\njoin-question: My team | Red | Blue\n", 1),
	"es": strings.Replace(gameDecks["es"], "lang: es\n", "lang: es\njoin-question: Mi equipo | Rojo | Azul\n", 1),
}

// TestGameTeamsOnJoinInTheBrowser plays a game with teams chosen on join
// in each language: three phones join (two type a name, one takes the
// generated one), two pick their team on the join question and one skips;
// after a reveal each phone shows its team by name and the leaderboard
// lists the named teams; the presenter renames one player and removes
// another with one click each (the removed phone says so and forgets its
// token), locks the room (a new phone is refused) and opens it again; the
// podium ends it. A session without game mode joins with no name form.
// axe-core finds nothing on the leaderboard, the podium, the presenter's
// game panel or the phones.
func TestGameTeamsOnJoinInTheBrowser(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.LoginHost(k)
	pv := b.DesktopTab("presenter view")
	text := map[string]map[string]string{
		"en": {"lobby": "You're in!", "anon": "No name needed: your answers are anonymous.", "join": "Join room ", "red": "Red", "blue": "Blue",
			"skip": "Skip", "anaTeam": "Your team, Red: 1st place", "removed": "The presenter removed you from this session.",
			"locked": "locked", "teamLine": "Red", "final": "Final: you are 1st of 2"},
		"es": {"lobby": "¡Ya estás dentro!", "anon": "No hace falta nombre: tus respuestas son anónimas.", "join": "Unirse a la sala ", "red": "Rojo", "blue": "Azul",
			"skip": "Omitir", "anaTeam": "Tu equipo, Rojo: puesto 1", "removed": "La persona que presenta te quitó de esta sesión.",
			"locked": "cerró", "teamLine": "Rojo", "final": "Final: puesto 1 de 2"},
	}
	for _, lang := range []string{"en", "es"} {
		func() {
			tx := text[lang]
			// Without game mode: straight to the lobby, no name asked.
			plain := k.kit.StartSession(map[string]string{"en": "try.en", "es": "try.es"}[lang])
			np := b.PhoneTab("phone, no game " + lang)
			np.Navigate(k.Base + "/j/" + plain.Code)
			np.Wait("the lobby with no name form", fmt.Sprintf(`document.querySelector('h1').textContent === %q && document.getElementById('nick') === null`, tx["lobby"]))
			if got := np.Text("#view .big"); got != tx["anon"] {
				t.Errorf("lobby outside a game (%s): %q, want %q", lang, got, tx["anon"])
			}
			np.NoAxeViolations("phone lobby without a game (" + lang + ")")
			np.Shot(t, "phone-lobby-no-game-390x844-"+lang)

			var saved struct{ Deck struct{ ID string } }
			if st, body := k.API("POST", "/api/decks", map[string]string{"source": teamGameDecks[lang]}, &saved); st != 201 {
				t.Fatalf("save deck: %d %s", st, body)
			}
			var s struct{ ID, Code string }
			if st, body := k.API("POST", "/api/sessions", map[string]any{"deck": saved.Deck.ID, "game": true, "teams": 3}, &s); st != 201 {
				t.Fatalf("start: %d %s", st, body)
			}
			aud.Navigate(k.Base + "/host/s/" + s.ID)
			pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
			pv.Wait("the presenter's game panel", `!document.getElementById('pv-game').hidden`)

			phones := []*Tab{b.PhoneTab("phone Ana " + lang), b.PhoneTab("phone Ben " + lang), b.PhoneTab("phone 3 " + lang)}
			for i, nick := range []string{"Ana", "Ben", ""} {
				p := phones[i]
				p.Navigate(k.Base + "/j/" + s.Code)
				p.Wait("the game's name form", `document.getElementById('nick') !== null && document.querySelector('h1').textContent.startsWith(`+fmt.Sprintf("%q", tx["join"])+`)`)
				if i == 0 {
					p.NoAxeViolations("phone, game's name form (" + lang + ")")
					p.Shot(t, "phone-join-390x844-"+lang)
				}
				if nick != "" {
					p.Do(chromedp.SendKeys(chromedp.ID("nick"), nick, chromedp.NodeVisible))
				}
				p.Do(chromedp.Tap(chromedp.ID("join-btn"), chromedp.NodeVisible))
				p.Wait("the join question", `document.querySelectorAll('#jq button').length === 3`)
				choice := []string{tx["red"], tx["blue"], tx["skip"]}[i]
				Eval[chromedp.Void](p, fmt.Sprintf(`[...document.querySelectorAll('#jq button')].find(b => b.textContent === %q).click()`, choice))
				p.Wait("the join question answered", `document.querySelectorAll('#jq button').length === 0`)
			}
			if got := phones[0].Text("#view .big"); !strings.Contains(got, "Ana") {
				t.Errorf("Ana's lobby: %q, want her name", got)
			}
			third := strings.TrimPrefix(strings.TrimPrefix(phones[2].Text("#view .big"), "Your name here: "), "Tu nombre aquí: ")
			if len(third) < 5 || third == phones[2].Text("#view .big") {
				t.Errorf("the phone that typed no name: %q, want a generated one", phones[2].Text("#view .big"))
			}
			phones[0].Shot(t, "phone-lobby-game-390x844-"+lang)

			// Question 1: Ana and the third right, Ben wrong.
			k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 1}, nil)
			for i, pick := range []int{1, 0, 1} {
				waitQuestion(phones[i:i+1], gameQuestions[lang][0], 2)
				tapAnswer(phones[i], pick)
				phones[i].Wait("the answer received", `document.getElementById('ack').textContent.endsWith('✓')`)
			}
			pv.Do(chromedp.Click(chromedp.ID("reveal-btn"), chromedp.NodeEnabled))
			phones[0].Wait("Ana's team by name", fmt.Sprintf(`document.querySelector('#rank .rank-team')?.textContent === %q`, tx["anaTeam"]+map[string]string{"en": ", 1,000 points", "es": ", 1000 puntos"}[lang]))
			phones[0].NoAxeViolations("phone, rank with a named team (" + lang + ")")
			phones[0].Shot(t, "phone-rank-team-390x844-"+lang)
			pv.Do(chromedp.Click(chromedp.ID("next-btn"), chromedp.NodeEnabled))
			aud.Wait("the leaderboard with named teams", fmt.Sprintf(`document.querySelectorAll('#game .board-row').length === 3 && [...document.querySelectorAll('#game .game-teams li')].some(li => li.textContent.includes(%q))`, tx["teamLine"]))
			aud.NoAxeViolations("audience screen, leaderboard with teams (" + lang + ")")
			for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
				aud.Do(chromedp.EmulateViewport(size[0], size[1]))
				aud.Shot(t, fmt.Sprintf("audience-board-%dx%d-%s", size[0], size[1], lang))
			}

			// One click renames Ben; one click removes the third player.
			pv.Wait("three players on the panel", `document.querySelectorAll('#game-panel .pv-board li').length === 3`)
			for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
				pv.Do(chromedp.EmulateViewport(size[0], size[1]))
				Eval[chromedp.Void](pv, `document.getElementById('pv-game').scrollIntoView()`)
				pv.Shot(t, fmt.Sprintf("presenter-game-panel-%dx%d-%s", size[0], size[1], lang))
			}
			pv.Do(chromedp.EmulateViewport(1280, 800))
			Eval[chromedp.Void](pv, `[...document.querySelectorAll('#game-panel .pv-board li')].find(li => li.querySelector('.board-nick').textContent === 'Ben').querySelector('[id^=rename-]').click()`)
			aud.Wait("Ben renamed on the board", `[...document.querySelectorAll('#game .board-nick')].every(n => n.textContent !== 'Ben')`)
			phones[1].Wait("Ben told his new name", `document.getElementById('rank')?.textContent.length > 0 && !document.getElementById('rank').textContent.includes('Ben')`)
			Eval[chromedp.Void](pv, fmt.Sprintf(`[...document.querySelectorAll('#game-panel .pv-board li')].find(li => li.querySelector('.board-nick').textContent === %q).querySelector('[id^=remove-]').click()`, third))
			phones[2].Wait("the removed phone told so", fmt.Sprintf(`document.querySelector('h1').textContent === %q`, tx["removed"]))
			if tok := Eval[string](phones[2], `localStorage.getItem('rt.token.`+s.Code+`') || ''`); tok != "" {
				t.Errorf("the removed phone kept its token %q", tok)
			}
			phones[2].NoAxeViolations("phone, removed (" + lang + ")")
			phones[2].Shot(t, "phone-removed-390x844-"+lang)
			aud.Wait("the board without the removed player", `document.querySelectorAll('#game .board-row').length === 2`)
			pv.Wait("the panel says who was removed", fmt.Sprintf(`document.getElementById('game-said').textContent.includes(%q)`, third))

			// Lock: a new phone is refused; unlocked, it may join.
			pv.Do(chromedp.Click(chromedp.ID("lock-btn"), chromedp.NodeVisible))
			pv.Wait("the room locked", `document.getElementById('lock-btn').getAttribute('aria-pressed') === 'true'`)
			late := b.PhoneTab("late phone " + lang)
			late.Navigate(k.Base + "/j/" + s.Code)
			late.Do(chromedp.Tap(chromedp.ID("join-btn"), chromedp.NodeVisible))
			late.Wait("refused: the room is locked", fmt.Sprintf(`document.getElementById('ack').textContent.toLowerCase().includes(%q)`, tx["locked"]))
			pv.Do(chromedp.Click(chromedp.ID("lock-btn"), chromedp.NodeVisible))
			pv.Wait("the room open", `document.getElementById('lock-btn').getAttribute('aria-pressed') === 'false'`)
			pv.NoAxeViolations("presenter view, game panel (" + lang + ")")

			// Question 2, then the podium.
			pv.Do(chromedp.Click(chromedp.ID("next-btn"), chromedp.NodeEnabled))
			for i, pick := range []int{1, 1} {
				waitQuestion(phones[i:i+1], gameQuestions[lang][1], 2)
				tapAnswer(phones[i], pick)
				phones[i].Wait("the answer received", `document.getElementById('ack').textContent.endsWith('✓')`)
			}
			pv.Do(chromedp.Click(chromedp.ID("reveal-btn"), chromedp.NodeEnabled))
			pv.Do(chromedp.Click(chromedp.ID("next-btn"), chromedp.NodeEnabled)) // the board
			pv.Do(chromedp.Click(chromedp.ID("next-btn"), chromedp.NodeEnabled)) // the last slide
			aud.Wait("the last slide", `document.getElementById('game').hidden`)
			// As in TestGameInTheBrowser: the presenter view lays itself out
			// again for the last slide, and a click aimed before that lands
			// where the button was.
			pv.Wait("the presenter view on the last slide", `(([at, of]) => at !== '' && at === of)(document.getElementById('now-pos').textContent.split(' / '))`)
			pv.Do(chromedp.Click(chromedp.ID("next-btn"), chromedp.NodeEnabled)) // the podium
			aud.Wait("the podium", `!document.getElementById('game').hidden && document.querySelectorAll('#game .podium-step').length === 2`)
			if got := aud.Text("#game .podium-1 .podium-nick"); got != "Ana" {
				t.Errorf("podium's first: %q, want Ana", got)
			}
			phones[0].Wait("Ana's final rank", fmt.Sprintf(`document.getElementById('rank').textContent.includes(%q)`, tx["final"]))
			aud.NoAxeViolations("audience screen, podium with teams (" + lang + ")")
			for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
				aud.Do(chromedp.EmulateViewport(size[0], size[1]))
				aud.Shot(t, fmt.Sprintf("audience-podium-%dx%d-%s", size[0], size[1], lang))
			}
			aud.Do(chromedp.EmulateViewport(1280, 800))
			phones[0].Shot(t, "phone-final-390x844-"+lang)
		}()
	}
}
