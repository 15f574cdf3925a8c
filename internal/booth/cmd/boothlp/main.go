// Command boothlp writes a generated booth allocation instance as an LP
// file (for cbc) and prints the engine's objective on it, for the CBC
// comparison in docs/benchmarks.md:
//
//	go run ./internal/booth/cmd/boothlp -shape quota-bound -n 200 -lp /tmp/b.lp
//	cbc /tmp/b.lp sec 300 threads 1 solve
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/convene/convene/internal/booth"
	"github.com/convene/convene/internal/booth/boothgen"
	"github.com/convene/convene/internal/booth/validate"
)

func main() {
	shape := flag.String("shape", "mixed", "quota-bound, contiguity-bound, preference-heavy or mixed")
	n := flag.Int("n", 200, "requests")
	seed := flag.Uint64("seed", 0, "seed (0: the request count, as the CBC test)")
	locks := flag.Int("locks", 3, "locked assignments")
	lp := flag.String("lp", "", "write the LP here")
	dump := flag.Bool("dump", false, "print the engine's assignments as x<r>_<b> names")
	flag.Parse()
	if *seed == 0 {
		*seed = uint64(*n)
	}
	inst := boothgen.Generate(boothgen.Params{Shape: boothgen.Shape(*shape), Requests: *n, Seed: *seed, Locks: *locks})
	t0 := time.Now()
	res, err := booth.Allocate(inst)
	took := time.Since(t0)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if v := validate.Result(inst, res); len(v) > 0 {
		fmt.Fprintln(os.Stderr, "invalid:", v[0])
		os.Exit(1)
	}
	fmt.Printf("%s n=%d booths=%d: engine objective %.2f (units %.1f, pairs %d, prefs %d) in %v\n",
		*shape, *n, len(inst.Booths), res.Score.Value, res.Score.Units, res.Score.Pairs, res.Score.Prefs, took.Round(time.Microsecond))
	if *dump {
		ri, bi := map[string]int{}, map[string]int{}
		for i, r := range inst.Requests {
			ri[r.ID] = i
		}
		for i, b := range inst.Booths {
			bi[b.Code] = i
		}
		for _, a := range res.Assignments {
			fmt.Printf("x%d_%d\n", ri[a.Request], bi[a.Booth])
		}
	}
	if *lp != "" {
		var buf bytes.Buffer
		if err := booth.WriteLP(&buf, inst); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := os.WriteFile(*lp, buf.Bytes(), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
