package schedule

// blockers lists the meetings that must leave for r to take (s, q); ok is
// false when a locked meeting is in the way or nothing can make room.
func (st *state) blockers(r, s, q int32, out []int32) ([]int32, bool) {
	c := st.c
	out = out[:0]
	addB := func(x int32) bool {
		if st.locked(x) {
			return false
		}
		for _, y := range out {
			if y == x {
				return true
			}
		}
		out = append(out, x)
		return true
	}
	v := c.poolVenue[q]
	for _, p := range c.parts[r] {
		row := st.busy[int(p)*c.nS : int(p+1)*c.nS]
		if x := row[s]; x >= 0 && !addB(x) {
			return out, false
		}
		for _, t := range c.overlap[s] {
			if x := row[t]; x >= 0 && !addB(x) {
				return out, false
			}
		}
		if v >= 0 {
			for _, t := range c.near[s] {
				if x := row[t]; x >= 0 {
					if w := c.poolVenue[st.pool[x]]; w >= 0 && w != v && !addB(x) {
						return out, false
					}
				}
			}
		}
	}
	for _, p := range c.parts[r] {
		n := st.cnt[p]
		for _, x := range out {
			if hasPart(c, x, p) {
				n--
			}
		}
		if n < c.limit[p] {
			continue
		}
		x := st.lightest(p, out)
		if x < 0 {
			return out, false
		}
		out = append(out, x)
	}
	if !c.poolIn[int(s)*c.nQ+int(q)] {
		return out, false
	}
	for _, k := range c.cliques[s] {
		n := st.load[int(k)*c.nQ+int(q)]
		for _, x := range out {
			if st.pool[x] == q && inClique(c, st.slot[x], k) {
				n--
			}
		}
		if n < c.poolSize[q] {
			continue
		}
		x := st.victim(s, q, out)
		if x < 0 {
			return out, false
		}
		out = append(out, x)
	}
	st.steps += int64(len(out) + 1)
	return out, true
}

func hasPart(c *compiled, r, p int32) bool {
	for _, x := range c.parts[r] {
		if x == p {
			return true
		}
	}
	return false
}

func inClique(c *compiled, s, k int32) bool {
	for _, x := range c.cliques[s] {
		if x == k {
			return true
		}
	}
	return false
}

func contains(list []int32, x int32) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// lightest is p's cheapest movable meeting not already in out.
func (st *state) lightest(p int32, out []int32) int32 {
	c := st.c
	best := int32(-1)
	for _, x := range st.busy[int(p)*c.nS : int(p+1)*c.nS] {
		if x < 0 || st.locked(x) || contains(out, x) {
			continue
		}
		if best < 0 || st.cheaper(x, best) {
			best = x
		}
	}
	return best
}

// victim is the cheapest movable meeting in (s, q): lowest weight, then the
// one whose participants keep other meetings, then the most flexible.
//
// Without exclusions the answer only changes when a meeting is added or
// removed, and chain searches ask for the same place many times in a row,
// so it is kept until the next change.
func (st *state) victim(s, q int32, out []int32) int32 {
	c := st.c
	i := int(s)*c.nQ + int(q)
	list := st.members[i]
	if len(out) > 0 {
		return st.victimScan(list, out)
	}
	if e := &st.victims[i]; e.mods == st.mods {
		st.steps += int64(len(list) / 8) // as victimScan counts
		return e.v
	}
	v := st.victimScan(list, nil)
	st.victims[i] = cachedVictim{st.mods, v}
	return v
}

type cachedVictim struct {
	mods uint64 // st.mods when found
	v    int32
}

func (st *state) victimScan(list, out []int32) int32 {
	c := st.c
	best, bestW, bestL := int32(-1), int64(0), 0
	for _, x := range list {
		if st.locked(x) || contains(out, x) {
			continue
		}
		w := c.weight[x]
		if best >= 0 && w > bestW {
			continue
		}
		l := st.lonely(x)
		if best < 0 || w < bestW || l < bestL || l == bestL && st.cheaper(x, best) {
			best, bestW, bestL = x, w, l
		}
	}
	st.steps += int64(len(list) / 8)
	return best
}

func (st *state) cheaper(x, y int32) bool {
	c := st.c
	if c.weight[x] != c.weight[y] {
		return c.weight[x] < c.weight[y]
	}
	lx, ly := st.lonely(x), st.lonely(y)
	if lx != ly {
		return lx < ly
	}
	if len(c.options[x]) != len(c.options[y]) {
		return len(c.options[x]) > len(c.options[y])
	}
	return x < y
}

// lonely counts participants of x for whom x is the only meeting.
func (st *state) lonely(x int32) int {
	n := 0
	for _, p := range st.c.parts[x] {
		if st.cnt[p] == 1 {
			n++
		}
	}
	return n
}
