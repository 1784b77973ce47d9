package desktop

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestDataDir(t *testing.T) {
	tests := []struct {
		goos    string
		env     map[string]string
		want    string
		wantErr bool
	}{
		{"linux", map[string]string{"XDG_DATA_HOME": "/data/xdg", "HOME": "/home/ana"}, "/data/xdg/roundtable", false},
		{"linux", map[string]string{"HOME": "/home/ana"}, "/home/ana/.local/share/roundtable", false},
		{"linux", map[string]string{"XDG_DATA_HOME": "rel/dir", "HOME": "/home/ana"}, "/home/ana/.local/share/roundtable", false},
		{"freebsd", map[string]string{"HOME": "/home/ana"}, "/home/ana/.local/share/roundtable", false},
		{"linux", map[string]string{}, "", true},
		{"darwin", map[string]string{"HOME": "/Users/ana", "XDG_DATA_HOME": "/data/xdg"}, "/Users/ana/Library/Application Support/Roundtable", false},
		{"darwin", map[string]string{}, "", true},
		{"windows", map[string]string{"LocalAppData": `C:\Users\ana\AppData\Local`}, filepath.Join(`C:\Users\ana\AppData\Local`, "Roundtable"), false},
		{"windows", map[string]string{"HOME": "/home/ana"}, "", true},
	}
	for _, tt := range tests {
		got, err := dataDir(tt.goos, env(tt.env))
		if (err != nil) != tt.wantErr {
			t.Errorf("%s %v: got error %v, want error %v", tt.goos, tt.env, err, tt.wantErr)
		}
		if got != tt.want {
			t.Errorf("%s %v: got %q, want %q", tt.goos, tt.env, got, tt.want)
		}
	}
}

// TestDataDirEnv runs the exported function against this machine's OS with
// the environment overridden.
func TestDataDirEnv(t *testing.T) {
	base := t.TempDir()
	t.Setenv("HOME", base)
	t.Setenv("XDG_DATA_HOME", filepath.Join(base, "xdg"))
	t.Setenv("LocalAppData", filepath.Join(base, "local"))
	want := map[string]string{
		"darwin":  filepath.Join(base, "Library", "Application Support", "Roundtable"),
		"windows": filepath.Join(base, "local", "Roundtable"),
	}[runtime.GOOS]
	if want == "" {
		want = filepath.Join(base, "xdg", "roundtable")
	}
	got, err := DataDir()
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCanOpenBrowser(t *testing.T) {
	found := func(string) (string, error) { return "/usr/bin/xdg-open", nil }
	missing := func(string) (string, error) { return "", errors.New("not found") }
	tests := []struct {
		name string
		goos string
		env  map[string]string
		look func(string) (string, error)
		want bool
	}{
		{"X11", "linux", map[string]string{"DISPLAY": ":0"}, found, true},
		{"Wayland", "linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, found, true},
		{"SSH session", "linux", map[string]string{}, found, false},
		{"no xdg-open", "linux", map[string]string{"DISPLAY": ":0"}, missing, false},
		{"BSD desktop", "openbsd", map[string]string{"DISPLAY": ":0"}, found, true},
		{"macOS", "darwin", map[string]string{}, missing, true},
		{"Windows", "windows", map[string]string{}, missing, true},
	}
	for _, tt := range tests {
		if got := canOpenBrowser(tt.goos, env(tt.env), tt.look); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestBrowserCommand(t *testing.T) {
	const url = "http://192.168.1.23:8080/?a=1&b=2"
	tests := []struct {
		goos, url, want string
		wantErr         bool
	}{
		{"linux", url, "xdg-open " + url, false},
		{"darwin", url, "open " + url, false},
		{"windows", url, "rundll32 url.dll,FileProtocolHandler " + url, false},
		{"linux", "https://example.org/", "xdg-open https://example.org/", false},
		{"linux", "--help", "", true},
		{"windows", `C:\Windows\System32\calc.exe`, "", true},
		{"darwin", "file:///etc/passwd", "", true},
	}
	for _, tt := range tests {
		name, args, err := browserCommand(tt.goos, tt.url)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s %q: got error %v, want error %v", tt.goos, tt.url, err, tt.wantErr)
		}
		got := strings.TrimSpace(name + " " + strings.Join(args, " "))
		if got != tt.want {
			t.Errorf("%s %q: got %q, want %q", tt.goos, tt.url, got, tt.want)
		}
	}
}

// TestOpenBrowser puts a fake xdg-open first on $PATH and checks that it
// receives the URL as one untouched argument: no shell ran in between.
func TestOpenBrowser(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("the fake opener is a shell script named xdg-open")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "args")
	script := "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$1\" > " + out + ".tmp && mv " + out + ".tmp " + out + "\necho noise; echo noise >&2\n"
	if err := os.WriteFile(filepath.Join(dir, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))

	url := "http://192.168.1.23:8080/?q=$(touch pwned)&x=`id`;echo hi"
	if err := OpenBrowser(url); err != nil {
		t.Fatal(err)
	}
	var got []byte
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if b, err := os.ReadFile(out); err == nil {
			got = b
			break
		}
	}
	if want := "1\n" + url + "\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := OpenBrowser("-x"); err == nil {
		t.Errorf("got nil error for %q, want one", "-x")
	}
}
