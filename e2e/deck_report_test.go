package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// TestDeckReportOverThreeSessions: a deck and its Spanish twin ran three
// times; the deck report adds the before/after pairs up (30 people, 37% →
// 77%), says so in the deck's language, is axe-clean in both, and Chrome's
// print-to-PDF holds the title, the sentence and the charts' labels. With
// SHOTS set to a folder, it saves screenshots there at 1280×720
// and 1920×1080 in English and Spanish.
func TestDeckReportOverThreeSessions(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	en, es := k.kit.SaveRolesTwins()
	k.kit.PlayRoles(en, kittest.Group{Role: 0, N: 6, RightPre: 2, RightPost: 4, Poll: 0}, kittest.Group{Role: 1, N: 6, RightPre: 3, RightPost: 5, Poll: 1})
	k.kit.PlayRoles(es, kittest.Group{Role: 0, N: 8, RightPre: 2, RightPost: 6, Poll: 2})
	k.kit.PlayRoles(en, kittest.Group{Role: 1, N: 10, RightPre: 4, RightPost: 8, Poll: 0})

	tab := b.DesktopTab("deck report")
	tab.LoginHost(k)
	for _, tc := range []struct{ id, lang, title, sentence string }{
		{en, "en", "What the room learned: Family safety", "Before: 37% got “Which password is strongest?” right. After: 77%. (30 people answered both before and after.)"},
		{es, "es", "Lo que aprendió el grupo: Seguridad en familia", "Antes: el 37 % acertó «¿Qué contraseña es más fuerte?». Después: el 77 %. (30 personas respondieron antes y después.)"},
	} {
		tab.Navigate(k.Base + "/host/decks/" + tc.id + "/report")
		tab.Wait("the items", `document.querySelectorAll('#items section').length === 2 && document.documentElement.lang === '`+tc.lang+`'`)
		if got := tab.Text("#report-title"); got != tc.title {
			t.Errorf("title: got %q, want %q", got, tc.title)
		}
		if got := tab.Text("#items section .sentence"); got != tc.sentence {
			t.Errorf("sentence: got %q, want %q", got, tc.sentence)
		}
		if n := Eval[int](tab, `document.querySelectorAll('#items svg.chart rect').length`); n < 4 {
			t.Errorf("%d SVG bars, want the before and after tracks and bars", n)
		}
		if got := Eval[int](tab, `document.querySelectorAll('#session-rows tr').length`); got != 3 {
			t.Errorf("%d sessions listed, want 3", got)
		}
		// Parents' right answers after: 10 of 14, so 4 wrong: hidden.
		if roles := tab.Text("#roles-rows"); !strings.Contains(roles, "14") || !strings.Contains(roles, map[string]string{"en": "fewer than 5", "es": "menos de 5"}[tc.lang]) {
			t.Errorf("roles: %q, want 14 parents and a hidden share", roles)
		}
		tab.Shots(t, "deck-report-"+tc.lang)
		pdf, err := chromedp.Run(tab.ctx, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) { on := true; p.PrintBackground = &on }))
		if err != nil {
			t.Fatal(err)
		}
		text := nospace(pdfText(pdf))
		for _, want := range []string{tc.title, tc.sentence, map[string]string{"en": "Before", "es": "Antes"}[tc.lang], "77%"} {
			if !strings.Contains(text, nospace(want)) {
				t.Errorf("the PDF (%d bytes) lacks %q; its text: %.600s", len(pdf), want, text)
			}
		}
		if strings.Contains(text, "Download") || strings.Contains(text, "Descargar") {
			t.Error("the PDF holds the toolbar, which print CSS hides")
		}
		if dir := os.Getenv("SHOTS"); dir != "" {
			os.WriteFile(filepath.Join(dir, "deck-report-"+tc.lang+".pdf"), pdf, 0o644)
		}
	}
	tab.Navigate(k.Base + "/host/decks/" + en + "/report")
	tab.Wait("the items", `document.querySelectorAll('#items section').length === 2`)
	auditBoth(tab, "deck report")
}

// revealingText finds numbers that would give 4 parents away beside 34
// people: 4 itself, the 30 students, and their shares.
var revealingText = regexp.MustCompile(`(^|[^0-9.])(4|30|88|12|11\.8|88\.2)($|[^0-9.])`)

// TestReportPagesHideFourParents reads every number the session report
// and the deck report pages show for 4 parents among 30 students: none
// reveals them, and the pages say "fewer than 5" instead.
func TestReportPagesHideFourParents(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	en, _ := k.kit.SaveRolesTwins()
	s := k.kit.PlayRoles(en, kittest.Group{Role: 0, N: 4, Poll: 2},
		kittest.Group{Role: 1, N: 15, RightPre: 15, RightPost: 15, Poll: 0},
		kittest.Group{Role: 1, N: 15, RightPre: 15, RightPost: 15, Poll: 1})
	tab := b.DesktopTab("reports")
	tab.LoginHost(k)
	numbers := `[...document.querySelectorAll('.num, .facts, #summary dd.count, .sentence, svg text, #hidden-note')].map(e => e.textContent)`
	for _, page := range []struct{ url, ready string }{
		{"/host/s/" + s.ID + "/report", `document.querySelectorAll('#questions section').length === 3 && !document.getElementById('roles').hidden`},
		{"/host/decks/" + en + "/report", `document.querySelectorAll('#items section').length === 2 && !document.getElementById('roles').hidden`},
	} {
		tab.Navigate(k.Base + page.url)
		tab.Wait(page.url, page.ready)
		texts := Eval[[]string](tab, numbers)
		few := 0
		for _, x := range texts {
			if revealingText.MatchString(x) {
				t.Errorf("%s shows %q, which reveals the 4 parents", page.url, x)
			}
			few += strings.Count(x, "fewer than 5")
		}
		if few < 4 {
			t.Errorf("%s says \"fewer than 5\" %d times in %q", page.url, few, texts)
		}
		auditBoth(tab, page.url)
	}
}

