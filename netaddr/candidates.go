package netaddr

import (
	"fmt"
	"net"
	"net/netip"
	"os"
)

// Candidates lists this machine's LAN addresses, best first (see Rank). An
// empty list with a nil error means no usable network: use Loopback.
func Candidates() ([]Candidate, error) {
	addrs, err := ifaceAddrs()
	if err != nil {
		return nil, err
	}
	return Rank(addrs, defaultIP(addrs, udpDefaultIP(), procDefaultIfaces())), nil
}

func ifaceAddrs() ([]IfaceAddr, error) {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("netaddr: unable to list interfaces: %w", err)
	}
	var out []IfaceAddr
	for _, ifc := range ifaces {
		addrs, err := ifc.Addrs()
		if err != nil {
			continue // one unreadable interface should not hide the others
		}
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			ip, ok := netip.AddrFromSlice(ipn.IP)
			if !ok {
				continue
			}
			ones, _ := ipn.Mask.Size()
			ip = ip.Unmap()
			if ip.Is4() && ones > 32 {
				ones -= 96 // a 16-byte mask on an IPv4 address
			}
			out = append(out, IfaceAddr{
				Name:     ifc.Name,
				Up:       ifc.Flags&net.FlagUp != 0,
				Loopback: ifc.Flags&net.FlagLoopback != 0,
				Addr:     netip.PrefixFrom(ip, ones),
			})
		}
	}
	return out, nil
}

// udpDefaultIP asks the kernel which local address it would use to reach a
// TEST-NET address. Connecting a UDP socket sends no packet.
func udpDefaultIP() netip.Addr {
	conn, err := net.Dial("udp4", "192.0.2.1:9")
	if err != nil {
		return netip.Addr{}
	}
	defer conn.Close()
	ua, ok := conn.LocalAddr().(*net.UDPAddr)
	if !ok {
		return netip.Addr{}
	}
	ip, _ := netip.AddrFromSlice(ua.IP)
	return ip.Unmap()
}

// procDefaultIfaces reads the default routes from /proc/net/route; it is nil
// on systems without it.
func procDefaultIfaces() []string {
	f, err := os.Open("/proc/net/route")
	if err != nil {
		return nil
	}
	defer f.Close()
	return parseDefaultRoutes(f)
}

// defaultIP picks the address the default route uses. The UDP answer is the
// kernel's own choice, but when a VPN or container interface holds the
// default route (or there is no route at all) that address is not usable,
// and the lowest-metric default route on a usable interface is the next best.
func defaultIP(addrs []IfaceAddr, udpIP netip.Addr, routeIfaces []string) netip.Addr {
	for _, a := range addrs {
		if ip, ok := usable(a); ok && ip == udpIP {
			return udpIP
		}
	}
	for _, name := range routeIfaces {
		for _, a := range addrs {
			if ip, ok := usable(a); ok && a.Name == name {
				return ip
			}
		}
	}
	return netip.Addr{}
}
