package main

import (
	"context"
	"errors"
	"flag"
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
	fl := flag.NewFlagSet("backup", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dataDir := fl.String("data", "", "the kit's data folder (default: the per-user data folder)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: roundtable backup [-data DIR] FILE\n\n"+
			"Writes a consistent copy of the kit's database (every deck, session and answer)\n"+
			"to FILE, which must not exist yet. Safe while the kit is running. To restore,\n"+
			"stop the kit and put the copy in the data folder as roundtable.db.\n\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return 2
	}
	if *dataDir == "" {
		d, err := desktop.DataDir()
		if err != nil {
			fmt.Fprintln(stderr, "roundtable backup: no data folder:", err, "(use -data DIR)")
			return 1
		}
		*dataDir = d
	}
	dest := fl.Arg(0)
	if err := store.Backup(context.Background(), filepath.Join(*dataDir, app.DBFile), dest); err != nil {
		fmt.Fprintln(stderr, "roundtable backup:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Backed up %s to %s\n", filepath.Join(*dataDir, app.DBFile), dest)
	return 0
}
