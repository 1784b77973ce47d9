package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/roundtable-kit/roundtable/quizzes/convert"
)

// runImport is `roundtable import [-lang es] [-title T] FILE`: it converts
// a GIFT, Aiken, CSV (Blooket, Gimkit, Quizlet, Google Forms, Moodle and
// Roundtable layouts) or spreadsheet file to a Markdown deck on stdout
// and prints what was taken and skipped on stderr. It returns 1 when
// nothing could be read, 2 for a usage error.
func runImport(args []string, stdout, stderr io.Writer) int {
	fl := command("import", "Usage: roundtable import [-lang es] [-title TITLE] FILE > deck.md\n\n"+
		"Converts a quiz from GIFT (.gift, .txt), Aiken (.txt), CSV (.csv, .tsv: Blooket,\n"+
		"Gimkit, Quizlet, Google Forms, Moodle) or a spreadsheet (.xlsx: Kahoot, Quizizz, ...)\n"+
		"to a Markdown deck (see docs/IMPORT.md). The deck goes to standard output; what was\n"+
		"taken, skipped and needs a look, line by line, to standard error.\n\n", stderr)
	lang := fl.String("lang", "en", "the deck's language, en or es (also the words of true/false options)")
	title := fl.String("title", "", "the deck title (default: the GIFT category or the file name)")
	files, code, stop := parseArgs(fl, args, one)
	if stop {
		return code
	}
	if *lang != "en" && *lang != "es" {
		fmt.Fprintf(stderr, "roundtable import: -lang %q: use en or es\n", *lang)
		return 2
	}

	data, err := readImportFile(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "roundtable import: %s: %v\n", files[0], err)
		return 1
	}
	deck, rep, err := convert.ImportWith(files[0], data, convert.Options{Lang: *lang, Title: *title})
	if rep != nil {
		rep.WriteTo(stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "roundtable import: %v\n", err)
		return 1
	}
	if _, err := stdout.Write(convert.ToMarkdown(deck)); err != nil {
		fmt.Fprintf(stderr, "roundtable import: %v\n", err)
		return 1
	}
	return 0
}

// readImportFile reads at most one byte more than the largest import, so a
// huge file is refused without being read whole.
func readImportFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, pe.Err // the path is already in the message
		}
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, convert.MaxSheetBytes+1))
}
