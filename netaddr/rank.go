// Package netaddr finds the laptop address that phones on the classroom LAN
// can reach, so the join URL and QR code never say localhost.
package netaddr

import (
	"cmp"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// Candidate is one IPv4 address a phone might use to reach this laptop.
type Candidate struct {
	IP      netip.Addr
	Iface   string // interface name, as the OS reports it
	Private bool   // in 10/8, 172.16/12 or 192.168/16
	Default bool   // the address the default route leaves from
}

// IfaceAddr is one address of one interface, as read from the OS; Rank takes
// these instead of net.Interface so it can be tested without a network.
type IfaceAddr struct {
	Name         string
	Up, Loopback bool
	Addr         netip.Prefix
}

// virtualPrefixes name interfaces that phones in the room cannot reach:
// container bridges, VM host-only networks and VPN tunnels.
var virtualPrefixes = []string{
	"docker", "br-", "veth", "virbr", "tun", "tap", "utun", "wg", "zt",
	"vmnet", "vboxnet", "lxc", "lxd", "cni", "flannel", "kube", "tailscale",
}

// virtual reports whether an interface name belongs to a container, VM or
// VPN interface.
func virtual(name string) bool {
	for _, p := range virtualPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// usable reports whether a could be in the join URL: an up, non-virtual
// interface's IPv4 address that is neither loopback nor link-local.
func usable(a IfaceAddr) (netip.Addr, bool) {
	ip := a.Addr.Addr().Unmap()
	if !a.Up || a.Loopback || virtual(a.Name) || !ip.Is4() {
		return ip, false
	}
	if ip.IsLoopback() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() || ip.IsMulticast() {
		return ip, false
	}
	return ip, true
}

// Rank filters addrs down to the usable IPv4 addresses and orders them best
// first: private LAN ranges, then the default route's address, then by
// interface name and address so the order does not depend on the OS's
// enumeration. 100.64/10 (carrier-grade NAT, Tailscale) counts as not
// private: phones in the room are not on it. defaultIP may be invalid.
func Rank(addrs []IfaceAddr, defaultIP netip.Addr) []Candidate {
	defaultIP = defaultIP.Unmap()
	var out []Candidate
	seen := map[netip.Addr]bool{}
	for _, a := range addrs {
		ip, ok := usable(a)
		if !ok || seen[ip] {
			continue
		}
		seen[ip] = true
		out = append(out, Candidate{
			IP:      ip,
			Iface:   a.Name,
			Private: ip.IsPrivate(), // for IPv4 exactly 10/8, 172.16/12, 192.168/16
			Default: defaultIP.IsValid() && ip == defaultIP,
		})
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		if a.Private != b.Private {
			return boolFirst(a.Private)
		}
		if a.Default != b.Default {
			return boolFirst(a.Default)
		}
		return cmp.Or(strings.Compare(a.Iface, b.Iface), a.IP.Compare(b.IP))
	})
	return out
}

func boolFirst(aTrue bool) int {
	if aTrue {
		return -1
	}
	return 1
}

// Loopback is the fallback when Candidates finds nothing: the server still
// works on this laptop, but phones cannot join, and the caller must say so.
// Its Iface is empty because the loopback interface's name differs per OS.
func Loopback() Candidate {
	return Candidate{IP: netip.AddrFrom4([4]byte{127, 0, 0, 1})}
}

// JoinBase is the URL prefix phones use: "http://IP:PORT".
func JoinBase(c Candidate, port int) string {
	return "http://" + net.JoinHostPort(c.IP.String(), strconv.Itoa(port))
}
