package app_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/handouts"
	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// getPage GETs path as a browser without the host cookie would.
func getPage(t *testing.T, base, path string, header ...string) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	req.Header.Set("User-Agent", testUA)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

var (
	scriptTag   = regexp.MustCompile(`(?i)<script\b[^>]*>`)
	eventAttr   = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	headingLine = regexp.MustCompile(`(?m)^## (.+)$`)
)

// checkPageHeaders holds a page to the kit's security headers.
func checkPageHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("%s: CSP %q, want the kit's", what, csp)
	}
	if h.Get("X-Frame-Options") != "DENY" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("%s: headers %v, want no framing, nosniff, no referrer", what, h)
	}
	if !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
		t.Errorf("%s: Content-Type %q, want HTML", what, h.Get("Content-Type"))
	}
}

// Every take-home material renders in both languages for anyone (no host
// cookie): the kit's headers, the page in its language with its title,
// every section heading of the Markdown, a link to the other language,
// and no script but the page's own module and no event handler.
func TestHandoutPagesServeEveryMaterial(t *testing.T) {
	k := startKit(t, t.TempDir())
	for _, m := range handouts.Materials {
		for _, lang := range handouts.Langs {
			path := "/handouts/" + m.Name + "." + lang
			st, h, body := getPage(t, k.base, path)
			if st != 200 {
				t.Fatalf("GET %s: %d", path, st)
			}
			checkPageHeaders(t, path, h)
			if !strings.Contains(body, `<html lang="`+lang+`">`) {
				t.Errorf("%s: not marked lang=%s", path, lang)
			}
			title := handouts.Title(m.Name, lang)
			if !strings.Contains(body, "<h1>"+htmlText(title)+"</h1>") {
				t.Errorf("%s: no <h1> with the title %q", path, title)
			}
			src, _ := handouts.Source(m.Name, lang)
			hs := headingLine.FindAllStringSubmatch(src, -1)
			if len(hs) == 0 && m.Name != "letter-to-parents" {
				t.Errorf("%s: the source has no ## headings to check", path)
			}
			for _, hm := range hs {
				if !strings.Contains(body, "<h2>") || !strings.Contains(stripTags(body), strings.NewReplacer("**", "", "*", "").Replace(hm[1])) {
					t.Errorf("%s: the heading %q is not on the page", path, hm[1])
				}
			}
			other := map[string]string{"en": "es", "es": "en"}[lang]
			if !strings.Contains(body, `href="/handouts/`+m.Name+`.`+other+`"`) {
				t.Errorf("%s: no link to the %s page", path, other)
			}
			scripts := scriptTag.FindAllString(body, -1)
			if len(scripts) != 1 || scripts[0] != `<script type="module" src="/static/js/handout.js">` {
				t.Errorf("%s: scripts %q, want only the page's module", path, scripts)
			}
			if e := eventAttr.FindString(body); e != "" || strings.Contains(body, "javascript:") || strings.Contains(body, "raw HTML") {
				t.Errorf("%s: markup that runs script or a renderer marker: %q", path, e)
			}
		}
	}
	// The parents handout's help lines are a table; its steps a list.
	_, _, body := getPage(t, k.base, "/handouts/parents.es")
	for _, want := range []string{"<table>", "<ol>", "AYUDA", "1-855-333-SAFE", `<button id="print-btn" type="button" class="primary">Imprimir</button>`} {
		if !strings.Contains(body, want) {
			t.Errorf("parents.es lacks %q", want)
		}
	}
	// Pages are precompressed and cacheable, like the phone's assets.
	_, h, _ := getPage(t, k.base, "/handouts/youth.en", "Accept-Encoding", "br")
	if h.Get("Content-Encoding") != "br" || h.Get("Etag") == "" || !strings.Contains(h.Get("Cache-Control"), "max-age") {
		t.Errorf("youth.en with br: encoding %q, etag %q, cache %q", h.Get("Content-Encoding"), h.Get("Etag"), h.Get("Cache-Control"))
	}
}

// The list page names every material in its language, linking both.
func TestHandoutListInBothLanguages(t *testing.T) {
	k := startKit(t, t.TempDir())
	for _, c := range []struct{ query, accept, lang string }{{"?lang=en", "", "en"}, {"?lang=es", "", "es"}, {"", "es-MX,es;q=0.9", "es"}, {"?lang=xx", "en-US", "en"}} {
		st, h, body := getPage(t, k.base, "/handouts"+c.query, "Accept-Language", c.accept)
		if st != 200 || !strings.Contains(body, `<html lang="`+c.lang+`">`) {
			t.Fatalf("GET /handouts%s (%s): %d, want 200 in %s", c.query, c.accept, st, c.lang)
		}
		checkPageHeaders(t, "/handouts", h)
		for _, m := range handouts.Materials {
			if !strings.Contains(body, `href="/handouts/`+m.Name+`.`+c.lang+`">`+htmlText(handouts.Title(m.Name, c.lang))+`</a>`) {
				t.Errorf("/handouts%s: no link to %s.%s with its title", c.query, m.Name, c.lang)
			}
		}
	}
}

