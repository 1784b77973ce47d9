package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// The WAL goes back into the database when the writer's commits pause,
// not inside a commit: a burst of commits passing SQLite's usual threshold
// (1,000 pages) leaves the database file as it was, and the pause after
// it copies every page.
func TestCheckpointWaitsForAPause(t *testing.T) {
	s, path := openTest(t)
	// Let the migrations' own writes be checkpointed first.
	waitFor(t, func() bool { return s.checkpoints.Load() >= 1 })
	before := fileSize(t, path)

	// About 2,000 pages in 40 writes queued at once: one burst, without a
	// pause between its commits.
	burst(t, s, "burst", 40)
	ckpts := s.checkpoints.Load()
	if got := fileSize(t, path); got > before+1<<20 {
		t.Fatalf("the database file grew from %d to %d bytes during the burst: a checkpoint ran inside a commit", before, got)
	}
	if wal := fileSize(t, path+"-wal"); wal < 1000*4096 {
		t.Fatalf("the WAL holds %d bytes after 8 MB of writes; want the burst in it", wal)
	}

	waitFor(t, func() bool { return s.checkpoints.Load() > ckpts })
	if got := fileSize(t, path); got < before+7<<20 {
		t.Fatalf("after the pause the database file is %d bytes (%d before the burst); want the burst's 8 MB copied in", got, before)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM meta WHERE key LIKE 'burst%'`).Scan(&n); err != nil || n != 40 {
		t.Fatalf("read %d burst rows (%v), want 40", n, err)
	}
}

// burst queues n writes of 200 KiB each at once, keys prefix0, prefix1,
// …, and waits for the last one's commit: one burst of about 50 pages a
// write, without a pause between its commits.
func burst(t *testing.T, s *Store, prefix string, n int) {
	t.Helper()
	blob := strings.Repeat("x", 200<<10)
	for i := range n - 1 {
		s.writeAsync(func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, ?)`, fmt.Sprintf("%s%d", prefix, i), blob)
			return err
		})
	}
	if err := s.write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, ?)`, prefix+"-last", blob)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(); {
		if time.Now().After(deadline) {
			t.Fatal("no checkpoint within 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// The WAL file keeps its size when it starts over after a checkpoint: a
// burst that grew it to 20 MB leaves it 20 MB after the next commit, so
// the next burst writes over pages in place instead of extending the file
// (which had the file system zero every page first). It was cut back to 8
// MB.
func TestTheWALKeepsItsSizeAfterACheckpoint(t *testing.T) {
	s, path := openTest(t)
	ctx := context.Background()
	waitFor(t, func() bool { return s.checkpoints.Load() >= 1 })
	burst(t, s, "big", 100)
	grown := fileSize(t, path+"-wal")
	if grown < 16<<20 {
		t.Fatalf("the WAL holds %d bytes after 20 MB of writes; want the burst in it", grown)
	}
	ckpts := s.checkpoints.Load()
	waitFor(t, func() bool { return s.checkpoints.Load() > ckpts })
	// The first commit after the checkpoint starts the WAL over.
	if err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO meta (key, value) VALUES ('after', 'x')`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got := fileSize(t, path+"-wal"); got < grown {
		t.Fatalf("the WAL file went from %d to %d bytes when it started over; want it kept", grown, got)
	}
}
