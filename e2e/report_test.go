package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// TestReportShowsBeforeAndAfter: ten people answer the same question
// before and after the lesson; the printable report shows 50% then 100%
// right and the gain, and is axe-clean in both languages.
func TestReportShowsBeforeAndAfter(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	s := k.kit.StartSession(k.kit.SaveDeck(kittest.PrePostDeck))
	phones := k.kit.JoinPhones(s.Code, 10, nil)
	for _, slide := range []int{0, 2} {
		k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": slide}, nil)
		for i, p := range phones {
			choice := 0
			if slide == 2 || i < 5 {
				choice = 1 // five right before, all ten after
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
	for _, want := range []string{"Which password is strongest?", "50% of 10", "100% of 10", "+50 points"} {
		if !strings.Contains(row, want) {
			t.Errorf("before-and-after row %q lacks %q", row, want)
		}
	}
	auditBoth(tab, "report with before and after")
}
