package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReleaseArchiveRuns builds this machine's archive twice, checks the two
// builds are byte for byte the same, then unpacks one and runs the binary on
// a fresh data folder: it reports its version and commit, serves /healthz,
// passes its own healthcheck and stops cleanly on SIGTERM.
func TestReleaseArchiveRuns(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the archive test runs the tar.gz targets")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git: release builds are stamped from git")
	}
	target := runtime.GOOS + "/" + runtime.GOARCH
	// One commit for both builds, even if the checkout moves meanwhile.
	head, err := git("rev-parse", "HEAD")
	if err != nil {
		t.Skip("no commit to build:", err)
	}
	var sums [2][]byte
	var dirs [2]string
	for i := range 2 {
		dirs[i] = t.TempDir()
		var out, errb bytes.Buffer
		if code := run([]string{"-targets", target, "-out", dirs[i], "-version", "v0.0.0-test", "-ref", head}, &out, &errb); code != 0 {
			t.Fatalf("release run %d = %d: %s", i, code, errb.String())
		}
		b, err := os.ReadFile(filepath.Join(dirs[i], "SHA256SUMS"))
		if err != nil {
			t.Fatal(err)
		}
		sums[i] = b
	}
	if !bytes.Equal(sums[0], sums[1]) {
		t.Fatalf("two builds of one commit differ:\n%s\n%s", sums[0], sums[1])
	}
	name := "roundtable_v0.0.0-test_" + runtime.GOOS + "_" + runtime.GOARCH + ".tar.gz"
	if !bytes.Contains(sums[0], []byte("  "+name+"\n")) {
		t.Fatalf("SHA256SUMS does not list %s:\n%s", name, sums[0])
	}

	bin := unpack(t, filepath.Join(dirs[0], name), map[string]bool{"README.md": true, "LICENSE": true})
	v, err := exec.Command(bin, "-version").Output()
	if err != nil || !regexp.MustCompile(`^roundtable v0\.0\.0-test \([0-9a-f]{12}(-dirty)?\)\n$`).Match(v) {
		t.Fatalf("-version printed %q, %v; want the version and the commit", v, err)
	}

	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-data", t.TempDir(), "-no-open", "-host-key", "release-test-key-0123456789")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	found := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(stdout)
		for lines.Scan() {
			if m := regexp.MustCompile(`Presenter \(this laptop\):\s+(http://(?:localhost|127\.0\.0\.1):\d+)/`).FindStringSubmatch(lines.Text()); m != nil {
				found <- m[1]
				break
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	var base string
	select {
	case base = <-found:
	case <-time.After(30 * time.Second):
		t.Fatal("the binary printed no presenter address within 30 s")
	}
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"status":"ok"`) {
		t.Fatalf("/healthz = %d %s", resp.StatusCode, body)
	}
	if out, err := exec.Command(bin, "healthcheck", "-url", base).CombinedOutput(); err != nil {
		t.Fatalf("healthcheck: %v %s", err, out)
	}
	stop(t, cmd, syscall.SIGTERM)

	// Closing a macOS Terminal window sends SIGHUP: the same clean stop.
	hup := exec.Command(bin, "-addr", "127.0.0.1:0", "-data", t.TempDir(), "-no-open", "-host-key", "release-test-key-0123456789")
	window := filepath.Join(t.TempDir(), "window.txt") // the process writes it, the test reads it
	f, err := os.Create(window)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hup.Stdout = f
	if err := hup.Start(); err != nil {
		t.Fatal(err)
	}
	defer hup.Process.Kill()
	said := func() string { b, _ := os.ReadFile(window); return string(b) }
	for i := 0; i < 500 && !strings.Contains(said(), "To stop: close this window"); i++ {
		time.Sleep(20 * time.Millisecond)
	}
	stop(t, hup, syscall.SIGHUP)
	if !strings.Contains(said(), "Stopped. Every answer is saved.") {
		t.Errorf("after SIGHUP the window said:\n%s\nwant it to say every answer is saved", said())
	}
}

// stop signals the kit and waits for a clean exit (status 0) within 10 s.
func stop(t *testing.T, cmd *exec.Cmd, sig os.Signal) {
	t.Helper()
	cmd.Process.Signal(sig)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("stopping on %v: %v", sig, err)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the binary did not stop within 10 s of %v", sig)
	}
}

// unpack extracts a release tar.gz, checks it holds the binary and the
// wanted documents in one folder, and returns the binary's path.
func unpack(t *testing.T, archive string, docs map[string]bool) string {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	dir := t.TempDir()
	var bin string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(h.Name)
		if filepath.Dir(h.Name) != strings.TrimSuffix(filepath.Base(archive), ".tar.gz") {
			t.Errorf("%s is not in the archive's one folder", h.Name)
		}
		delete(docs, base)
		p := filepath.Join(dir, base)
		b, _ := io.ReadAll(tr)
		if err := os.WriteFile(p, b, os.FileMode(h.Mode)); err != nil {
			t.Fatal(err)
		}
		if base == "roundtable" {
			if h.Mode&0o111 == 0 {
				t.Errorf("the binary's mode %o is not executable", h.Mode)
			}
			bin = p
		}
	}
	if bin == "" || len(docs) > 0 {
		t.Fatalf("the archive lacks the binary or %v", docs)
	}
	return bin
}
