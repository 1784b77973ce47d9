// Package cpuclock reads the CPU time this process has used, for
// benchmarks on a machine shared with other work: there the wall time says
// more about the neighbours than about the code; the CPU time much less so.
package cpuclock

import (
	"syscall"
	"time"
)

// Process is the CPU time (user and system) this process has used so far.
func Process() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
