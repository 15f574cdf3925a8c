package schedule

// Exchanges for participant limits: the alternating paths of weighted
// b-matching. When a participant of r has reached their limit, one of their
// meetings m (no heavier than r) gives way; m's other participants then have
// a spare meeting, which one of their unplaced requests takes, and so on.
// A path is kept when the score beats the one before it started.

const exchangeDepth = 3

func (st *state) exchange(r int32, depth int, root score) bool {
	c := st.c
	sat := int32(-1)
	for _, p := range c.parts[r] {
		if st.cnt[p] >= c.limit[p] {
			if sat >= 0 {
				return false // two full participants: too wide to follow
			}
			sat = p
		}
	}
	if sat < 0 {
		mk := st.mark()
		if (st.placeDirect(r) || st.augment(r, chainNodes/4)) && st.score().better(root) {
			return true
		}
		st.rollback(mk)
		return false
	}
	row := st.busy[int(sat)*c.nS : int(sat+1)*c.nS]
	for _, m := range row {
		if m < 0 || st.locked(m) || c.weight[m] > c.weight[r] {
			continue
		}
		mk := st.mark()
		st.remove(m)
		if st.placeDirect(r) || st.augment(r, chainNodes/4) {
			if st.score().better(root) {
				return true
			}
			if depth > 0 && st.slot[r] >= 0 {
				for _, o := range c.parts[m] {
					if o == sat {
						continue
					}
					for _, y := range c.byPers[o] {
						if y != m && st.slot[y] < 0 && !st.locked(y) && len(c.options[y]) > 0 && st.exchange(y, depth-1, root) {
							return true
						}
					}
				}
			}
		}
		st.rollback(mk)
	}
	return false
}

// hasFull reports whether a participant of r has reached their limit.
func (st *state) hasFull(r int32) bool {
	for _, p := range st.c.parts[r] {
		if st.cnt[p] >= st.c.limit[p] {
			return true
		}
	}
	return false
}
