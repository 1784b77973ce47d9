package app_test

import (
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

func TestPrePostResultsShowTheGain(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start(k.SaveDeck(kittest.PrePostDeck))
	// Twelve phones: 5 right before, 7 after (every group and its
	// complement at least k = 5, so nothing is hidden).
	var phones [12]struct{ pre, post int }
	for i := range phones {
		if i < 5 {
			phones[i].pre = 1
		}
		if i < 7 {
			phones[i].post = 1
		}
	}
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
	if got.ID != "pw" || got.Pre.Slide != 0 || got.Post.Slide != 2 || got.Pre.Responses != 12 || got.Pre.Right != 5 || got.Post.Right != 7 {
		t.Errorf("got %+v, want pw: pre 5 of 12 right on slide 0, post 7 of 12 on slide 2", got)
	}
}
