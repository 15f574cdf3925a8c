package schedule

// gaps counts the slots between p's first and last meeting in which p is
// available but idle: waiting time an agenda could have avoided.
func (st *state) gaps(p int32) int {
	c := st.c
	row := st.busy[int(p)*c.nS : int(p+1)*c.nS]
	first, last := -1, -1
	for i, s := range c.byTime {
		if row[s] >= 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	n := 0
	for i := first + 1; i < last; i++ {
		s := c.byTime[i]
		if row[s] < 0 && c.available(p, s) && st.personFree(p, s) {
			n++
		}
	}
	return n
}

func (st *state) totalGaps() int {
	n := 0
	for p := range int32(st.c.nP) {
		if st.cnt[p] > 1 {
			n += st.gaps(p)
		}
	}
	return n
}

func (st *state) gapsOf(r int32) int {
	n := 0
	for _, p := range st.c.parts[r] {
		n += st.gaps(p)
	}
	return n
}

// compact moves single meetings to other slots when that shortens their
// participants' idle time. Moves keep every meeting, so weight and fairness
// stay as they are: gaps are the last criterion.
func (st *state) compact(limit int64) {
	c := st.c
	for range 4 {
		moved := false
		for r := range int32(c.nR) {
			if st.steps >= limit {
				return
			}
			if st.slot[r] < 0 || st.locked(r) {
				continue
			}
			s0, q0 := st.slot[r], st.pool[r]
			cur := st.gapsOf(r)
			if cur == 0 {
				continue
			}
			best, bestQ := int32(-1), int32(-1)
			st.remove(r)
			for _, s := range c.options[r] {
				if s == s0 {
					continue
				}
				q := st.fits(r, s)
				if q < 0 {
					continue
				}
				st.add(r, s, q)
				if g := st.gapsOf(r); g < cur {
					best, bestQ, cur = s, q, g
				}
				st.remove(r)
				st.steps += int64(len(c.parts[r]) * 4)
			}
			if best >= 0 {
				st.add(r, best, bestQ)
				moved = true
			} else {
				st.add(r, s0, q0)
			}
			st.commit()
		}
		if !moved {
			return
		}
	}
}
