package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/desktop"
	"github.com/roundtable-kit/roundtable/store"
)

// runBackup is `roundtable backup [-data DIR] FILE`: a consistent copy of
// the database, safe while the kit is running. It returns 1 when the copy
// could not be made, 2 for a usage error.
func runBackup(args []string, stdout, stderr io.Writer) int {
	fl := command("backup", "Usage: roundtable backup [-data DIR] FILE\n\n"+
		"Writes a consistent copy of the kit's database (every deck, session and answer)\n"+
		"to FILE, which must not exist yet. Safe while the kit is running. To restore,\n"+
		"stop the kit and put the copy in the data folder as roundtable.db.\n\n", stderr)
	dataDir := dataFlag(fl)
	files, code, stop := parseArgs(fl, args, one)
	if stop {
		return code
	}
	if *dataDir == "" {
		d, err := desktop.DataDir()
		if err != nil {
			fmt.Fprintln(stderr, "roundtable backup: no data folder:", err, "(use -data DIR)")
			return 1
		}
		*dataDir = d
	}
	dest := files[0]
	if err := store.Backup(context.Background(), filepath.Join(*dataDir, app.DBFile), dest); err != nil {
		fmt.Fprintln(stderr, "roundtable backup:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Backed up %s to %s\n", filepath.Join(*dataDir, app.DBFile), dest)
	return 0
}
