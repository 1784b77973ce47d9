package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/roundtable-kit/roundtable/record"
)

// Session is a session's row (see record.Session); the alias keeps
// store.Session working for the code that reads sessions.
type Session = record.Session

// CreateSession stores a new session and waits for the commit.
func (s *Store) CreateSession(ctx context.Context, ss Session) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO sessions (id, code, deck_id, deck_title, deck_source, slide, slides, phase, revealed, steps, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			ss.ID, ss.Code, ss.DeckID, ss.DeckTitle, ss.DeckSource, ss.Slide, ss.Slides, ss.Phase, joinInts(ss.Revealed), encodeSteps(ss.Steps), ss.CreatedAt.UnixMilli())
		if err != nil {
			return fmt.Errorf("store: unable to create session: %w", err)
		}
		return nil
	})
}

// SaveState queues a session's position without waiting; positions of one
// session are committed in the order they were saved.
func (s *Store) SaveState(id string, slide int, phase string, revealed []int, steps record.Steps) {
	rv := joinInts(revealed)
	sv := encodeSteps(steps)
	s.writeAsync(func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE sessions SET slide = ?, phase = ?, revealed = ?, steps = ? WHERE id = ?`, slide, phase, rv, sv, id)
		return err
	})
}

// encodeSteps keeps a session's steps as JSON; none is the empty string,
// as a session stored before the steps existed has.
func encodeSteps(st record.Steps) string {
	b, _ := json.Marshal(st) // plain data: cannot fail
	if string(b) == "{}" {   // every field is omitempty: whatever steps are added later
		return ""
	}
	return string(b)
}

func decodeSteps(v string) record.Steps {
	var st record.Steps
	if v != "" {
		json.Unmarshal([]byte(v), &st) // a damaged value restores as no steps
	}
	return st
}

// EndSession marks a session ended and waits for the commit.
func (s *Store) EndSession(ctx context.Context, id string, at time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE sessions SET phase = 'ended', ended_at = ? WHERE id = ? AND ended_at IS NULL`, at.UnixMilli(), id)
		if err != nil {
			return fmt.Errorf("store: unable to end session: %w", err)
		}
		return nil
	})
}

// DeleteSession removes a session with its participants and answers. The
// rows are overwritten with zeros (secure_delete), but their older copies
// stay in the WAL until Scrub.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM sessions WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("store: unable to delete session: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

const sessionColumns = `id, code, deck_id, deck_title, deck_source, slide, slides, phase, revealed, steps, created_at, ended_at, practice,
	(SELECT COUNT(*) FROM participants p WHERE p.session_id = sessions.id),
	(SELECT COUNT(*) FROM answers a WHERE a.session_id = sessions.id AND a.slide = sessions.slide)`

func scanSession(sc interface{ Scan(...any) error }) (Session, error) {
	var ss Session
	var revealed, steps string
	var created int64
	var ended sql.NullInt64
	if err := sc.Scan(&ss.ID, &ss.Code, &ss.DeckID, &ss.DeckTitle, &ss.DeckSource, &ss.Slide, &ss.Slides, &ss.Phase, &revealed, &steps, &created, &ended, &ss.Practice, &ss.Participants, &ss.Answered); err != nil {
		return ss, err
	}
	ss.Revealed = splitInts(revealed)
	ss.Steps = decodeSteps(steps)
	ss.CreatedAt = time.UnixMilli(created).UTC()
	if ended.Valid {
		t := time.UnixMilli(ended.Int64).UTC()
		ss.EndedAt = &t
	}
	return ss, nil
}

// Session returns one session.
func (s *Store) Session(ctx context.Context, id string) (Session, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE id = ?`, id)
	ss, err := scanSession(row)
	if errors.Is(err, sql.ErrNoRows) {
		return ss, ErrNotFound
	}
	if err != nil {
		return ss, fmt.Errorf("store: unable to read session: %w", err)
	}
	return ss, nil
}

// Sessions returns every session, newest first; with open set, only those
// not ended.
func (s *Store) Sessions(ctx context.Context, open bool) ([]Session, error) {
	q := `SELECT ` + sessionColumns + ` FROM sessions`
	if open {
		q += ` WHERE ended_at IS NULL`
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY created_at DESC`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list sessions: %w", err)
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		ss, err := scanSession(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to list sessions: %w", err)
		}
		out = append(out, ss)
	}
	return out, rows.Err()
}

func joinInts(v []int) string {
	parts := make([]string, len(v))
	for i, n := range v {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

func splitInts(s string) []int {
	if s == "" {
		return nil
	}
	var out []int
	for _, p := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(p); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// EndedCodes returns the room codes of the sessions that ended since t, with
// when each ended (the latest, if a code was used twice).
func (s *Store) EndedCodes(ctx context.Context, since time.Time) (map[string]time.Time, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT code, MAX(ended_at) FROM sessions WHERE ended_at >= ? GROUP BY code`, since.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: unable to list ended codes: %w", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var code string
		var at int64
		if err := rows.Scan(&code, &at); err != nil {
			return nil, fmt.Errorf("store: unable to list ended codes: %w", err)
		}
		out[code] = time.UnixMilli(at).UTC()
	}
	return out, rows.Err()
}

// Scrub leaves no byte of deleted rows in the files: it checkpoints the WAL
// into the database and truncates it (the WAL holds old copies of every
// page written), and with vacuum rebuilds the database first, dropping the
// free pages and the free space inside pages that older versions of the kit
// left without secure_delete. It runs on the writer, between batches: a
// checkpoint of a small WAL takes milliseconds, but a VACUUM rewrites the
// whole file, so callers ask for it only when no session is live.
func (s *Store) Scrub(ctx context.Context, vacuum bool) error {
	o := &op{done: make(chan error, 1), raw: func(db *sql.DB) error {
		if vacuum {
			if _, err := db.Exec(`VACUUM`); err != nil {
				return fmt.Errorf("store: unable to vacuum: %w", err)
			}
		}
		var busy, logFrames, done int
		if err := db.QueryRow(`PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &done); err != nil {
			return fmt.Errorf("store: unable to checkpoint: %w", err)
		}
		if busy != 0 {
			return fmt.Errorf("store: unable to checkpoint: readers kept the WAL busy")
		}
		return nil
	}}
	if err := s.enqueue(ctx, o); err != nil {
		return err
	}
	select {
	case err := <-o.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
