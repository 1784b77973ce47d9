package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// requests counts the HTTP requests a tab makes, by path.
type requests struct {
	mu    sync.Mutex
	paths []string
}

func (r *requests) listen(t *testing.T, tab *Tab) {
	if err := chromedp.Listen(tab.ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			u, _ := url.Parse(e.Request.URL)
			r.mu.Lock()
			r.paths = append(r.paths, u.Path)
			r.mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
}

func (r *requests) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.paths...)
}

// resourcesSlide is the index of a deck's resources slide.
func resourcesSlide(t *testing.T, k *Kit, deck string) int {
	t.Helper()
	var d struct {
		Deck struct{ Slides []struct{ Resources bool } }
	}
	k.API("GET", "/api/decks/"+deck, nil, &d)
	for i, s := range d.Deck.Slides {
		if s.Resources {
			return i
		}
	}
	t.Fatalf("%s has no resources slide", deck)
	return -1
}

// openHelp opens Need help? and checks the dialog: labelled, focus inside,
// Tab kept inside, what it shows; then Escape closes it and gives the
// focus back to the button.
func openHelp(t *testing.T, p *Tab, wants ...string) {
	t.Helper()
	p.Do(chromedp.Click("#help-btn", chromedp.NodeVisible))
	p.Wait("the help dialog", `document.querySelector('[role=dialog][aria-modal=true]') !== null`)
	label := p.Text("#" + Eval[string](p, `document.querySelector('[role=dialog]').getAttribute('aria-labelledby')`))
	if label != p.Text("#help-btn") {
		t.Errorf("%s: the dialog is labelled %q, want the button's words %q", p.Name, label, p.Text("#help-btn"))
	}
	text := p.Text("[role=dialog]")
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s: the help dialog lacks %q:\n%s", p.Name, w, text)
		}
	}
	for i := 0; i < 30; i++ {
		p.Do(chromedp.KeyEvent(kb.Tab))
		if !Eval[bool](p, `document.querySelector('[role=dialog]').contains(document.activeElement)`) {
			t.Fatalf("%s: Tab %d left the dialog for %s", p.Name, i+1, Eval[string](p, `document.activeElement.outerHTML.slice(0, 80)`))
		}
	}
	for _, href := range Eval[[]string](p, `[...document.querySelectorAll('[role=dialog] a')].map(a => a.getAttribute('href'))`) {
		if !strings.HasPrefix(href, "tel:") && !strings.HasPrefix(href, "sms:") && !strings.HasPrefix(href, "https://") {
			t.Errorf("%s: the help dialog links %q", p.Name, href)
		}
	}
}

func closeHelp(t *testing.T, p *Tab) {
	t.Helper()
	p.Do(chromedp.KeyEvent(kb.Escape))
	p.Wait("the dialog closed and the focus back on its button", `document.querySelector('[role=dialog]') === null && document.activeElement && document.activeElement.id === 'help-btn'`)
}

