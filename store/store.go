// Package store keeps everything Roundtable must not lose in one SQLite file
// (modernc.org/sqlite, no cgo). All writes go through one goroutine that
// batches them into transactions; a write returns only after its commit, so
// an answer is acknowledged only once it is on disk.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrNotFound is returned when a row asked for does not exist.
var ErrNotFound = errors.New("store: not found")

// ErrClosed is returned for writes after Close.
var ErrClosed = errors.New("store: closed")

// maxBatch bounds one transaction, so a storm of answers is committed in a
// few large transactions instead of thousands of small ones.
const maxBatch = 1024

// The WAL is copied back into the database (a checkpoint) by the writer
// itself, once its commits have paused for checkpointAfter, not inside a
// commit: SQLite's own checkpoint runs in the commit that takes the WAL
// past its threshold, and every answer queued behind that commit waited
// for it (79–170 ms in a 10,000-phone storm, issue 13). A room pauses
// between its bursts (joins, then a slide's answers), so the checkpoint
// finds the writer idle. walBound is SQLite's own checkpoint, kept for a
// burst that never pauses: 64 MiB of 4 KiB pages, since every commit
// appends each page it changed. A checkpoint copies each page once however
// often the WAL holds it, so a large WAL costs no more to copy. (10,000
// joins append 15,000–19,000 pages, and the answers of 10,000 phones, 30 %
// of them resuming, 24,000–27,000, so this bound is reached once inside
// such a storm; the checkpoint then copies the few thousand distinct pages
// of a classroom's database: 5–12 ms, no commit of the storm over 16 ms.)
//
// walKeep is the size the WAL file is cut back to when it starts over: as
// large as walBound lets it grow, so that it keeps its size and a storm's
// commits write over pages the system has cached. Cut back to 8 MiB, as it
// was, the file was extended again by every storm, and the file system
// zeroed each page written past its end first: 0.2 s of the kit's 2.3 s
// of CPU in a 10,000-phone storm (perf, issue 13), none in the bare
// reference, whose WAL is never cut. Deleting a session still truncates
// the WAL to nothing (Scrub).
//
// writerCacheKiB is the writer's page cache (SQLite's default is 2 MiB).
// An answer's commit reads the pages it checks and changes: the session's
// and the participant's rows for the foreign keys, the answers' and the
// participants' index pages. Past 2 MiB of them (a 10,000-phone session is
// about 3.6 MB) each miss is a read from the file inside the commit, and the
// misses grew with every session the file holds: the third of three
// 10,000-phone load rounds spent 0.19 s of the writer's 0.74 s reading pages
// back (issue 13, "a round that has followed others"). The cache holds only
// pages the writer touched, so a small database costs no more memory.
const (
	writerCacheKiB  = 32 << 10
	checkpointAfter = 300 * time.Millisecond
	walBound        = 16384
	walKeep         = walBound * 4096
)

// Store is the kit's database.
type Store struct {
	db     *sql.DB // readers
	w      *sql.DB // the one writer connection, used only by the writer goroutine
	ops    chan *op
	stop   chan struct{}
	wg     sync.WaitGroup
	closed atomic.Bool
	mu     sync.RWMutex // held for reading while sending to ops, for writing by Close

	stmts    stmts
	healthy  atomic.Bool
	onHealth atomic.Pointer[func(ok bool, err error)]

	// batches and written count commits, checkpoints the writer's own
	// checkpoints, for tests and benchmarks.
	batches     atomic.Int64
	written     atomic.Int64
	checkpoints atomic.Int64
}

// stmts are the hot writes, prepared once on the writer's one connection:
// parsing the upsert again for each of 10,000 answers was a sixth of the
// writer's time.
type stmts struct {
	saveAnswer     *sql.Stmt
	addParticipant *sql.Stmt
	addQAVote      *sql.Stmt // qa.go: 10,000 phones may vote within seconds
	delQAVote      *sql.Stmt
}

