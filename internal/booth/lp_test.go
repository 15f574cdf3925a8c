package booth_test

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/convene/convene/internal/booth"
	"github.com/convene/convene/internal/booth/boothgen"
)

// The LP's objective, evaluated at the engine's allocation (x from the
// assignments, y the product of its two x, z the product for a competitor
// pair), equals the engine's score: the two agree on the objective, so
// CBC's figures measure the engine.
func TestLPObjectiveIsTheScore(t *testing.T) {
	term := regexp.MustCompile(`([+-]) (\S+) ([xyz][0-9_]+)`)
	var insts []booth.Instance
	for _, shape := range append(boothgen.Shapes(), boothgen.Mixed) {
		insts = append(insts, boothgen.Generate(boothgen.Params{Shape: shape, Requests: 120, Seed: 3, Locks: 3}))
	}
	// Ten booths in a row, ten exhibitors each naming all the others:
	// rivals must stand side by side.
	all := booth.Instance{Booths: row(10)}
	for i := range 10 {
		q := booth.Request{ID: fmt.Sprint("r", i), Org: fmt.Sprint("o", i), Area: "A", Count: 1, Priority: i % 3}
		for j := range 10 {
			if j != i {
				q.Avoid = append(q.Avoid, fmt.Sprint("o", j))
			}
		}
		all.Requests = append(all.Requests, q)
	}
	insts = append(insts, all)
	for k, inst := range insts {
		shape := boothgen.Shape("all rivals")
		if k < len(insts)-1 {
			shape = append(boothgen.Shapes(), boothgen.Mixed)[k]
		}
		res := allocate(t, inst)
		var lp bytes.Buffer
		if err := booth.WriteLP(&lp, inst); err != nil {
			t.Fatal(err)
		}
		ri, bi := map[string]int{}, map[string]int{}
		for i, r := range inst.Requests {
			ri[r.ID] = i
		}
		for i, b := range inst.Booths {
			bi[b.Code] = i
		}
		x := map[string]float64{}
		for _, a := range res.Assignments {
			x[fmt.Sprintf("x%d_%d", ri[a.Request], bi[a.Booth])] = 1
		}
		obj := lp.String()
		obj = obj[strings.Index(obj, "obj:"):strings.Index(obj, "Subject To")]
		total, zs := 0.0, 0
		for _, m := range term.FindAllStringSubmatch(obj, -1) {
			coef, err := strconv.ParseFloat(m[2], 64)
			if err != nil {
				t.Fatal(err)
			}
			if m[1] == "-" {
				coef = -coef
			}
			f := strings.Split(m[3][1:], "_")
			var v float64
			switch m[3][0] {
			case 'x':
				v = x[m[3]]
			case 'y': // y<r>_<b>_<c>
				v = x["x"+f[0]+"_"+f[1]] * x["x"+f[0]+"_"+f[2]]
			case 'z': // z<r>_<b>_<q>_<c>
				zs++
				v = x["x"+f[0]+"_"+f[1]] * x["x"+f[2]+"_"+f[3]]
			}
			total += coef * v
		}
		if math.Abs(total-res.Score.Value) > 1e-6 {
			t.Fatalf("%s: the LP values the engine's allocation at %.2f, the engine at %.2f (foes %d)", shape, total, res.Score.Value, res.Score.Foes)
		}
		if shape == boothgen.Competitor && zs == 0 {
			t.Fatal("competitor shape without competitor terms in the LP")
		}
		if k == len(insts)-1 && res.Score.Foes != 9 {
			t.Fatalf("%d rivals side by side, want 9", res.Score.Foes)
		}
	}
}
