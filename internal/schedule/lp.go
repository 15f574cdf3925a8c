package schedule

import (
	"bufio"
	"io"
	"strconv"
)

// WriteLP writes the instance as an integer program in CPLEX LP format, for
// an external solver (CBC, HiGHS, GLPK) to find the true optimum or the LP
// relaxation bound of the first objective, the placed weight.
//
// Variable x<r>_<s>_<q> is 1 when request r meets in slot s in resource pool
// q (resources of one kind, venue, area and slot set are interchangeable).
// Constraints: each request at most once; each participant at most once per
// clique of overlapping slots; each pool at most its size per clique; the
// participant limits; no venue change between slots too close together; and
// locked assignments fixed to 1. Pools over cliques are exact for interval
// slots, so the optimum is that of the resource-level problem.
func WriteLP(w io.Writer, inst Instance) error {
	c, err := compile(inst)
	if err != nil {
		return err
	}
	lw := &lpWriter{w: bufio.NewWriter(w)}
	c.writeLP(lw)
	if lw.err != nil {
		return lw.err
	}
	return lw.w.Flush()
}

type lpVar struct{ r, s, q int32 }

func (c *compiled) lpVars() [][]lpVar {
	vars := make([][]lpVar, c.nR)
	for r := range int32(c.nR) {
		if c.lockSlot[r] >= 0 {
			vars[r] = []lpVar{{r, c.lockSlot[r], c.lockPool[r]}}
			continue
		}
		for _, s := range c.options[r] {
			for _, q := range c.allowed[r] {
				if c.poolIn[int(s)*c.nQ+int(q)] {
					vars[r] = append(vars[r], lpVar{r, s, q})
				}
			}
		}
	}
	return vars
}

func (c *compiled) writeLP(lw *lpWriter) {
	vars := c.lpVars()
	lw.str("\\ convene schedule: maximize placed priority weight\nMaximize\n obj:")
	n := 0
	for r := range vars {
		for _, v := range vars[r] {
			lw.term(c.weight[r], v, &n)
		}
	}
	if n == 0 {
		lw.str(" 0 dummy")
	}
	lw.str("\nSubject To\n")
	for r := range vars {
		if len(vars[r]) > 1 {
			lw.row("req", vars[r], 1)
		}
	}
	// Participant and pool rows per clique, and limits.
	for p := range int32(c.nP) {
		var all []lpVar
		perK := make([][]lpVar, c.nK)
		for _, r := range c.byPers[p] {
			for _, v := range vars[r] {
				all = append(all, v)
				for _, k := range c.cliques[v.s] {
					perK[k] = append(perK[k], v)
				}
			}
		}
		for _, list := range perK {
			if len(list) > 1 {
				lw.row("person", list, 1)
			}
		}
		if int(c.limit[p]) < len(c.byPers[p]) {
			lw.row("limit", all, int64(c.limit[p]))
		}
		c.writeTravel(lw, p, vars)
	}
	perPool := make([][]lpVar, c.nK*c.nQ)
	for r := range vars {
		for _, v := range vars[r] {
			for _, k := range c.cliques[v.s] {
				perPool[int(k)*c.nQ+int(v.q)] = append(perPool[int(k)*c.nQ+int(v.q)], v)
			}
		}
	}
	for i, list := range perPool {
		if size := c.poolSize[i%c.nQ]; len(list) > int(size) {
			lw.row("pool", list, int64(size))
		}
	}
	lw.str("Bounds\n")
	for r := range vars {
		if c.lockSlot[r] >= 0 {
			lw.str(" ")
			lw.name(vars[r][0])
			lw.str(" = 1\n")
		}
	}
	lw.str("Binary\n")
	n = 0
	for r := range vars {
		for _, v := range vars[r] {
			lw.str(" ")
			lw.name(v)
			if n++; n%10 == 0 {
				lw.str("\n")
			}
		}
	}
	lw.str("\nEnd\n")
}

// writeTravel forbids p from being at venue v in slot s and at another
// venue in a slot t too close to s.
func (c *compiled) writeTravel(lw *lpWriter, p int32, vars [][]lpVar) {
	if len(c.venues) < 2 {
		return
	}
	at := map[[2]int32][]lpVar{} // (slot, venue) -> vars
	var keys [][2]int32
	for _, r := range c.byPers[p] {
		for _, v := range vars[r] {
			if ven := c.poolVenue[v.q]; ven >= 0 && len(c.near[v.s]) > 0 {
				k := [2]int32{v.s, ven}
				if _, ok := at[k]; !ok {
					keys = append(keys, k)
				}
				at[k] = append(at[k], v)
			}
		}
	}
	for _, k := range keys {
		s, ven := k[0], k[1]
		for _, t := range c.near[s] {
			if t < s {
				continue
			}
			var other []lpVar
			for w := range int32(len(c.venues)) {
				if w != ven {
					other = append(other, at[[2]int32{t, w}]...)
				}
			}
			if len(other) > 0 {
				lw.row("travel", append(append([]lpVar(nil), at[k]...), other...), 1)
			}
		}
	}
}

type lpWriter struct {
	w    *bufio.Writer
	err  error
	rows int
	buf  []byte
}

func (lw *lpWriter) str(s string) {
	if lw.err == nil {
		_, lw.err = lw.w.WriteString(s)
	}
}

func (lw *lpWriter) name(v lpVar) {
	b := lw.buf[:0]
	b = append(b, 'x')
	b = strconv.AppendInt(b, int64(v.r), 10)
	b = append(b, '_')
	b = strconv.AppendInt(b, int64(v.s), 10)
	b = append(b, '_')
	b = strconv.AppendInt(b, int64(v.q), 10)
	lw.buf = b
	if lw.err == nil {
		_, lw.err = lw.w.Write(b)
	}
}

func (lw *lpWriter) term(coef int64, v lpVar, n *int) {
	lw.str(" + " + strconv.FormatInt(coef, 10) + " ")
	lw.name(v)
	if *n++; *n%8 == 0 {
		lw.str("\n")
	}
}

func (lw *lpWriter) row(kind string, vars []lpVar, rhs int64) {
	lw.rows++
	lw.str(" " + kind + strconv.Itoa(lw.rows) + ":")
	n := 0
	for _, v := range vars {
		lw.term(1, v, &n)
	}
	lw.str(" <= " + strconv.FormatInt(rhs, 10) + "\n")
}
