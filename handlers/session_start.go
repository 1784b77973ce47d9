package handlers

import (
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/store"
)

func (h *handler) sessionStart(c *fiber.Ctx) error {
	var req struct {
		Deck string `json:"deck"`
		// Game mode and its speed bonus (API.md): off unless asked for.
		Game       bool `json:"game"`
		SpeedBonus bool `json:"speed_bonus"`
		Teams      int  `json:"teams"`
		// A self-paced session (API.md): each phone moves on its own,
		// until closes_at (RFC 3339) or until the presenter ends it.
		SelfPaced bool       `json:"self_paced"`
		ClosesAt  *time.Time `json:"closes_at"`
	}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Teams != 0 && (req.Teams < 2 || req.Teams > live.MaxTeams) {
		return errcode.BadJSON.With("teams is 2 to 8 (or 0 for none).")
	}
	if !req.Game {
		req.Teams = 0
	}
	if req.SelfPaced && req.Game {
		return errcode.ModeConflict
	}
	if req.ClosesAt != nil && !req.SelfPaced {
		return errcode.BadJSON.With("closes_at is for a self-paced session (self_paced: true).")
	}
	if c := req.ClosesAt; c != nil && (!c.After(time.Now()) || time.Until(*c) > live.MaxPaceWindow) {
		return errcode.BadClosesAt
	}
	ctx, cancel := requestContext()
	defer cancel()
	e, err := h.Decks.Get(ctx, req.Deck)
	if errors.Is(err, store.ErrNotFound) {
		return errcode.NotFound.With("No deck has this id: see GET /api/decks.")
	}
	if err != nil {
		return err
	}
	var s *live.Session
	if req.SelfPaced {
		s, err = h.Live.StartPaced(ctx, e.Deck, req.ClosesAt)
	} else {
		s, err = h.Live.StartWith(ctx, e.Deck, live.GameOptions{Game: req.Game, Speed: req.Game && req.SpeedBonus, Teams: req.Teams})
	}
	if errors.Is(err, live.ErrStopping) {
		return live.ErrShuttingDown
	}
	if errors.Is(err, errcode.BadClosesAt) {
		return errcode.BadClosesAt
	}
	if err != nil {
		h.Log.Error("unable to start a session", "err", err)
		return live.ErrStorage.With("The session could not be started: the database could not be written; try again in a moment.")
	}
	mode, closes := "live", (*time.Time)(nil)
	if paced, c := s.SelfPaced(); paced {
		mode, closes = "self-paced", c
	}
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{
		"id": s.ID, "code": s.Code, "join_url": s.Info().JoinURL, "presenter_url": "/host/s/" + s.ID,
		"game": req.Game, "speed_bonus": req.Game && req.SpeedBonus, "teams": req.Teams,
		"mode": mode, "closes_at": closes,
	})
}
