package app

import (
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

const prePostDeck = `---
title: Before and after
lang: en
---

<!-- question: single -->
<!-- id: pw -->
<!-- check: pre -->

## Which password is strongest?

- [ ] abc123
- [x] four random words

---

# The lesson

---

<!-- question: single -->
<!-- id: pw -->
<!-- check: post -->

## Which password is strongest?

- [ ] abc123
- [x] four random words
`

func TestPrePostResultsShowTheGain(t *testing.T) {
	k := startKit(t, t.TempDir())
	var created struct{ Deck struct{ ID string } }
	if st := k.call("POST", "/api/decks", map[string]string{"source": prePostDeck}, &created); st != 201 {
		t.Fatalf("create: %d", st)
	}
	s := k.start(created.Deck.ID)
	phones := [4]struct{ pre, post int }{{0, 1}, {0, 1}, {1, 1}, {0, 0}}
	clients := make([]*phoneclient.Phone, len(phones))
	for i := range phones {
		p := k.phone(s.Code)
		if err := p.Join("", "en"); err != nil {
			t.Fatal(err)
		}
		clients[i] = p
	}
	for _, slide := range []int{0, 2} {
		k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": slide}, nil)
		for i, c := range clients {
			choice := phones[i].pre
			if slide == 2 {
				choice = phones[i].post
			}
			if _, err := c.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == slide }); err != nil {
				t.Fatal(err)
			}
			if _, err := c.Answer(slide, []int{choice}); err != nil {
				t.Fatal(err)
			}
		}
	}
	var res struct {
		PrePost []struct {
			ID        string
			Pre, Post struct{ Slide, Responses, Right int }
		}
	}
	k.call("GET", "/api/sessions/"+s.ID+"/results", nil, &res)
	if len(res.PrePost) != 1 {
		t.Fatalf("got %+v, want one pre/post pair", res.PrePost)
	}
	got := res.PrePost[0]
	if got.ID != "pw" || got.Pre.Slide != 0 || got.Post.Slide != 2 || got.Pre.Responses != 4 || got.Pre.Right != 1 || got.Post.Right != 3 {
		t.Errorf("got %+v, want pw: pre 1 of 4 right on slide 0, post 3 of 4 on slide 2", got)
	}
}