// TestNeedHelpAndLocalContacts: the facilitator edits the local contacts
// in the presenter view (add, remove, reorder, save); a phone in English
// then in Spanish opens Need help? and sees the new contact and the kit's
// lines, and opening it sends no request (the data came once, in the
// background, as the page drew); the dialog is clean for axe-core; the
// resources slide shows the contact on the audience screen, the
// presenter's preview and the phone; without a room, the code page's
// Need help? shows the kit's lines.
func TestNeedHelpAndLocalContacts(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	pv := b.DesktopTab("presenter view")
	pv.LoginHost(k)

	var s Session
	k.API("POST", "/api/sessions", map[string]string{"deck": "parents.en"}, &s)
	pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
	pv.Wait("the New Mexico contacts", `document.querySelectorAll('#contacts .pc-item').length === 6 && document.querySelector('.pc-defaults').textContent !== ''`)
	if v := pv.Text("#pc-name-0"); v != "" || Eval[string](pv, `document.getElementById('pc-name-0').value`) != "CYFD Statewide Central Intake" {
		t.Errorf("the first contact is %q, want CYFD's", Eval[string](pv, `document.getElementById('pc-name-0').value`))
	}
	// Add one, remove the Department of Justice (English), move the new one up twice.
	pv.Do(chromedp.Click(`#contacts .pv-row:not(.pc-item .pv-row) button:first-child`))
	pv.Wait("a seventh contact, focused", `document.activeElement && document.activeElement.id === 'pc-name-6'`)
	pv.Do(chromedp.SendKeys("#pc-name-6", "Valley High counselor <b>"),
		chromedp.SendKeys("#pc-detail-6", "505-555-0142"),
		chromedp.SendKeys("#pc-note-6", "Room 12, 8 to 4 on school days"))
	pv.Do(chromedp.Click(`#contacts .pc-item:nth-child(3) button.danger`))
	pv.Wait("six contacts", `document.querySelectorAll('#contacts .pc-item').length === 6`)
	for _, n := range []int{6, 5} { // its Move up, twice
		pv.Do(chromedp.Click(fmt.Sprintf(`#contacts .pc-item:nth-child(%d) button[aria-describedby]`, n)))
	}
	pv.Wait("the new one fourth", `document.getElementById('pc-name-3').value === 'Valley High counselor <b>'`)
	pv.Do(chromedp.Click(`#contacts button.primary`))
	pv.Wait("saved", `document.querySelector('.pc-status').textContent === 'Saved.' && document.querySelector('.pc-defaults').textContent === ''`)
	var got struct {
		Contacts []struct{ Name, Detail, Note, Lang string }
		Defaults bool
	}
	k.API("GET", "/api/contacts", nil, &got)
	var order []string
	for _, c := range got.Contacts {
		order = append(order, c.Name)
	}
	if want := "CYFD Statewide Central Intake|New Mexico Crisis and Access Line|CYFD, línea estatal para reportar abuso|Valley High counselor <b>|Línea de Crisis y Acceso de Nuevo México|Departamento de Justicia de Nuevo México"; strings.Join(order, "|") != want || got.Defaults {
		t.Errorf("the contacts saved: %s (defaults %v), want %s", strings.Join(order, "|"), got.Defaults, want)
	}
	// A refusal names the field: an empty detail.
	pv.Do(chromedp.Click(`#contacts .pv-row:not(.pc-item .pv-row) button:first-child`))
	pv.Do(chromedp.SendKeys("#pc-name-6", "Nobody"))
	pv.Do(chromedp.Click(`#contacts button.primary`))
	pv.Wait("the refusal, on the empty field", `document.activeElement && document.activeElement.id === 'pc-detail-6' && document.activeElement.getAttribute('aria-invalid') === 'true' && document.querySelector('.pc-status').textContent.indexOf('contacts could not be saved') >= 0`)
	pv.Do(chromedp.Click(`#contacts .pc-item:last-child button.danger`))
	pv.Do(chromedp.Evaluate[chromedp.Void](`document.getElementById('contacts').scrollIntoView()`))
	pv.NoAxeViolations("presenter view, local contacts")
	pv.ShotAt(t, "presenter-contacts-1280x720-en", 1280, 720)
	pv.Do(chromedp.Evaluate[chromedp.Void](`document.getElementById('contacts').scrollIntoView()`))
	pv.ShotAt(t, "presenter-contacts-1920x1080-en", 1920, 1080)

	// A phone joins; its help data comes in the background.
	p := b.PhoneTab("phone")
	var reqs requests
	reqs.listen(t, p)
	p.Navigate(k.Base + "/j/" + s.Code)
	p.Wait("the lobby", fmt.Sprintf(`document.querySelector('h1').textContent === %q`, inTitle))
	p.Wait("Need help? first in the tools", `document.querySelector('#tools > button:first-child#help-btn') !== null`)
	helpPath := "/j/" + s.Code + "/help"
	p.Wait("the help data fetched", `performance.getEntriesByType('resource').some(e => e.name.endsWith(`+js(helpPath)+`) && e.responseEnd > 0)`)
	// The parents deck also offers Share your experience, whose module and
	// style the phone loads after the welcome: let them arrive first, so
	// that what follows counts only what opening Need help? asks for.
	p.Wait("Share your experience loaded", `document.querySelector('#tools #share-btn') !== null && performance.getEntriesByType('resource').some(e => e.name.endsWith('/static/css/share.css') && e.responseEnd > 0)`)
	before := reqs.list()
	if n := strings.Count(strings.Join(before, " "), helpPath); n != 1 {
		t.Errorf("the phone fetched its help data %d times, want once: %v", n, before)
	}
	openHelp(t, p, "Need help?", "Valley High counselor <b>", "505-555-0142", "NCMEC CyberTipline", "1-800-843-5678", "Take It Down", "988", "text AYUDA to 988", "911", "CYFD Statewide Central Intake")
	if strings.Contains(p.Text("[role=dialog]"), "Departamento de Justicia") {
		t.Error("an English phone's help shows the Spanish-only contacts")
	}
	if n := Eval[int](p, `document.querySelectorAll('[role=dialog] b').length`); n != 0 {
		t.Errorf("a contact's text was read as markup: %d <b> elements", n)
	}
	p.NoAxeViolations("phone, Need help? open (en)")
	top := chromedp.Evaluate[chromedp.Void](`document.querySelector('.help-back').scrollTop = 0; document.getElementById('help-title').focus()`)
	p.Do(top)
	p.ShotAt(t, "phone-help-390x844-en", 0, 0)
	closeHelp(t, p)
	// Spanish: the button and the dialog switch, still without a request.
	p.Do(chromedp.Click(`[data-set-lang=es]`, chromedp.NodeVisible))
	p.Wait("the Spanish button", `document.getElementById('help-btn').textContent === '¿Necesitas ayuda?'`)
	openHelp(t, p, "¿Necesitas ayuda?", "Valley High counselor <b>", "CyberTipline del NCMEC", "Take It Down", "Tiene página en español", "marque 2", "AYUDA", "911", "CYFD, línea estatal para reportar abuso")
	p.NoAxeViolations("phone, Need help? open (es)")
	p.Do(top)
	p.ShotAt(t, "phone-help-390x844-es", 0, 0)
	p.Do(chromedp.Evaluate[chromedp.Void](`document.querySelector('.help-back').scrollTop = 1e6`))
	p.ShotAt(t, "phone-help-390x844-es-end", 0, 0)
	closeHelp(t, p)
	if after := reqs.list(); len(after) != len(before) {
		t.Errorf("opening Need help? (twice, and switching language) sent requests: %v", after[len(before):])
	}
	p.Do(chromedp.Click(`[data-set-lang=en]`, chromedp.NodeVisible))

	// The resources slide: audience screen, presenter preview, phone.
	at := resourcesSlide(t, k, "parents.en")
	aud := b.DesktopTab("audience screen")
	aud.Navigate(k.Base + "/host/s/" + s.ID)
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": at}, nil)
	aud.Wait("the contact on the audience screen", `[...document.querySelectorAll('#slide .contact')].some(e => e.textContent.indexOf('Valley High counselor <b> 505-555-0142') >= 0)`)
	if t1 := aud.Text("#slide"); !strings.Contains(t1, "Help near you") || strings.Contains(t1, "Departamento") {
		t.Errorf("the resources slide shows %q: want its title and the English or shared contacts only", t1)
	}
	if n := Eval[int](aud, `document.querySelectorAll('#slide .contacts b').length`); n != 0 {
		t.Errorf("a contact's text was read as markup on the audience screen")
	}
	aud.ShotAt(t, "projector-resources-1280x720-en", 1280, 720)
	aud.ShotAt(t, "projector-resources-1920x1080-en", 1920, 1080)
	aud.NoAxeViolations("audience screen, resources slide")
	pv.Wait("the contact in the presenter's preview", `document.querySelector('#now .contacts') && document.querySelector('#now .contacts').textContent.indexOf('Valley High counselor') >= 0`)
	p.Wait("the contact on the phone's resources slide", `document.querySelector('#view .help-slide') && document.querySelector('#view .help-slide').textContent.indexOf('Valley High counselor') >= 0`)
	p.ShotAt(t, "phone-resources-slide-390x844-en", 0, 0)
	// The end screen keeps it, still without a request.
	k.API("POST", "/api/sessions/"+s.ID+"/end", nil, nil)
	p.Wait("the end screen", `document.querySelector('h1').textContent === 'Thank you!'`)
	n := len(reqs.list())
	openHelp(t, p, "Valley High counselor <b>", "NCMEC CyberTipline")
	closeHelp(t, p)
	if after := reqs.list(); len(after) != n {
		t.Errorf("opening Need help? on the end screen sent requests: %v", after[n:])
	}

	// The Spanish workshop: its audience screen and a Spanish phone.
	var es Session
	k.API("POST", "/api/sessions", map[string]string{"deck": "parents.es"}, &es)
	aud.Navigate(k.Base + "/host/s/" + es.ID)
	k.API("POST", "/api/sessions/"+es.ID+"/goto", map[string]int{"slide": resourcesSlide(t, k, "parents.es")}, nil)
	aud.Wait("the Spanish contacts on the audience screen", `document.querySelector('#slide .contacts') && document.querySelector('#slide .contacts').textContent.indexOf('Departamento de Justicia de Nuevo México') >= 0`)
	if strings.Contains(aud.Text("#slide"), "Crisis and Access Line") {
		t.Error("the Spanish resources slide shows the English-only contacts")
	}
	aud.ShotAt(t, "projector-resources-1280x720-es", 1280, 720)
	aud.ShotAt(t, "projector-resources-1920x1080-es", 1920, 1080)
	pes := b.PhoneTab("phone es")
	pes.Navigate(k.Base + "/j/" + es.Code)
	pes.Wait("the Spanish slide", `document.querySelector('#view .help-slide li') !== null`)
	pes.ShotAt(t, "phone-resources-slide-390x844-es", 0, 0)
	pv.Navigate(k.Base + "/host/s/" + es.ID + "/presenter")
	pv.Wait("the Spanish contacts panel", `document.querySelectorAll('#contacts .pc-item').length === 6 && document.getElementById('pc-title').textContent === 'Contactos locales'`)
	pv.Do(chromedp.Evaluate[chromedp.Void](`document.getElementById('contacts').scrollIntoView()`))
	pv.ShotAt(t, "presenter-contacts-1280x720-es", 1280, 720)
	pv.Do(chromedp.Evaluate[chromedp.Void](`document.getElementById('contacts').scrollIntoView()`))
	pv.ShotAt(t, "presenter-contacts-1920x1080-es", 1920, 1080)
	pv.NoAxeViolations("presenter view, local contacts (es)")

	// No room yet: the code page's Need help? shows the kit's lines.
	c := b.PhoneTab("code page")
	c.Navigate(k.Base + "/")
	c.Wait("the code form and Need help?", `!document.getElementById('code-form').hidden && document.getElementById('help-btn') !== null`)
	c.Wait("the help data", `performance.getEntriesByType('resource').some(e => e.name.endsWith('/help') && e.responseEnd > 0)`)
	openHelp(t, c, "NCMEC CyberTipline", "988")
	c.NoAxeViolations("code page, Need help? open")
	closeHelp(t, c)
}
