package handlers

import (
	"errors"
	"log/slog"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/store"
)

// Refusals with this layer's wording; code and status come from errcode.
var (
	errUnauthorized = errcode.Unauthorized
	errNotFound     = errcode.NotFound
	errNoSession    = errcode.NotFound.With("No session has this id.")
	errNoDeck       = errcode.NotFound.With("No deck has this id.")
	errOrigin       = errcode.ForbiddenOrigin
	errUpgrade      = errcode.UpgradeRequired
	errOverMaxBody  = errcode.TooLarge.With("A request body is at most 8 MiB (an import); other routes take less, see API.md.")
)

// fromError turns any error into a catalogue entry (or a copy of one).
func fromError(err error) *errcode.Error {
	var ce *errcode.Error
	var fe *fiber.Error
	switch {
	case errors.As(err, &ce):
		return ce
	case errors.Is(err, store.ErrNotFound):
		return errNotFound
	case errors.As(err, &fe):
		switch fe.Code {
		case fiber.StatusNotFound:
			return errNotFound
		case fiber.StatusRequestEntityTooLarge: // over MaxBody, refused on its Content-Length
			return errOverMaxBody
		case fiber.StatusRequestTimeout:
			return errcode.Timeout
		case fiber.StatusUpgradeRequired: // a WebSocket handshake it could not take
			return errcode.UpgradeRequired
		}
		if fe.Code < 500 {
			return errcode.BadRequest.With(fe.Message)
		}
	}
	return errcode.Internal
}

// errorHandler renders every HTTP error as {"error":{"code","message"}},
// plus the fields the error carries.
func (h *handler) errorHandler(c *fiber.Ctx, err error) error {
	e := fromError(err)
	if errors.Is(e, errcode.Internal) {
		h.Log.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
	}
	body := make(fiber.Map, len(e.Fields)+1)
	for k, v := range e.Fields {
		body[k] = v
	}
	body["error"] = fiber.Map{"code": e.Code, "message": e.Message}
	return c.Status(e.Status).JSON(body)
}

// wsError is the same error as a protocol message (PROTOCOL.md, error).
// Anything that is not a catalogued refusal is internal, and logged here
// since the socket's message does not carry it.
func wsError(log *slog.Logger, err error, ref *int64) live.ErrorMsg {
	var e *errcode.Error
	if !errors.As(err, &e) {
		log.Error("socket request failed", "err", err)
		e = errcode.Internal
	}
	retry, _ := e.Fields["retry_after"].(int)
	return live.ErrorMsg{Type: "error", Code: e.Code, Message: e.Message, Ref: ref, RetryAfter: retry}
}
