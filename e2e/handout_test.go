package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/roundtable-kit/roundtable/handouts"
)

// pdfPage is a page object of a PDF Chrome printed (not the /Pages tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page\b[^s]`)

// paper is a sheet size for print-to-PDF, in inches.
type paper struct {
	name string
	w, h float64
}

var papers = []paper{{"A4", 8.27, 11.69}, {"Letter", 8.5, 11}}

// printPDF prints the tab's page as the browser's print dialog would on
// sheet p (the page's own @page margins) and answers the PDF.
func printPDF(t *testing.T, tab *Tab, p paper) []byte {
	t.Helper()
	pdf, err := chromedp.Run(tab.ctx, chromedp.PrintToPDF(func(pp *page.PrintToPDFParams) {
		pp.PaperWidth, pp.PaperHeight = p.w, p.h
	}))
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// TestHandoutFromPresenterToPhones: the presenter view's Take-home
// materials panel lists the deck's handout first, marked as the one phones
// get, with its workshop's companions, in the deck's language and the
// other; the page it opens prints on one sheet of A4 and of Letter (every
// one-page material, in both languages) and is axe-clean; when the
// session ends, a phone in English and one switched to Spanish each see
// "Take home the handout" linking the page in its language, and open it.
func TestHandoutFromPresenterToPhones(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	pv := b.DesktopTab("presenter")
	pv.LoginHost(k)

	var s Session
	for _, c := range []struct{ deck, lang, title, offered, other string }{
		{"parents.en", "en", handouts.Title("parents", "en"), "offered on phones", "Spanish"},
		{"youth.es", "es", handouts.Title("youth", "es"), "se ofrece en los celulares", "Inglés"},
	} {
		if st, _ := k.API("POST", "/api/sessions", map[string]string{"deck": c.deck}, &s); st != 201 {
			t.Fatalf("start %s: %d", c.deck, st)
		}
		pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
		pv.Wait("the materials panel", `document.querySelectorAll('#handouts-list li').length >= 2`)
		first := Eval[[]string](pv, `(function(){var li=document.querySelector('#handouts-list li');var a=li.querySelectorAll('a');return [a[0].textContent,a[0].getAttribute('href'),li.querySelector('.pv-offered')?li.querySelector('.pv-offered').textContent:'',a[1].textContent,a[1].getAttribute('href'),a[0].target]})()`)
		name := strings.SplitN(c.deck, ".", 2)[0]
		other := map[string]string{"en": "es", "es": "en"}[c.lang]
		want := []string{c.title, "/handouts/" + name + "." + c.lang, c.offered, c.other, "/handouts/" + name + "." + other, "_blank"}
		if strings.Join(first, "|") != strings.Join(want, "|") {
			t.Errorf("%s: the panel's first row is %q, want %q", c.deck, first, want)
		}
		// The youth workshop's companions: the letter, the mock chat, the
		// agreement and the guide; the parents': the agreement and the guide.
		n := Eval[int](pv, `document.querySelectorAll('#handouts-list li').length`)
		if wantN := map[string]int{"parents": 3, "youth": 5}[name]; n != wantN {
			t.Errorf("%s: %d materials listed, want %d", c.deck, n, wantN)
		}
		Eval[bool](pv, `(document.querySelector('.pv-handouts').scrollIntoView({block:'center'}), true)`)
		pv.Shots(t, "presenter-panel-"+c.lang)
		pv.Do(chromedp.EmulateViewport(1280, 800))
	}

	// The presenter opens the deck's handout: its page prints on one sheet.
	ho := b.DesktopTab("handout")
	for _, lang := range handouts.Langs {
		for _, m := range handouts.Materials {
			ho.Navigate(k.Base + "/handouts/" + m.Name + "." + lang)
			ho.Wait("the page", `document.querySelector('main h1') !== null`)
			if m.Name == "facilitator-guide" {
				// Several pages, by design: and the page count can tell.
				if n := len(pdfPage.FindAll(printPDF(t, ho, papers[0]), -1)); n < 2 {
					t.Errorf("the facilitator guide (%s) prints on %d pages; the count is broken", lang, n)
				}
				continue
			}
			for _, p := range papers {
				pdf := printPDF(t, ho, p)
				if n := len(pdfPage.FindAll(pdf, -1)); n != 1 {
					t.Errorf("%s.%s on %s prints on %d pages, want 1", m.Name, lang, p.name, n)
				}
				text := strings.NewReplacer("ﬂ", "fl", "ﬁ", "fi").Replace(nospace(pdfText(pdf))) // Skia draws ligatures
				if !strings.Contains(text, nospace(handouts.Title(m.Name, lang))) {
					t.Errorf("%s.%s on %s: the PDF lacks its title; text: %.300s", m.Name, lang, p.name, text)
				}
				if strings.Contains(text, nospace(map[string]string{"en": "All materials", "es": "Todos los materiales"}[lang])) {
					t.Errorf("%s.%s: the PDF holds the toolbar, which print CSS hides", m.Name, lang)
				}
				if dir := os.Getenv("ROUNDTABLE_SHOTS"); dir != "" {
					os.WriteFile(filepath.Join(dir, fmt.Sprintf("print-%s.%s-%s.pdf", m.Name, lang, p.name)), pdf, 0o644)
				}
			}
		}
		ho.Navigate(k.Base + "/handouts/parents." + lang)
		ho.Wait("the page", `document.querySelector('main h1') !== null`)
		ho.NoAxeViolations("the parents handout (" + lang + ")")
		ho.Shots(t, "handout-parents-"+lang)
		ho.Do(chromedp.EmulateViewport(1280, 800))
		ho.Navigate(k.Base + "/handouts?lang=" + lang)
		ho.Wait("the list", `document.querySelectorAll('.handout-list li').length === 7`)
		ho.NoAxeViolations("the list of materials (" + lang + ")")
		ho.ShotAt(t, "handout-list-"+lang+"-1280x720", 1280, 720)
		ho.Do(chromedp.EmulateViewport(1280, 800))
	}
	ho.Navigate(k.Base + "/handouts/nope.en")
	ho.Wait("the not-found page", `document.querySelector('h1') && document.querySelector('h1').textContent === 'Material not found'`)

	// The phones, at the end of a parents.en session.
	if st, _ := k.API("POST", "/api/sessions", map[string]string{"deck": "parents.en"}, &s); st != 201 {
		t.Fatal("start parents.en")
	}
	phones := []*Tab{b.PhoneTab("phone en"), b.PhoneTab("phone es")}
	for _, p := range phones {
		p.Navigate(k.Base + "/j/" + s.Code)
		p.Wait("the lobby (joined with no name)", `document.getElementById('status').textContent !== '' && document.querySelector('#view p.big') !== null`)
	}
	phones[1].Do(chromedp.Click(chromedp.CSS(`[data-set-lang="es"]`), chromedp.NodeVisible))
	phones[1].Wait("Spanish", `document.documentElement.lang === 'es'`)
	if p := phones[0]; Eval[bool](p, `document.getElementById('handout-link') !== null`) {
		t.Error("the handout link shows before the session ends")
	}
	if st, _ := k.API("POST", "/api/sessions/"+s.ID+"/end", nil, nil); st != 200 {
		t.Fatal("end")
	}
	for i, c := range []struct{ lang, text, title string }{
		{"en", "Take home the handout", handouts.Title("parents", "en")},
		{"es", "Llévate la hoja a casa", handouts.Title("parents", "es")},
	} {
		p := phones[i]
		p.Wait("the handout link", `document.getElementById('handout-link') !== null`)
		if got := p.Text("#handout-link"); got != c.text {
			t.Errorf("%s: the link says %q, want %q", p.Name, got, c.text)
		}
		if href := Eval[string](p, `document.getElementById('handout-link').getAttribute('href')`); href != "/handouts/parents."+c.lang {
			t.Errorf("%s: the link goes to %q, want /handouts/parents.%s", p.Name, href, c.lang)
		}
		p.NoAxeViolations("the phone's end screen (" + c.lang + ")")
		p.Shot(t, "phone-end-"+c.lang+"-390x844")
		// Pressed in one step in the page: the end screen may redraw (the
		// socket's status), and a node found first and tapped after could be gone.
		Eval[bool](p, `(document.getElementById('handout-link').click(), true)`)
		p.Wait("the handout", `location.pathname === '/handouts/parents.`+c.lang+`' && document.querySelector('main h1') !== null`)
		if got := p.Text("main h1"); got != c.title {
			t.Errorf("%s: the handout's title is %q, want %q", p.Name, got, c.title)
		}
		if w := Eval[int](p, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s: the handout is %d px wide on a 390 px phone, want no sideways scroll", p.Name, w)
		}
		p.NoAxeViolations("the handout on a phone (" + c.lang + ")")
		p.Shot(t, "phone-handout-"+c.lang+"-390x844")
	}
}
