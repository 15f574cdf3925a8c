// Package cbc_test measures the booth engine against COIN-OR CBC on the
// integer program booth.WriteLP writes (the scheduler's CBC runner does the
// solving: schedule/cbc.SolveLP takes any LP file).
package cbc_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/convene/convene/internal/booth"
	"github.com/convene/convene/internal/booth/boothgen"
	"github.com/convene/convene/internal/booth/validate"
	"github.com/convene/convene/internal/schedule/cbc"
)

// TestEngineNearOptimum runs CBC on one instance of each shape (50
// requests; BOOTH_CBC_SIZES=all adds 200 and 1,000, which take minutes)
// and requires the engine's objective to reach 99% of CBC's proven optimum,
// or, when CBC stops on its time limit, 99% of the best solution CBC found
// (the engine is also never above CBC's bound, which would mean the LP and
// the engine disagree on the objective). The gap to CBC's bound is logged
// and reported in docs/benchmarks.md. Without cbc on PATH the test is
// skipped, except in CI (CI=true), where that is a failure.
func TestEngineNearOptimum(t *testing.T) {
	if _, err := cbc.Path(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	sizes := []int{50}
	if os.Getenv("BOOTH_CBC_SIZES") == "all" {
		sizes = append(sizes, 200, 1000)
	}
	for _, shape := range boothgen.Shapes() {
		for _, n := range sizes {
			t.Run(fmt.Sprintf("%s/%d", shape, n), func(t *testing.T) {
				inst := boothgen.Generate(boothgen.Params{Shape: shape, Requests: n, Seed: uint64(n), Locks: 3})
				t0 := time.Now()
				res, err := booth.Allocate(inst)
				took := time.Since(t0)
				if err != nil {
					t.Fatal(err)
				}
				if v := validate.Result(inst, res); len(v) > 0 {
					t.Fatalf("invalid allocation: %s", v[0])
				}
				var lp bytes.Buffer
				if err := booth.WriteLP(&lp, inst); err != nil {
					t.Fatal(err)
				}
				limit := 20
				if n > 50 {
					limit = 300
				}
				ctx, cancel := context.WithTimeout(context.Background(), time.Duration(limit)*time.Second+3*time.Minute)
				defer cancel()
				opt, err := cbc.SolveLP(ctx, lp.Bytes(), false, limit)
				if errors.Is(err, context.DeadlineExceeded) && os.Getenv("CI") != "true" {
					t.Skip("CBC did not stop in time on this machine")
				}
				if err != nil {
					t.Fatal(err)
				}
				got := res.Score.Value
				t.Logf("%s n=%d booths=%d: engine %.1f in %v; CBC value %.1f bound %.1f optimal=%v in %v; engine/CBC %.4f, engine/bound %.4f",
					shape, n, len(inst.Booths), got, took.Round(time.Millisecond), opt.Value, opt.Bound, opt.Optimal,
					opt.Elapsed.Round(time.Millisecond), got/opt.Value, got/opt.Bound)
				if got > opt.Bound+1e-6 {
					t.Fatalf("engine %.2f above CBC's bound %.2f: the LP and the engine disagree on the objective", got, opt.Bound)
				}
				if got < 0.99*opt.Value {
					t.Fatalf("engine %.2f < 99%% of CBC's %.2f (optimal=%v)", got, opt.Value, opt.Optimal)
				}
			})
		}
	}
}
