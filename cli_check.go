package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// runCheck is `roundtable check FILE…`: it lints decks and prints every
// problem as "file:line: message", then checks each pair of twins given
// together (x.en.md with x.es.md, or a deck with the one its translation
// names). It returns 1 if any problem is an error, 2 for a usage error.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fl := command("check", "Usage: roundtable check FILE...\n\nLints Markdown decks (see docs/DECKS.md) and prints file:line: message for each problem.\n", stderr)
	paths, code, stop := parseArgs(fl, args, atLeast1)
	if stop {
		return code
	}
	type checked struct {
		path string
		deck *quizzes.Deck
	}
	var files []checked
	errs, warns := 0, 0
	report := func(path string, p quizzes.Problem) {
		if p.Severity == quizzes.Warning {
			warns++
		} else {
			errs++
		}
		if p.Line > 0 {
			fmt.Fprintf(stdout, "%s:%s\n", path, p)
		} else {
			fmt.Fprintf(stdout, "%s: %s\n", path, p)
		}
	}
	for _, path := range paths {
		src, err := readDeckFile(path)
		if err != nil {
			report(path, quizzes.Problem{Severity: quizzes.Error, Message: err.Error()})
			continue
		}
		deck, probs := quizzes.Parse(strings.TrimSuffix(filepath.Base(path), ".md"), src)
		if deck != nil {
			// The parser takes the first syntax silently; check suggests
			// the one Marp draws no answer with.
			probs = append(probs, quizzes.MarpHints(src)...)
			probs = append(probs, fileImageProblems(path, deck)...)
			slices.SortStableFunc(probs, func(a, b quizzes.Problem) int { return a.Line - b.Line })
		}
		for _, p := range probs {
			report(path, p)
		}
		if deck != nil {
			files = append(files, checked{path, deck})
		}
	}

	byID := map[string]int{}
	for i, f := range files {
		byID[f.deck.ID] = i
	}
	done := map[[2]int]bool{}
	for i, f := range files {
		twin := f.deck.Translation
		if twin == "" {
			twin = otherLang(f.deck.ID)
		}
		j, ok := byID[twin]
		if !ok || j == i || done[[2]int{min(i, j), max(i, j)}] {
			continue
		}
		done[[2]int{min(i, j), max(i, j)}] = true
		a, b := files[min(i, j)], files[max(i, j)]
		for _, p := range quizzes.CheckTwins(a.deck, b.deck) {
			report(b.path, p)
		}
	}
	fmt.Fprintf(stdout, "%d %s checked: %d %s, %d %s\n", len(paths), plural(len(paths), "deck"),
		errs, plural(errs, "error"), warns, plural(warns, "warning"))
	if errs > 0 {
		return 1
	}
	return 0
}

// otherLang names the twin of a deck id by its language suffix: x.en ↔ x.es.
func otherLang(id string) string {
	if base, ok := strings.CutSuffix(id, ".en"); ok {
		return base + ".es"
	}
	if base, ok := strings.CutSuffix(id, ".es"); ok {
		return base + ".en"
	}
	return ""
}

// readDeckFile reads at most one byte more than a deck may hold, so that
// the parser reports a huge file without it being read whole.
func readDeckFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, pe.Err // the path is already in the message
		}
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, quizzes.MaxDeckBytes+1))
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// fileImageProblems checks the relative images of the deck in the file at
// path the way a -decks folder reads them: from the file's own folder,
// with no way out of it.
func fileImageProblems(path string, deck *quizzes.Deck) []quizzes.Problem {
	if len(quizzes.ImageRefs(deck)) == 0 {
		return nil
	}
	root, err := os.OpenRoot(filepath.Dir(path))
	if err != nil {
		return []quizzes.Problem{{Severity: quizzes.Warning, Message: "the deck's images cannot be checked: " + err.Error()}}
	}
	defer root.Close()
	_, probs := quizzes.ReadImages(root.FS(), deck)
	return probs
}
