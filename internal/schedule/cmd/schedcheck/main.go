// Command schedcheck measures the schedule engine against CBC: the true
// optimum on small and medium instances, the LP relaxation bound on large
// ones, with a plain greedy for comparison. It prints a Markdown table.
//
//	go run ./internal/schedule/cmd/schedcheck -sizes 1,4 -seeds 5
//	go run ./internal/schedule/cmd/schedcheck -sizes 30 -relax -seeds 1
//	go run ./internal/schedule/cmd/schedcheck -bench
//
// With -cache DIR, CBC results are kept per model (keyed by a hash of the
// LP text), so re-running after an engine change only runs the engine.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/internal/schedule"
	"github.com/convene/convene/internal/schedule/cbc"
	"github.com/convene/convene/internal/schedule/schedgen"
	"github.com/convene/convene/internal/schedule/validate"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "schedcheck:", err)
		os.Exit(1)
	}
}

type row struct {
	class, name     string
	requests        int
	engine, greedy  int64
	best            float64
	optimal         bool
	engineT, solveT time.Duration
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("schedcheck", flag.ContinueOnError)
	sizes := fs.String("sizes", "1,4", "size factors (1 = ~60 requests)")
	seeds := fs.Int("seeds", 3, "instances per class and size")
	classes := fs.String("classes", "", "comma-separated class names (default all)")
	relax := fs.Bool("relax", false, "LP relaxation bound only (for large sizes)")
	limit := fs.Int("sec", 120, "CBC time limit per instance, seconds")
	bench := fs.Bool("bench", false, "only the benchmark instance, against its LP bound")
	fs.IntVar(&effort, "effort", 0, "Options.Effort for the engine (0 = default)")
	fs.StringVar(&cacheDir, "cache", "", "directory to keep CBC results in")
	fs.DurationVar(&wall, "timeout", 5*time.Minute, "wall-clock limit per CBC run; past it the LP bound is used")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := cbc.Path(); err != nil {
		return err
	}
	var rows []row
	if *bench {
		r, err := measure("bench", schedgen.Bench(1), true, *limit)
		if err != nil {
			return err
		}
		rows = append(rows, r)
	} else {
		for _, sz := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(sz)
			if err != nil {
				return fmt.Errorf("size %q: %w", sz, err)
			}
			for _, cl := range schedgen.Classes() {
				if *classes != "" && !strings.Contains(","+*classes+",", ","+cl.Name+",") {
					continue
				}
				for seed := 1; seed <= *seeds; seed++ {
					r, err := measure(cl.Name, cl.Make(n, uint64(seed)), *relax, *limit)
					if err != nil {
						return err
					}
					r.name = fmt.Sprintf("%s-x%d-s%d", cl.Name, n, seed)
					rows = append(rows, r)
					fmt.Fprintf(os.Stderr, "%s done\n", r.name)
				}
			}
		}
	}
	print(w, rows)
	return nil
}

var (
	effort   int
	cacheDir string
	wall     time.Duration
)

func measure(class string, cfg schedgen.Config, relax bool, limit int) (row, error) {
	inst := schedgen.Generate(cfg)
	inst.Options.Effort = effort
	t0 := time.Now()
	res, err := schedule.Schedule(inst)
	if err != nil {
		return row{}, err
	}
	et := time.Since(t0)
	if v := validate.Result(inst, res); len(v) > 0 {
		return row{}, fmt.Errorf("%s: invalid schedule: %v", cfg.Name, v[0])
	}
	g, err := schedule.Greedy(inst)
	if err != nil {
		return row{}, err
	}
	sol, err := solve(inst, relax, limit)
	if err != nil {
		return row{}, fmt.Errorf("%s: %w", cfg.Name, err)
	}
	return row{class: class, name: cfg.Name, requests: len(inst.Requests), engine: res.Score.Weight, greedy: g.Score.Weight,
		best: sol.Bound, optimal: sol.Optimal && !relax, engineT: et, solveT: sol.Elapsed}, nil
}

