package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Contact is one of the facilitator's local contacts: who, how to reach
// them (a phone number, a web or street address), when to use it, and the
// phones' language it is shown to ("en", "es" or "both").
type Contact struct {
	Name   string `json:"name"`
	Detail string `json:"detail"`
	Note   string `json:"note"`
	Lang   string `json:"lang"`
}

// MaxContacts bounds the list; the handlers check each field.
const MaxContacts = 20

// contactsEdited is the meta key set once the list was first saved: from
// then on the table is the list, even empty.
const contactsEdited = "contacts.edited"

// NewMexicoContacts are the local contacts a kit starts with, from the
// facts the built-in workshops use (shared CONTENT.md): the state's line
// for reporting child abuse and its crisis line, in each language. CYFD's
// 1-855-333-SAFE and 1-855-NMCRISIS are given here in digits.
var NewMexicoContacts = []Contact{
	{"CYFD Statewide Central Intake", "1-855-333-7233", "To report suspected child abuse or neglect: every person in New Mexico must report it. #SAFE (#7233) from a cell phone. 24/7.", "en"},
	{"New Mexico Crisis and Access Line", "1-855-662-7474", "1-855-NMCRISIS: someone to talk to in a mental health crisis, 24/7.", "en"},
	{"New Mexico Department of Justice", "nmdoj.gov", "SMART CHATS, and where families can share their experiences.", "en"},
	{"CYFD, línea estatal para reportar abuso", "1-855-333-7233", "Para reportar sospechas de abuso o negligencia infantil: en Nuevo México toda persona debe reportarlo. #SAFE (#7233) desde un celular. Las 24 horas.", "es"},
	{"Línea de Crisis y Acceso de Nuevo México", "1-855-662-7474", "1-855-NMCRISIS: alguien con quien hablar en una crisis de salud mental, las 24 horas.", "es"},
	{"Departamento de Justicia de Nuevo México", "nmdoj.gov", "SMART CHATS, y donde las familias pueden compartir sus experiencias.", "es"},
}

// Contacts returns the local contacts in order, and whether they are the
// kit's defaults (never edited, or reset).
func (s *Store) Contacts(ctx context.Context) ([]Contact, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, contactsEdited).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return append([]Contact(nil), NewMexicoContacts...), true, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store: unable to read the contacts: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT name, detail, note, lang FROM local_contacts ORDER BY position`)
	if err != nil {
		return nil, false, fmt.Errorf("store: unable to read the contacts: %w", err)
	}
	defer rows.Close()
	out := []Contact{}
	for rows.Next() {
		var c Contact
		if err := rows.Scan(&c.Name, &c.Detail, &c.Note, &c.Lang); err != nil {
			return nil, false, fmt.Errorf("store: unable to read the contacts: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("store: unable to read the contacts: %w", err)
	}
	return out, false, nil
}

// SetContacts replaces the whole list, in one transaction; an empty list
// is kept as empty (the facilitator wants none shown).
func (s *Store) SetContacts(ctx context.Context, list []Contact) error {
	if len(list) > MaxContacts {
		return fmt.Errorf("store: at most %d contacts, not %d", MaxContacts, len(list))
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM local_contacts`); err != nil {
			return fmt.Errorf("store: unable to replace the contacts: %w", err)
		}
		for i, c := range list {
			if _, err := tx.Exec(`INSERT INTO local_contacts (position, name, detail, note, lang) VALUES (?, ?, ?, ?, ?)`, i, c.Name, c.Detail, c.Note, c.Lang); err != nil {
				return fmt.Errorf("store: unable to replace the contacts: %w", err)
			}
		}
		if _, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO NOTHING`, contactsEdited); err != nil {
			return fmt.Errorf("store: unable to replace the contacts: %w", err)
		}
		return nil
	})
}

// ResetContacts goes back to the kit's defaults (NewMexicoContacts, as the
// kit that runs knows them).
func (s *Store) ResetContacts(ctx context.Context) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM local_contacts`); err != nil {
			return fmt.Errorf("store: unable to reset the contacts: %w", err)
		}
		if _, err := tx.Exec(`DELETE FROM meta WHERE key = ?`, contactsEdited); err != nil {
			return fmt.Errorf("store: unable to reset the contacts: %w", err)
		}
		return nil
	})
}
