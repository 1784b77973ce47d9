package quizzes

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Bounds on the image files a deck brings with it (beside it in a -decks
// folder). Every image on a question slide is bytes each phone downloads.
const (
	MaxImageBytes     = 1 << 20 // one image file
	MaxDeckImageBytes = 8 << 20 // all the image files of one deck
)

// Image is one image file a deck shows: its bytes and their type, one of
// image/png, image/jpeg, image/gif or image/webp. SVG is refused: an SVG
// file can carry script, and nothing in a deck may run one.
type Image struct {
	Type string
	Data []byte
}

// Name is the name the kit serves the image under: a hash of its bytes and
// the extension of its type, so a name says exactly one content and cannot
// be guessed without it.
func (img Image) Name() string {
	sum := sha256.Sum256(img.Data)
	return hex.EncodeToString(sum[:16]) + "." + strings.TrimPrefix(img.Type, "image/")
}

// ImageType returns the type of an image file from its first bytes, or ""
// when it is not a PNG, JPEG, GIF or WebP image.
func ImageType(data []byte) string {
	switch t := http.DetectContentType(data); t {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
		return t
	}
	return ""
}

// ImageRef is a relative image address in a deck: Path is the file it
// names, cleaned (see ImagePath), and Line the line it is on.
type ImageRef struct {
	Dest string
	Path string // "" when the address can never name a file beside the deck
	Line int
}

// ImagePath turns a relative image address into the path of a file beside
// the deck, or reports false: an address that climbs out of the deck's
// folder (..), is absolute, has a scheme, a query or a backslash never
// names a file the kit serves.
func ImagePath(dest string) (string, bool) {
	dest = html.UnescapeString(strings.TrimSpace(dest))
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		if dest[i] == '?' {
			return "", false
		}
		dest = dest[:i]
	}
	p, err := url.PathUnescape(dest)
	if err != nil || p == "" || strings.ContainsAny(p, "\\:\x00") || strings.HasPrefix(p, "/") {
		return "", false
	}
	p = strings.TrimPrefix(p, "./")
	for _, el := range strings.Split(p, "/") {
		if el == ".." || el == "." || el == "" {
			return "", false
		}
	}
	if !fs.ValidPath(p) || path.Clean(p) != p {
		return "", false
	}
	return p, true
}

// relativeImage reports whether an image address is relative: not a data:
// URL, not on the internet.
func relativeImage(dest string) bool {
	s := strings.ToLower(strings.TrimSpace(dest))
	colon := strings.IndexByte(s, ':')
	return colon < 0 || strings.ContainsAny(s[:colon], "/?#")
}

// ImageRefs lists the relative image addresses of a deck's slides, with the
// line each is on.
func ImageRefs(d *Deck) []ImageRef {
	lines := strings.Split(d.Source, "\n")
	var out []ImageRef
	for _, s := range d.Slides {
		doc, src := parseMarkdown([]byte(s.Markdown))
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			img, ok := n.(*ast.Image)
			if !ok || !entering {
				return ast.WalkContinue, nil
			}
			dest := string(img.Destination)
			if !relativeImage(dest) {
				return ast.WalkSkipChildren, nil
			}
			ref := ImageRef{Dest: dest, Line: s.Line}
			for i := max(s.Line-1, 0); i < len(lines); i++ {
				if strings.Contains(lines[i], "("+dest) || strings.Contains(lines[i], "<"+dest+">") {
					ref.Line = i + 1
					break
				}
			}
			ref.Path, _ = ImagePath(dest)
			out = append(out, ref)
			return ast.WalkSkipChildren, nil
		})
		_ = src
	}
	return out
}

