package schedule

import (
	"cmp"
	"slices"
)

// assignResources turns pool places into named resources. Slots are taken
// in time order and each meeting gets the first resource of its pool that
// is free at that time, which is exact for interval slots; only locks
// pinned into overlapping slots can leave a meeting without one, and then
// it is unplaced rather than double-booked.
func (st *state) assignResources() []Assignment {
	c := st.c
	res := make([]int32, c.nR)
	for i := range res {
		res[i] = -1
	}
	used := make([][]int32, len(c.inst.Resources)) // resource -> slots taken
	for r := range int32(c.nR) {
		if c.lockRes[r] >= 0 {
			res[r] = c.lockRes[r]
			used[res[r]] = append(used[res[r]], c.lockSlot[r])
		}
	}
	freeAt := func(x, s int32) bool {
		for _, t := range used[x] {
			if t == s || overlaps(c, s, t) {
				return false
			}
		}
		return true
	}
	for _, s := range c.byTime {
		for q := range int32(c.nQ) {
			list := slices.Clone(st.members[int(s)*c.nQ+int(q)])
			slices.Sort(list)
			next := 0
			for _, r := range list {
				if res[r] >= 0 {
					continue
				}
				for next < len(c.poolRes[q]) && !freeAt(c.poolRes[q][next], s) {
					next++
				}
				if next == len(c.poolRes[q]) {
					st.remove(r)
					continue
				}
				x := c.poolRes[q][next]
				res[r] = x
				used[x] = append(used[x], s)
			}
		}
	}
	st.commit()
	var placed []int32
	for r := range int32(c.nR) {
		if st.slot[r] >= 0 {
			placed = append(placed, r)
		}
	}
	slices.SortFunc(placed, func(a, b int32) int {
		if d := cmp.Compare(c.rank[st.slot[a]], c.rank[st.slot[b]]); d != 0 {
			return d
		}
		if d := cmp.Compare(res[a], res[b]); d != 0 {
			return d
		}
		return cmp.Compare(a, b)
	})
	out := make([]Assignment, len(placed))
	for i, r := range placed {
		out[i] = Assignment{Request: c.inst.Requests[r].ID, Slot: c.inst.Slots[st.slot[r]].ID, Resource: c.inst.Resources[res[r]].ID}
	}
	return out
}