// solve runs CBC, or reads its earlier answer from the cache. A MIP that
// does not finish within the wall-clock limit falls back to the LP bound.
func solve(inst schedule.Instance, relax bool, limit int) (cbc.Solution, error) {
	var lp bytes.Buffer
	if err := schedule.WriteLP(&lp, inst); err != nil {
		return cbc.Solution{}, err
	}
	sum := sha256.Sum256(lp.Bytes())
	key := hex.EncodeToString(sum[:12])
	if relax {
		key += "-relax"
	}
	file := filepath.Join(cacheDir, key+".json")
	if cacheDir != "" {
		if b, err := os.ReadFile(file); err == nil {
			var sol cbc.Solution
			if json.Unmarshal(b, &sol) == nil {
				return sol, nil
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), wall)
	defer cancel()
	sol, err := cbc.SolveLP(ctx, lp.Bytes(), relax, limit)
	if errors.Is(err, context.DeadlineExceeded) && !relax {
		ctx2, cancel2 := context.WithTimeout(context.Background(), wall)
		defer cancel2()
		sol, err = cbc.SolveLP(ctx2, lp.Bytes(), true, 0)
		sol.Optimal = false
	}
	if err != nil {
		return sol, err
	}
	if cacheDir != "" {
		if b, err := json.Marshal(sol); err == nil {
			os.MkdirAll(cacheDir, 0o755)
			os.WriteFile(file, b, 0o644)
		}
	}
	return sol, nil
}

func print(w io.Writer, rows []row) {
	fmt.Fprintln(w, "| instance | requests | engine | greedy | optimum or bound | engine ratio | greedy ratio | engine time | CBC time |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	type agg struct {
		n           int
		eSum, gSum  float64
		eMin, gMin  float64
		onlyOptimal bool
	}
	byClass := map[string]*agg{}
	var order []string
	for _, r := range rows {
		kind := "opt"
		if !r.optimal {
			kind = "bound"
		}
		er, gr := ratio(float64(r.engine), r.best), ratio(float64(r.greedy), r.best)
		fmt.Fprintf(w, "| %s | %d | %d | %d | %.0f (%s) | %.2f%% | %.2f%% | %v | %v |\n", r.name, r.requests, r.engine, r.greedy,
			r.best, kind, 100*er, 100*gr, r.engineT.Round(time.Millisecond), r.solveT.Round(10*time.Millisecond))
		a := byClass[r.class]
		if a == nil {
			a = &agg{eMin: 2, gMin: 2, onlyOptimal: true}
			byClass[r.class] = a
			order = append(order, r.class)
		}
		a.n++
		a.eSum += er
		a.gSum += gr
		a.eMin, a.gMin = min(a.eMin, er), min(a.gMin, gr)
		a.onlyOptimal = a.onlyOptimal && r.optimal
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| class | instances | engine mean | engine min | greedy mean | greedy min |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
	var all agg
	all.eMin, all.gMin = 2, 2
	for _, c := range order {
		a := byClass[c]
		fmt.Fprintf(w, "| %s | %d | %.2f%% | %.2f%% | %.2f%% | %.2f%% |\n", c, a.n, 100*a.eSum/float64(a.n), 100*a.eMin, 100*a.gSum/float64(a.n), 100*a.gMin)
		all.n += a.n
		all.eSum += a.eSum
		all.gSum += a.gSum
		all.eMin, all.gMin = min(all.eMin, a.eMin), min(all.gMin, a.gMin)
	}
	if len(order) > 1 {
		fmt.Fprintf(w, "| all | %d | %.2f%% | %.2f%% | %.2f%% | %.2f%% |\n", all.n, 100*all.eSum/float64(all.n), 100*all.eMin, 100*all.gSum/float64(all.n), 100*all.gMin)
	}
}

func ratio(v, best float64) float64 {
	if best <= 0 {
		return 1
	}
	return v / best
}
