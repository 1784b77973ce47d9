package e2e

import (
	"encoding/json"
	"io/fs"
	"testing"

	"github.com/roundtable-kit/roundtable/embed"
)

// TestErrorsReadInThePagesLanguage opens pages whose first API call fails
// (a deck and a session that do not exist) in English and in Spanish, and
// checks that the alert reads the catalogue's err.<code> in that language,
// or the server's own message where the catalogue has none: the one
// errorText every page uses.
func TestErrorsReadInThePagesLanguage(t *testing.T) {
	raw, err := fs.ReadFile(embed.Web, "i18n.json")
	if err != nil {
		t.Fatal(err)
	}
	var cat map[string]map[string]string
	if err := json.Unmarshal(raw, &cat); err != nil {
		t.Fatal(err)
	}
	k := StartKit(t)
	b := NewBrowser(t)
	tab := b.DesktopTab("presenter")
	tab.LoginHost(k)
	for _, c := range []struct{ page, api string }{
		{"/host/decks/no-such-deck/edit", "/api/decks/no-such-deck"},
		{"/host/s/no-such-session/report", "/api/sessions/no-such-session/results"},
	} {
		var e struct {
			Error struct{ Code, Message string }
		}
		st, body := k.API("GET", c.api, nil, nil)
		if json.Unmarshal(body, &e); st != 404 || e.Error.Code == "" {
			t.Fatalf("GET %s: %d %s, want 404 with an error code", c.api, st, body)
		}
		for _, lang := range []string{"en", "es"} {
			want, ok := cat[lang]["err."+e.Error.Code]
			if !ok {
				want = e.Error.Message
			}
			Eval[bool](tab, `localStorage.setItem('rt.lang', '`+lang+`'), true`)
			tab.Navigate(k.Base + c.page)
			tab.Wait("the error", `document.getElementById('alert').textContent !== ''`)
			if got := tab.Text("#alert"); got != want {
				t.Errorf("%s in %s: the alert reads %q, want %q (code %s)", c.page, lang, got, want, e.Error.Code)
			}
		}
	}
}
