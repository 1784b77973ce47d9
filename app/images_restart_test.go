package app_test

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/internal/kittest"
)

const pictureDeck = "---\ntitle: A picture\nlang: en\n---\n\n# A picture\n\n![a red box](box.png)\n\n---\n\n<!-- question: poll -->\n\n## Which?\n\n- this\n- that\n"

var mediaSrc = regexp.MustCompile(`src="(/media/[0-9a-f]{32}\.png)"`)

// putImage stores an image with a user deck.
func putImage(t *testing.T, k *kittest.Kit, id, path string, data []byte) {
	t.Helper()
	req, _ := http.NewRequest("PUT", k.Base+"/api/decks/"+id+"/images/"+path, bytes.NewReader(data))
	req.Header.Set("Authorization", "Bearer "+k.Key)
	req.Header.Set("Content-Type", "image/png")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("upload %s: %d", path, resp.StatusCode)
	}
}

// getImage fetches an address under /media/ and says whether it answers
// 200 with these bytes.
func getImage(t *testing.T, base, src string, want []byte) bool {
	t.Helper()
	resp, err := http.Get(base + src)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode == 200 && bytes.Equal(body, want)
}

// TestRestoredSessionKeepsImages: a running session of a saved deck with a
// stored image, brought back after a restart on the same data folder, still
// shows the image at its /media/ address (not the relative one, a 404).
func TestRestoredSessionKeepsImages(t *testing.T) {
	dir := t.TempDir()
	k := kittest.Start(t, kittest.Options{Dir: dir})
	id := k.SaveDeck(pictureDeck)
	box := testPNG(t, 40, 30)
	putImage(t, k, id, "box.png", box)
	s := k.StartSession(id)
	slideSrc := func(k *kittest.Kit, when string) string {
		host := dialHost(t, k.Base, s.ID)
		m := host.waitFor(t, when+": host_state", 5*time.Second, func(m map[string]any) bool { return m["type"] == "host_state" })
		sl, _ := m["slide"].(map[string]any)
		html, _ := sl["html"].(string)
		if m["index"] != 0.0 && m["index"] != -1.0 {
			t.Fatalf("%s: at slide %v", when, m["index"])
		}
		sub := mediaSrc.FindStringSubmatch(html)
		if sub == nil {
			t.Fatalf("%s: slide 1 is %q, want its image under /media/", when, html)
		}
		if !getImage(t, k.Base, sub[1], box) {
			t.Errorf("%s: GET %s does not answer the image", when, sub[1])
		}
		return sub[1]
	}
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 0}, nil)
	before := slideSrc(k, "before the restart")
	k.Stop()
	k = kittest.Start(t, kittest.Options{Dir: dir})
	if after := slideSrc(k, "after a restart"); after != before {
		t.Errorf("after a restart the image is at %s, before at %s", after, before)
	}
	if !strings.HasPrefix(before, "/media/") {
		t.Errorf("image at %s", before)
	}
}

// TestCopyBringsImages: "Make a copy" of a saved deck with a stored image,
// and of a folder deck with an image beside it, stores the image with the
// copy: its slide points at /media/, the image loads, no warning says it is
// not stored, and it stays when the original saved deck is deleted and
// after a restart.
func TestCopyBringsImages(t *testing.T) {
	dir := t.TempDir()
	decks := t.TempDir()
	box := testPNG(t, 40, 30)
	if err := os.WriteFile(filepath.Join(decks, "pics.md"), []byte(pictureDeck), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(decks, "box.png"), box, 0o644); err != nil {
		t.Fatal(err)
	}
	k := kittest.Start(t, kittest.Options{Dir: dir, DecksDir: decks})
	saved := k.SaveDeck(pictureDeck)
	putImage(t, k, saved, "box.png", box)

	copyOf := func(k *kittest.Kit, from string) string {
		var out struct {
			Deck     struct{ ID string }
			Problems []struct{ Message string }
		}
		if st, body := k.API("POST", "/api/decks/"+from+"/copy", nil, &out); st != 201 {
			t.Fatalf("copy %s: %d %s", from, st, body)
		}
		for _, p := range out.Problems {
			if strings.Contains(p.Message, "not stored") || strings.Contains(p.Message, "not shown") {
				t.Errorf("copy of %s warns: %s", from, p.Message)
			}
		}
		return out.Deck.ID
	}
	shows := func(k *kittest.Kit, id, when string) {
		t.Helper()
		var d struct {
			Deck struct{ Slides []struct{ HTML string } }
		}
		k.API("GET", "/api/decks/"+id, nil, &d)
		if len(d.Deck.Slides) == 0 {
			t.Fatalf("%s: deck %s has no slides", when, id)
		}
		sub := mediaSrc.FindStringSubmatch(d.Deck.Slides[0].HTML)
		if sub == nil {
			t.Errorf("%s: deck %s slide 1 is %q, want its image under /media/", when, id, d.Deck.Slides[0].HTML)
			return
		}
		if !getImage(t, k.Base, sub[1], box) {
			t.Errorf("%s: deck %s: GET %s does not answer the image", when, id, sub[1])
		}
	}
	fromSaved := copyOf(k, saved)
	fromFolder := copyOf(k, "pics")
	shows(k, fromSaved, "a copy of a saved deck")
	shows(k, fromFolder, "a copy of a folder deck")
	if st, _ := k.API("DELETE", "/api/decks/"+saved, nil, nil); st != 204 {
		t.Fatalf("delete: %d", st)
	}
	shows(k, fromSaved, "the original deleted")
	k.Stop()
	k = kittest.Start(t, kittest.Options{Dir: dir})
	shows(k, fromSaved, "after a restart")
	shows(k, fromFolder, "after a restart")
}
