package e2e

import (
	"fmt"
	"testing"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

// TestVoiceReportDrawsEachKind: six phones (more than the small-group
// rule's k = 5) answer every kind of the room's voice over sockets; the
// presenter approves one open text; after the session ends the results
// page draws each kind's summary, in English and in Spanish, axe-clean,
// and no payload from the answers runs.
func TestVoiceReportDrawsEachKind(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	rep := b.DesktopTab("report")
	rep.LoginHost(k)
	for _, lang := range []string{"en", "es"} {
		deck := k.kit.SaveDeck(voiceDeck(lang))
		s := k.kit.StartSession(deck)
		phones := k.kit.JoinPhones(s.Code, 6, nil)
		api := func(step string, body any) {
			if code, msg := k.API("POST", "/api/sessions/"+s.ID+"/"+step, body, nil); code != 200 {
				t.Fatalf("%s: %d %s", step, code, msg)
			}
		}
		give := func(slide int, p *phoneclient.Phone, fields map[string]any) {
			if m, err := p.Give(slide, fields); err != nil || m.Type != "ack" {
				t.Fatalf("slide %d: %+v %v", slide, m, err)
			}
		}
		for slide := 0; slide < 7; slide++ {
			api("goto", map[string]int{"slide": slide})
			for i, p := range phones {
				switch slide {
				case 0:
					give(slide, p, map[string]any{"text": fmt.Sprintf("<img src=x onerror=window.__pwned=1> worry %d", i)})
				case 1:
					give(slide, p, map[string]any{"words": []string{"miedo", fmt.Sprintf("calm%d", i%2)}})
				case 2:
					give(slide, p, map[string]any{"value": 1 + i%5})
				case 3:
					give(slide, p, map[string]any{"choice": []int{i % 3, (i + 1) % 3, (i + 2) % 3}})
				case 4:
					give(slide, p, map[string]any{"value": 90 + i})
				case 5:
					text := "take it down"
					if i%2 == 1 {
						text = "nope"
					}
					give(slide, p, map[string]any{"text": text})
				case 6:
					give(slide, p, map[string]any{"choice": []int{i % 2}})
				}
			}
			if slide == 0 {
				path := fmt.Sprintf("/api/sessions/%s/slides/0/texts/%s", s.ID, phones[0].Participant)
				if code, msg := k.API("POST", path, map[string]string{"action": "approve"}, nil); code != 200 {
					t.Fatalf("approve: %d %s", code, msg)
				}
			}
			api("reveal", nil)
		}
		api("end", nil)
		rep.Navigate(k.Base + "/host/s/" + s.ID + "/report")
		rep.Wait("the report", `document.querySelectorAll('#questions .q').length === 7`)
		for _, css := range []string{".voice-open .card", ".voice-wordcloud svg text", ".voice-scale .col", ".voice-ranking .rank-means li", ".voice-number .mark.truth", ".voice-typeanswer .share"} {
			if !Eval[bool](rep, fmt.Sprintf(`document.querySelector(%q) !== null`, css)) {
				t.Errorf("report (%s): no %s", lang, css)
			}
		}
		if pwned := Eval[string](rep, `String(window.__pwned)`); pwned != "undefined" {
			t.Errorf("report (%s): a payload ran", lang)
		}
		rep.NoAxeViolations("report (" + lang + ")")
	}
}
