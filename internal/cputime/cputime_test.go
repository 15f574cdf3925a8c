package cputime

import (
	"runtime"
	"testing"
)

func TestProcessAdvances(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" {
		t.Skip("no process CPU time on " + runtime.GOOS)
	}
	start := Process()
	x := 0
	for i := range 50_000_000 {
		x ^= i * i
	}
	if d := Process() - start; d <= 0 || x == -1 {
		t.Fatalf("CPU time did not advance over a busy loop: %s", d)
	}
}
