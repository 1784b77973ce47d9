package errcode

// The catalogue. Each code is listed with its surfaces in docs/API.md
// (HTTP) and docs/PROTOCOL.md (Socket, Upgrade), and has err.<code> in both
// languages of embed/web/i18n.json; catalogue_test.go checks all three, and
// that each entry is sent from somewhere. A code nothing sends is removed.
var (
	BadRequest  = def("bad_request", 400, HTTP, "The request is not valid.")
	BadJSON     = def("bad_json", 400, HTTP, "The request body is not the JSON this route takes.")
	BadSlide    = def("bad_slide", 400, HTTP|Socket, "There is no such slide.")
	BadURL      = def("bad_url", 400, HTTP, "That address is not one of this laptop's: pick one from GET /api/network.")
	BadMessage  = def("bad_message", 400, Socket, "The message is not a JSON object of this protocol.")
	UnknownType = def("unknown_type", 400, Socket, "No such message type.")
	BadNick     = def("bad_nick", 400, Socket, "A nickname has at most 24 characters and no control characters.")
	BadChoice   = def("bad_choice", 400, Socket, "That choice is not valid for this question.")
	BadText     = def("bad_text", 400, Socket, "That text cannot be taken: it is empty, too long, or holds invisible or direction-control characters.")

	Unauthorized    = def("unauthorized", 401, HTTP|Upgrade, "This needs the host key: open the presenter URL printed by the kit, or send Authorization: Bearer KEY.")
	ForbiddenOrigin = def("forbidden_origin", 403, HTTP|Upgrade, "This page may not be used from another site.")
	ReadOnly        = def("read_only", 403, HTTP, "Built-in decks can't be changed: make a copy to edit it.")
	NotFound        = def("not_found", 404, HTTP|Upgrade|Socket, "There is nothing here.")
	BadToken        = def("bad_token", 404, Socket, "No participant has this resume token here.")
	Timeout         = def("timeout", 408, HTTP, "The request took too long.")

	SessionRunning = def("session_running", 409, HTTP, "End the session before deleting it.")
	SessionEnded   = def("session_ended", 409, HTTP|Socket, "The session is over.")
	SessionFull    = def("session_full", 409, Socket, "This session has as many participants as it can take.")
	RoomLocked     = def("room_locked", 409, Socket, "The presenter has locked this room: no one new can join.")
	NotJoined      = def("not_joined", 409, Socket, "Join or resume first.")
	AlreadyJoined  = def("already_joined", 409, Socket, "This connection has already joined.")
	WrongSlide     = def("wrong_slide", 409, Socket, "That slide is not the one showing.")
	QuestionClosed = def("question_closed", 409, Socket, "This question is closed.")
	QAClosed       = def("qa_closed", 409, Socket, "The Q&A is closed: the presenter opens it.")
	Replaced       = def("replaced", 409, Socket, "This participant has continued on another connection.")

	TooLarge        = def("too_large", 413, HTTP|Socket, "The request is too large.")
	InvalidDeck     = def("invalid_deck", 422, HTTP, "The deck has errors; nothing was saved.")
	BadContacts     = def("bad_contacts", 422, HTTP, "The local contacts are not valid; nothing was saved.")
	ImportFailed    = def("import_failed", 422, HTTP, "The file could not be imported.")
	UpgradeRequired = def("upgrade_required", 426, Upgrade, "This is a WebSocket endpoint: see PROTOCOL.md.")
	RateLimited     = def("rate_limited", 429, Socket, "Too many messages; slow down.")
	TooManyGuesses  = def("too_many_guesses", 429, HTTP|Upgrade, "Too many unknown room codes from this address; wait and try again.")
	TooManyJoins    = def("too_many_joins", 429, Socket, "Too many joins from this address just now; wait a moment and join again.")

	Internal           = def("internal", 500, HTTP|Socket|Upgrade, "Something went wrong inside the kit; it has been logged.")
	StorageUnavailable = def("storage_unavailable", 503, HTTP|Socket, "The database could not be written, so nothing was saved; try again in a moment.")
	ShuttingDown       = def("shutting_down", 503, HTTP|Socket, "The kit is stopping; try again in a moment.")

	// StaleSlide refuses a host command made on a slide that is no longer
	// showing, so key presses queued during a stall do not replay.
	// RemoteKey refuses a phone remote's key once its session ended or the
	// presenter switched the remote off (or a key that never was one).
	RemoteKey = def("remote_key", 401, HTTP|Upgrade|Socket, "This phone remote no longer works: the session ended or the presenter switched it off. Scan a new QR on the presenter view.")
	// RemoteForbidden refuses, on a phone remote's socket, what only the
	// presenter's laptop may do (end, lock, remove).
	RemoteForbidden = def("remote_forbidden", 403, Socket, "A phone remote moves slides and reveals answers; the rest is done on the presenter's laptop.")

	StaleSlide = def("stale_slide", 409, HTTP|Socket, "That command was made on a slide that is no longer showing; nothing changed.")

	// Self-paced sessions (each phone moves on its own): the presenter's
	// slide commands, Q&A and reactions are refused in one; a phone's go
	// is refused in a live one; game mode and self-paced do not combine;
	// a closing time must be in the future and at most 30 days away.
	SelfPaced    = def("self_paced", 409, HTTP|Socket, "This session is self-paced: each phone moves through the deck on its own, so the slides are not moved from here, and Q&A and reactions are off.")
	NotSelfPaced = def("not_self_paced", 409, Socket, "Only in a self-paced session does a phone move on its own; here the presenter moves the slides.")
	ModeConflict = def("mode_conflict", 400, HTTP, "Game mode and a self-paced session do not combine: choose one.")
	BadClosesAt  = def("bad_closes_at", 400, HTTP, "The closing time must be in the future and at most 30 days away.")
)
