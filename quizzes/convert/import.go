// Package convert reads quizzes written for other tools (Moodle's GIFT,
// Aiken, Kahoot and Quizizz spreadsheets, CSV) into Roundtable decks, and
// writes decks back out as Markdown and GIFT. Every reader reports what it
// took and what it skipped, line by line, and none trusts its input.
package convert

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// Input limits: well above any real quiz, low enough that no upload can
// make a reader use much memory or time.
const (
	MaxTextBytes  = 2 << 20 // GIFT, Aiken, CSV
	MaxSheetBytes = 5 << 20 // xlsx, compressed
	MaxRows       = 1000    // spreadsheet or CSV rows read
)

// Options adjusts an import. The zero value is English with a title taken
// from the file.
type Options struct {
	Lang  string // "en" or "es": the deck's language, and the words of true/false options
	Title string // the deck title; default: the GIFT category or the file name
}

// Import reads a quiz file in any supported format with default options.
func Import(name string, data []byte) (*quizzes.Deck, *Report, error) {
	return ImportWith(name, data, Options{})
}

// ImportWith reads a quiz file, picking the reader from the file name and
// its content. It returns the deck as the Markdown parser reads it, with a
// report of what was taken and skipped; the error says why nothing could be
// read (the report, when not nil, still tells what was skipped).
func ImportWith(name string, data []byte, opt Options) (*quizzes.Deck, *Report, error) {
	if opt.Lang == "" {
		opt.Lang = "en"
	}
	if opt.Lang != "en" && opt.Lang != "es" {
		return nil, nil, fmt.Errorf("language %q: a deck is in en or es", opt.Lang)
	}
	format, err := detect(name, data)
	if err != nil {
		return nil, nil, err
	}
	limit := MaxTextBytes
	if format == "xlsx" {
		limit = MaxSheetBytes
	}
	if len(data) > limit {
		return nil, nil, fmt.Errorf("%s is larger than %d MiB, the most a %s import may be", filepath.Base(name), limit>>20, format)
	}

	var b *builder
	var category string
	switch format {
	case "gift":
		b, category = readGIFT(normalize(data), opt.Lang)
	case "aiken":
		b = readAiken(normalize(data), opt.Lang)
	case "csv":
		b = readCSV(normalize(data), opt.Lang)
	case "xlsx":
		b, err = readSheet(data, opt.Lang)
		if err != nil {
			return nil, nil, err
		}
	}
	rep := &b.rep
	if len(b.deck.Slides) == 0 {
		return nil, rep, fmt.Errorf("nothing could be read from %s as %s", filepath.Base(name), rep.Format)
	}

	d := &b.deck
	d.ID = firstNonEmpty(slug(stem(name)), "imported")
	d.Title = clip(firstNonEmpty(opt.Title, category, titleFromName(name), "Imported quiz"), quizzes.MaxTitleRunes)
	d.Lang = opt.Lang
	d.Description = fmt.Sprintf("Imported from %s (%s).", clip(filepath.Base(name), 80), rep.Format)
	out, err := reparse(d, rep)
	if err != nil {
		return nil, rep, err
	}
	return out, rep, nil
}

// detect picks a reader: the extension when it is decisive, else the
// content.
func detect(name string, data []byte) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".md", ".markdown":
		return "", fmt.Errorf("%s is Markdown, which is already the deck format: open or upload it as a deck instead of importing it", filepath.Base(name))
	case ".xls":
		return "", errors.New("old .xls workbooks are not supported: save the sheet as .xlsx and import that")
	case ".xlsx":
		return "xlsx", nil
	case ".gift":
		return "gift", nil
	case ".csv", ".tsv":
		return "csv", nil
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return "xlsx", nil
	}
	head := data
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	text := normalize(head)
	switch {
	case looksAiken(text):
		return "aiken", nil
	case looksGIFT(text):
		return "gift", nil
	case ext == ".txt" || ext == "":
		if looksCSV(text) {
			return "csv", nil
		}
	}
	return "", fmt.Errorf("cannot tell the format of %s: import GIFT (.gift or .txt), Aiken (.txt), CSV (.csv, .tsv) or a Kahoot, Quizizz, Blooket, Gimkit or Google Forms spreadsheet (.xlsx)", filepath.Base(name))
}

var (
	aikenAnswerRE = regexp.MustCompile(`(?m)^\s*ANSWER\s*:\s*[A-Za-z]\s*$`)
	aikenOptionRE = regexp.MustCompile(`(?m)^\s*[A-Z][.)]\s`)
	giftMarkRE    = regexp.MustCompile(`(?m)(\{[^}]*\}|^\s*::.*::|^\s*\$CATEGORY:)`)
)

func looksAiken(s string) bool { return aikenAnswerRE.MatchString(s) && aikenOptionRE.MatchString(s) }
func looksGIFT(s string) bool  { return giftMarkRE.MatchString(s) }
func looksCSV(s string) bool {
	first, _, _ := strings.Cut(s, "\n")
	return strings.Count(first, ",") >= 2 || strings.Count(first, ";") >= 2 || strings.Count(first, "\t") >= 1
}

func stem(name string) string {
	base := filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// titleFromName makes "grant_tomb-quiz.gift" read "Grant tomb quiz".
func titleFromName(name string) string {
	s := oneLine(strings.NewReplacer("_", " ", "-", " ").Replace(stem(name)))
	if s == "" || s == "." {
		return ""
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
