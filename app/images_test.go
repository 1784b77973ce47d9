package app_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// testPNG is a w×h PNG of one colour.
func testPNG(t testing.TB, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			img.Set(x, y, color.RGBA{200, 30, 30, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const imageDeck = "---\ntitle: Pictures\nlang: en\n---\n\n# A picture\n\n![a red box](img/box.png)\n\n---\n\n<!-- question: poll -->\n\n## Which is missing?\n\n![gone](missing.png)\n![out](../secret.png)\n![linked](link.png)\n\n- this\n- that\n"

// TestFolderDeckImages: a deck in a -decks folder shows the image files
// beside it, served from /media/ with their type; a missing file, one out
// of the folder (by .. or a symbolic link) and any other address are 404s,
// and the kit says at start which images will not show.
func TestFolderDeckImages(t *testing.T) {
	outside := t.TempDir()
	decks := filepath.Join(outside, "decks")
	box := testPNG(t, 40, 30)
	for name, data := range map[string][]byte{"decks/pics.md": []byte(imageDeck), "decks/img/box.png": box, "secret.png": box} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(outside, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(outside, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(outside, "secret.png"), filepath.Join(decks, "link.png")); err != nil {
		t.Fatal(err)
	}
	k := kittest.Start(t, kittest.Options{DecksDir: decks})
	warnings := strings.Join(k.App.Warnings, "\n")
	for _, want := range []string{"pics.md:16: warning: the image missing.png is not shown: no such file beside the deck",
		"pics.md:17: warning: the image ../secret.png is not shown", "pics.md:18: warning: the image link.png is not shown: it is outside the deck's folder"} {
		if !strings.Contains(warnings, want) {
			t.Errorf("start warnings %q, want %q", warnings, want)
		}
	}

	var d struct {
		Deck struct{ Slides []struct{ HTML string } }
	}
	k.API("GET", "/api/decks/pics", nil, &d)
	src := regexp.MustCompile(`<img src="(/media/[0-9a-f]{32}\.png)" alt="a red box"`).FindStringSubmatch(d.Deck.Slides[0].HTML)
	if src == nil {
		t.Fatalf("slide 1: %s, want its image at /media/", d.Deck.Slides[0].HTML)
	}
	get := func(path string, cookie bool) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", k.Base+path, nil)
		if cookie {
			req.AddCookie(&http.Cookie{Name: "rt_host", Value: k.Key})
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}
	// Anyone may load it (phones show the slide too), with its type.
	resp, body := get(src[1], false)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || !bytes.Equal(body, box) ||
		resp.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("GET %s: %d %v, want the PNG", src[1], resp.StatusCode, resp.Header)
	}
	for _, s := range d.Deck.Slides[1:] {
		if strings.Contains(s.HTML, "/media/") || !strings.Contains(s.HTML, `src="missing.png"`) {
			t.Errorf("slide 2: %s, want its images as written", s.HTML)
		}
	}

	// Nothing else answers with a page: unknown media, escapes, and the
	// addresses a relative image resolves to on each page.
	s := k.StartSession("pics")
	for _, path := range []string{"/media/missing.png", "/media/" + strings.Repeat("0", 32) + ".png", "/media/..%2fsecret.png", "/media/img/box.png",
		"/host/s/missing.png", "/host/s/img/box.png", "/host/s/" + s.ID + "/missing.png", "/j/missing.png", "/missing.png", "/j/" + s.Code + "/missing.png"} {
		if resp, body := get(path, true); resp.StatusCode != 404 {
			t.Errorf("GET %s: %d (%d bytes), want 404", path, resp.StatusCode, len(body))
		}
	}
	for _, path := range []string{"/host/s/" + s.ID, "/host/s/" + s.ID + "/presenter", "/host/s/" + s.ID + "/report"} {
		if resp, _ := get(path, true); resp.StatusCode != 200 {
			t.Errorf("GET %s: %d, want the page", path, resp.StatusCode)
		}
	}
	k.API("POST", "/api/sessions/"+s.ID+"/end", nil, nil)
	if resp, _ := get("/host/s/"+s.ID+"/report", true); resp.StatusCode != 200 {
		t.Errorf("the report of an ended session: %d, want the page", resp.StatusCode)
	}

	// A deck kept by the kit brings no files: its relative images are
	// warnings when it is checked and when it is saved.
	var saved struct {
		Problems []struct {
			Line              int
			Severity, Message string
		}
	}
	if st, _ := k.API("POST", "/api/decks", map[string]string{"source": imageDeck}, &saved); st != 201 {
		t.Fatalf("save: %d", st)
	}
	var checked struct {
		Problems []struct {
			Line              int
			Severity, Message string
		}
	}
	k.API("POST", "/api/decks/check", map[string]string{"source": imageDeck}, &checked)
	// The editor checks a folder deck as itself: its images are the files
	// beside it, and only those the kit lacks are warnings.
	var asFolder struct {
		Problems []struct {
			Line    int
			Message string
		}
		Deck struct{ Slides []struct{ HTML string } }
	}
	k.API("POST", "/api/decks/check?deck=pics", map[string]string{"source": imageDeck}, &asFolder)
	n := 0
	for _, p := range asFolder.Problems {
		if strings.Contains(p.Message, "is not shown: the kit did not find it beside the deck") {
			n++
		}
	}
	if n != 3 || !strings.Contains(asFolder.Deck.Slides[0].HTML, `src="`+src[1]+`"`) {
		t.Errorf("checked as the folder deck: %+v, want 3 images not found and the first at %s", asFolder, src[1])
	}
	for _, got := range [][]struct {
		Line              int
		Severity, Message string
	}{saved.Problems, checked.Problems} {
		n := 0
		for _, p := range got {
			if strings.Contains(p.Message, "is not shown: a deck kept by the kit brings no image files") && p.Severity == "warning" {
				n++
				if p.Line < 8 {
					t.Errorf("warning on line %d", p.Line)
				}
			}
		}
		if n != 4 {
			t.Errorf("problems %+v, want a warning for each of the 4 relative images", got)
		}
	}
}
