package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DeckRow is a deck the user wrote or imported: its Markdown source.
type DeckRow struct {
	ID        string
	Source    string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// SaveDeck creates or replaces a user deck and waits for the commit.
func (s *Store) SaveDeck(ctx context.Context, d DeckRow) error {
	now := time.Now().UnixMilli()
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO decks (id, source, created_at, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET source = excluded.source, updated_at = excluded.updated_at`, d.ID, d.Source, now, now)
		if err != nil {
			return fmt.Errorf("store: unable to save deck: %w", err)
		}
		return nil
	})
}

// DeleteDeck removes a user deck. Sessions that ran it keep their own copy.
func (s *Store) DeleteDeck(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM decks WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("store: unable to delete deck: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// Decks returns every user deck, oldest first.
func (s *Store) Decks(ctx context.Context) ([]DeckRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, source, created_at, updated_at FROM decks ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list decks: %w", err)
	}
	defer rows.Close()
	var out []DeckRow
	for rows.Next() {
		d, err := scanDeck(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Deck returns one user deck.
func (s *Store) Deck(ctx context.Context, id string) (DeckRow, error) {
	d, err := scanDeck(s.db.QueryRowContext(ctx, `SELECT id, source, created_at, updated_at FROM decks WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	return d, err
}

func scanDeck(sc interface{ Scan(...any) error }) (DeckRow, error) {
	var d DeckRow
	var created, updated int64
	if err := sc.Scan(&d.ID, &d.Source, &created, &updated); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return d, err
		}
		return d, fmt.Errorf("store: unable to read deck: %w", err)
	}
	d.CreatedAt, d.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return d, nil
}
