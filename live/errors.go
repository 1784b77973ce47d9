package live

import "github.com/roundtable-kit/roundtable/errcode"

// Error is a refusal with a stable code from the one catalogue (errcode);
// the code is what clients act on, the message is for people reading logs.
type Error = errcode.Error

// The refusals a session gives.
var (
	ErrEnded        = errcode.SessionEnded
	ErrShuttingDown = errcode.ShuttingDown
	ErrReplaced     = errcode.Replaced
	ErrBadToken     = errcode.BadToken
	ErrWrongSlide   = errcode.WrongSlide
	ErrClosed       = errcode.QuestionClosed
	ErrStorage      = errcode.StorageUnavailable
	ErrBadSlide     = errcode.BadSlide
	ErrFull         = errcode.SessionFull
	ErrBadNick      = errcode.BadNick
	ErrLocked       = errcode.RoomLocked
)

// badChoice keeps the validator's words: they say what was wrong.
func badChoice(err error) *Error { return errcode.BadChoice.With(err.Error()) }
