package handlers

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"maps"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/embed"
)

func testApp(t *testing.T) *fiber.App {
	t.Helper()
	app, err := New(Deps{Web: embed.Web, HostKey: "a-test-key-of-some-length"})
	if err != nil {
		t.Fatal(err)
	}
	return app
}

func get(t *testing.T, app *fiber.App, path string, header ...string) (int, []byte, map[string]string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	h := map[string]string{}
	for k := range resp.Header {
		h[k] = resp.Header.Get(k)
	}
	return resp.StatusCode, body, h
}

var (
	scriptSrc = regexp.MustCompile(`<script type="module" src="(/static/[^"]+)"`)
	importRef = regexp.MustCompile(`(?m)^import\s+(?:[^'"]*\s+from\s+)?'(/static/[^']+)'`)
	lazyRef   = regexp.MustCompile(`\bimport\('(/static/[^']+)'\)`)
	i18nAttr  = regexp.MustCompile(`data-i18n(?:-[a-z-]+)?="([^"{}]+)"`)
	literal   = regexp.MustCompile(`['"]([a-z]+\.[A-Za-z0-9_.]*)['"]`)
	comment   = regexp.MustCompile(`(?m)^\s*//.*$`)
	// A module imported through a constant (import(KINDS)), so that the
	// phone's page weight does not count it, is as lazy as import('…').
	lazyConst = regexp.MustCompile(`(?m)^const [A-Z]+ = '(/static/js/[a-z-]+\.js)';`)
)

