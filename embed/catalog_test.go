package embed

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestCatalogIsCompleteInBothLanguages checks the one string catalog: the
// same keys in English and Spanish, none empty, and every key the pages
// name (data-i18n attributes, t('…') calls) present.
func TestCatalogIsCompleteInBothLanguages(t *testing.T) {
	raw, err := fs.ReadFile(Web, "i18n.json")
	if err != nil {
		t.Fatal(err)
	}
	var cat map[string]map[string]string
	if err := json.Unmarshal(raw, &cat); err != nil {
		t.Fatalf("i18n.json: %v", err)
	}
	en, es := cat["en"], cat["es"]
	if len(en) < 50 {
		t.Fatalf("got %d English strings, want the whole UI", len(en))
	}
	for k, v := range en {
		if strings.TrimSpace(v) == "" {
			t.Errorf("en %q is empty", k)
		}
		if sv, ok := es[k]; !ok || strings.TrimSpace(sv) == "" {
			t.Errorf("es lacks %q (en: %q)", k, v)
		}
	}
	for k := range es {
		if _, ok := en[k]; !ok {
			t.Errorf("en lacks %q", k)
		}
	}
	attr := regexp.MustCompile(`data-i18n(?:-[a-z-]+)?="([^"{}]+)"`)
	call := regexp.MustCompile(`\bt\(\s*['"]([a-zA-Z0-9_.]+)['"]`)
	used := 0
	fs.WalkDir(Web, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".html") || strings.HasSuffix(path, ".js")) {
			return err
		}
		b, _ := fs.ReadFile(Web, path)
		b = regexp.MustCompile(`(?m)^\s*//.*$`).ReplaceAll(b, nil) // examples in comments
		for _, re := range []*regexp.Regexp{attr, call} {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				key := m[1]
				if strings.HasSuffix(key, ".") { // a prefix completed at run time, e.g. t('sev.' + s)
					continue
				}
				used++
				if _, ok := en[key]; !ok {
					t.Errorf("%s uses %q, which the catalog lacks", path, key)
				}
			}
		}
		return nil
	})
	if used < 50 {
		t.Errorf("found only %d catalog keys in the pages; the scan is broken", used)
	}
}
