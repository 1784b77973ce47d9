package live

import "fmt"

// Error is a refusal with a stable code from PROTOCOL.md; the code is what
// clients act on, the message is for people reading logs.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

func newError(code, msg string) *Error { return &Error{Code: code, Message: msg} }

// The refusals a session gives.
var (
	ErrEnded        = newError("session_ended", "The session is over.")
	ErrShuttingDown = newError("shutting_down", "The kit is stopping; try again in a moment.")
	ErrReplaced     = newError("replaced", "This participant has continued on another connection.")
	ErrBadToken     = newError("bad_token", "No participant has this resume token here.")
	ErrWrongSlide   = newError("wrong_slide", "That slide is not the one showing.")
	ErrClosed       = newError("question_closed", "This question is closed.")
	ErrStorage      = newError("storage_unavailable", "The answer could not be saved; send it again.")
	ErrBadSlide     = newError("bad_slide", "There is no such slide.")
	ErrFull         = newError("session_full", "This session has as many participants as it can take.")
	ErrBadNick      = newError("bad_nick", "A nickname has at most 24 characters and no control characters.")
)

func badChoice(err error) *Error { return newError("bad_choice", err.Error()) }
