package handlers

import (
	"bytes"
	"context"
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/results"
	"github.com/roundtable-kit/roundtable/store"
)

// qaList answers a page of a session's Q&A questions:
// ?status=&sort=votes|newest&after=CURSOR&limit=50.
func (h *handler) qaList(c *fiber.Ctx) error {
	limit := 0
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			return errcode.BadRequest.With("limit is 1 to 200.")
		}
		limit = n
	}
	status, sort, after := c.Query("status"), c.Query("sort"), c.Query("after")
	if s := h.Live.Get(c.Params("id")); s != nil {
		page, err := s.QAList(status, sort, after, limit)
		if err != nil {
			return asHTTP(err, errcode.BadRequest)
		}
		return c.JSON(page)
	}
	ctx, cancel := requestContext()
	defer cancel()
	items, pinned, rec, err := h.storedQA(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	if sort == "" {
		sort = "votes"
		if rec.Steps.QA != nil && rec.Steps.QA.Sort != "" {
			sort = rec.Steps.QA.Sort
		}
	}
	page, err := live.PageQA(items, pinned, status, sort, after, limit)
	if err != nil {
		return asHTTP(err, errcode.BadRequest)
	}
	page.Mode = "queue"
	if rec.Steps.QA != nil && rec.Steps.QA.Mode != "" {
		page.Mode = rec.Steps.QA.Mode
	}
	return c.JSON(page)
}

// storedQA reads an ended session's questions from the store.
func (h *handler) storedQA(ctx context.Context, id string) ([]live.QAItem, string, store.Session, error) {
	rec, err := h.Store.Session(ctx, id)
	if err != nil {
		return nil, "", rec, notFoundAs(err, errNoSession)
	}
	rows, err := h.Store.QAQuestions(ctx, id)
	if err != nil {
		return nil, "", rec, err
	}
	items, pinned := live.QAItems(rows, rec.Steps)
	return items, pinned, rec, nil
}

// qaSet opens or closes the Q&A, and optionally sets its moderation mode
// and sort: {"open": bool, "mode": "queue|stream", "sort": "votes|newest"}.
func (h *handler) qaSet(c *fiber.Ctx) error {
	var req struct {
		Open *bool  `json:"open"`
		Mode string `json:"mode"`
		Sort string `json:"sort"`
	}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Open == nil && req.Mode == "" && req.Sort == "" {
		return errcode.BadJSON.With(`This route takes {"open": true|false}, and optionally "mode" and "sort".`)
	}
	s, err := h.runningSession(c)
	if err != nil {
		return err
	}
	if req.Mode != "" {
		if err := s.QAMode(req.Mode); err != nil {
			return asHTTP(err, errcode.BadJSON)
		}
	}
	if req.Sort != "" {
		if err := s.QASort(req.Sort); err != nil {
			return asHTTP(err, errcode.BadJSON)
		}
	}
	if req.Open != nil {
		if err := s.QAOpen(*req.Open); err != nil {
			return err
		}
	}
	page, err := s.QAList("", "", "", 0)
	if err != nil {
		return err
	}
	return c.JSON(page)
}

// qaModerate approves, hides, marks answered or pins one question:
// {"action": "approve|hide|answer|unanswer|pin|unpin"}.
func (h *handler) qaModerate(c *fiber.Ctx) error {
	var req struct {
		Action string `json:"action"`
	}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	s, err := h.runningSession(c)
	if err != nil {
		return err
	}
	ctx, cancel := requestContext()
	defer cancel()
	if err := s.QAModerate(ctx, c.Params("qid"), req.Action); err != nil {
		return asHTTP(err, errcode.BadJSON)
	}
	it, _ := s.QAItem(c.Params("qid"))
	return c.JSON(fiber.Map{"question": it})
}

// runningSession is the session of :id while it runs; an ended one
// answers session_ended, an unknown one not_found.
func (h *handler) runningSession(c *fiber.Ctx) (*live.Session, error) {
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

// qaCSV answers one row per question of the session, as a download.
func (h *handler) qaCSV(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	rec, err := h.Store.Session(ctx, c.Params("id"))
	if err != nil {
		return notFoundAs(err, errNoSession)
	}
	rows, err := h.Store.QAQuestions(ctx, rec.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := results.WriteQACSV(&buf, rec.ID, rec.Code, resultsQA(rows)); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Attachment("roundtable-" + rec.Code + "-" + rec.CreatedAt.Format("2006-01-02") + "-qa.csv")
	return c.Send(buf.Bytes())
}

// resultsQA is the one place stored questions become results' input.
func resultsQA(rows []store.QAQuestion) []results.QAQuestion {
	out := make([]results.QAQuestion, len(rows))
	for i, r := range rows {
		out[i] = results.QAQuestion{ID: r.ID, Text: r.Text, Status: r.Status, Votes: r.Votes, Answered: r.Answered, AskedAt: r.CreatedAt}
	}
	return out
}

// asHTTP turns live's bad_message (a socket code) into the route's own
// refusal, keeping its words.
func asHTTP(err error, as *errcode.Error) error {
	var e *errcode.Error
	if errors.As(err, &e) && e.Code == errcode.BadMessage.Code {
		return as.With(e.Message)
	}
	return err
}
