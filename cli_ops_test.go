package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/store"
)

// TestHealthcheckAndBackup runs the two operator commands against a real kit
// on 127.0.0.1:0: healthcheck says ok, backup copies a database holding a
// session the kit just started, and both fail clearly when they should.
func TestHealthcheckAndBackup(t *testing.T) {
	dir := t.TempDir()
	a, err := app.New(app.Config{Addr: "127.0.0.1:0", DataDir: dir, HostKey: "healthcheck-test-key-0123456789", Version: "test",
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	go a.Serve()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		a.Shutdown(ctx)
	})

	var out, errb bytes.Buffer
	if code := run([]string{"healthcheck", "-url", a.BaseURL()}, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "ok test") {
		t.Fatalf("healthcheck of a running kit = %d, %q %q; want 0, ok test", code, out.String(), errb.String())
	}

	req, _ := http.NewRequest("POST", a.BaseURL()+"/api/sessions", strings.NewReader(`{"deck":"try.en"}`))
	req.Header.Set("Authorization", "Bearer healthcheck-test-key-0123456789")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("start a session: %v %v", resp, err)
	}
	resp.Body.Close()

	dest := filepath.Join(t.TempDir(), "backup.db")
	out.Reset()
	errb.Reset()
	if code := run([]string{"backup", "-data", dir, dest}, &out, &errb); code != 0 {
		t.Fatalf("backup = %d, %q", code, errb.String())
	}
	st, err := store.Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sessions, err := st.Sessions(context.Background(), false)
	if err != nil || len(sessions) != 1 || sessions[0].DeckID != "try.en" {
		t.Fatalf("the backup's sessions: %+v, %v; want the one try.en session", sessions, err)
	}
	if code := run([]string{"backup", "-data", dir, dest}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "already exists") {
		t.Errorf("backup over an existing file = %d, %q; want 1, already exists", code, errb.String())
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()
	errb.Reset()
	if code := run([]string{"healthcheck", "-url", closed, "-timeout", "1s"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "unreachable") {
		t.Errorf("healthcheck of nothing = %d, %q; want 1, unreachable", code, errb.String())
	}
}
