package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/desktop"
	"github.com/roundtable-kit/roundtable/store"
)

// openData opens the database in dataDir (the laptop's data folder when
// empty) for a command named cmd, which must already exist: a command that
// reads or deletes never makes an empty one. On failure it has said why on
// stderr and returns the exit code. path is the database file.
func openData(cmd, dataDir string, stderr io.Writer) (st *store.Store, path string, code int) {
	if dataDir == "" {
		d, err := desktop.DataDir()
		if err != nil {
			fmt.Fprintf(stderr, "roundtable %s: no data folder: %v (use -data DIR)\n", cmd, err)
			return nil, "", 1
		}
		dataDir = d
	}
	path = filepath.Join(dataDir, app.DBFile)
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(stderr, "roundtable %s: no database at %s\n", cmd, path)
		return nil, "", 1
	}
	st, err := store.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "roundtable %s: %v\n", cmd, err)
		return nil, "", 1
	}
	return st, path, 0
}
