package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
)

// sessionDelete deletes an ended session with every answer: the organizer's
// way to keep no data once the results are exported.
func (h *handler) sessionDelete(c *fiber.Ctx) error {
	id := c.Params("id")
	if s := h.Live.Get(id); s != nil && !s.Ended() {
		return errcode.SessionRunning
	}
	ctx, cancel := requestContext()
	defer cancel()
	if err := h.Store.DeleteSession(ctx, id); err != nil {
		return notFoundAs(err, errNoSession)
	}
	h.Live.Forget(id)
	// Deleted means gone from the file too: the WAL's old copies are wiped,
	// and the file rebuilt when no session is live (a VACUUM would stall
	// the acks of a live one).
	if err := h.Store.Scrub(ctx, len(h.Live.Sessions()) == 0); err != nil {
		h.Log.Error("a deleted session's old copies could not be wiped", "err", err)
		return errcode.StorageUnavailable.With("The session was deleted, but its old copies could not be wiped from the database file yet; " +
			"they are wiped at the next delete or when the kit stops.")
	}
	return c.SendStatus(fiber.StatusNoContent)
}
