package main

import (
	"fmt"
	"net"
)

// Every run (each round's kit run and reference run) dials from loopback
// addresses no other run of this load generator has used: the sockets an
// earlier run closed sit in TIME_WAIT for a minute on their source
// address, and a server's per-source join limits remember the addresses
// that joined. Sharing sources made the third round of a 3-round run fail
// (the reference refused connections) and slowed its joins. The whole of
// 127.0.0.0/8 is the loopback interface on Linux, so there are 16 million
// addresses to spread runs over.

// portsPerSource is how many connections one run opens from one source
// address at most: well under the ~28,000 ephemeral ports of
// net.ipv4.ip_local_port_range, so port search stays cheap.
const portsPerSource = 8000

// maxSourceBase bounds sourcePlan's base: 60 × 1,000 runs of one /24 each
// fit in 127.16.0.0 – 127.250.255.255.
const maxSourceBase = 60

// sourcesNeeded is how many source addresses a run of conns connections
// (joins plus reconnects) spreads over.
func sourcesNeeded(conns int) int {
	return max(1, (conns+portsPerSource-1)/portsPerSource)
}

// sourcePlan gives the source addresses of run number run (0, 1, 2, … in
// the order the runs happen, fewer than 1,000), n of them. base (0–59) picks where this
// invocation starts in 127.0.0.0/8, so two invocations minutes apart do not
// reuse each other's addresses either. Every address is in 127.16.0.0 –
// 127.255.255.254, clear of 127.0.0.0/12 where servers and other tools
// listen (127.0.0.1, 127.0.0.53, …); none ends in .0 or .255.
func sourcePlan(base, run, n int) ([]net.IP, error) {
	if base < 0 || base >= maxSourceBase || run < 0 || run >= 1000 || n < 1 || n > 254 {
		return nil, fmt.Errorf("loadgen: no source plan for base %d, run %d, %d addresses", base, run, n)
	}
	// Each run owns one /24: 127.X.Y.1–254, the /24s counted from
	// 127.16.0.0 with base*1000 + run.
	k := base*1000 + run
	second, third := 16+k/256, k%256
	out := make([]net.IP, n)
	for j := range out {
		out[j] = net.IPv4(127, byte(second), byte(third), byte(1+j)).To4()
	}
	return out, nil
}