// Unknown names, languages and shapes get the one not-found page, 404, in
// the language asked for.
func TestHandoutUnknownNamesAre404(t *testing.T) {
	k := startKit(t, t.TempDir())
	for _, c := range []struct{ path, want string }{
		{"/handouts/nope.en", "Material not found"},
		{"/handouts/nope.es", "No encontramos el material"},
		{"/handouts/parents.fr", "Material not found"},
		{"/handouts/parents", "Material not found"},
		{"/handouts/PARENTS.en", "Material not found"},
		{"/handouts/parents.en.md", "Material not found"},
		{"/handouts/..%2Fparents.es", "No encontramos el material"},
		{"/handouts/" + strings.Repeat("a", 300) + ".en", "Material not found"},
	} {
		st, h, body := getPage(t, k.base, c.path)
		if st != 404 || !strings.Contains(body, c.want) || !strings.Contains(body, `href="/handouts"`) {
			t.Errorf("GET %s: %d, want 404 saying %q with a link to the list; got %.300s", c.path, st, c.want, body)
		}
		checkPageHeaders(t, c.path, h)
	}
	// A room's not-found page is unchanged.
	if st, _, body := getPage(t, k.base, "/j/ZZZZZZ"); st != 404 || !strings.Contains(body, "Room not found") {
		t.Errorf("GET /j/ZZZZZZ: %d %.200s", st, body)
	}
}

// GET /api/handouts is the presenter's and lists each material's
// workshops, titles and pages.
func TestHandoutsAPI(t *testing.T) {
	k := startKit(t, t.TempDir())
	if st, _, _ := getPage(t, k.base, "/api/handouts"); st != 401 {
		t.Errorf("GET /api/handouts without the key: %d, want 401", st)
	}
	var got struct {
		Materials []struct {
			Name  string
			For   []string
			Title map[string]string
			URL   map[string]string
		}
	}
	if st := k.call("GET", "/api/handouts", nil, &got); st != 200 || len(got.Materials) != len(handouts.Materials) {
		t.Fatalf("GET /api/handouts: %d, %d materials", st, len(got.Materials))
	}
	for _, m := range got.Materials {
		if len(m.For) == 0 || m.Title["en"] == "" || m.Title["es"] == "" || m.URL["es"] != "/handouts/"+m.Name+".es" {
			t.Errorf("material %+v is incomplete", m)
		}
	}
}

// A deck that names a handout gives it to every phone on the ended slide
// and to the presenter in host_state; a deck that names none gives none.
func TestEndedSlideCarriesTheDecksHandout(t *testing.T) {
	k := startKit(t, t.TempDir())
	for _, c := range []struct{ deck, want string }{{"parents.es", "parents"}, {"youth-short.en", "youth"}, {"try.en", ""}} {
		s := k.start(c.deck)
		hs := k.HostSocket(s.ID)
		p := k.phone(s.Code)
		if err := p.Join("Ana", "en"); err != nil {
			t.Fatal(err)
		}
		if sl := p.Slide(); sl.Handout != "" {
			t.Errorf("%s: the lobby slide carries handout %q; only the ended one may", c.deck, sl.Handout)
		}
		if st := k.call("POST", "/api/sessions/"+s.ID+"/end", nil, nil); st != 200 {
			t.Fatalf("end: %d", st)
		}
		sl, err := p.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Phase == "ended" })
		if err != nil {
			t.Fatalf("%s: no ended slide: %v", c.deck, err)
		}
		if sl.Handout != c.want {
			t.Errorf("%s: the ended slide carries handout %q, want %q", c.deck, sl.Handout, c.want)
		}
		m, ok := hs.WaitFor(0, 5*time.Second, func(m kittest.HostMsg) bool { return m.Type == "host_state" })
		sess, _ := m.Map["session"].(map[string]any)
		if got, _ := sess["handout"].(string); !ok || got != c.want {
			t.Errorf("%s: host_state.session.handout %q, want %q", c.deck, got, c.want)
		}
	}
}

var tagRe = regexp.MustCompile(`<[^>]+>`)

func stripTags(s string) string { return htmlUnescape(tagRe.ReplaceAllString(s, "")) }

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#39;", "'", "&#34;", `"`, "&quot;", `"`, "&lt;", "<", "&gt;", ">").Replace(s)
}

// htmlText is s as the page writes text: & < > " ' escaped.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
