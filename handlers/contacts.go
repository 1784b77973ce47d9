package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/freetext"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

// The facilitator's local contacts (API.md, Local contacts): shown on a
// deck's resources slide and behind every phone's "Need help?".

type contactsBody struct {
	Contacts []store.Contact `json:"contacts"`
	// Defaults: these are the kit's New Mexico contacts, never edited (or
	// reset); the first save replaces them.
	Defaults bool `json:"defaults"`
}

func (h *handler) contactsGet(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	list, def, err := h.Store.Contacts(ctx)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(contactsBody{Contacts: list, Defaults: def})
}

// localContacts are the contacts every phone's help data carries: read
// from the store once, then kept until a save or reset drops them, so a
// room of phones joining does not query them once each. The read holds the
// lock, so a save that drops the list after writing always comes after it.
func (h *handler) localContacts(ctx context.Context) ([]store.Contact, error) {
	h.contacts.Lock()
	defer h.contacts.Unlock()
	if !h.contacts.read {
		list, _, err := h.Store.Contacts(ctx)
		if err != nil {
			return nil, err
		}
		h.contacts.list, h.contacts.read = list, true
	}
	return h.contacts.list, nil
}

// dropContacts makes the next help data read the contacts again.
func (h *handler) dropContacts() {
	h.contacts.Lock()
	h.contacts.read = false
	h.contacts.Unlock()
}

// contactsPut replaces the whole list with {"contacts": [...]}.
func (h *handler) contactsPut(c *fiber.Ctx) error {
	var in struct {
		Contacts *[]store.Contact `json:"contacts"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.Contacts == nil {
		return errcode.BadContacts.With(`The body needs "contacts": a list, empty to show none.`)
	}
	list, err := checkContacts(*in.Contacts)
	if err != nil {
		return err
	}
	ctx, cancel := requestContext()
	defer cancel()
	if err := h.Store.SetContacts(ctx, list); err != nil {
		return err
	}
	h.dropContacts()
	return h.contactsGet(c)
}

// contactsReset goes back to the kit's New Mexico contacts.
func (h *handler) contactsReset(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	if err := h.Store.ResetContacts(ctx); err != nil {
		return err
	}
	h.dropContacts()
	return h.contactsGet(c)
}

// checkContacts normalizes each field as typed text is (freetext) and
// refuses the list, naming the contact and field, when one is empty, too
// long or holds invisible characters, or a language is not en, es or both.
func checkContacts(list []store.Contact) ([]store.Contact, error) {
	if len(list) > store.MaxContacts {
		return nil, errcode.BadContacts.With(fmt.Sprintf("At most %d contacts; this list has %d.", store.MaxContacts, len(list)))
	}
	out := make([]store.Contact, len(list))
	for i, ct := range list {
		bad := func(field, why string) error {
			return errcode.BadContacts.With(fmt.Sprintf("Contact %d: the %s %s.", i+1, field, why)).
				WithFields(fiber.Map{"contact": i, "field": field})
		}
		for _, f := range []struct {
			name     string
			v        *string
			max      int
			optional bool
		}{
			{"name", &ct.Name, quizzes.MaxHelpNameRunes, false},
			{"detail", &ct.Detail, quizzes.MaxHelpDetailRune, false},
			{"note", &ct.Note, quizzes.MaxHelpNoteRunes, true},
		} {
			v, err := freetext.Normalize(*f.v, f.max, false)
			switch {
			case errors.Is(err, freetext.ErrEmpty) && f.optional:
				v = ""
			case errors.Is(err, freetext.ErrEmpty):
				return nil, bad(f.name, "is empty")
			case errors.Is(err, freetext.ErrTooLong):
				return nil, bad(f.name, fmt.Sprintf("is longer than %d characters", f.max))
			case err != nil:
				return nil, bad(f.name, "holds line breaks, invisible or direction-control characters")
			}
			*f.v = v
		}
		switch ct.Lang {
		case "en", "es", "both":
		case "":
			ct.Lang = "both"
		default:
			return nil, bad("lang", `must be "en", "es" or "both"`)
		}
		out[i] = ct
	}
	return out, nil
}
