package handlers

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
)

// sessionsDelete deletes every session with every answer, participant and
// Q&A: "delete everything". It is refused while a session runs, so that
// the file can be rebuilt (VACUUM) at once; decks and settings are kept.
func (h *handler) sessionsDelete(c *fiber.Ctx) error {
	for _, s := range h.Live.Sessions() {
		if !s.Ended() {
			return errcode.SessionRunning.With("End every session before deleting everything.")
		}
	}
	ctx, cancel := requestContext()
	defer cancel()
	ids, err := h.Store.DeleteSessions(ctx, time.Time{})
	if err != nil {
		return err
	}
	for _, id := range ids {
		h.Live.Forget(id)
	}
	if err := h.Store.Scrub(ctx, true); err != nil {
		h.Log.Error("deleted sessions' old copies could not be wiped", "err", err)
		return errcode.StorageUnavailable.With("The sessions were deleted, but their old copies could not be wiped from the database file yet; " +
			"they are wiped at the next delete or when the kit stops.")
	}
	return c.JSON(fiber.Map{"deleted": len(ids)})
}

// sessionPractice marks a session as practice (deck reports leave it out)
// or not: {"practice": true}.
func (h *handler) sessionPractice(c *fiber.Ctx) error {
	var body struct {
		Practice *bool `json:"practice"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	if body.Practice == nil {
		return errcode.BadRequest.With(`Send {"practice": true} or {"practice": false}.`)
	}
	ctx, cancel := requestContext()
	defer cancel()
	if err := h.Store.SetPractice(ctx, c.Params("id"), *body.Practice); err != nil {
		return notFoundAs(err, errNoSession)
	}
	return c.SendStatus(fiber.StatusNoContent)
}
