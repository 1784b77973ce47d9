package app_test

import (
	"bytes"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// playShare runs a session of shareDeck where phones share entries and
// answer the feedback question with comments, all marked with tag, and
// ends it unless told not to.
func playShare(t *testing.T, k *kit, deck, tag string, end bool) session {
	t.Helper()
	s := k.start(deck)
	var phones []*phoneclient.Phone
	for range 3 {
		p := k.phone(s.Code)
		if err := p.Join("", "en"); err != nil {
			t.Fatal(err)
		}
		if _, err := p.ShareExperience("Entry" + tag + " what happened to us"); err != nil {
			t.Fatal(err)
		}
		phones = append(phones, p)
	}
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": fbSlide}, nil)
	for _, p := range phones {
		if _, err := p.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == fbSlide && sl.Phase == "question" }); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Feedback(fbSlide, 4, "Comment"+tag); err != nil {
			t.Fatal(err)
		}
	}
	if end {
		k.call("POST", "/api/sessions/"+s.ID+"/end", nil, nil)
	}
	return s
}

// traces counts the shared entries and comments of tag in the database
// file, its WAL and its SHM.
func traces(t *testing.T, dir, tag string) int {
	n := 0
	for _, b := range rawFiles(t, dir) {
		n += bytes.Count(b, []byte("Entry"+tag)) + bytes.Count(b, []byte("Comment"+tag))
	}
	return n
}

// Deleting a session (one running beside it, then none), and -retain at
// start, leave no byte of its shared entries or feedback comments in the
// files; what was kept is still found, so the search works.
func TestSharedEntriesLeaveNoByteOnDisk(t *testing.T) {
	dir := t.TempDir()
	k := startKit(t, dir)
	deck := k.SaveDeck(shareDeck)
	gone := playShare(t, k, deck, "GoneA", true)
	kept := playShare(t, k, deck, "KeptA", false)
	if traces(t, dir, "GoneA") == 0 {
		t.Fatal("the entries are not in the files before the delete: the search is broken")
	}
	if k.call("DELETE", "/api/sessions/"+gone.ID, nil, nil) != 204 {
		t.Fatal("delete refused")
	}
	if n := traces(t, dir, "GoneA"); n > 0 {
		t.Errorf("with a session running: %d traces of the deleted session's entries and comments", n)
	}
	k.call("POST", "/api/sessions/"+kept.ID+"/end", nil, nil)
	again := playShare(t, k, deck, "GoneB", true)
	if k.call("DELETE", "/api/sessions/"+again.ID, nil, nil) != 204 {
		t.Fatal("delete refused")
	}
	if n := traces(t, dir, "GoneB"); n > 0 {
		t.Errorf("with no session running: %d traces remain", n)
	}
	if traces(t, dir, "KeptA") == 0 {
		t.Error("the kept session's entries are not found: the search is broken")
	}
	var ex struct{ Entries []struct{ Text string } }
	if st := k.call("GET", "/api/sessions/"+kept.ID+"/experiences", nil, &ex); st != 200 || len(ex.Entries) != 3 {
		t.Errorf("the kept session's entries: %d %+v", st, ex)
	}
	k.stop()

	// -retain: the old session goes at start, with its entries.
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, app.DBFile)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE sessions SET created_at = ? WHERE id = ?`, time.Now().Add(-100*24*time.Hour).UnixMilli(), kept.ID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	wrap(t, kittest.Start(t, kittest.Options{Dir: dir, Retain: 90 * 24 * time.Hour}))
	if n := traces(t, dir, "KeptA"); n > 0 {
		t.Errorf("after -retain purged the session: %d traces of its entries and comments", n)
	}
}
