// Package errcode is the one catalogue of the kit's errors: every refusal an
// HTTP route or a live socket gives has a stable code, the HTTP status it
// takes and an English message, listed once in catalogue.go. The pages show
// their own text for each code (embed/web/i18n.json, keys err.<code>); the
// message here is for scripts and logs.
package errcode

// Surface says where a code can reach a client, and so which document
// lists it.
type Surface uint8

const (
	// HTTP: an error response of an HTTP route (docs/API.md).
	HTTP Surface = 1 << iota
	// Socket: an "error" message on an open WebSocket (docs/PROTOCOL.md).
	Socket
	// Upgrade: the HTTP refusal of a WebSocket upgrade (docs/PROTOCOL.md,
	// Endpoints).
	Upgrade
)

// Error is a refusal: a catalogue entry, or a copy of one with a more
// precise message or extra fields. Compare with errors.Is against the
// entry; copies match it by code.
type Error struct {
	Code    string
	Status  int // the HTTP status; for a socket-only code, what a route would answer
	Message string
	// Fields are more top-level members of an HTTP error body, beside
	// "error" (e.g. the linter's "problems" with invalid_deck).
	Fields map[string]any
	On     Surface
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Is makes a copy made by With or WithFields match its catalogue entry.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// With is the same refusal with a more precise message (a detail the
// catalogue cannot know, such as a validator's or Fiber's own words).
func (e *Error) With(msg string) *Error {
	c := *e
	c.Message = msg
	return &c
}

// WithFields is the same refusal carrying more top-level body fields.
func (e *Error) WithFields(f map[string]any) *Error {
	c := *e
	c.Fields = f
	return &c
}

var (
	all    []*Error
	byCode = map[string]*Error{}
)

// def adds an entry to the catalogue.
func def(code string, status int, on Surface, msg string) *Error {
	if _, dup := byCode[code]; dup {
		panic("errcode: " + code + " is catalogued twice")
	}
	e := &Error{Code: code, Status: status, Message: msg, On: on}
	all = append(all, e)
	byCode[code] = e
	return e
}

// Lookup returns the catalogue entry for a code.
func Lookup(code string) (*Error, bool) {
	e, ok := byCode[code]
	return e, ok
}

// All lists every entry, in catalogue order.
func All() []*Error { return append([]*Error(nil), all...) }
