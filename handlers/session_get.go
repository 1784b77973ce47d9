package handlers

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/record"
	"github.com/roundtable-kit/roundtable/store"
)

// snapshot returns a session's state: from its goroutine while it runs,
// from the database once it is gone (ended before a restart).
func (h *handler) snapshot(ctx context.Context, id string) (live.Snapshot, error) {
	if s := h.Live.Get(id); s != nil {
		snap, err := s.Snapshot()
		if err == nil && s.Ended() {
			if rec, err := h.Store.Session(ctx, id); err == nil {
				snap.EndedAt = rec.EndedAt
			}
		}
		return snap, err
	}
	rec, err := h.Store.Session(ctx, id)
	if err != nil {
		return live.Snapshot{}, err
	}
	return h.storedSnapshot(ctx, rec)
}

func (h *handler) storedSnapshot(ctx context.Context, rec store.Session) (live.Snapshot, error) {
	total := rec.Slides
	if total == 0 { // a session stored before the slide count was kept
		if d, err := h.Parse(rec.DeckID, rec.DeckSource); err == nil {
			total = len(d.Slides)
		}
	}
	storage := "ok"
	if !h.Store.Healthy() {
		storage = "failing"
	}
	return live.Snapshot{
		SessionInfo: live.SessionInfo{ID: rec.ID, Code: rec.Code, Deck: rec.DeckID, Title: rec.DeckTitle, JoinURL: h.joinURL(rec.Code)},
		Phase:       rec.Phase, Index: rec.Slide, Total: total, Joined: rec.Participants, Answered: rec.Answered, Storage: storage,
		CreatedAt: rec.CreatedAt, EndedAt: rec.EndedAt, Mode: modeOf(rec), ClosesAt: rec.ClosesAt,
	}, nil
}

func (h *handler) sessionGet(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	snap, err := h.snapshot(ctx, c.Params("id"))
	if err != nil {
		return notFoundAs(err, errNoSession)
	}
	return c.JSON(snap)
}

func (h *handler) sessionList(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	recs, err := h.Store.Sessions(ctx, false)
	if err != nil {
		return err
	}
	out := make([]live.Snapshot, 0, len(recs))
	for _, rec := range recs {
		if s := h.Live.Get(rec.ID); s != nil {
			if snap, err := s.Snapshot(); err == nil {
				snap.EndedAt = rec.EndedAt
				out = append(out, snap)
				continue
			}
		}
		snap, err := h.storedSnapshot(ctx, rec)
		if err != nil {
			return err
		}
		out = append(out, snap)
	}
	return c.JSON(out)
}

func notFoundAs(err error, nf *errcode.Error) error {
	if fromError(err) == errNotFound {
		return nf
	}
	return err
}

// modeOf is a stored session's mode as snapshots carry it: "self-paced",
// or "" for a live one (sessions from before modes were kept were live).
func modeOf(rec store.Session) string {
	if rec.Mode == record.ModeSelfPaced {
		return rec.Mode
	}
	return ""
}
