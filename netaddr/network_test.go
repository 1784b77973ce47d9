package netaddr

import (
	"encoding/json"
	"net"
	"testing"
)

func TestNetworkChoosesAmongItsChoices(t *testing.T) {
	n := NewNetwork([]Choice{{URL: "http://192.168.1.20:8080", Iface: "wlan0", Private: true}, {URL: "http://10.0.0.5:8080", Iface: "eth0", Private: true}}, false)
	if got := n.Base(); got != "http://192.168.1.20:8080" {
		t.Errorf("starts at %q, want the first choice", got)
	}
	if n.Use("http://10.9.9.9:8080") {
		t.Error("Use took an address that is not one of the choices")
	}
	if !n.Use("http://10.0.0.5:8080") || n.Base() != "http://10.0.0.5:8080" {
		t.Errorf("after Use: got %q, want the second choice", n.Base())
	}
	// API.md's GET /api/network, byte for byte as it was written before
	// the model moved here.
	b, _ := json.Marshal(n.State())
	want := `{"candidates":[{"url":"http://192.168.1.20:8080","iface":"wlan0","private":true},{"url":"http://10.0.0.5:8080","iface":"eth0","private":true}],"current":"http://10.0.0.5:8080","fixed":false,"loopback_only":false}`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
}

func TestDiscover(t *testing.T) {
	n := Discover("http://quiz.example:9000/", 8080)
	if st := n.State(); !st.Fixed || st.Current != "http://quiz.example:9000" || len(st.Choices) != 1 {
		t.Errorf("with a public URL: got %+v, want it fixed, without the trailing slash", st)
	}
	if n.Use("http://192.168.1.20:8080") {
		t.Error("a fixed address was switched")
	}
	n = Discover("", 8080)
	st := n.State()
	if st.Current == "" || len(st.Choices) == 0 || st.Fixed {
		t.Fatalf("without a public URL: got %+v, want a chosen address", st)
	}
	if st.LoopbackOnly && st.Current != "http://127.0.0.1:8080" {
		t.Errorf("loopback only: got %q, want http://127.0.0.1:8080", st.Current)
	}
}

func TestUnreachableJoinAddress(t *testing.T) {
	for _, c := range []struct {
		base   string
		listen net.IP
		want   bool
	}{
		{"http://192.168.1.20:8080", nil, false},                         // -addr :8080: every address
		{"http://192.168.1.20:8080", net.IPv4zero, false},                // 0.0.0.0 is every address too
		{"http://192.168.1.20:8080", net.IPv4(127, 0, 0, 1), true},       // -addr 127.0.0.1:…, the QR a LAN address
		{"http://192.168.1.20:8080", net.IPv4(192, 168, 1, 20), false},   // listening on the join address itself
		{"http://127.0.0.1:8080", net.IPv4(127, 0, 0, 1), false},         // loopback only, and it says so
		{"http://localhost:8080", net.IPv4(127, 0, 0, 1), false},         // localhost is this machine
		{"http://kit.school.example:8080", net.IPv4(127, 0, 0, 1), true}, // a name elsewhere
	} {
		n := NewFixedNetwork(c.base)
		n.Listening(c.listen)
		if got := n.Unreachable(); got != c.want || n.State().Unreachable != c.want {
			t.Errorf("join at %s, listening on %v: unreachable %v, want %v", c.base, c.listen, got, c.want)
		}
	}
}
