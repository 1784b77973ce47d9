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
// connection does not block the writer; the writer restarts the WAL from
// its beginning by itself once every page was copied.
const (
	// checkpointEvery is the checkpointer's pace while writes go on.
	checkpointEvery = time.Second
	// walBound is the writer's own automatic checkpoint, kept far above
	// what the checkpointer lets the WAL reach, so that the WAL stays
	// bounded even if the checkpointer cannot keep up (pages of 4 KiB).
	walBound = 16384
)

// checkpointer copies the WAL into the database at most once every
// checkpointEvery while the writer commits, and once more after the last
// commit. It stops with the store.
func (s *Store) checkpointer() {
	defer s.wg.Done()
	for {
		select {
		case <-s.wrote:
		case <-s.stop:
			return
		}
		if !s.ckptPaused.Load() {
			s.checkpoint()
		}
		select {
		case <-time.After(checkpointEvery):
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
	var busy, logFrames, done int
	if err := s.ckpt.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &logFrames, &done); err != nil {
		return fmt.Errorf("store: unable to checkpoint: %w", err)
	}
	s.checkpoints.Add(1)
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
}