// TestEachPageLoadsOnlyItsStrings follows every page's module graph from its
// HTML, collects the catalogue keys it names (data-i18n attributes, and
// string literals in its JavaScript such as t('phone.join'), 'status.idle'
// or a prefix completed at run time, 'err.' + code), and checks that the
// one string module the page imports serves each of them in English and
// Spanish, and that the module's share of the catalogue is one the page
// uses.
func TestEachPageLoadsOnlyItsStrings(t *testing.T) {
	app := testApp(t)
	raw, err := fs.ReadFile(embed.Web, "i18n.json")
	if err != nil {
		t.Fatal(err)
	}
	var cat map[string]map[string]string
	if err := json.Unmarshal(raw, &cat); err != nil {
		t.Fatal(err)
	}
	spaces := map[string]bool{}
	for k := range cat["en"] {
		spaces[strings.SplitN(k, ".", 2)[0]] = true
	}
	pages, _ := fs.Glob(embed.Web, "*.html")
	if len(pages) < 6 {
		t.Fatalf("found pages %v, want the six", pages)
	}
	served := map[string]bool{}
	// A root is a page, or a module a page imports only when it needs it
	// (import('…')), which loads its own strings; the modules its page
	// loaded already are the page's, with their keys.
	type root struct {
		page  string
		html  []byte
		queue []string
		seen  map[string]bool
	}
	var roots []root
	for _, page := range pages {
		html, _ := fs.ReadFile(embed.Web, page)
		r := root{page: page, html: html, seen: map[string]bool{}}
		for _, m := range scriptSrc.FindAllSubmatch(html, -1) {
			r.queue = append(r.queue, string(m[1]))
		}
		roots = append(roots, r)
	}
	lazyRoots := map[string]bool{}
	for ri := 0; ri < len(roots); ri++ {
		page, html, queue, seen := roots[ri].page, roots[ri].html, roots[ri].queue, roots[ri].seen
		var keys []string
		for _, m := range i18nAttr.FindAllSubmatch(html, -1) {
			keys = append(keys, string(m[1]))
		}
		var modules, lazy []string
		for len(queue) > 0 {
			src := queue[0]
			queue = queue[1:]
			if seen[src] {
				continue
			}
			seen[src] = true
			if strings.HasPrefix(src, "/static/i18n/") {
				modules = append(modules, strings.TrimSuffix(strings.TrimPrefix(src, "/static/i18n/"), ".js"))
				continue
			}
			js, err := fs.ReadFile(embed.Web, strings.TrimPrefix(src, "/static/"))
			if err != nil {
				t.Fatalf("%s imports %s: %v", page, src, err)
			}
			for _, m := range lazyConst.FindAllSubmatch(js, -1) {
				lazy = append(lazy, string(m[1]))
			}
			for _, m := range importRef.FindAllSubmatch(js, -1) {
				queue = append(queue, string(m[1]))
			}
			for _, m := range lazyRef.FindAllSubmatch(comment.ReplaceAll(js, nil), -1) {
				lazy = append(lazy, string(m[1]))
			}
			for _, m := range literal.FindAllSubmatch(comment.ReplaceAll(js, nil), -1) {
				if k := string(m[1]); spaces[strings.SplitN(k, ".", 2)[0]] {
					keys = append(keys, k)
				}
			}
		}
		for _, l := range lazy {
			if !lazyRoots[l] {
				lazyRoots[l] = true
				roots = append(roots, root{page: l, queue: []string{l}, seen: maps.Clone(seen)})
			}
		}
		if len(modules) == 0 && len(keys) == 0 && bytes.Contains(html, []byte("{{")) {
			continue // rendered by the server in its language, by a script that names no strings (or none)
		}
		if len(modules) != 1 {
			t.Errorf("%s loads string modules %v, want exactly one", page, modules)
			continue
		}
		name := modules[0]
		served[name] = true
		if len(keys) < 3 {
			t.Errorf("%s: found only the keys %v; the scan is broken", page, keys)
		}
		status, body, _ := get(t, app, "/static/i18n/"+name+".js")
		var sub map[string]map[string]string
		js := strings.TrimSuffix(strings.TrimPrefix(string(body), "export default "), ";\n")
		if err := json.Unmarshal([]byte(js), &sub); status != 200 || err != nil {
			t.Fatalf("GET /static/i18n/%s.js: %d %v", name, status, err)
		}
		for _, lang := range []string{"en", "es"} {
			for _, k := range keys {
				if strings.HasSuffix(k, ".") { // a prefix: every key under it
					n := 0
					for ck := range cat[lang] {
						if strings.HasPrefix(ck, k) && pageHears(name, ck) {
							n++
							if _, ok := sub[lang][ck]; !ok {
								t.Errorf("%s builds keys from %q at run time, but its strings (%s) lack %s %q", page, k, name, lang, ck)
							}
						}
					}
					if n == 0 {
						t.Errorf("%s builds keys from %q, which the catalogue has none of", page, k)
					}
				} else if _, ok := sub[lang][k]; !ok {
					t.Errorf("%s uses %q, which its strings (%s) lack in %s", page, k, name, lang)
				}
			}
		}
		// The page's share is what it uses: each prefix served is one it names.
		for _, p := range pageStrings[name] {
			used := false
			for _, k := range keys {
				if strings.HasPrefix(k, p) || strings.HasPrefix(p, k) && strings.HasSuffix(k, ".") {
					used = true
				}
			}
			if !used {
				t.Errorf("%s's strings include %q, which the page never uses", name, p)
			}
		}
		if len(sub["en"]) >= len(cat["en"])*2/3 {
			t.Errorf("%s's strings hold %d of %d keys: a page should load its own share", name, len(sub["en"]), len(cat["en"]))
		}
		t.Logf("%s: %d keys named, loads %s (%d of %d keys, %d bytes)", page, len(keys), name, len(sub["en"]), len(cat["en"]), len(body))
	}
	for name := range pageStrings {
		if !served[name] {
			t.Errorf("pageStrings lists %q, which no page loads", name)
		}
	}
}

