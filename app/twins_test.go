package app_test

import (
	"slices"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

// TestTwinDeckOnPhones: in a room of try.en, a phone that joined in Spanish
// and one that switched to Spanish with a lang message get try.es's text
// for the same slide, a phone in English gets try.en's, and the answers of
// all three count together on the same question.
func TestTwinDeckOnPhones(t *testing.T) {
	k := startKit(t, t.TempDir())
	type deck struct {
		Deck struct {
			Slides []struct {
				Question *struct {
					Prompt  string
					Options []struct{ Text string }
				}
			}
		}
	}
	var en, es deck
	k.call("GET", "/api/decks/try.en", nil, &en)
	k.call("GET", "/api/decks/try.es", nil, &es)
	q := k.questionSlides("try.en")["single"]
	texts := func(d deck) (string, []string) {
		qq := d.Deck.Slides[q].Question
		var opts []string
		for _, o := range qq.Options {
			opts = append(opts, o.Text)
		}
		return qq.Prompt, opts
	}
	enPrompt, enOpts := texts(en)
	esPrompt, esOpts := texts(es)
	if enPrompt == esPrompt {
		t.Fatalf("the twins' prompts are the same: %q", enPrompt)
	}

	s := k.start("try.en")
	english, spanish, switched := k.phone(s.Code), k.phone(s.Code), k.phone(s.Code)
	for _, j := range []struct {
		p    *phoneclient.Phone
		lang string
	}{{english, "en"}, {spanish, "es"}, {switched, "en"}} {
		if err := j.p.Join("", j.lang); err != nil {
			t.Fatal(err)
		}
	}
	if err := switched.Send(map[string]string{"type": "lang", "lang": "es"}); err != nil {
		t.Fatal(err)
	}
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": q}, nil)
	for _, c := range []struct {
		name   string
		p      *phoneclient.Phone
		prompt string
		opts   []string
	}{{"english", english, enPrompt, enOpts}, {"spanish", spanish, esPrompt, esOpts}, {"switched", switched, esPrompt, esOpts}} {
		sl, err := c.p.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == q && sl.Question != nil })
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if sl.Question.Prompt != c.prompt || !slices.Equal(sl.Question.Options, c.opts) {
			t.Errorf("%s phone: %q %q, want %q %q", c.name, sl.Question.Prompt, sl.Question.Options, c.prompt, c.opts)
		}
		if _, err := c.p.Answer(q, []int{0}); err != nil {
			t.Fatalf("%s: answer: %v", c.name, err)
		}
	}
	if st := k.call("POST", "/api/sessions/"+s.ID+"/reveal", nil, nil); st != 200 {
		t.Fatalf("reveal: %d", st)
	}
	for name, p := range map[string]*phoneclient.Phone{"english": english, "spanish": spanish, "switched": switched} {
		sl, err := p.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == q && sl.Reveal != nil })
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if sl.Reveal.Total != 3 || len(sl.Reveal.Counts) == 0 || sl.Reveal.Counts[0] != 3 {
			t.Errorf("%s phone: revealed %d answers, counts %v; want the 3 answers together", name, sl.Reveal.Total, sl.Reveal.Counts)
		}
	}
	// Switching back shows the deck's text again.
	if err := switched.Send(map[string]string{"type": "lang", "lang": "en"}); err != nil {
		t.Fatal(err)
	}
	if _, err := switched.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool {
		return sl.Question != nil && sl.Question.Prompt == enPrompt
	}); err != nil {
		t.Errorf("switched back to English: %v", err)
	}
}
