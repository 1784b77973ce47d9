package handlers

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/gofiber/fiber/v2"
)

// asset is one file under /static, kept in memory with its compressed forms.
// The pages are a few dozen small files that never change while the kit
// runs, so each is compressed once, at the best level (brotli 11 is about a
// seventh smaller than the level a per-response compressor can afford), on
// its first request rather than at start, which stays fast.
type asset struct {
	raw      []byte
	ctype    string
	etag     string
	once     sync.Once
	br, gzip []byte
}

// newAsset holds a file; its ETag is weak because one tag names the raw,
// brotli and gzip forms alike (a strong one must differ per encoding).
func newAsset(name string, raw []byte) *asset {
	sum := sha256.Sum256(raw)
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = fiber.MIMEOctetStream
	}
	return &asset{raw: raw, ctype: ctype, etag: `W/"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`}
}

func (a *asset) compress() {
	a.once.Do(func() {
		if len(a.raw) < 256 || !compressible(a.ctype) {
			return // a compressed tiny file is no smaller with its framing
		}
		var b bytes.Buffer
		bw := brotli.NewWriterLevel(&b, brotli.BestCompression)
		bw.Write(a.raw)
		bw.Close()
		a.br = bytes.Clone(b.Bytes())
		b.Reset()
		gw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		gw.Write(a.raw)
		gw.Close()
		a.gzip = bytes.Clone(b.Bytes())
	})
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "javascript") || strings.Contains(ctype, "json") || strings.Contains(ctype, "svg")
}

// serve answers with the best encoding the client accepts. Files may be
// cached for five minutes and then revalidated by ETag, so a phone that
// reloads in class gets 304s instead of the page again.
func (a *asset) serve(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "public, max-age=300")
	c.Set(fiber.HeaderETag, a.etag)
	c.Set(fiber.HeaderVary, fiber.HeaderAcceptEncoding)
	if c.Get(fiber.HeaderIfNoneMatch) == a.etag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	return a.send(c)
}

// send writes the body in the best encoding the client accepts.
func (a *asset) send(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, a.ctype)
	c.Set(fiber.HeaderVary, fiber.HeaderAcceptEncoding)
	a.compress()
	accept := c.Get(fiber.HeaderAcceptEncoding)
	switch {
	case a.br != nil && acceptsEncoding(accept, "br"):
		c.Set(fiber.HeaderContentEncoding, "br")
		return c.Send(a.br)
	case a.gzip != nil && acceptsEncoding(accept, "gzip"):
		c.Set(fiber.HeaderContentEncoding, "gzip")
		return c.Send(a.gzip)
	}
	return c.Send(a.raw)
}

// acceptsEncoding reports whether an Accept-Encoding header names enc
// without refusing it (q=0).
func acceptsEncoding(header, enc string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), enc) {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// loadAssets reads every file of the web folder into memory, keyed by its
// path under /static, leaving out the pages (served by their own routes)
// and the catalogue (served per page, see strings.go).
func loadAssets(web fs.FS) (map[string]*asset, error) {
	out := map[string]*asset{}
	err := fs.WalkDir(web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".html") || p == "i18n.json" {
			return err
		}
		b, err := fs.ReadFile(web, p)
		if err == nil && strings.HasSuffix(p, ".css") {
			b, err = inlineImports(web, b)
		}
		if strings.HasSuffix(p, ".js") {
			b = jsLineComment.ReplaceAll(b, nil)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		out["/"+p] = newAsset(p, b)
		return nil
	})
	return out, err
}

var importRE = regexp.MustCompile(`(?m)^@import url\(/static/([a-z0-9/_.-]+\.css)\);\n`)

// jsLineComment is a line of a script that holds only a comment: written
// for whoever edits the code, it is left out of what browsers download (a
// third of the phone's code, whose page has a budget). Comments after
// code on a line stay; no script of ours has a multi-line string.
var jsLineComment = regexp.MustCompile(`(?m)^[ \t]*//.*\n`)

var (
	cssComment = regexp.MustCompile(`(?s)/\*.*?\*/\n?`)
	customProp = regexp.MustCompile(`(--[a-zA-Z0-9_-]+)\s*:[^;{}]*;\n?`)
	varRef     = regexp.MustCompile(`var\(\s*(--[a-zA-Z0-9_-]+)`)
)

// inlineImports replaces a stylesheet's "@import url(/static/….css);" lines
// with the imported file, once, when the kit starts: what the browser would
// assemble, without a request per import (the phone page's budget counts
// every response's headers). The copy leaves out the imported file's
// comments, written for whoever edits the theme, and the custom properties
// the stylesheet never uses (the phone needs a third of the theme), so each
// stylesheet that uses the theme imports it itself. An imported file may
// not import in turn.
func inlineImports(web fs.FS, css []byte) ([]byte, error) {
	var err error
	out := importRE.ReplaceAllFunc(css, func(line []byte) []byte {
		name := string(importRE.FindSubmatch(line)[1])
		b, e := fs.ReadFile(web, name)
		if e == nil && importRE.Match(b) {
			e = fmt.Errorf("%s imports in turn", name)
		}
		if e != nil {
			err = e
			return line
		}
		return keepUsed(cssComment.ReplaceAll(b, nil), css)
	})
	return out, err
}

// keepUsed drops from theme the custom properties that css names neither
// directly nor through another property it keeps.
func keepUsed(theme, css []byte) []byte {
	used := map[string]bool{}
	for _, m := range varRef.FindAllSubmatch(css, -1) {
		used[string(m[1])] = true
	}
	decls := customProp.FindAllSubmatch(theme, -1)
	for grew := true; grew; {
		grew = false
		for _, d := range decls {
			if !used[string(d[1])] {
				continue
			}
			for _, m := range varRef.FindAllSubmatch(d[0], -1) {
				if !used[string(m[1])] {
					used[string(m[1])], grew = true, true
				}
			}
		}
	}
	return customProp.ReplaceAllFunc(theme, func(d []byte) []byte {
		if used[string(customProp.FindSubmatch(d)[1])] {
			return d
		}
		return nil
	})
}

// static serves /static/* from memory.
func (h *handler) static(c *fiber.Ctx) error {
	a := h.assets[strings.TrimPrefix(c.Path(), "/static")]
	if a == nil {
		return errNotFound
	}
	return a.serve(c)
}
