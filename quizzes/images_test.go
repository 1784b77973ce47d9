package quizzes

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// pngBytes is a 1×1 PNG.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

func TestImagePath(t *testing.T) {
	for dest, want := range map[string]string{
		"pic.png": "pic.png", "./pic.png": "pic.png", "img/pic.png": "img/pic.png", "my%20pic.png": "my pic.png",
		"pic.png#x": "pic.png", "../pic.png": "", "img/../../pic.png": "", "img/../pic.png": "", "/etc/passwd": "",
		"..%2fpic.png": "", "%2e%2e/pic.png": "", `img\..\pic.png`: "", "pic.png?x=1": "", "C:/pic.png": "", "": "",
		"img//pic.png": "", "a/./b.png": "",
	} {
		got, ok := ImagePath(dest)
		if got != want || ok != (want != "") {
			t.Errorf("ImagePath(%q) = %q, %v; want %q", dest, got, ok, want)
		}
	}
}

func TestReadImages(t *testing.T) {
	src := "---\ntitle: T\nlang: en\n---\n\n# One\n\n![a](pic.png)\n\n---\n\n# Two\n\n![b](missing.png)\n![c](../out.png)\n\n---\n\n# Three\n\n![d](page.svg) ![e](notes.txt) ![f](data:image/png;base64,AAAA) ![g](https://example.com/g.png) ![a again](pic.png)\n"
	d, probs := Parse("t", []byte(src))
	if HasErrors(probs) {
		t.Fatal(probs)
	}
	fsys := fstest.MapFS{
		"pic.png":   {Data: pngBytes},
		"page.svg":  {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)},
		"notes.txt": {Data: []byte("hello")},
	}
	images, probs := ReadImages(fsys, d)
	if len(images) != 1 || images["pic.png"].Type != "image/png" {
		t.Errorf("images: %v", images)
	}
	want := []string{"14: warning: the image missing.png is not shown: no such file", "15: warning: the image ../out.png is not shown", "21: warning: the image page.svg is not shown: only PNG", "21: warning: the image notes.txt is not shown: only PNG"}
	if len(probs) != len(want) {
		t.Fatalf("problems %q, want %q", probs, want)
	}
	for i, p := range probs {
		if !strings.HasPrefix(p.String(), want[i]) {
			t.Errorf("problem %q, want %q…", p, want[i])
		}
	}
	name := images["pic.png"].Name()
	d.ResolveImages(func(p string) (string, bool) {
		if img, ok := images[p]; ok {
			return "/media/" + img.Name(), true
		}
		return "", false
	})
	if !strings.Contains(d.Slides[0].HTML, `<img src="/media/`+name+`" alt="a"`) || !strings.Contains(d.Slides[2].HTML, `<img src="/media/`+name+`" alt="a again"`) {
		t.Errorf("slides not pointed at the served image: %s %s", d.Slides[0].HTML, d.Slides[2].HTML)
	}
	if !strings.Contains(d.Slides[1].HTML, `src="missing.png"`) || !strings.Contains(d.Slides[2].HTML, `src="data:image/png;base64,AAAA"`) || !strings.Contains(d.Slides[2].HTML, `src="https://example.com/g.png"`) {
		t.Errorf("other images changed: %s %s", d.Slides[1].HTML, d.Slides[2].HTML)
	}
	if !strings.HasSuffix(name, ".png") || len(name) != 36 {
		t.Errorf("name %q", name)
	}
}

// TestReadImagesLimitsAndLinks: an image over the size limit is reported,
// and through an os.Root a symbolic link out of the folder reads nothing.
func TestReadImagesLimitsAndLinks(t *testing.T) {
	outside, dir := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.png"), pngBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.png"), filepath.Join(dir, "link.png")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	big := append(bytes.Clone(pngBytes), make([]byte, MaxImageBytes)...)
	if err := os.WriteFile(filepath.Join(dir, "big.png"), big, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ok.png"), pngBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	d, _ := Parse("t", []byte("---\ntitle: T\nlang: en\n---\n\n# One\n\n![](link.png)\n\n![](big.png)\n\n![](ok.png)\n"))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	images, probs := ReadImages(root.FS(), d)
	if len(images) != 1 || images["ok.png"].Type != "image/png" {
		t.Errorf("images %v, want only ok.png", images)
	}
	if len(probs) != 2 || !strings.Contains(probs[0].Message, "link.png is not shown") || !strings.Contains(probs[1].Message, "big.png is not shown: an image file may hold at most 1 MiB") {
		t.Errorf("problems %q", probs)
	}
}

func TestStoredImageProblems(t *testing.T) {
	d, _ := Parse("t", []byte("---\ntitle: T\nlang: en\n---\n\n# One\n\n![](pic.png) ![](data:image/png;base64,AAAA) ![](https://x.org/a.png)\n"))
	probs := StoredImageProblems(d, func(string) bool { return false })
	if len(probs) != 1 || probs[0].Line != 8 || !strings.Contains(probs[0].Message, "pic.png is not shown: it is not stored with the deck") {
		t.Errorf("problems %q", probs)
	}
	if probs := StoredImageProblems(d, func(p string) bool { return p == "pic.png" }); len(probs) != 0 {
		t.Errorf("a stored image: problems %q", probs)
	}
}
