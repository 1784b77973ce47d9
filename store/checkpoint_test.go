package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// fillWAL writes n commits of 40 KB each (ten pages) through the writer.
func fillWAL(t *testing.T, s *Store, n int) {
	t.Helper()
	ctx := context.Background()
	if err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`CREATE TABLE IF NOT EXISTS ckpt_test (b BLOB)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	blob := make([]byte, 40<<10)
	for i := 0; i < n; i++ {
		blob[0] = byte(i)
		if err := s.write(ctx, func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO ckpt_test (b) VALUES (?)`, blob)
			return err
		}); err != nil {
			t.Fatal(err)
		}
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

// TestCommitsDoNotCheckpoint: 300 commits of ten pages each take the WAL
// far past SQLite's automatic checkpoint (1,000 pages), and no commit
// checkpoints: the WAL holds all 3,000 pages and the database file none of
// them until the checkpointer runs. Then one pass of the checkpointer
// copies them into the database file.
func TestCommitsDoNotCheckpoint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roundtable.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.ckptPaused.Store(true)
	before := fileSize(t, path)
	fillWAL(t, s, 300)
	if wal := fileSize(t, path+"-wal"); wal < 3000*4096 {
		t.Errorf("WAL is %d bytes after 3,000 pages were written, want ≥ %d: a commit checkpointed (and the WAL started over)", wal, 3000*4096)
	}
	if db := fileSize(t, path); db > before+1<<20 {
		t.Errorf("the database file grew from %d to %d bytes before any checkpoint: a commit checkpointed", before, db)
	}
	if err := s.checkpoint(); err != nil {
		t.Fatal(err)
	}
	if db := fileSize(t, path); db < 300*40<<10 {
		t.Errorf("the database file is %d bytes after the checkpointer's pass, want ≥ %d", db, 300*40<<10)
	}
}

// TestScrubBesideCheckpointer: Scrub's truncating checkpoint and the
// checkpointer's passes never meet (SQLite would answer the second one
// "busy" and Scrub would fail).
func TestScrubBesideCheckpointer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roundtable.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fillWAL(t, s, 50)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			fillWAL(t, s, 1)
			if err := s.checkpoint(); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for i := 0; i < 30; i++ {
		if err := s.Scrub(context.Background(), false); err != nil {
			t.Errorf("scrub %d: %v", i, err)
		}
	}
	close(stop)
	wg.Wait()
	if s.checkpoints.Load() == 0 {
		t.Error("the checkpointer never ran")
	}
}

// TestWALStartsOverAfterAPause: after a burst of commits the checkpointer
// copies the WAL when the writes pause, and the next burst writes the WAL
// from its beginning again: two bursts of 3,000 pages leave a WAL of about
// 3,000 pages, not 6,000.
func TestWALStartsOverAfterAPause(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roundtable.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for burst := 0; burst < 2; burst++ {
		fillWAL(t, s, 300)
		last := s.batches.Load()
		for s.fullUpTo.Load() < last { // the checkpoint in the pause after the burst
			time.Sleep(10 * time.Millisecond)
		}
	}
	if wal := fileSize(t, path+"-wal"); wal > 4500*4096 {
		t.Errorf("WAL is %d bytes after two bursts of 3,000 pages with a pause between, want ≤ %d (it did not start over)", wal, 4500*4096)
	}
}

// TestWALBounded: when the checkpointer cannot keep up (here it is held),
// the writer's own checkpoint at walBound keeps the WAL from growing past
// it: 10,000 pages written leave a WAL of at most walBound pages and a bit.
func TestWALBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roundtable.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.ckptPaused.Store(true)
	fillWAL(t, s, 1000)
	if wal := fileSize(t, path+"-wal"); wal > (walBound+100)*4096 {
		t.Errorf("WAL is %d bytes after 10,000 pages, want ≤ %d", wal, (walBound+100)*4096)
	}
}
