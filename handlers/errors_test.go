package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/store"
)

// renderHTTP returns what the error handler sends for err.
func renderHTTP(t *testing.T, err error) (int, map[string]json.RawMessage, string) {
	t.Helper()
	var logs bytes.Buffer
	h := &handler{Deps: Deps{Log: slog.New(slog.NewTextHandler(&logs, nil))}}
	app := fiber.New(fiber.Config{ErrorHandler: h.errorHandler})
	app.Get("/", func(*fiber.Ctx) error { return err })
	res, e := app.Test(httptest.NewRequest("GET", "/", nil), -1)
	if e != nil {
		t.Fatal(e)
	}
	raw, _ := io.ReadAll(res.Body)
	var body map[string]json.RawMessage
	if e := json.Unmarshal(raw, &body); e != nil {
		t.Fatalf("%v: body %s is not JSON: %v", err, raw, e)
	}
	return res.StatusCode, body, logs.String()
}

func errorOf(t *testing.T, body map[string]json.RawMessage) (code, msg string) {
	t.Helper()
	var e struct{ Code, Message string }
	if err := json.Unmarshal(body["error"], &e); err != nil || e.Code == "" || e.Message == "" {
		t.Fatalf("got error %s, want {code, message}", body["error"])
	}
	return e.Code, e.Message
}

// Every catalogue entry is sent over HTTP with its own status; live's
// refusals are the same values.
func TestEveryCodeRendersWithItsStatus(t *testing.T) {
	for _, e := range errcode.All() {
		st, body, _ := renderHTTP(t, e)
		code, msg := errorOf(t, body)
		if st != e.Status || code != e.Code || msg != e.Message || len(body) != 1 {
			t.Errorf("%s: got %d %s %q (%d fields), want %d with the catalogue's message only", e.Code, st, code, msg, len(body), e.Status)
		}
	}
	for err, want := range map[*live.Error]int{live.ErrEnded: 409, live.ErrBadSlide: 400, live.ErrStorage: 503,
		live.ErrShuttingDown: 503, live.ErrFull: 409, live.ErrReplaced: 409, live.ErrClosed: 409} {
		if st, _, _ := renderHTTP(t, fmt.Errorf("wrapped: %w", err)); st != want {
			t.Errorf("%s: got %d, want %d", err.Code, st, want)
		}
	}
}

func TestErrorsFromElsewhereTakeACode(t *testing.T) {
	for _, c := range []struct {
		err     error
		status  int
		code    string
		message string
		logged  bool
	}{
		{fmt.Errorf("get: %w", store.ErrNotFound), 404, "not_found", errcode.NotFound.Message, false},
		{fiber.ErrNotFound, 404, "not_found", errcode.NotFound.Message, false},
		{fiber.ErrRequestEntityTooLarge, 413, "too_large", errOverMaxBody.Message, false},
		{fiber.ErrRequestTimeout, 408, "timeout", errcode.Timeout.Message, false},
		{fiber.ErrUpgradeRequired, 426, "upgrade_required", errcode.UpgradeRequired.Message, false},
		{fiber.NewError(400, "Fiber's own words"), 400, "bad_request", "Fiber's own words", false},
		{fiber.ErrRequestHeaderFieldsTooLarge, 400, "bad_request", fiber.ErrRequestHeaderFieldsTooLarge.Message, false},
		{errors.New("disk on fire"), 500, "internal", errcode.Internal.Message, true},
		{fiber.ErrBadGateway, 500, "internal", errcode.Internal.Message, true},
	} {
		st, body, logs := renderHTTP(t, c.err)
		code, msg := errorOf(t, body)
		if st != c.status || code != c.code || msg != c.message {
			t.Errorf("%v: got %d %s %q, want %d %s %q", c.err, st, code, msg, c.status, c.code, c.message)
		}
		if got := logs != ""; got != c.logged {
			t.Errorf("%v: logged %v (%q), want %v", c.err, got, logs, c.logged)
		}
	}
}

// An error can carry more body fields (invalid_deck's problems) but not
// replace "error".
func TestErrorFieldsGoBesideTheError(t *testing.T) {
	err := errcode.InvalidDeck.WithFields(fiber.Map{"problems": []int{3}, "source": "# x", "error": "shadow"})
	st, body, _ := renderHTTP(t, err)
	code, _ := errorOf(t, body)
	if st != 422 || code != "invalid_deck" || string(body["problems"]) != "[3]" || string(body["source"]) != `"# x"` {
		t.Errorf("got %d %s %v, want 422 invalid_deck with problems and source", st, code, body)
	}
	if len(errcode.InvalidDeck.Fields) != 0 {
		t.Error("WithFields changed the catalogue entry")
	}
}

// The socket's error message is built from the same value.
func TestSocketErrorsComeFromTheCatalogue(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	ref := int64(7)
	got := wsError(log, fmt.Errorf("answer: %w", live.ErrClosed), &ref)
	want := live.ErrorMsg{Type: "error", Code: "question_closed", Message: errcode.QuestionClosed.Message, Ref: &ref}
	if got.Type != want.Type || got.Code != want.Code || got.Message != want.Message || got.Ref != &ref {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if logs.Len() != 0 {
		t.Errorf("a refusal was logged: %s", logs.String())
	}
	got = wsError(log, errors.New("disk on fire"), nil)
	if got.Code != "internal" || got.Message != errcode.Internal.Message || got.Ref != nil || logs.Len() == 0 {
		t.Errorf("got %+v (logs %q), want internal, logged", got, logs.String())
	}
}
