package handlers

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/store"
)

// apiError is an error with an HTTP status and a stable code (API.md).
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func errorf(status int, code, msg string) *apiError { return &apiError{status, code, msg} }

var (
	errUnauthorized = errorf(401, "unauthorized", "This needs the host key: open the presenter URL printed by the kit, or send Authorization: Bearer KEY.")
	errNotFound     = errorf(404, "not_found", "There is nothing here.")
	errNoSession    = errorf(404, "not_found", "No session has this id.")
	errOrigin       = errorf(403, "forbidden_origin", "This page may not be used from another site.")
)

// liveStatus maps a session's refusal to an HTTP status.
var liveStatus = map[string]int{
	"session_ended":       http.StatusConflict,
	"bad_slide":           http.StatusBadRequest,
	"storage_unavailable": http.StatusServiceUnavailable,
	"shutting_down":       http.StatusServiceUnavailable,
}

// fromError turns any error into an apiError.
func fromError(err error) *apiError {
	var ae *apiError
	var le *live.Error
	var fe *fiber.Error
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &le):
		status, ok := liveStatus[le.Code]
		if !ok {
			status = http.StatusBadRequest
		}
		return errorf(status, le.Code, le.Message)
	case errors.Is(err, store.ErrNotFound):
		return errNotFound
	case errors.As(err, &fe):
		switch fe.Code {
		case 404:
			return errNotFound
		case 405:
			return errorf(405, "method_not_allowed", "This route does not take that method.")
		case 413:
			return errorf(413, "too_large", "The request is too large.")
		case 408:
			return errorf(408, "timeout", "The request took too long.")
		}
		if fe.Code < 500 {
			return errorf(fe.Code, "bad_request", fe.Message)
		}
	}
	return errorf(500, "internal", "Something went wrong inside the kit; it has been logged.")
}

// errorHandler renders every error as {"error":{"code","message"}}.
func (h *handler) errorHandler(c *fiber.Ctx, err error) error {
	ae := fromError(err)
	if ae.Status >= 500 && ae.Code == "internal" {
		h.Log.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
	}
	return c.Status(ae.Status).JSON(fiber.Map{"error": fiber.Map{"code": ae.Code, "message": ae.Message}})
}
