package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// TestExportAndPurge: roundtable export writes the deck report the route
// serves (CSV with a byte-order mark, or JSON), over a deck and its twin,
// filtered by dates; roundtable purge then deletes every ended session and
// no byte of them is left in the database file or its WAL.
func TestExportAndPurge(t *testing.T) {
	dir := t.TempDir()
	k := kittest.Start(t, kittest.Options{Dir: dir})
	en, es := k.SaveRolesTwins()
	a := k.PlayRoles(en, kittest.Group{Role: 0, N: 6, RightPre: 2, RightPost: 5, Poll: 0}, kittest.Group{Role: 1, N: 6, RightPre: 3, RightPost: 6, Poll: 1})
	b := k.PlayRoles(es, kittest.Group{Role: 0, N: 8, RightPre: 1, RightPost: 7, Poll: 2})
	route := k.Get("/api/decks/" + en + "/report")
	k.Stop()

	var out, errb bytes.Buffer
	if code := run([]string{"export", "-data", dir, "-deck", en, "-format", "json"}, &out, &errb); code != 0 {
		t.Fatalf("export = %d, %s", code, errb.String())
	}
	var got []map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || len(got) != 1 {
		t.Fatalf("export JSON: %v %s", err, out.String())
	}
	var want map[string]any
	json.Unmarshal(route, &want)
	gb, _ := json.Marshal(got[0])
	wb, _ := json.Marshal(want)
	if string(gb) != string(wb) {
		t.Errorf("export JSON:\n%s\nthe route's:\n%s", gb, wb)
	}
	if n := len(want["sessions"].([]any)); n != 2 {
		t.Errorf("the report counts %d sessions, want the English one and its Spanish twin's", n)
	}

	out.Reset()
	if code := run([]string{"export", "-data", dir}, &out, &errb); code != 0 || !bytes.HasPrefix(out.Bytes(), []byte("\uFEFF")) {
		t.Fatalf("export CSV = %d, %q", code, errb.String())
	}
	rows, err := csv.NewReader(bytes.NewReader(out.Bytes()[3:])).ReadAll()
	if err != nil || rows[0][0] != "deck" {
		t.Fatalf("CSV: %v %q", err, rows)
	}
	items, decks := 0, map[string]bool{}
	for _, r := range rows[1:] {
		if r[6] == "" {
			items++
			decks[r[0]] = true
		}
	}
	if len(decks) != 1 || !decks[en] && !decks[es] {
		t.Errorf("CSV rows of decks %v, want the twins under one id", decks)
	}
	if items != 2 {
		t.Errorf("CSV: %d item rows, want pw and setup once each:\n%q", items, rows)
	}

	tomorrow := time.Now().AddDate(0, 0, 1).Format("2006-01-02")
	out.Reset()
	if code := run([]string{"export", "-data", dir, "-deck", en, "-from", tomorrow, "-format", "json"}, &out, &errb); code != 0 || !strings.Contains(out.String(), `"sessions": []`) {
		t.Errorf("from tomorrow: %d %s", code, out.String())
	}
	if code := run([]string{"export", "-data", dir, "-from", "yesterday"}, &out, &errb); code != 2 {
		t.Errorf("a bad date: got %d, want 2", code)
	}

	raw := func() []byte {
		var all []byte
		for _, suffix := range []string{"", "-wal", "-shm"} {
			f, _ := os.ReadFile(filepath.Join(dir, app.DBFile+suffix))
			all = append(all, f...)
		}
		return all
	}
	if !bytes.Contains(raw(), []byte(a.ID)) {
		t.Fatal("the session is not in the files before the purge: the search is broken")
	}
	out.Reset()
	if code := run([]string{"purge", "-data", dir}, &out, &errb); code != 0 || !strings.Contains(out.String(), "Deleted 2 sessions") {
		t.Fatalf("purge = %d, %q %q", code, out.String(), errb.String())
	}
	for _, id := range []string{a.ID, b.ID} {
		if bytes.Contains(raw(), []byte(id)) {
			t.Errorf("the files still hold the deleted session %s", id)
		}
	}
}
