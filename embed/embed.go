// Package embed holds the kit's web assets and built-in decks, compiled into
// the binary so that it runs with no set-up.
package embed

import (
	stdembed "embed"
	"io/fs"
)

//go:embed web decks
var files stdembed.FS

// Web is the web assets (HTML, CSS, JS, i18n catalog), rooted at embed/web.
var Web = sub("web")

// Decks is the built-in decks, one Markdown file each, rooted at embed/decks.
var Decks = sub("decks")

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // the directory is compiled in; this cannot fail at run time
	}
	return f
}
