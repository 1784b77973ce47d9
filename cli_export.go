package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/roundtable-kit/roundtable/reports"
	"github.com/roundtable-kit/roundtable/results"
	"github.com/roundtable-kit/roundtable/store"
)

// runExport is `roundtable export [-deck ID] [-from DATE] [-to DATE]
// [-format csv|json]`: the deck report the presenter page shows, for a
// district's spreadsheet, with the same small groups hidden.
func runExport(args []string, stdout, stderr io.Writer) int {
	fl := command("export", "Usage: roundtable export [-deck ID] [-from DATE] [-to DATE] [-format csv|json]\n\n"+
		"Writes what each deck taught across its sessions (docs/RESULTS.md): participants,\n"+
		"each question's correct share with a 95% interval, the before/after gain of\n"+
		"those who answered both, and a sentence per question. Safe while the kit runs.\n\n", stderr)
	dataDir := dataFlag(fl)
	deck := fl.String("deck", "", "the deck's id, e.g. parents.en (its twin in the other language comes with it; default: every deck that ran)")
	from := fl.String("from", "", "the first day, YYYY-MM-DD, in this computer's time zone (default: the first session)")
	to := fl.String("to", "", "the last day, YYYY-MM-DD (default: today)")
	format := fl.String("format", "csv", "csv (UTF-8 with a byte-order mark, for Excel) or json")
	practice := fl.Bool("practice", false, "count the sessions marked practice too")
	minGroup := fl.Int("min-group", results.DefaultMinGroup, "k: no count built from fewer than k answers is written (never below 3)")
	out := fl.String("o", "", "write to this file (default: standard output)")
	_, code, stop := parseArgs(fl, args, none)
	if stop {
		return code
	}
	if *format != "csv" && *format != "json" {
		fl.Usage()
		return 2
	}
	if *minGroup < results.MinGroupFloor {
		fmt.Fprintf(stderr, "roundtable export: -min-group %d is below %d\n", *minGroup, results.MinGroupFloor)
		return 2
	}
	if _, _, err := reports.Range(*from, *to, time.Local); err != nil {
		fmt.Fprintln(stderr, "roundtable export:", err)
		return 2
	}
	st, _, code := openData("export", *dataDir, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	ctx := context.Background()
	rs, err := deckReports(ctx, st, *deck, *from, *to, *practice, *minGroup)
	if err != nil {
		fmt.Fprintln(stderr, "roundtable export:", err)
		return 1
	}
	if *deck != "" && len(rs) == 0 {
		fmt.Fprintf(stderr, "roundtable export: no session ran the deck %q\n", *deck)
		return 1
	}
	w := stdout
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			fmt.Fprintln(stderr, "roundtable export:", err)
			return 1
		}
		defer f.Close()
		w = f
	}
	if *format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		err = enc.Encode(rs)
	} else {
		err = results.WriteDeckCSV(w, rs...)
	}
	if err != nil {
		fmt.Fprintln(stderr, "roundtable export:", err)
		return 1
	}
	return 0
}

// deckReports is one report per deck that ran (a deck and its twin
// together, under the id seen first), or the one deck asked for.
func deckReports(ctx context.Context, st *store.Store, deck, from, to string, practice bool, k int) ([]results.DeckReport, error) {
	all, _, err := reports.DeckSessions(ctx, st, time.Time{}, time.Time{}, allDeckIDs(ctx, st)...)
	if err != nil {
		return nil, err
	}
	twins := map[string]string{}
	var ids []string
	for _, s := range all {
		if _, ok := twins[s.Deck.ID]; !ok {
			ids = append(ids, s.Deck.ID)
		}
		twins[s.Deck.ID] = s.Deck.Translation
	}
	sort.Strings(ids)
	if deck != "" {
		ids = nil
		if _, ok := twins[deck]; ok {
			ids = []string{deck}
		}
	}
	done := map[string]bool{}
	out := []results.DeckReport{}
	for _, id := range ids {
		if done[id] {
			continue
		}
		done[id], done[twins[id]] = true, true
		r, err := reports.Deck(ctx, st, id, twins[id], from, to, practice, k)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// allDeckIDs is every deck id a stored session ran.
func allDeckIDs(ctx context.Context, st *store.Store) []string {
	ss, _ := st.Sessions(ctx, false)
	seen := map[string]bool{}
	var ids []string
	for _, s := range ss {
		if !seen[s.DeckID] {
			seen[s.DeckID] = true
			ids = append(ids, s.DeckID)
		}
	}
	return ids
}
