package handouts

import (
	"io/fs"
	"strings"
	"testing"
)

// TestEveryMaterialInBothLanguages checks the catalogue against the files:
// each material in English and Spanish with a heading, no file the
// catalogue leaves out, and each workshop named by some material.
func TestEveryMaterialInBothLanguages(t *testing.T) {
	listed := map[string]bool{}
	for _, m := range Materials {
		if !Exists(m.Name) {
			t.Errorf("%s: Exists says no", m.Name)
		}
		if len(m.For) == 0 {
			t.Errorf("%s goes with no workshop", m.Name)
		}
		for _, l := range Langs {
			listed[m.Name+"."+l+".md"] = true
			src, err := Source(m.Name, l)
			if err != nil || !strings.HasPrefix(src, "# ") || Title(m.Name, l) == "" {
				t.Errorf("%s.%s: got %v and a first line %.40q, want a file that opens with its heading", m.Name, l, err, src)
			}
		}
	}
	names, _ := fs.Glob(files, "*.md")
	for _, n := range names {
		if !listed[n] {
			t.Errorf("%s is in the folder but not in Materials", n)
		}
	}
	if len(names) != 2*len(Materials) {
		t.Errorf("found %d files for %d materials in 2 languages", len(names), len(Materials))
	}
}

func TestUnknownNamesAreRefused(t *testing.T) {
	for _, c := range [][2]string{{"nope", "en"}, {"parents", "fr"}, {"../parents", "en"}, {"Parents", "en"}, {"", "en"}, {"parents.en", "md"}, {strings.Repeat("a", 200), "en"}} {
		if _, err := Source(c[0], c[1]); err != ErrNotFound {
			t.Errorf("Source(%q, %q): got %v, want ErrNotFound", c[0], c[1], err)
		}
	}
}