func (s *Store) prepare() error {
	var err error
	if s.stmts.saveAnswer, err = s.w.Prepare(saveAnswerSQL); err != nil {
		return fmt.Errorf("store: unable to prepare: %w", err)
	}
	if s.stmts.addParticipant, err = s.w.Prepare(addParticipantSQL); err != nil {
		return fmt.Errorf("store: unable to prepare: %w", err)
	}
	if s.stmts.addQAVote, err = s.w.Prepare(addQAVoteSQL); err != nil {
		return fmt.Errorf("store: unable to prepare: %w", err)
	}
	if s.stmts.delQAVote, err = s.w.Prepare(delQAVoteSQL); err != nil {
		return fmt.Errorf("store: unable to prepare: %w", err)
	}
	return nil
}

type op struct {
	exec func(tx *sql.Tx) error
	// raw, when set instead of exec, runs alone on the writer's connection
	// outside any transaction (a checkpoint, a VACUUM).
	raw  func(db *sql.DB) error
	done chan error // nil for fire-and-forget writes
}

// Open opens (creating if needed) the database at path and migrates it.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store: unable to create the data folder: %w", err)
	}
	w, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("store: unable to open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := migrate(w); err != nil {
		w.Close()
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: unable to open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	s := &Store{db: db, w: w, ops: make(chan *op, 8192), stop: make(chan struct{})}
	if err := s.prepare(); err != nil {
		w.Close()
		db.Close()
		return nil, err
	}
	s.healthy.Store(true)
	s.wg.Add(1)
	go s.writer()
	return s, nil
}

// dsn puts busy_timeout first so that every later pragma already waits for
// a lock instead of failing. synchronous=FULL makes every commit durable
// against power loss too; batching keeps that cheap.
func dsn(path string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(ON)")
	// Deleted rows are overwritten with zeros, not left in free space:
	// deleting a session must leave no byte of it in the file (SECURITY.md).
	q.Add("_pragma", "secure_delete(ON)")
	if writer {
		q.Set("_txlock", "immediate")
		q.Add("_pragma", fmt.Sprintf("cache_size(%d)", -writerCacheKiB))
		// The writer checkpoints when its commits pause (checkpointAfter);
		// SQLite's own checkpoint, inside the commit that passes this many
		// pages, is only the bound for a burst that never pauses.
		q.Add("_pragma", fmt.Sprintf("wal_autocheckpoint(%d)", walBound))
		q.Add("_pragma", fmt.Sprintf("journal_size_limit(%d)", walKeep))
	} else {
		q.Add("_pragma", "query_only(ON)")
	}
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

// Close commits every write already queued, then closes the database.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed.Swap(true) {
		s.mu.Unlock()
		return nil
	}
	close(s.stop)
	s.mu.Unlock()
	s.wg.Wait()
	return errors.Join(s.w.Close(), s.db.Close())
}

// SetOnHealth sets a function the writer calls whenever writes start
// failing or recover.
func (s *Store) SetOnHealth(fn func(ok bool, err error)) { s.onHealth.Store(&fn) }

// Healthy reports whether the last write committed.
func (s *Store) Healthy() bool { return s.healthy.Load() }

// Stats reports how many batches and writes were committed.
func (s *Store) Stats() (batches, writes int64) { return s.batches.Load(), s.written.Load() }

// write queues fn and waits for the commit of the batch holding it.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	o := &op{exec: fn, done: make(chan error, 1)}
	if err := s.enqueue(ctx, o); err != nil {
		return err
	}
	select {
	case err := <-o.done:
		return err
	case <-ctx.Done():
		// The write may still commit; the caller must treat it as unknown.
		return ctx.Err()
	}
}

// writeAsync queues fn without waiting. Writes are committed in the order
// they were queued.
func (s *Store) writeAsync(fn func(tx *sql.Tx) error) {
	_ = s.enqueue(context.Background(), &op{exec: fn})
}

