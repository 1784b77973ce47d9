package app_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

// TestEveryBuiltinDeckRunsEndToEnd plays every built-in workshop, in both
// languages, from the lobby to the end with three phones: every slide is
// shown, every question answered (one phone right, one wrong where there
// is a wrong option, one skipping), revealed, and counted in the results.
func TestEveryBuiltinDeckRunsEndToEnd(t *testing.T) {
	k := startKit(t, t.TempDir())
	var decks []struct {
		ID        string
		Lang      string
		Builtin   bool
		Slides    int
		Questions int
	}
	k.call("GET", "/api/decks", nil, &decks)
	ran := map[string]bool{}
	for _, d := range decks {
		if !d.Builtin {
			continue
		}
		ran[d.Lang] = true
		t.Run(d.ID, func(t *testing.T) {
			var full struct {
				Deck struct {
					Slides []struct {
						Question *struct {
							Kind    string
							Options []struct{ Correct bool }
						}
					}
				}
			}
			k.call("GET", "/api/decks/"+d.ID, nil, &full)
			s := k.start(d.ID)
			phones := make([]*phoneclient.Phone, 3)
			for i := range phones {
				phones[i] = k.phone(s.Code)
				if err := phones[i].Join("", d.Lang); err != nil {
					t.Fatal(err)
				}
			}
			asked := 0
			var wantResponses []int
			for i, sl := range full.Deck.Slides {
				if st := k.call("POST", "/api/sessions/"+s.ID+"/next", nil, nil); st != 200 {
					t.Fatalf("next to slide %d: %d", i, st)
				}
				for _, p := range phones {
					if _, err := p.WaitSlide(5*time.Second, func(x phoneclient.Slide) bool { return x.Index == i }); err != nil {
						t.Fatalf("slide %d never reached a phone: %v", i, err)
					}
				}
				q := sl.Question
				if q == nil {
					continue
				}
				asked++
				// The room's voice kinds the workshops use (issue 11): one
				// phone gives a value or a text, one prefers not to answer;
				// the Q&A slide takes no answer.
				switch q.Kind {
				case "qa":
					wantResponses = append(wantResponses, 0) // listed in the results, with no answers
					continue
				case "feedback": // the closing slide: a value, with and without a comment
					if _, err := phones[0].Feedback(i, 5, "Talk with my kids this week"); err != nil {
						t.Fatalf("slide %d (%s): %v", i, q.Kind, err)
					}
					if _, err := phones[1].Feedback(i, 3, ""); err != nil {
						t.Fatalf("slide %d (%s): %v", i, q.Kind, err)
					}
					wantResponses = append(wantResponses, 2)
					k.call("POST", "/api/sessions/"+s.ID+"/reveal", nil, nil)
					if sl, err := phones[2].WaitSlide(5*time.Second, func(x phoneclient.Slide) bool { return x.Index == i && x.Reveal != nil }); err != nil || sl.Phase != "revealed" || sl.Reveal.Mean == nil || *sl.Reveal.Mean != 4 {
						t.Fatalf("slide %d reveal: %+v %v", i, sl, err)
					}
					continue
				case "scale", "open":
					var err error
					if q.Kind == "scale" {
						_, err = phones[0].AnswerValue(i, 4)
					} else {
						_, err = phones[0].AnswerText(i, "Talk with my kids this week")
					}
					if err != nil {
						t.Fatalf("slide %d (%s): %v", i, q.Kind, err)
					}
					if _, err := phones[1].Skip(i); err != nil {
						t.Fatalf("slide %d (%s) skip: %v", i, q.Kind, err)
					}
					wantResponses = append(wantResponses, 2) // a skip is a response, counted apart
					k.call("POST", "/api/sessions/"+s.ID+"/reveal", nil, nil)
					if sl, err := phones[2].WaitSlide(5*time.Second, func(x phoneclient.Slide) bool { return x.Index == i && x.Reveal != nil }); err != nil || sl.Phase != "revealed" {
						t.Fatalf("slide %d reveal: %+v %v", i, sl, err)
					}
					continue
				}
				right, wrong := []int{}, []int{}
				for j, o := range q.Options {
					if o.Correct {
						right = append(right, j)
					} else {
						wrong = append(wrong, j)
					}
				}
				if q.Kind == "poll" {
					right = []int{0}
				}
				if q.Kind == "single" || q.Kind == "truefalse" || q.Kind == "poll" {
					right = right[:1]
				}
				if _, err := phones[0].Answer(i, right); err != nil {
					t.Fatalf("slide %d (%s): %v", i, q.Kind, err)
				}
				wantResponses = append(wantResponses, 1)
				if len(wrong) > 0 {
					wantResponses[len(wantResponses)-1]++
					if _, err := phones[1].Answer(i, wrong[:1]); err != nil {
						t.Fatalf("slide %d: %v", i, err)
					}
				}
				k.call("POST", "/api/sessions/"+s.ID+"/reveal", nil, nil)
				if sl, err := phones[2].WaitSlide(5*time.Second, func(x phoneclient.Slide) bool { return x.Index == i && x.Reveal != nil }); err != nil || sl.Phase != "revealed" {
					t.Fatalf("slide %d reveal: %+v %v", i, sl, err)
				}
			}
			if asked != d.Questions {
				t.Errorf("asked %d questions, the deck list says %d", asked, d.Questions)
			}
			k.call("POST", "/api/sessions/"+s.ID+"/end", nil, nil)
			// Two phones answered: the results JSON hides every count (fewer
			// than k = 5), and the raw CSV has every answer.
			var res struct {
				Questions []struct {
					Slide     int
					Kind      string
					Responses *int
				}
			}
			k.call("GET", "/api/sessions/"+s.ID+"/results", nil, &res)
			if len(res.Questions) != len(wantResponses) {
				t.Fatalf("results list %d questions, want %d", len(res.Questions), len(wantResponses))
			}
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(k.Get("/api/sessions/"+s.ID+"/results.csv"), []byte("\uFEFF")))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			answers, right := map[string]int{}, map[string]int{}
			for _, r := range rows[1:] {
				answers[r[3]]++
				if r[8] == "yes" {
					right[r[3]]++
				}
			}
			for i, q := range res.Questions {
				slide := strconv.Itoa(q.Slide)
				// Zero is shown (it reveals no one): the Q&A slide takes no answers.
				hidden := q.Responses == nil || wantResponses[i] == 0 && *q.Responses == 0
				if !hidden || answers[slide] != wantResponses[i] {
					t.Errorf("question %d: JSON responses shown %v, %d answers in the CSV; want hidden (or 0) and %d", i, !hidden, answers[slide], wantResponses[i])
				}
				if right[slide] > 1 {
					t.Errorf("question %d (%s): %d right, want at most 1", i, q.Kind, right[slide])
				}
			}
		})
	}
	if !ran["en"] || !ran["es"] {
		t.Errorf("ran built-ins in %v, want English and Spanish", ran)
	}
}
