package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/live"
)

// The presenter's hold on the room: lock it, list and remove participants.
// Only a running session has a room; an ended one answers session_ended.

// running returns the running session of the route's id.
func (h *handler) running(c *fiber.Ctx) (*live.Session, error) {
	if s := h.Live.Get(c.Params("id")); s != nil {
		return s, nil
	}
	ctx, cancel := requestContext()
	defer cancel()
	if _, err := h.Store.Session(ctx, c.Params("id")); err != nil {
		return nil, notFoundAs(err, errNoSession)
	}
	return nil, live.ErrEnded
}

func (h *handler) sessionLock(locked bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		s, err := h.running(c)
		if err != nil {
			return err
		}
		snap, err := s.Lock(locked)
		if err != nil {
			return err
		}
		return c.JSON(snap)
	}
}

func (h *handler) participantList(c *fiber.Ctx) error {
	s, err := h.running(c)
	if err != nil {
		return err
	}
	list, err := s.Participants()
	if err != nil {
		return err
	}
	return c.JSON(list)
}

// participantRemove removes one participant; ?answers=delete takes their
// answers too.
func (h *handler) participantRemove(c *fiber.Ctx) error {
	s, err := h.running(c)
	if err != nil {
		return err
	}
	ctx, cancel := requestContext()
	defer cancel()
	snap, err := s.Remove(ctx, c.Params("pid"), c.Query("answers") == "delete")
	if err != nil {
		return err
	}
	return c.JSON(snap)
}