// TestStaticIsCompressedAndCacheable checks what a phone downloads: brotli
// when it accepts it (gzip for older browsers), a validator so a reload
// costs a 304, and stylesheets with the theme already inlined.
func TestStaticIsCompressedAndCacheable(t *testing.T) {
	app := testApp(t)
	for _, path := range []string{"/static/js/phone.js", "/static/css/phone.css", "/static/i18n/phone.js", "/static/js/ws.js"} {
		status, plain, h := get(t, app, path)
		if status != 200 || h["Content-Encoding"] != "" || !strings.Contains(h["Cache-Control"], "max-age=") || h["Etag"] == "" {
			t.Errorf("GET %s: got %d, encoding %q, cache %q, etag %q; want 200, identity, cacheable, with an ETag", path, status, h["Content-Encoding"], h["Cache-Control"], h["Etag"])
		}
		status, body, h := get(t, app, path, "Accept-Encoding", "gzip, deflate, br")
		if status != 200 || h["Content-Encoding"] != "br" || h["Vary"] != "Accept-Encoding" {
			t.Errorf("GET %s with br: got %d, encoding %q, vary %q; want 200 br, Vary: Accept-Encoding", path, status, h["Content-Encoding"], h["Vary"])
		}
		if dec, err := io.ReadAll(brotli.NewReader(bytes.NewReader(body))); err != nil || !bytes.Equal(dec, plain) {
			t.Errorf("GET %s: the brotli body does not decode to the file (%v)", path, err)
		}
		if len(body) >= len(plain)/2 {
			t.Errorf("GET %s: %d bytes in brotli for %d, want under half", path, len(body), len(plain))
		}
		if _, _, h := get(t, app, path, "Accept-Encoding", "gzip"); h["Content-Encoding"] != "gzip" {
			t.Errorf("GET %s with gzip only: got encoding %q", path, h["Content-Encoding"])
		}
		if status, body, _ := get(t, app, path, "If-None-Match", h["Etag"], "Accept-Encoding", "br"); status != 304 || len(body) != 0 {
			t.Errorf("GET %s revalidated: got %d with %d bytes, want 304", path, status, len(body))
		}
	}
	_, css, _ := get(t, app, "/static/css/phone.css")
	if bytes.Contains(css, []byte("@import")) || !bytes.Contains(css, []byte("--c-text:")) {
		t.Errorf("phone.css is served without the theme inlined:\n%.300s", css)
	}
	if status, _, _ := get(t, app, "/static/phone.html"); status != 404 {
		t.Errorf("GET /static/phone.html: got %d, want 404 (pages have their own routes)", status)
	}
}

// TestStylesheetsCarryTheirTheme checks every stylesheet as served: no
// @import left for the browser to fetch, and each custom property it uses
// defined in it (the theme is inlined per stylesheet, trimmed to what that
// stylesheet names), with no literal colour outside the theme.
func TestStylesheetsCarryTheirTheme(t *testing.T) {
	app := testApp(t)
	sheets, _ := fs.Glob(embed.Web, "css/*.css")
	if len(sheets) < 7 {
		t.Fatalf("found stylesheets %v, want the theme and six more", sheets)
	}
	hex := regexp.MustCompile(`#[0-9a-fA-F]{3,8}\b|rgba?\(`)
	var phone, theme int
	for _, name := range sheets {
		src, _ := fs.ReadFile(embed.Web, name)
		if name != "css/theme.css" && name != "css/themes.css" { // themes.css: theme.css recoloured (dark, high contrast)
			if m := hex.Find(cssComment.ReplaceAll(src, nil)); m != nil {
				t.Errorf("%s has the literal colour %q: colours come from theme.css", name, m)
			}
		}
		status, css, _ := get(t, app, "/static/"+name)
		if status != 200 || bytes.Contains(css, []byte("@import")) {
			t.Errorf("GET /static/%s: %d, or an @import left in it", name, status)
		}
		defined := map[string]bool{}
		for _, m := range customProp.FindAllSubmatch(css, -1) {
			defined[string(m[1])] = true
		}
		for _, m := range varRef.FindAllSubmatch(css, -1) {
			if !defined[string(m[1])] {
				t.Errorf("/static/%s uses %s, which it does not define (does it import theme.css?)", name, m[1])
			}
		}
		switch name {
		case "css/phone.css":
			phone = len(defined)
		case "css/theme.css":
			theme = len(defined)
		}
	}
	if phone == 0 || phone >= theme {
		t.Errorf("phone.css carries %d of the theme's %d properties, want only those it uses", phone, theme)
	}
}
