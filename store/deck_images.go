package store

import (
	"context"
	"database/sql"
	"fmt"
)

// DeckImage is an image file stored with a user deck: the path a slide
// names it by (![](pic.png)), its type and its bytes.
type DeckImage struct {
	DeckID, Path, Type string
	Data               []byte
}

// SaveDeckImage stores an image with a deck (replacing one of the same path)
// and waits for the commit. The deck must exist.
func (s *Store) SaveDeckImage(ctx context.Context, img DeckImage) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO deck_images (deck_id, path, type, data) VALUES (?, ?, ?, ?)
			ON CONFLICT (deck_id, path) DO UPDATE SET type = excluded.type, data = excluded.data`, img.DeckID, img.Path, img.Type, img.Data)
		if err != nil {
			return fmt.Errorf("store: unable to save an image: %w", err)
		}
		return nil
	})
}

// DeckImages returns every image stored with a user deck.
func (s *Store) DeckImages(ctx context.Context) ([]DeckImage, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT deck_id, path, type, data FROM deck_images ORDER BY deck_id, path`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list images: %w", err)
	}
	defer rows.Close()
	var out []DeckImage
	for rows.Next() {
		var img DeckImage
		if err := rows.Scan(&img.DeckID, &img.Path, &img.Type, &img.Data); err != nil {
			return nil, fmt.Errorf("store: unable to read an image: %w", err)
		}
		out = append(out, img)
	}
	return out, rows.Err()
}
