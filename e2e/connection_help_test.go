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

// TestUnreachableJoinAddressIsShown: the test kit listens on 127.0.0.1 only
// while its join address is this machine's LAN address (or loopback where
// it has none). The host page says phones cannot reach it exactly when the
// API says so, in both languages, and stays clean under axe.
func TestUnreachableJoinAddressIsShown(t *testing.T) {
	k := StartKit(t)
	var net struct {
		Current     string
		Unreachable bool
	}
	if st, body := k.API("GET", "/api/network", nil, &net); st != 200 {
		t.Fatalf("GET /api/network: %d %s", st, body)
	}
	b := NewBrowser(t)
	tab := b.DesktopTab("presenter")
	tab.LoginHost(k)
	tab.Wait("the join address", `document.getElementById('net-current').textContent !== ''`)
	shown := Eval[bool](tab, `!document.getElementById('net-unreachable').hidden`)
	if shown != net.Unreachable {
		t.Fatalf("join address %s: the page shows the warning %v, the API says unreachable %v", net.Current, shown, net.Unreachable)
	}
	if !net.Unreachable {
		t.Skipf("join address %s is loopback here: nothing to warn about", net.Current)
	}
	for _, c := range []struct{ lang, want string }{{"en", "Phones cannot reach"}, {"es", "no pueden llegar"}} {
		Eval[bool](tab, `document.querySelector('[data-set-lang="`+c.lang+`"]').click(), true`)
		tab.Wait("the page in "+c.lang, `document.documentElement.lang === '`+c.lang+`'`)
		if got := tab.Text("#net-unreachable"); !strings.Contains(got, c.want) {
			t.Errorf("%s: the warning reads %q, want %q…", c.lang, got, c.want)
		}
		tab.NoAxeViolations("the unreachable warning (" + c.lang + ")")
	}
}
