package app_test

import (
	"strings"
	"testing"
)

// plainMarpDeck is a deck written for Marp alone: no title, a region tag
// for lang, Marp's settings, a background image, an emoji shortcode, and
// one question in the Marp-safe syntax.
const plainMarpDeck = `---
marp: true
theme: gaia
lang: en-US
paginate: true
class: invert
backgroundColor: '#123'
header: Quarterly review
footer: Team A
size: 16:9
style: |
  section { font-size: 30px; }
---

<!-- _class: lead -->
# Quarterly review :rocket:

![bg right](data:image/png;base64,iVBORw0KGgo=)

---

## Where we are

- Shipped the thing
- Fixed the other thing

<!-- Say thanks to the team. -->

---

<!-- question: single -->
<!-- answer: B -->

## Which goal comes first?

- Speed
- Quality
- Scope

<!-- explanation: Quality first, as agreed. -->
`

// TestPlainMarpDeckPresents saves an ordinary Marp deck through the HTTP
// API (and through the import route), starts a session of it and drives it.
func TestPlainMarpDeckPresents(t *testing.T) {
	k := startKit(t, t.TempDir())
	var created struct {
		Deck struct {
			ID, Title, Lang string
			Slides          int
		}
		Problems []struct {
			Line              int
			Severity, Message string
		}
	}
	if st := k.call("POST", "/api/decks", map[string]string{"source": plainMarpDeck}, &created); st != 201 {
		t.Fatalf("POST /api/decks: got %d %+v, want 201", st, created)
	}
	d := created.Deck
	if d.Title != "Quarterly review 🚀" || d.Lang != "en" || d.Slides != 3 {
		t.Errorf("deck: got %q %q with %d slides, want the first heading as title, en, 3 slides", d.Title, d.Lang, d.Slides)
	}
	if len(created.Problems) != 1 || created.Problems[0].Severity != "warning" || !strings.Contains(created.Problems[0].Message, "background image") {
		t.Errorf("problems: got %+v, want one warning about the background image", created.Problems)
	}

	s := k.session(k.start(d.ID).ID)
	if s.Title != d.Title || s.Total != 3 {
		t.Errorf("session: got %+v, want the deck's title and 3 slides", s)
	}
	for i := 0; i <= 2; i++ { // from the join screen (-1) to the question
		if code := k.call("POST", "/api/sessions/"+s.ID+"/next", nil, nil); code != 200 {
			t.Fatalf("next: got %d, want 200", code)
		}
		if st := k.session(s.ID); st.Index != i {
			t.Fatalf("after next: %+v, want index %d", st, i)
		}
	}
	var res struct {
		Questions []struct {
			Prompt  string
			Options []struct {
				Text    string
				Correct bool
			}
		}
	}
	k.call("GET", "/api/sessions/"+s.ID+"/results", nil, &res)
	if len(res.Questions) != 1 || len(res.Questions[0].Options) != 3 || !res.Questions[0].Options[1].Correct || res.Questions[0].Options[0].Correct {
		t.Errorf("results: got %+v, want the question with Quality right", res.Questions)
	}
	if body := string(k.Get("/host/s/" + s.ID)); !strings.Contains(body, "<html") {
		t.Errorf("projector page: got %.200q", body)
	}

	var imported struct {
		Deck struct{ ID, Title string }
	}
	if st := k.upload("/api/decks/import", "review.md", plainMarpDeck, map[string]string{"save": "1"}, &imported); st != 201 || imported.Deck.Title != d.Title {
		t.Errorf("import the .md: got %d %+v, want 201 and the same title", st, imported)
	}
}
