package app_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// played is one session with 30 nicknamed phones that answered, ended.
type played struct {
	session
	nicks, pids []string
	tokens      [][32]byte
	phones      []*phoneclient.Phone
}

func playSession(t *testing.T, k *kit, tag string, end bool) played {
	t.Helper()
	s := k.start("try.en")
	q := k.questionSlides("try.en")["single"]
	pl := played{session: s}
	for i := range 30 {
		p := k.phone(s.Code)
		nick := fmt.Sprintf("%sNick%02d", tag, i)
		if err := p.Join(nick, "en"); err != nil {
			t.Fatal(err)
		}
		pl.nicks, pl.pids = append(pl.nicks, nick), append(pl.pids, p.Participant)
		pl.tokens = append(pl.tokens, sha256.Sum256([]byte(p.Token)))
		pl.phones = append(pl.phones, p)
	}
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": q}, nil)
	waitAllSlide(t, pl.phones, q, 5*time.Second)
	for i, p := range pl.phones {
		if _, err := p.Answer(q, []int{i % 3}); err != nil {
			t.Fatal(err)
		}
	}
	if end {
		k.call("POST", "/api/sessions/"+s.ID+"/end", nil, nil)
	}
	return pl
}

// rawFiles is the database, its WAL and its SHM as bytes, as a thief
// would read them.
func rawFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(filepath.Join(dir, app.DBFile+suffix))
		if err == nil {
			out[app.DBFile+suffix] = b
		} else if !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return out
}

// leftovers lists every byte string of pl found in the raw files.
func leftovers(files map[string][]byte, pl played) []string {
	var found []string
	look := func(what string, b []byte) {
		for name, f := range files {
			if n := bytes.Count(f, b); n > 0 {
				found = append(found, fmt.Sprintf("%s %q ×%d in %s", what, b, n, name))
			}
		}
	}
	look("session id", []byte(pl.ID))
	for i := range pl.nicks {
		look("nickname", []byte(pl.nicks[i]))
		look("participant id", []byte(pl.pids[i]))
		look("token hash", pl.tokens[i][:])
	}
	return found
}

// After DELETE /api/sessions/{id}, no byte of the deleted session is left
// in the database file, its WAL or its SHM: not while another session
// runs (secure_delete and a truncating checkpoint), not once every session
// ended (VACUUM too), not after a clean stop. What was not deleted is
// still there, so the search can find what it looks for.
func TestDeletedSessionLeavesNoByteOnDisk(t *testing.T) {
	dir := t.TempDir()
	k := startKit(t, dir)
	gone := playSession(t, k, "Gone", true)
	kept := playSession(t, k, "Kept", false) // still running
	if k.call("DELETE", "/api/sessions/"+gone.ID, nil, nil) != 204 {
		t.Fatal("delete refused")
	}
	check := func(when string, keptThere bool) {
		files := rawFiles(t, dir)
		if left := leftovers(files, gone); len(left) > 0 {
			t.Errorf("%s: %d pieces of the deleted session remain, e.g. %q", when, len(left), left[:min(5, len(left))])
		}
		if n := len(leftovers(files, kept)); keptThere && n == 0 {
			t.Errorf("%s: the session that was kept is not found either: the search is broken", when)
		}
	}
	check("with another session running", false) // its rows may still be in the WAL only
	k.call("POST", "/api/sessions/"+kept.ID+"/end", nil, nil)
	again := playSession(t, k, "Again", true)
	if k.call("DELETE", "/api/sessions/"+again.ID, nil, nil) != 204 {
		t.Fatal("delete refused")
	}
	check("with no session running", true)
	if left := leftovers(rawFiles(t, dir), again); len(left) > 0 {
		t.Errorf("the second deleted session: %d pieces remain, e.g. %q", len(left), left[:min(5, len(left))])
	}
	k.stop()
	check("after a clean stop", true)
}
