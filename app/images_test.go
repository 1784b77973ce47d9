package app_test

import (
	"bytes"
	"encoding/json"
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
			if strings.Contains(p.Message, "is not shown: ") && p.Severity == "warning" {
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

// TestStoredDeckImages: an image uploaded with a user deck is stored in the
// database with it, shown from /media/, kept across a restart, bounded, and
// deleted with the deck.
func TestStoredDeckImages(t *testing.T) {
	dir := t.TempDir()
	k := kittest.Start(t, kittest.Options{Dir: dir})
	id := k.SaveDeck(imageDeck)
	box := testPNG(t, 40, 30)
	put := func(path string, body []byte) (int, string, string) {
		req, _ := http.NewRequest("PUT", k.Base+"/api/decks/"+id+"/images/"+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+k.Key)
		req.Header.Set("Content-Type", "image/png")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		var out struct {
			Src   string
			Error struct{ Code, Message string }
		}
		_ = json.Unmarshal(data, &out)
		return resp.StatusCode, out.Src, out.Error.Code + " " + out.Error.Message
	}
	st, src, msg := put("img/box.png", box)
	if st != 201 || !regexp.MustCompile(`^/media/[0-9a-f]{32}\.png$`).MatchString(src) {
		t.Fatalf("upload: %d %q %s", st, src, msg)
	}
	for _, bad := range []struct {
		path string
		body []byte
		want string
	}{
		{"..%2Fx.png", box, "bad_request"},
		{"a/../x.png", box, "bad_request"},
		{"page.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "bad_request Only PNG"},
		{"big.png", append(bytes.Clone(box), make([]byte, 1<<20)...), "bad_request An image file may hold at most 1 MiB"},
		{"bigger.png", append(bytes.Clone(box), make([]byte, 2<<20)...), "too_large"},
	} {
		if st, _, msg := put(bad.path, bad.body); st < 400 || !strings.HasPrefix(msg, bad.want) {
			t.Errorf("upload %s: %d %s, want %s", bad.path, st, msg, bad.want)
		}
	}
	if st, _, msg := put("x.png", box); st != 201 {
		t.Errorf("a second image: %d %s", st, msg)
	}
	var d struct {
		Deck struct{ Slides []struct{ HTML string } }
	}
	check := func(when string) {
		k.API("GET", "/api/decks/"+id, nil, &d)
		if !strings.Contains(d.Deck.Slides[0].HTML, `src="`+src+`"`) {
			t.Errorf("%s: slide 1 %s, want its image at %s", when, d.Deck.Slides[0].HTML, src)
		}
		resp, err := http.Get(k.Base + src)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || !bytes.Equal(body, box) {
			t.Errorf("%s: GET %s: %d %s", when, src, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
	check("after the upload")
	// Saving the deck again keeps its images, and only the others warn.
	var saved struct{ Problems []struct{ Message string } }
	k.API("PUT", "/api/decks/"+id, map[string]string{"source": imageDeck}, &saved)
	n := 0
	for _, p := range saved.Problems {
		if strings.Contains(p.Message, "is not shown") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("problems after saving %+v, want the 3 images not stored", saved.Problems)
	}
	check("after saving again")

	// A restart reads them back from the database.
	k.Stop()
	k = kittest.Start(t, kittest.Options{Dir: dir})
	check("after a restart")

	// Built-in decks take none.
	if st, _ := k.API("PUT", "/api/decks/try.en/images/x.png", nil, nil); st != 403 && st != 409 && st != 400 {
		t.Errorf("an image for a built-in deck: %d", st)
	}
	// Deleting the deck deletes its images.
	if st, _ := k.API("DELETE", "/api/decks/"+id, nil, nil); st != 204 && st != 200 {
		t.Fatalf("delete: %d", st)
	}
	if resp, err := http.Get(k.Base + src); err != nil || resp.StatusCode != 404 {
		t.Errorf("GET %s after the deck was deleted: %v %v, want 404", src, resp.StatusCode, err)
	}
	k.Stop()
	k = kittest.Start(t, kittest.Options{Dir: dir})
	if resp, err := http.Get(k.Base + src); err != nil || resp.StatusCode != 404 {
		t.Errorf("GET %s after the deck was deleted and a restart: %v %v, want 404", src, resp.StatusCode, err)
	}
}
