package store

import (
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Checkpoints (copying the WAL's pages into the database file) run on a
// connection of their own, beside the writer, not inside a commit. SQLite's
// automatic checkpoint runs in the commit that takes the WAL past 1,000
// pages, and every answer queued behind that commit waited for it: with
// 10,000 participants joined the WAL reaches that size during the answer
// storm, and the load generator saw each round's slow acks sent within the
// same few hundred milliseconds (issue 13). A passive checkpoint on another
// connection does not block the writer. It runs when the writes pause: then
// it copies every page, and the writer's next commit starts the WAL over
// from its beginning. While commits go on without a pause it still runs
// once a second, but it cannot catch up with them, and SQLite starts the
// WAL over only once every page in it was copied: 10,000 joins on a busy
// machine took it to 56 MB. So the writer keeps its own automatic
// checkpoint at walBound: by then the checkpointer has copied all but the
// last second's pages, and the commit that passes the bound copies only
// those before the WAL starts over.
const (
	// checkpointQuiet is the pause in commits that starts a checkpoint.
	checkpointQuiet = 150 * time.Millisecond
	// checkpointLongest is the most time between checkpoints while
	// commits never pause for checkpointQuiet.
	checkpointLongest = time.Second
	// walBound is the writer's own automatic checkpoint, in pages of 4
	// KiB (32 MiB): far above what an answer storm writes after a pause.
	walBound = 8192
)

// checkpointer copies the WAL into the database once commits pause for
// checkpointQuiet, or every checkpointLongest while they do not. It stops
// with the store.
func (s *Store) checkpointer() {
	defer s.wg.Done()
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	defer quiet.Stop()
	var since time.Time // the first commit not yet checkpointed
	run := func() {
		since = time.Time{}
		if !s.ckptPaused.Load() {
			s.checkpoint()
		}
	}
	for {
		select {
		case <-s.wrote:
			if since.IsZero() {
				since = time.Now()
			}
			if longest := s.ckptLongest; longest > 0 && time.Since(since) >= longest {
				quiet.Stop()
				run()
				continue
			}
			quiet.Reset(checkpointQuiet)
		case <-quiet.C:
			run()
		case <-s.stop:
			return
		}
	}
}

// checkpoint runs one passive checkpoint: it copies what no reader still
// needs and never waits for a lock. Scrub's truncating checkpoint takes
// the same lock, so the two never meet (SQLite refuses a second
// checkpointer with "busy").
func (s *Store) checkpoint() error {
	s.ckptMu.Lock()
	defer s.ckptMu.Unlock()
	upTo := s.batches.Load()
	var busy, logFrames, done int
	if err := s.ckpt.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &logFrames, &done); err != nil {
		return fmt.Errorf("store: unable to checkpoint: %w", err)
	}
	s.checkpoints.Add(1)
	if busy == 0 && logFrames == done {
		s.fullUpTo.Store(upTo)
	}
	return nil
}

// noteWrite tells the checkpointer there are pages to copy. Writer
// goroutine only; it never blocks.
func (s *Store) noteWrite() {
	select {
	case s.wrote <- struct{}{}:
	default:
	}
}

// openCheckpointer opens the checkpointer's connection: a reader's
// settings, but allowed to checkpoint.
func openCheckpointer(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("store: unable to open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	return db, nil
}

// checkpointState is the checkpointer's part of Store.
type checkpointState struct {
	ckpt        *sql.DB       // the checkpointer's one connection
	ckptMu      sync.Mutex    // one checkpoint at a time: the checkpointer's or Scrub's
	wrote       chan struct{} // a commit happened (capacity 1)
	ckptPaused  atomic.Bool   // tests: leave the WAL as the writer left it
	checkpoints atomic.Int64  // passes run, for tests
	// fullUpTo is the commit count (Store.batches) up to which a pass
	// found every page copied: tests wait for it.
	fullUpTo atomic.Int64
	// ckptLongest is checkpointLongest (0: only when commits pause);
	// benchmarks compare the two.
	ckptLongest time.Duration
}
