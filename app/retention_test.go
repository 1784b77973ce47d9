package app_test

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// "Delete everything" is refused while a session runs; once none does, it
// deletes every session and no byte of them is left in the database file,
// its WAL or its SHM.
func TestDeleteEverythingLeavesNoByteOnDisk(t *testing.T) {
	dir := t.TempDir()
	k := startKit(t, dir)
	a := playSession(t, k, "AllA", true)
	running := playSession(t, k, "AllB", false)
	if st := k.call("DELETE", "/api/sessions", nil, nil); st != 409 {
		t.Fatalf("delete everything with a session running: got %d, want 409", st)
	}
	if left := leftovers(rawFiles(t, dir), running); len(left) == 0 {
		t.Fatal("the running session is not found in the files: the search is broken")
	}
	k.call("POST", "/api/sessions/"+running.ID+"/end", nil, nil)
	var out struct{ Deleted int }
	if st := k.call("DELETE", "/api/sessions", nil, &out); st != 200 || out.Deleted != 2 {
		t.Fatalf("delete everything: got %d, %d deleted; want 200, 2", st, out.Deleted)
	}
	for _, pl := range []played{a, running} {
		if left := leftovers(rawFiles(t, dir), pl); len(left) > 0 {
			t.Errorf("%d pieces of a deleted session remain, e.g. %q", len(left), left[:min(5, len(left))])
		}
	}
	if st := k.call("GET", "/api/sessions/"+a.ID+"/results", nil, nil); st != 404 {
		t.Errorf("results of a deleted session: got %d, want 404", st)
	}
	k.stop()
	for _, pl := range []played{a, running} {
		if left := leftovers(rawFiles(t, dir), pl); len(left) > 0 {
			t.Errorf("after a clean stop: %d pieces remain, e.g. %q", len(left), left[:min(5, len(left))])
		}
	}
}

// -retain 90d: a kit started with it deletes the ended sessions that
// started more than 90 days ago, and wipes them from the file, before it
// serves; newer ones stay.
func TestRetainPurgesOldSessionsAtStart(t *testing.T) {
	dir := t.TempDir()
	k := startKit(t, dir)
	old := playSession(t, k, "Old", true)
	recent := playSession(t, k, "Recent", true)
	k.stop()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, app.DBFile)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE sessions SET created_at = ? WHERE id = ?`, time.Now().Add(-100*24*time.Hour).UnixMilli(), old.ID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if left := leftovers(rawFiles(t, dir), old); len(left) == 0 {
		t.Fatal("the old session is not in the files before the restart: the search is broken")
	}
	k2 := wrap(t, kittest.Start(t, kittest.Options{Dir: dir, Retain: 90 * 24 * time.Hour}))
	if left := leftovers(rawFiles(t, dir), old); len(left) > 0 {
		t.Errorf("%d pieces of the session past -retain remain, e.g. %q", len(left), left[:min(5, len(left))])
	}
	if st := k2.call("GET", "/api/sessions/"+recent.ID+"/results", nil, nil); st != 200 {
		t.Errorf("the recent session: got %d, want 200", st)
	}
	if st := k2.call("GET", "/api/sessions/"+old.ID+"/results", nil, nil); st != 404 {
		t.Errorf("the old session: got %d, want 404", st)
	}
}

// -retain keeps looking while the kit runs (daily; here every few
// milliseconds): a session that passes its time after the start is deleted
// and wiped from the file without a restart, and a recent one stays.
func TestRetainPurgesAgainWhileRunning(t *testing.T) {
	dir := t.TempDir()
	k := wrap(t, kittest.Start(t, kittest.Options{Dir: dir, Retain: 90 * 24 * time.Hour, RetainEvery: 20 * time.Millisecond}))
	old := playSession(t, k, "Aged", true)
	recent := playSession(t, k, "Fresh", true)
	if st := k.call("GET", "/api/sessions/"+old.ID+"/results", nil, nil); st != 200 {
		t.Fatalf("a session ended just now: got %d, want 200 (kept until it is 90 days old)", st)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, app.DBFile)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE sessions SET created_at = ? WHERE id = ?`, time.Now().Add(-100*24*time.Hour).UnixMilli(), old.ID); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for k.call("GET", "/api/sessions/"+old.ID+"/results", nil, nil) != 404 {
		if time.Now().After(deadline) {
			t.Fatal("the session past -retain was still there 30 s after it aged: the kit does not look again while it runs")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if st := k.call("GET", "/api/sessions/"+recent.ID+"/results", nil, nil); st != 200 {
		t.Errorf("the recent session: got %d, want 200", st)
	}
	k.stop()
	if left := leftovers(rawFiles(t, dir), old); len(left) > 0 {
		t.Errorf("%d pieces of the session purged while running remain, e.g. %q", len(left), left[:min(5, len(left))])
	}
}

func TestParseAge(t *testing.T) {
	for in, want := range map[string]time.Duration{"90d": 90 * 24 * time.Hour, "36h": 36 * time.Hour, "": 0, "0": 0} {
		if got, err := app.ParseAge(in); err != nil || got != want {
			t.Errorf("ParseAge(%q): got %v %v, want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"90", "d", "-3d", "soon"} {
		if _, err := app.ParseAge(bad); err == nil {
			t.Errorf("ParseAge(%q): no error", bad)
		}
	}
}
