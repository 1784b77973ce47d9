package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

const checkDeck = `---
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

// TestReportShowsBeforeAndAfter: three people answer the same question
// before and after the lesson; the printable report shows 33% then 100%
// right and the gain, and is axe-clean in both languages.
func TestReportShowsBeforeAndAfter(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	var created struct{ Deck struct{ ID string } }
	if st, body := k.API("POST", "/api/decks", map[string]string{"source": checkDeck}, &created); st != 201 {
		t.Fatalf("create deck: %d %s", st, body)
	}
	var s struct{ ID, Code string }
	k.API("POST", "/api/sessions", map[string]string{"deck": created.Deck.ID}, &s)
	phones := make([]*phoneclient.Phone, 3)
	for i := range phones {
		p, err := phoneclient.Dial(context.Background(), k.Base, s.Code, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		if err := p.Join("", "en"); err != nil {
			t.Fatal(err)
		}
		phones[i] = p
	}
	for _, slide := range []int{0, 2} {
		k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": slide}, nil)
		for i, p := range phones {
			choice := 0
			if slide == 2 || i == 0 {
				choice = 1 // one right before, all three after
			}
			if _, err := p.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == slide }); err != nil {
				t.Fatal(err)
			}
			if _, err := p.Answer(slide, []int{choice}); err != nil {
				t.Fatal(err)
			}
		}
	}
	tab := b.DesktopTab("report")
	tab.LoginHost(k)
	tab.Navigate(k.Base + "/host/s/" + s.ID + "/report")
	tab.Wait("the before-and-after table", `!document.getElementById('prepost').hidden && document.querySelectorAll('#prepost-rows tr').length === 1`)
	row := tab.Text("#prepost-rows tr")
	for _, want := range []string{"Which password is strongest?", "33% of 3", "100% of 3", "+67 points"} {
		if !strings.Contains(row, want) {
			t.Errorf("before-and-after row %q lacks %q", row, want)
		}
	}
	auditBoth(tab, "report with before and after")
}