func (s *Store) enqueue(ctx context.Context, o *op) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed.Load() {
		return ErrClosed
	}
	select {
	case s.ops <- o:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Store) writer() {
	defer s.wg.Done()
	batch := make([]*op, 0, maxBatch)
	var probe <-chan time.Time
	pause := time.NewTimer(checkpointAfter) // the migrations' writes too
	defer pause.Stop()
	for {
		select {
		case o := <-s.ops:
			batch = append(batch[:0], o)
		case <-pause.C:
			s.checkpoint()
			continue
		case <-probe:
			probe = nil
			s.commit([]*op{{exec: func(tx *sql.Tx) error {
				_, err := tx.Exec(`UPDATE meta SET value = ? WHERE key = 'probe'`, time.Now().UnixMilli())
				return err
			}}})
			if !s.healthy.Load() {
				probe = time.After(2 * time.Second)
			}
			continue
		case <-s.stop:
			// Drain: everything queued before Close is committed.
			for {
				batch = batch[:0]
				for len(batch) < maxBatch {
					select {
					case o := <-s.ops:
						batch = append(batch, o)
						continue
					default:
					}
					break
				}
				if len(batch) == 0 {
					return
				}
				s.commitAll(batch)
			}
		}
	drain:
		for len(batch) < maxBatch {
			select {
			case o := <-s.ops:
				batch = append(batch, o)
			default:
				break drain
			}
		}
		s.commitAll(batch)
		pause.Reset(checkpointAfter) // fires only if nothing is committed before it
		if !s.healthy.Load() && probe == nil {
			probe = time.After(2 * time.Second)
		}
	}
}

// checkpoint copies the WAL's committed pages into the database, without
// waiting for readers (PASSIVE): when it copies them all, the next commit
// writes the WAL from its start again, so it stays a few MB. A failure
// changes nothing (the pages stay in the WAL, and are read from there);
// the next pause tries again. Writer goroutine only.
func (s *Store) checkpoint() {
	var busy, frames, copied int
	if err := s.w.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied); err != nil {
		return
	}
	s.checkpoints.Add(1)
}

// commitAll commits a batch, running each raw op alone, in its place.
func (s *Store) commitAll(batch []*op) {
	start := 0
	for i, o := range batch {
		if o.raw == nil {
			continue
		}
		if i > start {
			s.commit(batch[start:i])
		}
		o.done <- o.raw(s.w)
		start = i + 1
	}
	if start < len(batch) {
		s.commit(batch[start:])
	}
}

// commit runs a batch in one transaction. If one write in it fails, the
// batch is rolled back and each write is retried alone, so that one bad write
// fails alone; a storage failure (disk full, read-only) fails them all.
func (s *Store) commit(batch []*op) {
	err := s.runBatch(batch)
	var bad *opError
	if errors.As(err, &bad) && len(batch) > 1 && !isStorageErr(bad.err) {
		for _, o := range batch {
			s.commit([]*op{o})
		}
		return
	}
	if bad != nil {
		err = bad.err
	}
	for _, o := range batch {
		if o.done != nil {
			o.done <- err
		}
	}
	ok := err == nil || !isStorageErr(err)
	if err == nil {
		s.batches.Add(1)
		s.written.Add(int64(len(batch)))
	}
	if s.healthy.Swap(ok) != ok {
		if fn := s.onHealth.Load(); fn != nil {
			(*fn)(ok, err)
		}
	}
}

type opError struct{ err error }

func (e *opError) Error() string { return e.err.Error() }

func (s *Store) runBatch(batch []*op) error {
	tx, err := s.w.Begin()
	if err != nil {
		return fmt.Errorf("store: unable to begin a transaction: %w", err)
	}
	for _, o := range batch {
		if err := o.exec(tx); err != nil {
			tx.Rollback()
			return &opError{err}
		}
	}
	if err := tx.Commit(); err != nil {
		tx.Rollback()
		return fmt.Errorf("store: unable to commit: %w", err)
	}
	return nil
}

// isStorageErr tells a failing disk or database (full, read-only, I/O,
// locked) from a write that is wrong in itself (a constraint).
func isStorageErr(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()&0xff != sqlite3.SQLITE_CONSTRAINT
	}
	return !errors.Is(err, ErrNotFound)
}
