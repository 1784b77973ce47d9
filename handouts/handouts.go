// Package handouts holds the take-home materials of the built-in workshops:
// one Markdown file a material and a language (NAME.LANG.md, in this
// folder, the only copy), compiled into the binary so the kit can serve
// them as printable pages. A deck names its handout in front matter
// (handout: parents); the linter checks the name here.
package handouts

import (
	"embed"
	"errors"
	"io/fs"
	"regexp"
	"slices"
	"strings"
)

//go:embed *.md
var files embed.FS

// Material is one take-home material. For names the workshops it goes
// with, by the handout name their decks give, so the presenter page can
// offer a deck's handout with its companions.
type Material struct {
	Name string   `json:"name"`
	For  []string `json:"for"`
}

// Materials is every material, in the order the list page shows them: the
// one-page handouts first.
var Materials = []Material{
	{Name: "parents", For: []string{"parents"}},
	{Name: "youth", For: []string{"youth"}},
	{Name: "educators", For: []string{"educators"}},
	{Name: "family-agreement", For: []string{"parents", "youth"}},
	{Name: "letter-to-parents", For: []string{"youth"}},
	{Name: "mock-chat", For: []string{"youth"}},
	{Name: "facilitator-guide", For: []string{"parents", "youth", "educators"}},
}

// Langs are the languages every material is written in.
var Langs = []string{"en", "es"}

// ErrNotFound is a name or language the kit has no material for.
var ErrNotFound = errors.New("handouts: no such material")

// nameRe bounds a name before it is looked up: a few lowercase words.
var nameRe = regexp.MustCompile(`^[a-z][a-z0-9-]{0,39}$`)

// Exists reports whether name is one of the kit's materials.
func Exists(name string) bool {
	return nameRe.MatchString(name) && slices.ContainsFunc(Materials, func(m Material) bool { return m.Name == name })
}

// Names lists the materials' names, for messages.
func Names() []string {
	out := make([]string, len(Materials))
	for i, m := range Materials {
		out[i] = m.Name
	}
	return out
}

// Source returns a material's Markdown in lang.
func Source(name, lang string) (string, error) {
	if !Exists(name) || !slices.Contains(Langs, lang) {
		return "", ErrNotFound
	}
	b, err := fs.ReadFile(files, name+"."+lang+".md")
	if err != nil {
		return "", ErrNotFound
	}
	return string(b), nil
}

// Title is the text of a material's first line, its "# " heading.
func Title(name, lang string) string {
	src, err := Source(name, lang)
	if err != nil {
		return ""
	}
	first, _, _ := strings.Cut(src, "\n")
	return strings.TrimSpace(strings.TrimPrefix(first, "# "))
}
