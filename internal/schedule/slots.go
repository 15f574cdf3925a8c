package schedule

import (
	"cmp"
	"slices"
	"time"
)

func (c *compiled) compileSlots() {
	sl := c.inst.Slots
	c.start = make([]time.Time, c.nS)
	c.end = make([]time.Time, c.nS)
	c.byTime = make([]int32, c.nS)
	for i, s := range sl {
		c.start[i], c.end[i] = s.Start, s.End
		c.byTime[i] = int32(i)
	}
	slices.SortStableFunc(c.byTime, func(a, b int32) int {
		if d := c.start[a].Compare(c.start[b]); d != 0 {
			return d
		}
		return c.end[a].Compare(c.end[b])
	})
	c.rank = make([]int32, c.nS)
	for i, s := range c.byTime {
		c.rank[s] = int32(i)
	}
	c.overlap = make([][]int32, c.nS)
	for i, a := range c.byTime {
		for _, b := range c.byTime[i+1:] {
			if !c.start[b].Before(c.end[a]) {
				break
			}
			c.overlap[a] = append(c.overlap[a], b)
			c.overlap[b] = append(c.overlap[b], a)
		}
	}
	c.overT = make([]uint64, c.nS*c.nW)
	for s := range c.overlap {
		slices.Sort(c.overlap[s])
		for _, t := range c.overlap[s] {
			i := int(c.rank[t])
			c.overT[s*c.nW+i/64] |= 1 << (i % 64)
			c.anyOver = true
		}
	}
	c.compileCliques()
	c.compileNear()
}

// compileCliques finds the maximal sets of pairwise overlapping slots. For
// intervals these are exact: at most one meeting per person per clique and
// at most pool-size meetings per pool per clique is the same as no overlap.
func (c *compiled) compileCliques() {
	type event struct {
		t     time.Time
		start bool
		s     int32
	}
	ev := make([]event, 0, 2*c.nS)
	for s := range c.nS {
		ev = append(ev, event{c.start[s], true, int32(s)}, event{c.end[s], false, int32(s)})
	}
	slices.SortStableFunc(ev, func(a, b event) int {
		if d := a.t.Compare(b.t); d != 0 {
			return d
		}
		if a.start != b.start { // half-open: an end at t comes before a start at t
			if a.start {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.s, b.s)
	})
	c.cliques = make([][]int32, c.nS)
	var active []int32
	grew := false
	for _, e := range ev {
		if e.start {
			active = append(active, e.s)
			grew = true
			continue
		}
		if grew {
			k := int32(len(c.cliqueSlot))
			members := slices.Clone(active)
			slices.Sort(members)
			c.cliqueSlot = append(c.cliqueSlot, members)
			for _, s := range members {
				c.cliques[s] = append(c.cliques[s], k)
			}
			grew = false
		}
		active = slices.DeleteFunc(active, func(s int32) bool { return s == e.s })
	}
	c.nK = len(c.cliqueSlot)
}

// compileNear lists, for each slot, the later or earlier slots that leave
// too little room to change venue: no whole slot fits between them
// (BufferBetweenVenues) or the gap is under TravelMinutes.
func (c *compiled) compileNear() {
	c.near = make([][]int32, c.nS)
	o := c.inst.Options
	if !o.BufferBetweenVenues && o.TravelMinutes <= 0 {
		return
	}
	travel := time.Duration(o.TravelMinutes) * time.Minute
	for _, a := range c.byTime {
		// earliest end of a slot lying wholly after a
		var firstEnd time.Time
		for _, u := range c.byTime {
			if !c.start[u].Before(c.end[a]) && (firstEnd.IsZero() || c.end[u].Before(firstEnd)) {
				firstEnd = c.end[u]
			}
		}
		for _, b := range c.byTime {
			if c.start[b].Before(c.end[a]) {
				continue
			}
			close := o.BufferBetweenVenues && (firstEnd.IsZero() || c.start[b].Before(firstEnd))
			if travel > 0 && c.start[b].Sub(c.end[a]) < travel {
				close = true
			}
			if close {
				c.near[a] = append(c.near[a], b)
				c.near[b] = append(c.near[b], a)
			}
		}
	}
	for s := range c.near {
		slices.Sort(c.near[s])
	}
}
