package booth

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
)

// WriteLP writes the instance as an integer program in CPLEX LP format for
// an external solver (CBC) to find the optimum of Allocate's objective, or
// the LP relaxation's bound.
//
// x<r>_<b> is 1 when request r holds booth b (only for eligible pairs:
// same area, kind, not blocked, not larger than an m² request); y<r>_<b>_<c>
// is 1 when r holds both adjacent booths b and c (continuous: y <= x keeps
// it at most 1, and maximizing makes it the product). Constraints: each booth at
// most once; each request at most its count or m²; each group's m² in an
// area at most its quota; y at most each of its x; locks fixed to 1.
// Competitors: z<r>_<b>_<q>_<c> (continuous, at least 0) is at least
// x<r>_<b> + x<q>_<c> − 1 for adjacent booths b and c and requests r < q
// to be kept apart (Request.Avoid), and costs CompetitorCost: maximizing
// holds it at the product, so it counts exactly the adjacent pairs the
// engine's Score.Foes counts.
func WriteLP(w io.Writer, inst Instance) error {
	c, err := compile(inst)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	type pair struct{ r, b, x int32 }
	var pairs []pair
	byReq := make([][]int32, len(c.reqs))
	for r := range c.reqs {
		for _, b := range c.inArea[c.rArea[r]] {
			if c.eligible(int32(r), b) {
				byReq[r] = append(byReq[r], b)
			}
		}
		if c.want(int32(r)) > 1 || c.reqs[r].Count == 0 {
			in := map[int32]bool{}
			for _, b := range byReq[r] {
				in[b] = true
			}
			for _, b := range byReq[r] {
				for _, x := range c.adj[b] {
					if x > b && in[x] {
						pairs = append(pairs, pair{int32(r), b, x})
					}
				}
			}
		}
	}
	// Competitor pairs: (r, b) beside (q, x), r < q kept apart.
	type foePair struct{ r, b, q, x int32 }
	var foes []foePair
	if c.anyFoes {
		for r := range c.reqs {
			for _, q := range c.foes[r] {
				if q <= int32(r) {
					continue
				}
				for _, b := range byReq[r] {
					for _, x := range c.adj[b] {
						if c.eligible(q, x) {
							foes = append(foes, foePair{int32(r), b, q, x})
						}
					}
				}
			}
		}
	}
	num := func(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
	xv := func(r, b int32) string { return fmt.Sprintf("x%d_%d", r, b) }
	yv := func(p pair) string { return fmt.Sprintf("y%d_%d_%d", p.r, p.b, p.x) }
	n := 0
	line := func(s string) {
		bw.WriteString(s)
		if n++; n%8 == 0 {
			bw.WriteString("\n")
		}
	}
	bw.WriteString("\\ convene booth allocation: units x (PrioBase+priority) + contiguity + preferences - competitors beside\nMaximize\n obj:")
	for r := range c.reqs {
		for _, b := range byReq[r] {
			line(" + " + num(c.value(int32(r), b)) + " " + xv(int32(r), b))
		}
	}
	for _, p := range pairs {
		line(" + " + num(ContigBonus) + " " + yv(p))
	}
	zv := func(p foePair) string { return fmt.Sprintf("z%d_%d_%d_%d", p.r, p.b, p.q, p.x) }
	for _, p := range foes {
		line(" - " + num(CompetitorCost) + " " + zv(p))
	}
	if n == 0 {
		bw.WriteString(" 0 dummy")
	}
	bw.WriteString("\nSubject To\n")
	row := func(name string, terms []string, op string, rhs float64) {
		if len(terms) == 0 {
			return
		}
		bw.WriteString(" " + name + ":")
		for i, t := range terms {
			bw.WriteString(" + " + t)
			if i%8 == 7 {
				bw.WriteString("\n")
			}
		}
		bw.WriteString(" " + op + " " + num(rhs) + "\n")
	}
	byBooth := make([][]string, len(c.booths))
	quota := map[[2]int32][]string{}
	for r := range c.reqs {
		var terms []string
		for _, b := range byReq[r] {
			v := xv(int32(r), b)
			byBooth[b] = append(byBooth[b], v)
			terms = append(terms, num(c.unit(int32(r), b))+" "+v)
			if g := c.rGroup[r]; g >= 0 {
				k := [2]int32{g, c.rArea[r]}
				if _, ok := c.quota[k]; ok {
					quota[k] = append(quota[k], num(c.booths[b].M2)+" "+v)
				}
			}
		}
		row(fmt.Sprintf("req%d", r), terms, "<=", c.want(int32(r)))
	}
	for b, terms := range byBooth {
		if len(terms) > 1 {
			row(fmt.Sprintf("booth%d", b), terms, "<=", 1)
		}
	}
	for g := range c.groups {
		for a := range c.areas {
			k := [2]int32{int32(g), int32(a)}
			if terms, ok := quota[k]; ok {
				row(fmt.Sprintf("quota%d_%d", g, a), terms, "<=", c.quota[k])
			}
		}
	}
	// Valid cuts that tighten the relaxation: a booth has at most k-1
	// neighbours in a block of k booths, and a block of k booths in a graph
	// of maximum degree D has at most min(k(k-1)/2, kD/2) inner pairs.
	{
		nb := map[[2]int32][]string{}
		deg := map[[2]int32]int{}
		perReq := make([][]string, len(c.reqs))
		for _, p := range pairs {
			v := yv(p)
			nb[[2]int32{p.r, p.b}] = append(nb[[2]int32{p.r, p.b}], v)
			nb[[2]int32{p.r, p.x}] = append(nb[[2]int32{p.r, p.x}], v)
			perReq[p.r] = append(perReq[p.r], v)
		}
		for k, vs := range nb {
			deg[k] = len(vs)
		}
		for r := range c.reqs {
			if len(perReq[r]) == 0 {
				continue
			}
			k := c.maxBooths(int32(r))
			maxDeg := 0
			for _, b := range byReq[r] {
				key := [2]int32{int32(r), b}
				vs := nb[key]
				maxDeg = max(maxDeg, len(vs))
				if len(vs) == 0 {
					continue
				}
				cap := min(len(vs), k-1)
				bw.WriteString(fmt.Sprintf(" nb%d_%d:", r, b))
				for _, v := range vs {
					bw.WriteString(" + " + v)
				}
				bw.WriteString(fmt.Sprintf(" - %d %s <= 0\n", cap, xv(int32(r), b)))
			}
			row(fmt.Sprintf("pairs%d", r), perReq[r], "<=", float64(min(k*(k-1)/2, k*maxDeg/2)))
		}
		_ = deg
	}
	for i, p := range pairs {
		bw.WriteString(fmt.Sprintf(" ya%d: %s - %s <= 0\n yb%d: %s - %s <= 0\n", i, yv(p), xv(p.r, p.b), i, yv(p), xv(p.r, p.x)))
	}
	for i, p := range foes {
		bw.WriteString(fmt.Sprintf(" za%d: %s + %s - %s <= 1\n", i, xv(p.r, p.b), xv(p.q, p.x), zv(p)))
	}
	for r := range c.reqs {
		for _, b := range c.lockOf[r] {
			bw.WriteString(fmt.Sprintf(" lock%d_%d: %s = 1\n", r, b, xv(int32(r), b)))
		}
	}
	bw.WriteString("Binary\n")
	for r := range c.reqs {
		for _, b := range byReq[r] {
			bw.WriteString(" " + xv(int32(r), b) + "\n")
		}
	}
	bw.WriteString("End\n")
	return bw.Flush()
}
