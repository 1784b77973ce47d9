package netaddr

import (
	"bufio"
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"
)

// parseDefaultRoutes returns the interfaces of the up default routes in a
// Linux /proc/net/route table, lowest metric first.
func parseDefaultRoutes(r io.Reader) []string {
	type route struct {
		iface  string
		metric int
	}
	var routes []route
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		// Iface Destination Gateway Flags RefCnt Use Metric Mask ...
		f := strings.Fields(sc.Text())
		if len(f) < 8 || f[1] != "00000000" || f[7] != "00000000" {
			continue // the header, or not a default route
		}
		flags, err := strconv.ParseUint(f[3], 16, 32)
		if err != nil || flags&0x1 == 0 { // RTF_UP
			continue
		}
		metric, err := strconv.Atoi(f[6])
		if err != nil {
			continue
		}
		routes = append(routes, route{f[0], metric})
	}
	slices.SortStableFunc(routes, func(a, b route) int { return cmp.Compare(a.metric, b.metric) })
	var names []string
	for _, rt := range routes {
		names = append(names, rt.iface)
	}
	return names
}
