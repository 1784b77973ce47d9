package main

import (
	"bytes"
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/store"
)

// TestHealthcheckAndBackup runs the two operator commands against a real kit
// on 127.0.0.1:0: healthcheck says ok, backup copies a database holding a
// session the kit just started, and both fail clearly when they should.
func TestHealthcheckAndBackup(t *testing.T) {
	dir := t.TempDir()
	k := kittest.Start(t, kittest.Options{Dir: dir})

	var out, errb bytes.Buffer
	if code := run([]string{"healthcheck", "-url", k.Base}, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "ok test") {
		t.Fatalf("healthcheck of a running kit = %d, %q %q; want 0, ok test", code, out.String(), errb.String())
	}

	k.StartSession("try.en")

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
