// Package cbc runs the COIN-OR CBC solver on a schedule instance written by
// schedule.WriteLP, to measure the engine against the true optimum (small
// and medium instances) or the LP relaxation bound (large ones). It is a
// test and tooling aid; the engine never calls it.
package cbc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/internal/schedule"
)

// ErrMissing is returned when the cbc binary is not on PATH
// (Debian: apt-get install coinor-cbc).
var ErrMissing = errors.New("cbc: binary not found; install coinor-cbc")

// Path returns the cbc binary or ErrMissing.
func Path() (string, error) {
	p, err := exec.LookPath("cbc")
	if err != nil {
		return "", ErrMissing
	}
	return p, nil
}

// Solution is what CBC reports for the placed-weight objective.
type Solution struct {
	Value   float64       // best integer value, or the LP optimum when relaxed
	Bound   float64       // proven upper bound on the integer optimum
	Optimal bool          // Value is proven optimal (or the LP optimum when relaxed)
	Elapsed time.Duration // solver wall time
}

// Solve writes inst as an LP and runs CBC on it. Relax solves only the LP
// relaxation, an upper bound. Seconds > 0 limits the branch and bound; the
// result then carries the best value and bound found so far.
func Solve(ctx context.Context, inst schedule.Instance, relax bool, seconds int) (Solution, error) {
	bin, err := Path()
	if err != nil {
		return Solution{}, err
	}
	dir, err := os.MkdirTemp("", "schedcbc")
	if err != nil {
		return Solution{}, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "model.lp")
	f, err := os.Create(file)
	if err != nil {
		return Solution{}, err
	}
	if err := schedule.WriteLP(f, inst); err != nil {
		f.Close()
		return Solution{}, err
	}
	if err := f.Close(); err != nil {
		return Solution{}, err
	}
	args := []string{file}
	if relax {
		args = append(args, "initialSolve")
	} else {
		if seconds > 0 {
			args = append(args, "sec", strconv.Itoa(seconds))
		}
		args = append(args, "threads", "1", "solve")
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		return Solution{}, fmt.Errorf("cbc: %w\n%s", err, tail(out.String()))
	}
	sol, err := parse(out.String(), relax)
	sol.Elapsed = time.Since(t0)
	return sol, err
}

// parse reads the summary lines of CBC's log. CBC reports a maximization
// with its own sign conventions in places, so values are taken as absolute.
func parse(log string, relax bool) (Solution, error) {
	var s Solution
	var haveValue, haveBound bool
	sc := bufio.NewScanner(strings.NewReader(log))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case relax && strings.HasPrefix(line, "Optimal - objective value"):
			s.Value, haveValue = lastFloat(line)
			s.Bound, s.Optimal, haveBound = s.Value, true, true
		case strings.HasPrefix(line, "Result - Optimal solution found"):
			s.Optimal = true
		case strings.HasPrefix(line, "Objective value:"):
			s.Value, haveValue = lastFloat(line)
		case strings.HasPrefix(line, "Lower bound:"), strings.HasPrefix(line, "Upper bound:"):
			s.Bound, haveBound = lastFloat(line)
		}
	}
	if !haveValue {
		return s, fmt.Errorf("cbc: no objective in output\n%s", tail(log))
	}
	s.Value = abs(s.Value)
	s.Bound = abs(s.Bound)
	if s.Optimal || !haveBound {
		s.Bound = max(s.Bound, s.Value)
	}
	return s, nil
}

func lastFloat(line string) (float64, bool) {
	f := strings.Fields(line)
	if len(f) == 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(f[len(f)-1], 64)
	return v, err == nil
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func tail(s string) string {
	if len(s) > 2000 {
		return s[len(s)-2000:]
	}
	return s
}
