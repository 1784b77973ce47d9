package store

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestBackupWhileOpen copies a database that the kit holds open (a session
// and a participant committed, the writer still running) and checks that the
// copy opens on its own with the same rows, is private, and that a second
// backup to the same name is refused without touching the first.
func TestBackupWhileOpen(t *testing.T) {
	s, path := openTest(t)
	seed(t, s)
	ctx := context.Background()
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := Backup(ctx, path, dest); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(dest)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("backup mode %v, want 0600: it holds the results", fi.Mode().Perm())
		}
	}
	c, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got, err := c.Session(ctx, "s1")
	if err != nil || got.Code != "ABC234" {
		t.Fatalf("the copy's session s1: %+v, %v; want code ABC234", got, err)
	}
	parts, err := c.Participants(ctx, "s1")
	if err != nil || len(parts) != 1 || parts[0].Nick != "Calm Otter" {
		t.Fatalf("the copy's participants: %+v, %v; want Calm Otter", parts, err)
	}
	before, _ := os.ReadFile(dest)
	err = Backup(ctx, path, dest)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("a second backup to the same file: %v, want 'already exists'", err)
	}
	after, _ := os.ReadFile(dest)
	if string(before) != string(after) {
		t.Error("a refused backup changed the existing file")
	}
}

func TestBackupNoDatabase(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "copy.db")
	if err := Backup(context.Background(), filepath.Join(dir, "missing.db"), dest); err == nil {
		t.Fatal("backup of a missing database succeeded")
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("a failed backup left %s behind", dest)
	}
}
