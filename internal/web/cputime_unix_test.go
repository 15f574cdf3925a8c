//go:build unix

package web

import (
	"syscall"
	"time"
)

// cpuTime is the process's user plus system CPU time. The benchmark reports
// it next to wall time because the machine it runs on is often shared: CPU
// time per run does not grow with other people's load.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
