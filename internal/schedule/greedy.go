package schedule

import (
	"cmp"
	"math/bits"
	"slices"
)

// byScarcity orders requests heaviest first and, among equal weights, the
// ones with the fewest feasible slots first: they have the least room later.
func byScarcity(c *compiled) []int32 {
	order := make([]int32, 0, c.nR)
	for r := range c.nR {
		if c.lockSlot[r] < 0 {
			order = append(order, int32(r))
		}
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		if d := cmp.Compare(c.weight[b], c.weight[a]); d != 0 {
			return d
		}
		return cmp.Compare(len(c.options[a]), len(c.options[b]))
	})
	return order
}

// clearFree removes every meeting that is not locked.
func (st *state) clearFree() {
	for r := range int32(st.c.nR) {
		if st.slot[r] >= 0 && !st.locked(r) {
			st.remove(r)
		}
	}
	st.commit()
}

// construct places requests in scarcity order, each into the slot its
// participants' other unplaced requests need least.
func (st *state) construct(order []int32) {
	c := st.c
	demand := make([]int32, c.nP*c.nS)
	for _, r := range order {
		for _, s := range c.options[r] {
			for _, p := range c.parts[r] {
				demand[int(p)*c.nS+int(s)]++
			}
		}
	}
	for _, r := range order {
		best, bestQ := int32(-1), int32(-1)
		var bestCost, bestFree int32
		for _, s := range c.options[r] {
			q := st.fits(r, s)
			if q < 0 {
				continue
			}
			var cost int32
			for _, p := range c.parts[r] {
				cost += demand[int(p)*c.nS+int(s)]
			}
			free := c.poolSize[q] - st.maxLoad(s, q)
			if best < 0 || cost < bestCost || (cost == bestCost && free > bestFree) {
				best, bestQ, bestCost, bestFree = s, q, cost, free
			}
		}
		for _, s := range c.options[r] {
			for _, p := range c.parts[r] {
				demand[int(p)*c.nS+int(s)]--
			}
		}
		if best >= 0 {
			st.add(r, best, bestQ)
		}
	}
	st.commit()
}

// firstFit is the plain greedy baseline: heaviest first, earliest slot that fits.
func (st *state) firstFit() {
	c := st.c
	order := make([]int32, 0, c.nR)
	for r := range c.nR {
		if c.lockSlot[r] < 0 {
			order = append(order, int32(r))
		}
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(c.weight[b], c.weight[a]) })
	for _, r := range order {
		for _, s := range c.options[r] {
			if q := st.fits(r, s); q >= 0 {
				st.add(r, s, q)
				break
			}
		}
	}
	st.commit()
}

// placeDirect puts r into the first slot where it fits as things stand.
// It tries only the slots openSlots leaves, and counts the steps of trying
// each option in turn up to the one taken.
func (st *state) placeDirect(r int32) bool {
	c := st.c
	for w, m := range st.openSlots(r) {
		for ; m != 0; m &= m - 1 {
			i := w*64 + bits.TrailingZeros64(m)
			s := c.byTime[i]
			if q := st.pickPool(r, s); q >= 0 {
				st.steps += int64(c.optionsBefore(r, i) + 1)
				st.add(r, s, q)
				return true
			}
		}
	}
	st.steps += int64(len(c.options[r]))
	return false
}
