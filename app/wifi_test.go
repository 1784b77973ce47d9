package app_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/handlers"
	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// TestWifiQR: the lobby's Wi-Fi QR reads as the exact WIFI: string, with
// \ ; , : and " escaped, T:nopass for an open network; the setting is
// host-only, survives a restart, and the -wifi flags (app.Config.Wifi)
// write it.
func TestWifiQR(t *testing.T) {
	dir := t.TempDir()
	k := startKit(t, dir)
	var got handlers.Wifi
	if st := k.call("GET", "/api/wifi", nil, &got); st != 200 || got.SSID != "" {
		t.Fatalf("GET /api/wifi with none set: got %d %+v, want 200 and no network", st, got)
	}
	if st, code := k.API("GET", "/api/wifi/qr.png", nil, nil); st != 404 || code != "not_found" {
		t.Fatalf("the QR with no network: got %d %s, want 404 not_found", st, code)
	}
	w := handlers.Wifi{SSID: `Aula "3"; B,1:\x`, Password: `p;a,s:s"w\d`}
	if st := k.call("PUT", "/api/wifi", w, &got); st != 200 || got != w {
		t.Fatalf("PUT /api/wifi: got %d %+v, want 200 %+v", st, got, w)
	}
	want := `WIFI:T:WPA;S:Aula \"3\"\; B\,1\:\\x;P:p\;a\,s\:s\"w\\d;;`
	read := func() string {
		t.Helper()
		png := k.Get("/api/wifi/qr.png")
		s, err := kittest.DecodeQR(png)
		if err != nil {
			t.Fatal(err)
		}
		// zbarimg, a second reader, when it is installed.
		if zbar, err := exec.LookPath("zbarimg"); err == nil {
			f := filepath.Join(t.TempDir(), "wifi.png")
			os.WriteFile(f, png, 0o600)
			out, err := exec.Command(zbar, "--raw", "-q", f).Output()
			if err != nil || string(out) != s+"\n" {
				t.Errorf("zbarimg reads %q (%v), the other reader %q", out, err, s)
			}
		}
		return s
	}
	if s := read(); s != want {
		t.Fatalf("the Wi-Fi QR reads %q, want %q", s, want)
	}
	for _, bad := range []handlers.Wifi{{SSID: "x", Password: "short"}, {SSID: "", Password: "password1"}, {SSID: "0123456789012345678901234567890123"}} {
		if st, code := k.API("PUT", "/api/wifi", bad, nil); st != 400 || code != "bad_request" {
			t.Errorf("PUT %+v: got %d %s, want 400 bad_request", bad, st, code)
		}
	}
	for _, p := range []string{"/api/wifi", "/api/wifi/qr.png"} {
		if st, _, _ := remoteCall(t, k.base, "GET", p, "", false, nil); st != 401 {
			t.Errorf("GET %s without the host key: got %d, want 401", p, st)
		}
	}

	// It survives a restart; an open network is T:nopass.
	k.stop()
	k = startKit(t, dir)
	if s := read(); s != want {
		t.Fatalf("after a restart the Wi-Fi QR reads %q, want %q", s, want)
	}
	if st := k.call("PUT", "/api/wifi", handlers.Wifi{SSID: "Hotspot"}, nil); st != 200 {
		t.Fatal(st)
	}
	if s := read(); s != "WIFI:T:nopass;S:Hotspot;;" {
		t.Fatalf("an open network reads %q", s)
	}
	if st := k.call("PUT", "/api/wifi", handlers.Wifi{}, nil); st != 200 {
		t.Fatal(st)
	}
	if st, _ := k.API("GET", "/api/wifi/qr.png", nil, nil); st != 404 {
		t.Fatalf("after clearing: got %d, want 404", st)
	}
	k.stop()

	// The flags write the setting at start.
	a, err := app.New(app.Config{Addr: "127.0.0.1:0", DataDir: dir, HostKey: testKey, Wifi: handlers.Wifi{SSID: "Lab", Password: "12345678"}})
	if err != nil {
		t.Fatal(err)
	}
	k = serveKit(t, a)
	if s := read(); s != "WIFI:T:WPA;S:Lab;P:12345678;;" {
		t.Fatalf("from the flags the QR reads %q", s)
	}
	k.stop()
	if _, err := app.New(app.Config{Addr: "127.0.0.1:0", DataDir: dir, HostKey: testKey, Wifi: handlers.Wifi{SSID: "Lab", Password: "short"}}); err == nil {
		t.Fatal("a 5-character WPA password was taken from the flags")
	}
}
