package netaddr

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
)

func ia(name, prefix string) IfaceAddr {
	return IfaceAddr{Name: name, Up: true, Addr: netip.MustParsePrefix(prefix)}
}

// show renders candidates compactly so a failing case reads at a glance.
func show(cs []Candidate) string {
	var parts []string
	for _, c := range cs {
		s := c.Iface + "=" + c.IP.String()
		if c.Private {
			s += " private"
		}
		if c.Default {
			s += " default"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

func TestRank(t *testing.T) {
	lo := IfaceAddr{Name: "lo", Up: true, Loopback: true, Addr: netip.MustParsePrefix("127.0.0.1/8")}
	down := ia("eth1", "192.168.5.9/24")
	down.Up = false

	tests := []struct {
		name      string
		addrs     []IfaceAddr
		defaultIP string
		want      string
	}{
		{
			name:      "docker0 wlan0 eth0",
			addrs:     []IfaceAddr{lo, ia("docker0", "172.17.0.1/16"), ia("wlan0", "192.168.1.23/24"), ia("eth0", "10.0.0.5/8")},
			defaultIP: "192.168.1.23",
			want:      "wlan0=192.168.1.23 private default, eth0=10.0.0.5 private",
		},
		{
			name:  "only loopback",
			addrs: []IfaceAddr{lo, {Name: "lo", Up: true, Loopback: true, Addr: netip.MustParsePrefix("::1/128")}},
			want:  "",
		},
		{
			name:  "loopback address on a non-loopback interface",
			addrs: []IfaceAddr{ia("dummy0", "127.0.0.2/8")},
			want:  "",
		},
		{
			name:  "link-local only",
			addrs: []IfaceAddr{lo, ia("eth0", "169.254.12.7/16"), ia("eth0", "fe80::1/64")},
			want:  "",
		},
		{
			name:      "public address only",
			addrs:     []IfaceAddr{lo, ia("eth0", "203.0.113.7/24")},
			defaultIP: "203.0.113.7",
			want:      "eth0=203.0.113.7 default",
		},
		{
			name:      "two private, default on the second",
			addrs:     []IfaceAddr{ia("eth0", "10.1.2.3/16"), ia("wlan0", "192.168.0.40/24")},
			defaultIP: "192.168.0.40",
			want:      "wlan0=192.168.0.40 private default, eth0=10.1.2.3 private",
		},
		{
			name:      "private beats a public default",
			addrs:     []IfaceAddr{ia("eth0", "198.51.100.2/24"), ia("wlan0", "172.20.1.1/16")},
			defaultIP: "198.51.100.2",
			want:      "wlan0=172.20.1.1 private, eth0=198.51.100.2 default",
		},
		{
			name:  "CGNAT 100.64/10 is not private",
			addrs: []IfaceAddr{ia("eth0", "100.100.1.1/10"), ia("wlan0", "172.31.255.1/16"), ia("eth2", "172.32.0.1/16")},
			want:  "wlan0=172.31.255.1 private, eth0=100.100.1.1, eth2=172.32.0.1",
		},
		{
			name: "virtual interfaces filtered",
			addrs: []IfaceAddr{
				ia("veth1a2b", "172.18.0.1/16"), ia("tun0", "10.8.0.2/24"), ia("br-3f9c", "172.19.0.1/16"),
				ia("virbr0", "192.168.122.1/24"), ia("tailscale0", "100.101.1.1/32"), ia("wg0", "10.9.0.1/24"),
				ia("vboxnet0", "192.168.56.1/24"), ia("utun3", "10.10.0.1/24"), ia("enp3s0", "192.168.1.50/24"),
			},
			defaultIP: "10.8.0.2", // a VPN holds the default route
			want:      "enp3s0=192.168.1.50 private",
		},
		{
			name:  "down interface filtered",
			addrs: []IfaceAddr{down, ia("wlan0", "192.168.1.2/24")},
			want:  "wlan0=192.168.1.2 private",
		},
		{
			name:      "IPv6 ignored",
			addrs:     []IfaceAddr{ia("eth0", "2001:db8::5/64"), ia("eth0", "fd00::5/64"), ia("eth0", "192.168.7.7/24")},
			defaultIP: "2001:db8::5",
			want:      "eth0=192.168.7.7 private",
		},
		{
			name:      "IPv4-mapped address counts as IPv4",
			addrs:     []IfaceAddr{ia("eth0", "::ffff:192.168.3.3/120")},
			defaultIP: "::ffff:192.168.3.3",
			want:      "eth0=192.168.3.3 private default",
		},
		{
			name:  "stable order by interface then address, duplicates dropped",
			addrs: []IfaceAddr{ia("wlan0", "192.168.1.9/24"), ia("eth0", "192.168.2.9/24"), ia("eth0", "10.0.0.9/8"), ia("eth0:1", "10.0.0.9/8")},
			want:  "eth0=10.0.0.9 private, eth0=192.168.2.9 private, wlan0=192.168.1.9 private",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var def netip.Addr
			if tt.defaultIP != "" {
				def = netip.MustParseAddr(tt.defaultIP)
			}
			if got := show(Rank(tt.addrs, def)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDefaultIP(t *testing.T) {
	addrs := []IfaceAddr{
		ia("tun0", "10.8.0.2/24"), ia("eth0", "192.168.1.5/24"), ia("wlan0", "192.168.2.6/24"),
		{Name: "lo", Up: true, Loopback: true, Addr: netip.MustParsePrefix("127.0.0.1/8")},
	}
	tests := []struct {
		name   string
		udp    string
		routes []string
		want   string
	}{
		{"UDP answer is usable", "192.168.2.6", []string{"eth0"}, "192.168.2.6"},
		{"VPN holds the route, fall back to the route table", "10.8.0.2", []string{"tun0", "wlan0"}, "192.168.2.6"},
		{"no UDP answer", "", []string{"eth0"}, "192.168.1.5"},
		{"UDP answer on no interface", "192.168.9.9", nil, "invalid IP"},
		{"route interface unknown", "", []string{"ppp0"}, "invalid IP"},
		{"nothing at all", "", nil, "invalid IP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var udp netip.Addr
			if tt.udp != "" {
				udp = netip.MustParseAddr(tt.udp)
			}
			if got := defaultIP(addrs, udp, tt.routes).String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseDefaultRoutes(t *testing.T) {
	table := "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n" +
		"wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n" +
		"eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0\n" +
		"docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n" +
		"eth1\t00000000\t0102A8C0\t0002\t0\t0\t50\t00000000\t0\t0\t0\n" + // not RTF_UP
		"wlan0\t0001A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0\n"
	got := fmt.Sprint(parseDefaultRoutes(strings.NewReader(table)))
	if want := "[eth0 wlan0]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestJoinBase(t *testing.T) {
	tests := []struct {
		c    Candidate
		port int
		want string
	}{
		{Candidate{IP: netip.MustParseAddr("192.168.1.23")}, 8080, "http://192.168.1.23:8080"},
		{Loopback(), 80, "http://127.0.0.1:80"},
	}
	for _, tt := range tests {
		if got := JoinBase(tt.c, tt.port); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// TestCandidates checks the live machine: whatever its network, nothing
// that Rank would refuse may come back.
func TestCandidates(t *testing.T) {
	cs, err := Candidates()
	if err != nil {
		t.Fatal(err)
	}
	defaults := 0
	for _, c := range cs {
		if !c.IP.Is4() || c.IP.IsLoopback() || c.IP.IsLinkLocalUnicast() || virtual(c.Iface) {
			t.Errorf("got unusable candidate %q on %q", c.IP, c.Iface)
		}
		if c.Default {
			defaults++
		}
	}
	if defaults > 1 {
		t.Errorf("got %d default candidates in %q, want at most 1", defaults, show(cs))
	}
	t.Logf("candidates: %s", show(cs))
}
