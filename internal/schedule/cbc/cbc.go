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
// Bound >= Value always; they are equal when Optimal.
type Solution struct {
	Value   float64       // best integer value, or the LP optimum when relaxed
	Bound   float64       // proven upper bound on the integer optimum
	Optimal bool          // Value is proven optimal (or the LP optimum when relaxed)
	Elapsed time.Duration // solver wall time
}

// Solve writes inst as an LP and runs CBC on it; see SolveLP.
func Solve(ctx context.Context, inst schedule.Instance, relax bool, seconds int) (Solution, error) {
	var lp bytes.Buffer
	if err := schedule.WriteLP(&lp, inst); err != nil {
		return Solution{}, err
	}
	return SolveLP(ctx, lp.Bytes(), relax, seconds)
}

// SolveLP runs CBC on a model in LP format. Relax solves only the LP
// relaxation, an upper bound. Seconds > 0 limits the branch and bound (in
// CPU seconds; preprocessing can take longer, so also bound ctx); the
// result then carries the best value and the bound found so far.
func SolveLP(ctx context.Context, lp []byte, relax bool, seconds int) (Solution, error) {
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
	if err := os.WriteFile(file, lp, 0o600); err != nil {
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
		if ctx.Err() != nil {
			return Solution{}, fmt.Errorf("cbc: %w", ctx.Err())
		}
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
	switch {
	case s.Optimal:
		s.Bound = s.Value
	case !haveBound:
		return s, fmt.Errorf("cbc: stopped without a bound\n%s", tail(log))
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
