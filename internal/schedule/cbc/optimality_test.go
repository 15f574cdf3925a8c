package cbc_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/convene/convene/internal/schedule"
	"github.com/convene/convene/internal/schedule/cbc"
	"github.com/convene/convene/internal/schedule/schedgen"
	"github.com/convene/convene/internal/schedule/validate"
)

// TestEngineNearOptimum solves one instance of each generated class (about
// 250 requests each) to optimality with CBC and requires the engine to
// reach 99.5% of the optimum weight on every one. Without cbc on PATH the
// test is skipped, except in CI (CI=true), where that is a failure.
func TestEngineNearOptimum(t *testing.T) {
	if _, err := cbc.Path(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	for _, class := range schedgen.Classes() {
		t.Run(class.Name, func(t *testing.T) {
			inst := schedgen.Generate(class.Make(4, 1))
			res, err := schedule.Schedule(inst)
			if err != nil {
				t.Fatal(err)
			}
			if v := validate.Result(inst, res); len(v) > 0 {
				t.Fatalf("invalid schedule: %v", v[0])
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			opt, err := cbc.Solve(ctx, inst, false, 30)
			if errors.Is(err, context.DeadlineExceeded) && os.Getenv("CI") != "true" {
				t.Skip("CBC did not finish within a minute on this machine")
			}
			if err != nil {
				t.Fatal(err)
			}
			if !opt.Optimal {
				t.Fatalf("CBC stopped before proving optimality: %+v", opt)
			}
			if got := float64(res.Score.Weight); got < 0.995*opt.Value {
				t.Fatalf("engine weight %v, optimum %v: %.2f%% < 99.5%%", got, opt.Value, 100*got/opt.Value)
			}
			if g, err := schedule.Greedy(inst); err == nil && g.Score.Weight > res.Score.Weight {
				t.Fatalf("engine %d below greedy %d", res.Score.Weight, g.Score.Weight)
			}
		})
	}
}

// TestGridsNearOptimum holds the negotiation over overlapping venue grids
// at 660 requests, the thinnest margin issue 20 found, to 99.8% of CBC's
// optimum (930 of 932 before the extra ruin and recreate rounds).
func TestGridsNearOptimum(t *testing.T) {
	if testing.Short() {
		t.Skip("CBC takes 5-30 s on this instance")
	}
	if _, err := cbc.Path(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	var inst schedule.Instance
	for _, c := range schedgen.Classes() {
		if c.Name == "negotiation-grids" {
			inst = schedgen.Generate(c.Make(12, 1))
		}
	}
	res, err := schedule.Schedule(inst)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	opt, err := cbc.Solve(ctx, inst, false, 120)
	if errors.Is(err, context.DeadlineExceeded) && os.Getenv("CI") != "true" {
		t.Skip("CBC did not finish within three minutes on this machine")
	}
	if err != nil {
		t.Fatal(err)
	}
	if !opt.Optimal {
		t.Fatalf("CBC stopped before proving optimality: %+v", opt)
	}
	if got := float64(res.Score.Weight); got < 0.998*opt.Value {
		t.Fatalf("engine weight %v, optimum %v: %.2f%% < 99.8%%", got, opt.Value, 100*got/opt.Value)
	}
}