// ReadImages reads the image files a deck names from fsys, the deck's
// folder, within the limits above. Every image that cannot be shown is a
// warning on its line: missing, outside the folder, not a PNG, JPEG, GIF
// or WebP image, or over a limit. fsys should be an os.Root's, so that a
// symbolic link cannot lead out of the folder.
func ReadImages(fsys fs.FS, d *Deck) (map[string]Image, []Problem) {
	images := map[string]Image{}
	var probs []Problem
	total := 0
	warn := func(line int, format string, args ...any) {
		probs = append(probs, Problem{Line: line, Severity: Warning, Message: fmt.Sprintf(format, args...)})
	}
	for _, ref := range ImageRefs(d) {
		if _, done := images[ref.Path]; done {
			continue
		}
		if ref.Path == "" {
			warn(ref.Line, "the image %s is not shown: an image file must be beside the deck, named without .., / at the start or a query", ref.Dest)
			continue
		}
		data, err := readImage(fsys, ref.Path)
		switch {
		case err != nil:
			warn(ref.Line, "the image %s is not shown: %v", ref.Dest, err)
			continue
		case total+len(data) > MaxDeckImageBytes:
			warn(ref.Line, "the image %s is not shown: a deck's images may add up to %d MiB", ref.Dest, MaxDeckImageBytes>>20)
			continue
		}
		t := ImageType(data)
		if t == "" {
			warn(ref.Line, "the image %s is not shown: only PNG, JPEG, GIF and WebP files are (not SVG, which can carry script)", ref.Dest)
			continue
		}
		total += len(data)
		images[ref.Path] = Image{Type: t, Data: data}
	}
	return images, probs
}

func readImage(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no such file beside the deck")
	} else if err != nil {
		return nil, fmt.Errorf("it is outside the deck's folder (a link out of it?) or cannot be read")
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a file")
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxImageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("unable to read it")
	}
	if len(data) > MaxImageBytes {
		return nil, fmt.Errorf("an image file may hold at most %d MiB", MaxImageBytes>>20)
	}
	return data, nil
}

// imgSrcRe finds the address of every image in rendered slide HTML. Raw
// HTML is never rendered, so each match is an image goldmark wrote.
var imgSrcRe = regexp.MustCompile(`<img src="([^"]*)"`)

// ResolveImages rewrites the relative image addresses of every slide's HTML
// to the address the kit serves the file from: src returns it for a cleaned
// path (see ImagePath), or false to leave the address as written.
func (d *Deck) ResolveImages(src func(path string) (string, bool)) {
	for i := range d.Slides {
		s := &d.Slides[i]
		if !strings.Contains(s.HTML, "<img ") {
			continue
		}
		s.HTML = imgSrcRe.ReplaceAllStringFunc(s.HTML, func(m string) string {
			dest := imgSrcRe.FindStringSubmatch(m)[1]
			if !relativeImage(html.UnescapeString(dest)) {
				return m
			}
			p, ok := ImagePath(dest)
			if !ok {
				return m
			}
			u, ok := src(p)
			if !ok {
				return m
			}
			return `<img src="` + html.EscapeString(u) + `"`
		})
	}
}

// StoredImageProblems warns about every relative image of a deck kept in
// the database (written in the editor or imported) that is not stored with
// it: stored reports whether a path is.
func StoredImageProblems(d *Deck, stored func(path string) bool) []Problem {
	var probs []Problem
	for _, ref := range ImageRefs(d) {
		if ref.Path != "" && stored(ref.Path) {
			continue
		}
		msg := "the image %s is not shown: it is not stored with the deck; add the file with the editor's Add image, or put it in the deck as a data: URL"
		if ref.Path == "" {
			msg = "the image %s is not shown: an image file is named without .., / at the start or a query"
		}
		probs = append(probs, Problem{Line: ref.Line, Severity: Warning, Message: fmt.Sprintf(msg, ref.Dest)})
	}
	return probs
}

// SortProblems orders problems by line, keeping the order of those on the
// same line.
func SortProblems(probs []Problem) []Problem {
	slices.SortStableFunc(probs, func(a, b Problem) int { return a.Line - b.Line })
	return probs
}
