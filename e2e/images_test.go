package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// TestFolderDeckImagesShow: a deck in a -decks folder with an image beside
// it shows the image on the audience screen and in the presenter view, a
// phone page may load it (the phone shows a question's prompt and options,
// no slide images, so it downloads none), and an image that is missing is a
// 404, not a page.
func TestFolderDeckImagesShow(t *testing.T) {
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := 0; x < 64; x++ {
		for y := 0; y < 48; y++ {
			img.Set(x, y, color.RGBA{20, 90, 200, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	deck := "---\ntitle: Pictures\nlang: en\n---\n\n# A picture\n\n![a blue box](box.png)\n\n---\n\n<!-- question: poll -->\n\n## Which box?\n\n![the box again](box.png)\n\n- this one\n- that one\n\n---\n\n# Gone\n\n![a missing box](missing.png)\n"
	if err := os.WriteFile(filepath.Join(dir, "pics.md"), []byte(deck), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "box.png"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	kk := kittest.Start(t, kittest.Options{DecksDir: dir})
	k := &Kit{t: t, kit: kk, App: kk.App, Base: kk.Base, Host: kk.Host}
	b := NewBrowser(t)
	s := k.kit.StartSession("pics")

	screen := b.DesktopTab("audience screen")
	screen.LoginHost(k)
	screen.Navigate(k.Base + "/host/s/" + s.ID)
	shown := `(function(){const i=document.querySelector('#slide img');return i&&i.complete&&i.naturalWidth===64&&i.getAttribute('src').startsWith('/media/')})()`
	for i, what := range []string{"the picture slide", "the question"} {
		k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": i}, nil)
		screen.Wait(what+" with its image", fmt.Sprintf(`document.getElementById('corner-pos').textContent.startsWith('%d ') && %s`, i+1, shown))
	}
	src := Eval[string](screen, `document.querySelector('#slide img').getAttribute('src')`)
	if !regexp.MustCompile(`^/media/[0-9a-f]{32}\.png$`).MatchString(src) {
		t.Errorf("image address %q", src)
	}

	pres := screen.SameProfileTab("presenter view")
	pres.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
	pres.Wait("the image in the presenter view", `(function(){const i=document.querySelector('#now-stage img');return i&&i.complete&&i.naturalWidth===64})()`)

	// A phone needs no key for it: it loads under the phone page's policy.
	phone := b.PhoneTab("phone")
	phone.Navigate(k.Base + "/j/" + s.Code)
	if w := Eval[int](phone, fmt.Sprintf(`new Promise(r => { const i = new Image(); i.onload = () => r(i.naturalWidth); i.onerror = () => r(-1); i.src = %q; })`, src)); w != 64 {
		t.Errorf("the phone page loading %s: naturalWidth %d, want 64", src, w)
	}

	// The missing image stays as written: it does not show, and its address
	// answers 404, not the projector page.
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 2}, nil)
	screen.Wait("the slide with a missing image", `document.getElementById('corner-pos').textContent.startsWith('3 ') && document.querySelector('#slide img') !== null && document.querySelector('#slide img').complete`)
	got := Eval[string](screen, `(function(){const i=document.querySelector('#slide img');return fetch(i.src).then(r => i.naturalWidth + ' ' + r.status + ' ' + new URL(i.src).pathname)})()`)
	if got != "0 404 /host/s/missing.png" {
		t.Errorf("the missing image: got %q (naturalWidth, status, path), want 0 404 /host/s/missing.png", got)
	}
}

// TestFitRuleIsConservative calibrates the linter's fit rule against the
// browser: for each shape of slide (a long prompt, 4 or 8 long options, an
// explanation, prose, a list), the largest the linter passes without a
// "may not fit" warning fits the audience screen at 1280×720 and 1920×1080
// in its tallest state, without scrolling.
func TestFitRuleIsConservative(t *testing.T) {
	k := StartKit(t)
	fm := "---\ntitle: Calibration\nlang: en\n---\n\n"
	word := "words "
	shapes := []struct {
		name  string
		shape func(n int) string
	}{
		{"4 options", func(n int) string {
			s := "<!-- question: single -->\n\n## " + strings.Repeat(word, n/2) + "?\n\n"
			for i := 0; i < 4; i++ {
				s += fmt.Sprintf("- [%s] %s%d\n", map[bool]string{true: "x"}[i == 0]+map[bool]string{false: " "}[i == 0], strings.Repeat(word, min(n, 33)), i)
			}
			return s + "\nExplanation: " + strings.Repeat(word, n) + "\n"
		}},
		{"8 options", func(n int) string {
			s := "<!-- question: multiple -->\n\n## " + strings.Repeat(word, n) + "?\n\n"
			for i := 0; i < 8; i++ {
				s += fmt.Sprintf("- [%s] %s%d\n", map[bool]string{true: "x"}[i == 0]+map[bool]string{false: " "}[i == 0], strings.Repeat(word, min(n, 33)), i)
			}
			return s
		}},
		{"prose", func(n int) string {
			return "# A title\n\n" + strings.Repeat(strings.Repeat(word, 12)+"end. ", n/2) + "\n"
		}},
		{"list", func(n int) string {
			return "# A title\n\n" + strings.Repeat("- a point of "+strings.Repeat(word, 3)+"\n", n)
		}},
	}
	var src, names []string
	for _, sh := range shapes {
		name, shape := sh.name, sh.shape
		passed := ""
		for n := 1; n < 400; n++ {
			var out struct{ Problems []struct{ Message string } }
			k.API("POST", "/api/decks/check", map[string]string{"source": fm + shape(n)}, &out)
			warned := false
			for _, p := range out.Problems {
				warned = warned || strings.Contains(p.Message, "may not fit")
			}
			if warned {
				break
			}
			passed = shape(n)
		}
		if passed == "" {
			t.Fatalf("%s: the linter warns of the smallest slide", name)
		}
		t.Logf("%s: the largest slide that passes is %d bytes", name, len(passed))
		src, names = append(src, passed), append(names, name)
	}
	id := k.kit.SaveDeck(fm + strings.Join(src, "\n---\n\n"))
	s := k.kit.StartSession(id)
	b := NewBrowser(t)
	tab := b.DesktopTab("audience screen")
	tab.LoginHost(k)
	for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
		tab.Do(chromedp.EmulateViewport(size[0], size[1]))
		tab.Navigate(k.Base + "/host/s/" + s.ID)
		for i := range src {
			k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": i}, nil)
			tab.Wait(fmt.Sprintf("slide %d", i+1), fmt.Sprintf(`document.getElementById('corner-pos').textContent.startsWith('%d ')`, i+1))
			if strings.Contains(src[i], "question:") {
				k.API("POST", "/api/sessions/"+s.ID+"/reveal", nil, nil)
				tab.Wait("the reveal", `document.querySelector('#chart .bar') !== null`)
			}
			r := Eval[fitResult](tab, fitCheck)
			if r.Page > r.Inner || r.Stage > r.Room+1 || r.Overflow {
				t.Errorf("%s at %dx%d passes the linter but does not fit: slide area %d of %d px at scale %.2f", names[i], size[0], size[1], r.Stage, r.Room, r.Fit)
			}
			t.Logf("%s at %dx%d: scale %.2f", names[i], size[0], size[1], r.Fit)
		}
	}
}

// TestEditorAddImage: in the editor, Add image stores a file with a saved
// deck and puts ![](name) at the caret; the preview and then the audience
// screen show it.
func TestEditorAddImage(t *testing.T) {
	k := StartKit(t)
	id := k.kit.SaveDeck("---\ntitle: Add an image\nlang: en\n---\n\n# A picture\n\n")
	file := filepath.Join(t.TempDir(), "red box.png")
	img := image.NewRGBA(image.Rect(0, 0, 50, 20))
	for x := 0; x < 50; x++ {
		for y := 0; y < 20; y++ {
			img.Set(x, y, color.RGBA{200, 30, 30, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	b := NewBrowser(t)
	ed := b.DesktopTab("editor")
	ed.LoginHost(k)
	ed.Navigate(k.Base + "/host/decks/" + id + "/edit")
	ed.Wait("the deck in the editor", `document.getElementById('ed-text').value.includes('# A picture') && document.querySelectorAll('#ed-slides .ed-slide').length === 1`)
	auditBoth(ed, "editor with Add image")
	Eval[chromedp.Void](ed, `(function(){const t=document.getElementById('ed-text');t.focus();t.setSelectionRange(t.value.length,t.value.length)})()`)
	ed.Do(chromedp.SetUploadFiles(chromedp.ID("ed-image"), []string{file}))
	ed.Wait("the image in the source and the preview", `document.getElementById('ed-text').value.includes('![](red-box.png)') && (function(){const i=document.querySelector('#ed-slides img');return i&&i.complete&&i.naturalWidth===50})()`)
	if st := ed.Text("#ed-status"); st != "Image red-box.png added to the deck." {
		t.Errorf("status %q", st)
	}
	ed.Do(chromedp.Click(chromedp.ID("ed-save"), chromedp.NodeVisible))
	ed.Wait("saved", `document.getElementById('ed-status').textContent.startsWith('Saved')`)
	if n := Eval[int](ed, `document.querySelectorAll('#ed-problems li').length`); n != 0 {
		t.Errorf("%d problems after adding the image, want none: %s", n, ed.Text("#ed-problems"))
	}

	s := k.kit.StartSession(id)
	screen := ed.SameProfileTab("audience screen")
	screen.Navigate(k.Base + "/host/s/" + s.ID)
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 0}, nil)
	screen.Wait("the image on the audience screen", `(function(){const i=document.querySelector('#slide img');return i&&i.complete&&i.naturalWidth===50})()`)
}
