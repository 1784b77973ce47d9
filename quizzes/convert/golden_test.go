package convert

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden .md and .report files under testdata")

// goldenInputs are the sample files written for these tests, one folder per
// format.
func goldenInputs(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"testdata/gift/*.gift", "testdata/aiken/*.txt", "testdata/csv/*.csv"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no sample files under testdata")
	}
	return files
}

// TestGolden imports every sample file and compares the deck Markdown and
// the report with the files beside it (go test -update rewrites them).
func TestGolden(t *testing.T) {
	for _, in := range goldenInputs(t) {
		t.Run(filepath.Base(in), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			d, rep, err := Import(filepath.Base(in), data)
			if err != nil {
				t.Fatalf("import: %v\n%s", err, rep)
			}
			got := map[string][]byte{".md": ToMarkdown(d), ".report": []byte(rep.String())}
			base := in[:len(in)-len(filepath.Ext(in))]
			for ext, g := range got {
				path := base + ext
				if *update {
					if err := os.WriteFile(path, g, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if string(g) != string(want) {
					t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", path, g, want)
				}
			}
		})
	}
}
