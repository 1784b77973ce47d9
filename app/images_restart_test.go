package app_test

import (
	"bytes"
	"io"
	"net/http"
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
