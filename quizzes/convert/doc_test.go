package convert

import (
	"errors"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestImportDoc holds docs/IMPORT.md to what the code does: the sample
// report is what importing Moodle's example file prints, and each range
// the doc says a GIFT numerical question gets is the one it gets.
func TestImportDoc(t *testing.T) {
	doc, err := os.ReadFile("../../docs/IMPORT.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)

	ranges := regexp.MustCompile("`(\\{#[^`]+\\})` gets `(?:range: )?(-?[0-9.]+)\\.\\.(-?[0-9.]+)`(?:\\s+in\\s+steps\\s+of\\s+([0-9]+(?:\\.[0-9]+)?))?").FindAllStringSubmatch(text, -1)
	if len(ranges) < 4 {
		t.Fatalf("found %d range examples in IMPORT.md, want the ones of \"A number's range\"", len(ranges))
	}
	for _, m := range ranges {
		d, rep, err := Import("n.gift", []byte("How many?"+m[1]))
		if err != nil {
			t.Fatalf("%s: %v\n%s", m[1], err, rep)
		}
		q := d.Slides[0].Question
		step := firstNonEmpty(m[4], "1")
		if formatNumber(q.Min) != m[2] || formatNumber(q.Max) != m[3] || formatNumber(q.Step) != step {
			t.Errorf("%s: the doc says %s..%s step %s, the import gives %s..%s step %s", m[1], m[2], m[3], step,
				formatNumber(q.Min), formatNumber(q.Max), formatNumber(q.Step))
		}
	}

	data, err := os.ReadFile(moodleExamples)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("shared test data not present")
	}
	if err != nil {
		t.Fatal(err)
	}
	_, rep, err := Import("moodle-examples.gift", data)
	if err != nil {
		t.Fatal(err)
	}
	report := rep.String()
	sample := regexp.MustCompile("(?s)```\n(line 8: .*?)```").FindStringSubmatch(text)
	if sample == nil {
		t.Fatal("IMPORT.md has no sample report")
	}
	for _, l := range strings.Split(strings.TrimSpace(sample[1]), "\n") {
		if !strings.Contains(report, l+"\n") {
			t.Errorf("the sample report line %q is not what the import prints:\n%s", l, report)
		}
	}
}
