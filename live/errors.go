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

// A storage refusal says what was refused: a phone told "the answer" after
// a join would look for an answer it never sent.
var (
	errJoinNotStored   = ErrStorage.With("The join could not be stored: the database could not be written; join again in a moment.")
	errAnswerNotStored = ErrStorage.With("The answer could not be saved: the database could not be written; it was not counted, send it again.")
	errEndNotStored    = ErrStorage.With("The end could not be stored: the database could not be written; end the session again.")
	errMoveNotStored   = ErrStorage.With("The move could not be stored: the database could not be written; you are still on the slide you were on, go on again in a moment.")
)

// badChoice keeps the validator's words: they say what was wrong.
func badChoice(err error) *Error { return errcode.BadChoice.With(err.Error()) }