// TestPhoneAnswersTheJoinQuestion: a phone joining a deck that asks "I am
// a" is offered the choices once, after joining; a tap stores the answer
// with the anonymous participant, and the panel goes away. Axe-clean in
// both languages.
func TestPhoneAnswersTheJoinQuestion(t *testing.T) {
	k := StartKit(t)
	en, _ := k.kit.SaveRolesTwins()
	s := k.kit.StartSession(en)
	b := NewBrowser(t)
	p := b.PhoneTab("phone")
	p.Navigate(k.Base + "/j/" + s.Code)
	p.Wait("the join question", `document.getElementById('jq') !== null && document.querySelectorAll('#jq button').length === 3`)
	if got := p.Text("#jq legend"); got != "I am a" {
		t.Errorf("legend: got %q, want I am a", got)
	}
	auditBoth(p, "phone join question")
	p.Do(chromedp.Tap(chromedp.CSS("#jq button:nth-of-type(2)"), chromedp.NodeVisible)) // "student"
	p.Wait("the panel to go", `document.getElementById('jq') === null`)
	var roles map[string]int
	for range 50 {
		var err error
		if roles, err = k.App.Store.Roles(context.Background(), s.ID); err == nil && len(roles) == 1 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(roles) != 1 {
		t.Fatalf("roles stored: %v, want the phone's", roles)
	}
	for _, r := range roles {
		if r != 1 {
			t.Errorf("role: got %d, want 1 (student)", r)
		}
	}
	// A reload resumes: the question is not asked again.
	p.Navigate(k.Base + "/j/" + s.Code)
	p.Wait("the lobby again", `document.getElementById('status').textContent === 'Connected'`)
	if Eval[bool](p, `document.getElementById('jq') !== null`) {
		t.Error("the join question was asked again after a resume")
	}
}

// TestPracticeToggleOnTheReport: the facilitator ticks "Practice session"
// on a session's report; the deck report then leaves that session out (and
// says one was left out), and unticking brings it back. Both languages.
func TestPracticeToggleOnTheReport(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	en, _ := k.kit.SaveRolesTwins()
	k.kit.PlayRoles(en, kittest.Group{Role: 0, N: 6, RightPre: 2, RightPost: 4})
	rehearsal := k.kit.PlayRoles(en, kittest.Group{Role: 1, N: 5, RightPre: 1, RightPost: 3})
	tab := b.DesktopTab("practice")
	tab.LoginHost(k)
	sessions := func(want int) {
		t.Helper()
		tab.Navigate(k.Base + "/host/decks/" + en + "/report")
		tab.Wait(fmt.Sprintf("%d sessions in the deck report", want), fmt.Sprintf(`document.querySelectorAll('#session-rows tr').length === %d`, want))
	}
	sessions(2)
	for _, c := range []struct {
		lang  string
		tick  bool
		label string
		want  int
	}{{"en", true, "Practice session", 1}, {"es", false, "Sesión de práctica", 2}} {
		tab.Navigate(k.Base + "/host/s/" + rehearsal.ID + "/report")
		tab.Do(chromedp.Click(chromedp.CSS(`[data-set-lang="`+c.lang+`"]`), chromedp.NodeVisible))
		tab.Wait("the report in "+c.lang, `document.querySelectorAll('#questions section').length > 0 && document.documentElement.lang === '`+c.lang+`'`)
		if got := tab.Text(`label[for="practice"]`); got != c.label {
			t.Errorf("the practice toggle reads %q, want %q", got, c.label)
		}
		if Eval[bool](tab, `document.getElementById('practice').checked`) == c.tick {
			t.Fatalf("the practice toggle is already %v before the click", c.tick)
		}
		tab.Do(chromedp.Click(chromedp.ID("practice"), chromedp.NodeVisible))
		var rs struct {
			Session struct{ Practice bool }
		}
		deadline := time.Now().Add(10 * time.Second)
		for k.API("GET", "/api/sessions/"+rehearsal.ID+"/results", nil, &rs); rs.Session.Practice != c.tick; k.API("GET", "/api/sessions/"+rehearsal.ID+"/results", nil, &rs) {
			if time.Now().After(deadline) {
				t.Fatalf("ticking the toggle did not mark the session practice=%v", c.tick)
			}
			time.Sleep(50 * time.Millisecond)
		}
		if c.tick {
			tab.NoAxeViolations("the report with the practice toggle")
		}
		tab.Shots(t, "report-practice-"+c.lang)
		sessions(c.want)
		left := map[bool]string{true: "1", false: "0"}[c.tick]
		if got := Eval[string](tab, `document.querySelector('#summary dd:last-of-type').textContent`); got != left {
			t.Errorf("the deck report says %q practice sessions were left out, want %s", got, left)
		}
	}
}
