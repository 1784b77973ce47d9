package quizzes

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// loaded is one parsed file of a folder of decks.
type loaded struct {
	name  string // file name, for messages
	deck  *Deck  // nil when nothing was usable
	probs []Problem
}

// LoadFS parses every *.md file in the root of fsys (a deck's id is its
// file name without .md, e.g. "parents.en") and returns the decks sorted by
// id. It is for decks that must be right, like the built-in ones: the error
// lists every Error problem as "file:line: message", including twins (a
// deck and its translation, when both are present) that CheckTwins rejects.
// With an error the parsed decks are still returned.
func LoadFS(fsys fs.FS) ([]*Deck, error) {
	files, err := readDecks(fsys)
	if err != nil {
		return nil, err
	}
	var decks []*Deck
	var msgs []string
	for _, f := range files {
		for _, p := range f.probs {
			if p.Severity == Error {
				msgs = append(msgs, fileProblem(f.name, p))
			}
		}
		if f.deck != nil {
			decks = append(decks, f.deck)
		}
	}
	for _, t := range twins(files) {
		for _, p := range CheckTwins(t[0].deck, t[1].deck) {
			msgs = append(msgs, fileProblem(t[1].name, p))
		}
	}
	if len(msgs) > 0 {
		return decks, errors.New(strings.Join(msgs, "\n"))
	}
	return decks, nil
}

// LoadDir is LoadFS for a folder a user supplies: a file with errors is
// skipped, and every problem (warnings too) comes back as a message. A
// translation that is missing or does not match its twin is dropped (the
// deck's Translation is cleared), so a session never switches between decks
// that disagree.
func LoadDir(fsys fs.FS) ([]*Deck, []string) {
	files, err := readDecks(fsys)
	if err != nil {
		return nil, []string{err.Error()}
	}
	var msgs []string
	var ok []loaded
	for _, f := range files {
		for _, p := range f.probs {
			msgs = append(msgs, fileProblem(f.name, p))
		}
		if f.deck != nil && !HasErrors(f.probs) {
			ok = append(ok, f)
		} else {
			msgs = append(msgs, f.name+": skipped because of the errors above")
		}
	}
	byID := map[string]loaded{}
	for _, f := range ok {
		byID[f.deck.ID] = f
	}
	for _, f := range ok {
		if t := f.deck.Translation; t != "" {
			if _, found := byID[t]; !found {
				msgs = append(msgs, fmt.Sprintf("%s: translation %q is not in the folder; it is ignored", f.name, t))
				f.deck.Translation = ""
			}
		}
	}
	for _, t := range twins(ok) {
		if probs := CheckTwins(t[0].deck, t[1].deck); HasErrors(probs) {
			for _, p := range probs {
				msgs = append(msgs, fileProblem(t[1].name, p))
			}
			msgs = append(msgs, fmt.Sprintf("%s and %s do not match, so they are not linked as translations", t[0].name, t[1].name))
			t[0].deck.Translation, t[1].deck.Translation = "", ""
		}
	}
	decks := make([]*Deck, 0, len(ok))
	for _, f := range ok {
		decks = append(decks, f.deck)
	}
	return decks, msgs
}

// readDecks parses the *.md files in the root of fsys, sorted by id.
func readDecks(fsys fs.FS) ([]loaded, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("quizzes: unable to list decks: %w", err)
	}
	var out []loaded
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".md") || strings.HasPrefix(name, ".") {
			continue
		}
		src, err := readLimited(fsys, name)
		if err != nil {
			out = append(out, loaded{name: name, probs: []Problem{{0, Error, err.Error()}}})
			continue
		}
		deck, probs := Parse(strings.TrimSuffix(name, ".md"), src)
		out = append(out, loaded{name: name, deck: deck, probs: probs})
	}
	slices.SortFunc(out, func(a, b loaded) int {
		return strings.Compare(strings.TrimSuffix(a.name, ".md"), strings.TrimSuffix(b.name, ".md"))
	})
	return out, nil
}

// readLimited reads at most one byte more than a deck may hold, so that a
// huge file is reported without being read whole.
func readLimited(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("unable to open: %w", err)
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, MaxDeckBytes+1))
	if err != nil {
		return nil, fmt.Errorf("unable to read: %w", err)
	}
	return src, nil
}

// twins pairs decks whose Translation names another deck present in files,
// each pair once, in file order.
func twins(files []loaded) [][2]loaded {
	byID := map[string]int{}
	for i, f := range files {
		if f.deck != nil {
			byID[f.deck.ID] = i
		}
	}
	var out [][2]loaded
	done := map[[2]int]bool{}
	for i, f := range files {
		if f.deck == nil || f.deck.Translation == "" {
			continue
		}
		j, ok := byID[f.deck.Translation]
		if !ok || j == i {
			continue
		}
		key := [2]int{min(i, j), max(i, j)}
		if done[key] {
			continue
		}
		done[key] = true
		out = append(out, [2]loaded{files[key[0]], files[key[1]]})
	}
	return out
}

// fileProblem formats a problem as "file:line: message".
func fileProblem(name string, p Problem) string {
	if p.Line == 0 {
		return name + ": " + p.String()
	}
	return name + ":" + p.String()
}
