package e2e

import (
	"strings"
	"testing"
)

// TestConnectionHelpOnThePresenterPage: the presenter page, where the teacher
// is when phones cannot join, holds the likely causes (same Wi-Fi, the
// Windows firewall answer, client isolation), readable in both languages and
// clean under axe-core when opened.
func TestConnectionHelpOnThePresenterPage(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	tab := b.DesktopTab("presenter")
	tab.LoginHost(k)
	for _, c := range []struct{ lang, summary, firewall string }{
		{"en", "Phones can't connect?", "Private networks"},
		{"es", "¿Los teléfonos no se conectan?", "redes privadas"},
	} {
		Eval[bool](tab, `document.querySelector('[data-set-lang="`+c.lang+`"]').click(), true`)
		tab.Wait("the page in "+c.lang, `document.documentElement.lang === '`+c.lang+`'`)
		Eval[bool](tab, `(document.getElementById('net-help').open = true)`)
		if got := tab.Text("#net-help summary"); !strings.HasPrefix(got, c.summary) {
			t.Errorf("%s: the help's summary reads %q, want %q…", c.lang, got, c.summary)
		}
		if got := tab.Text("#net-help"); !strings.Contains(got, c.firewall) {
			t.Errorf("%s: the help does not say how to answer the firewall (%q): %q", c.lang, c.firewall, got)
		}
		tab.NoAxeViolations("the connection help (" + c.lang + ")")
	}
}
