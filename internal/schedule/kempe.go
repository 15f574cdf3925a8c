package schedule

// Kempe chain swaps. Meetings in two slots a and b form paths and cycles
// through shared participants (each person has at most one meeting in each).
// Swapping a and b along the component that holds the meetings blocking r in
// a frees r's participants in a without changing any other slot; this is
// how bipartite edge colouring reaches the degree bound.

const maxKempe = 48

// kempe tries to place unplaced r in one of its slots by a two-slot swap.
func (st *state) kempe(r int32) bool {
	c := st.c
	for _, a := range c.options[r] {
		if !st.limitsOK(r) {
			return false
		}
		for _, b := range c.byTime {
			if b == a || len(c.overlap[a]) > 0 || len(c.overlap[b]) > 0 {
				continue
			}
			if st.kempeSwap(r, a, b) {
				return true
			}
		}
	}
	return false
}

func (st *state) limitsOK(r int32) bool {
	for _, p := range st.c.parts[r] {
		if st.cnt[p] >= st.c.limit[p] {
			return false
		}
	}
	return true
}

func (st *state) kempeSwap(r, a, b int32) bool {
	c := st.c
	sc := st.scratch()
	comp := sc.queue[:0]
	for _, p := range c.parts[r] {
		if x := st.busy[int(p)*c.nS+int(a)]; x >= 0 && sc.seen[x] != sc.stamp {
			sc.seen[x] = sc.stamp
			comp = append(comp, x)
		}
	}
	if len(comp) == 0 {
		return false // nobody blocks r in a: a swap cannot help
	}
	for h := 0; h < len(comp); h++ {
		x := comp[h]
		if st.locked(x) || len(comp) > maxKempe {
			sc.queue = comp
			return false
		}
		other := a
		if st.slot[x] == a {
			other = b
		}
		for _, p := range c.parts[x] {
			y := st.busy[int(p)*c.nS+int(other)]
			if y < 0 || sc.seen[y] == sc.stamp {
				continue
			}
			for _, rp := range c.parts[r] {
				if rp == p && other == b {
					// r's own meeting in b would land in a: an odd cycle
					sc.queue = comp
					return false
				}
			}
			sc.seen[y] = sc.stamp
			comp = append(comp, y)
		}
	}
	sc.queue = comp
	st.steps += int64(len(comp))
	mk := st.mark()
	st.from = append(st.from[:0], comp...) // slots, as the queue is reused
	from := st.from
	for i, x := range comp {
		from[i] = st.slot[x]
		st.remove(x)
	}
	for i, x := range comp {
		to := a
		if from[i] == a {
			to = b
		}
		if !st.available(x, to) {
			st.rollback(mk)
			return false
		}
		q := st.fits(x, to)
		if q < 0 {
			st.rollback(mk)
			return false
		}
		st.add(x, to, q)
	}
	if q := st.fits(r, a); q >= 0 {
		st.add(r, a, q)
		return true
	}
	st.rollback(mk)
	return false
}

// available reports whether x may use slot s at all (everyone available and
// an allowed pool exists there).
func (st *state) available(x, s int32) bool {
	c := st.c
	for _, p := range c.parts[x] {
		if !c.available(p, s) {
			return false
		}
	}
	for _, q := range c.allowed[x] {
		if c.poolIn[int(s)*c.nQ+int(q)] {
			return true
		}
	}
	return false
}
