package handlers

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
)

// pageBase is what the one page base (embed/web/base.html) reads: the
// document's language, the deck's for a room's phone page (data-deck), and
// whether the server wrote the page in the browser's language.
type pageBase struct {
	Lang       string
	Deck       string
	ServerLang bool
	// Game marks a game's phone page (data-game): it asks a nickname; any
	// other session's phone joins with no name.
	Game bool
}

// staticPages are rendered once, at start, into assets: the same bytes
// for everyone, the strings filled in by each page's script.
var staticPages = []string{"host.html", "editor.html", "projector.html", "presenter.html", "report.html", "phone.html", "remote.html", "deck-report.html"}

// parsePage parses a page with the base; executing "base" renders it.
func parsePage(web fs.FS, base *template.Template, name string) (*template.Template, error) {
	t, err := template.Must(base.Clone()).ParseFS(web, name)
	if err != nil {
		return nil, fmt.Errorf("handlers: unable to read page %s: %w", name, err)
	}
	return t, nil
}

func renderPage(t *template.Template, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", data); err != nil {
		return nil, fmt.Errorf("handlers: unable to render page %s: %w", t.Name(), err)
	}
	return buf.Bytes(), nil
}

// loadPages renders the static pages (a room's phone page once per deck
// language, so it costs no extra request) and parses the ones the server
// fills in per request.
func (h *handler) loadPages(web fs.FS) error {
	base, err := template.ParseFS(web, "base.html")
	if err != nil {
		return fmt.Errorf("handlers: unable to read the page base: %w", err)
	}
	for _, p := range staticPages {
		t, err := parsePage(web, base, p)
		if err != nil {
			return err
		}
		b, err := renderPage(t, pageBase{Lang: "en"})
		if err != nil {
			return err
		}
		h.pages[p] = newAsset(p, b)
		if p == "phone.html" {
			for _, l := range []string{"en", "es"} {
				if b, err = renderPage(t, pageBase{Lang: l, Deck: l}); err != nil {
					return err
				}
				h.pages["phone."+l+".html"] = newAsset(p, b)
				if b, err = renderPage(t, pageBase{Lang: l, Deck: l, Game: true}); err != nil {
					return err
				}
				h.pages["phone."+l+".game.html"] = newAsset(p, b)
			}
		}
	}
	if h.notFound, err = parsePage(web, base, "notfound.html"); err != nil {
		return err
	}
	if h.needKey, err = parsePage(web, base, "needkey.html"); err != nil {
		return err
	}
	handout, err := parsePage(web, base, "handout.html")
	if err != nil {
		return err
	}
	return h.loadHandouts(handout)
}
