package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/roundtable-kit/roundtable/app"
)

// runPurge is `roundtable purge [-older AGE] [-data DIR]`: delete every
// ended session (or those that started more than AGE ago) with its
// participants, answers and Q&A, and wipe them from the database file.
func runPurge(args []string, stdout, stderr io.Writer) int {
	fl := command("purge", "Usage: roundtable purge [-older AGE] [-data DIR]\n\n"+
		"Deletes every ended session, or those older than AGE, with everything stored\n"+
		"with them, and wipes them from the database file and its WAL. Decks and\n"+
		"settings are kept; a session still running is kept. Best run while the kit\n"+
		"is stopped (the presenter page's \"Delete everything\" does the same while it runs).\n\n", stderr)
	dataDir := dataFlag(fl)
	older := fl.String("older", "", "only sessions that started more than this long ago, e.g. 90d (default: every ended session)")
	_, code, stop := parseArgs(fl, args, none)
	if stop {
		return code
	}
	age, err := app.ParseAge(*older)
	if err != nil {
		if err != nil {
			fmt.Fprintln(stderr, "roundtable purge: -older:", err)
		}
		fl.Usage()
		return 2
	}
	st, path, code := openData("purge", *dataDir, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	ctx := context.Background()
	var before time.Time
	if age > 0 {
		before = time.Now().Add(-age)
	}
	ids, err := st.DeleteSessions(ctx, before)
	if err != nil {
		fmt.Fprintln(stderr, "roundtable purge:", err)
		return 1
	}
	// secure_delete zeroes the rows in the file; the checkpoint empties the
	// WAL of their old copies. A VACUUM would also drop free space left by
	// older versions of the kit, but it stalls a running kit's writes.
	if err := st.Scrub(ctx, false); err != nil {
		fmt.Fprintln(stderr, "roundtable purge: the sessions were deleted, but their old copies are not wiped yet:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Deleted %d sessions from %s\n", len(ids), path)
	return 0
}
