package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// TextRow is one open text answer as the presenter's queue pages it.
type TextRow struct {
	ParticipantID string
	Text          string
	Status        string
	At            time.Time // when it was last given
	first         int64     // when it was first given (Unix ms): the pages' key
}

// SetStatus sets the moderation status of a participant's open text on a
// slide, only while its text is still text (a phone that changed its
// answer meanwhile got a new status with it), and waits for the commit. It
// reports whether such an answer was there.
func (s *Store) SetStatus(ctx context.Context, sessionID, participantID string, slide int, text, status string) (bool, error) {
	found := false
	err := s.write(ctx, func(tx *sql.Tx) error {
		r, err := tx.Exec(`UPDATE answers SET status = ? WHERE session_id = ? AND participant_id = ? AND slide = ? AND text = ? AND skipped = 0`,
			status, sessionID, participantID, slide, text)
		if err != nil {
			return fmt.Errorf("store: unable to set an answer's status: %w", err)
		}
		n, _ := r.RowsAffected()
		found = n > 0
		return nil
	})
	return found, err
}

// Texts pages the open text answers on a slide, newest first: those with
// status (every one when status is ""), after the cursor a previous page
// gave (its next; "" for the first page), at most limit. next is "" after
// the last page. "Newest" is by when each was first given, which a changed
// answer keeps, so an answer changed between two pages keeps its place.
func (s *Store) Texts(ctx context.Context, sessionID string, slide int, status, after string, limit int) (rows []TextRow, next string, err error) {
	q := `SELECT participant_id, text, status, answered_at, first_at FROM answers
		WHERE session_id = ? AND slide = ? AND skipped = 0 AND text <> ''`
	args := []any{sessionID, slide}
	if status != "" {
		q += ` AND status = ?`
		args = append(args, status)
	}
	if after != "" {
		at, pid, ok := parseCursor(after)
		if !ok {
			return nil, "", ErrBadCursor
		}
		q += ` AND (first_at < ? OR (first_at = ? AND participant_id < ?))`
		args = append(args, at, at, pid)
	}
	q += ` ORDER BY first_at DESC, participant_id DESC LIMIT ?`
	args = append(args, limit+1)
	res, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, "", fmt.Errorf("store: unable to list texts: %w", err)
	}
	defer res.Close()
	for res.Next() {
		var r TextRow
		var at int64
		if err := res.Scan(&r.ParticipantID, &r.Text, &r.Status, &at, &r.first); err != nil {
			return nil, "", fmt.Errorf("store: unable to list texts: %w", err)
		}
		r.At = time.UnixMilli(at).UTC()
		rows = append(rows, r)
	}
	if err := res.Err(); err != nil {
		return nil, "", fmt.Errorf("store: unable to list texts: %w", err)
	}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		next = strconv.FormatInt(last.first, 10) + "." + last.ParticipantID
	}
	return rows, next, nil
}

// ErrBadCursor is returned for a cursor no page gave.
var ErrBadCursor = fmt.Errorf("store: bad cursor")

func parseCursor(c string) (int64, string, bool) {
	ms, pid, ok := strings.Cut(c, ".")
	at, err := strconv.ParseInt(ms, 10, 64)
	return at, pid, ok && err == nil && pid != ""
}

// TextCounts counts the open text answers on a slide by status.
func (s *Store) TextCounts(ctx context.Context, sessionID string, slide int) (map[string]int, error) {
	res, err := s.db.QueryContext(ctx, `SELECT status, count(*) FROM answers
		WHERE session_id = ? AND slide = ? AND skipped = 0 AND text <> '' GROUP BY status`, sessionID, slide)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count texts: %w", err)
	}
	defer res.Close()
	out := map[string]int{}
	for res.Next() {
		var st string
		var n int
		if err := res.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("store: unable to count texts: %w", err)
		}
		out[st] = n
	}
	return out, res.Err()
}
