package e2e

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

// TestPhoneSwitchesToTheTwin: in a room of the English try deck, a phone
// that switches to Spanish shows try.es's prompt and options for the
// question (marked Spanish), and its answer counts with an English phone's.
func TestPhoneSwitchesToTheTwin(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	var es struct {
		Deck struct {
			Slides []struct {
				Question *struct {
					Prompt  string
					Options []struct{ Text string }
				}
			}
		}
	}
	k.kit.API("GET", "/api/decks/try.es", nil, &es)
	single := k.kit.QuestionSlides("try.en")["single"]
	q := es.Deck.Slides[single].Question
	var opts []string
	for _, o := range q.Options {
		opts = append(opts, o.Text)
	}
	want, _ := json.Marshal(append([]string{q.Prompt}, opts...))

	s := k.kit.StartSession("try.en")
	other := k.kit.Dial(s.Code, nil)
	if err := other.Join("", "en"); err != nil {
		t.Fatal(err)
	}
	p := b.PhoneTab("phone")
	p.Navigate(k.Base + "/j/" + s.Code)
	p.Wait("the lobby", `document.querySelector('h1').textContent === "You're in!"`)
	p.Do(chromedp.Tap(chromedp.CSS(`[data-set-lang="es"]`), chromedp.NodeVisible))
	p.Wait("Spanish", `document.querySelector('h1').textContent === '¡Ya estás dentro!'`)

	k.kit.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": single}, nil)
	p.Wait("the question", `document.querySelectorAll('.answer-btn').length === 3`)
	p.Wait("the Spanish prompt and options", fmt.Sprintf(`JSON.stringify([document.querySelector('h1').textContent, ...[...document.querySelectorAll('.answer-btn .txt')].map(e => e.textContent)]) === %q`, string(want)))
	if got := Eval[string](p, `document.querySelector('h1').lang + ' ' + [...document.querySelectorAll('.answer-btn .txt')].map(e => e.lang).join(' ')`); got != "es es es es" {
		t.Errorf("phone deck text langs %q, want es on the prompt and each option", got)
	}
	tapAnswer(p, 1)
	p.Wait("Answer received, in Spanish", `document.getElementById('ack').textContent === "Respuesta recibida ✓"`)
	if _, err := other.Answer(single, []int{1}); err != nil {
		t.Fatal(err)
	}
	k.kit.API("POST", "/api/sessions/"+s.ID+"/reveal", nil, nil)
	sl, err := other.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Reveal != nil })
	if err != nil {
		t.Fatal(err)
	}
	if sl.Reveal.Total != 2 || sl.Reveal.Counts[1] != 2 {
		t.Errorf("revealed %d answers, counts %v; want both phones' answers together", sl.Reveal.Total, sl.Reveal.Counts)
	}
	p.Wait("the result", `document.getElementById('result').textContent.startsWith('✓')`)
}

// TestPhoneSwitchesToTheTwinMidQuestion: a phone that switches to Spanish
// while a question is up is shown the question again in Spanish. The kit
// sends the same slide in the twin's text; the page had kept the English
// text because the slide and its phase had not moved (and so did a switch
// whose message crossed the presenter's move to the question, which is how
// TestPhoneSwitchesToTheTwin once failed under load).
func TestPhoneSwitchesToTheTwinMidQuestion(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	single := k.kit.QuestionSlides("try.en")["single"]
	prompt := func(deck string) string {
		var d struct {
			Deck struct {
				Slides []struct{ Question *struct{ Prompt string } }
			}
		}
		k.kit.API("GET", "/api/decks/"+deck, nil, &d)
		return d.Deck.Slides[single].Question.Prompt
	}
	en, es := prompt("try.en"), prompt("try.es")

	s := k.kit.StartSession("try.en")
	p := b.PhoneTab("phone")
	p.Navigate(k.Base + "/j/" + s.Code)
	p.Wait("the lobby", `document.querySelector('h1').textContent === "You're in!"`)
	k.kit.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": single}, nil)
	p.Wait("the English question", fmt.Sprintf(`document.querySelector('h1').textContent === %q`, en))
	p.Do(chromedp.Tap(chromedp.CSS(`[data-set-lang="es"]`), chromedp.NodeVisible))
	p.Wait("the Spanish question", fmt.Sprintf(`document.querySelector('h1').textContent === %q && document.querySelector('h1').lang === 'es'`, es))
	if n := Eval[int](p, `document.querySelectorAll('.answer-btn').length`); n != 3 {
		t.Errorf("%d answer buttons after the switch, want 3", n)
	}
	p.NoAxeViolations("the question redrawn in Spanish")
	p.Shot(t, "phone-twin-switched-phone")
	p.Shots(t, "phone-twin-switched")
	tapAnswer(p, 1)
	p.Wait("Answer received, in Spanish", `document.getElementById('ack').textContent === "Respuesta recibida ✓"`)
	// And back: the deck's own text, the answer still marked.
	p.Do(chromedp.Tap(chromedp.CSS(`[data-set-lang="en"]`), chromedp.NodeVisible))
	p.Wait("the English question again", fmt.Sprintf(`document.querySelector('h1').textContent === %q`, en))
	p.Wait("the answer still marked", `document.querySelectorAll('.answer-btn[aria-pressed="true"]').length === 1`)
	p.Shots(t, "phone-twin-switched-back")
}
