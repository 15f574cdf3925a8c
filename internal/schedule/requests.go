package schedule

import (
	"cmp"
	"slices"
)

func (c *compiled) compileRequests(x ids) {
	rs := c.inst.Requests
	c.parts = make([][]int32, c.nR)
	c.weight = make([]int64, c.nR)
	c.allowed = make([][]int32, c.nR)
	c.options = make([][]int32, c.nR)
	c.byPers = make([][]int32, c.nP)
	allowedBy := map[string][]int32{}
	common := make([]uint64, c.nW)
	nParts := 0
	for _, rq := range rs {
		nParts += len(rq.Participants)
	}
	// one backing array for all participant lists, one for all options
	partsAll := make([]int32, 0, nParts)
	var optsAll []int32
	optEnd := make([]int, c.nR)
	for r, rq := range rs {
		c.weight[r] = int64(rq.Priority)
		from := len(partsAll)
		for _, id := range rq.Participants {
			p := x.person[id]
			partsAll = append(partsAll, p)
			c.byPers[p] = append(c.byPers[p], int32(r))
		}
		ps := partsAll[from:len(partsAll):len(partsAll)]
		c.parts[r] = ps
		k := string(rq.Kind) + "\x00" + rq.Venue
		al, ok := allowedBy[k]
		if !ok {
			v := c.venueIndex(rq.Venue)
			for q := range c.nQ {
				if c.poolKind[q] == rq.Kind && (rq.Venue == "" || c.poolVenue[q] == v) {
					al = append(al, int32(q))
				}
			}
			allowedBy[k] = al
		}
		c.allowed[r] = al
		c.commonAvail(r, common)
		for _, s := range c.byTime {
			if common[s/64]&(1<<(s%64)) == 0 {
				continue
			}
			for _, q := range al {
				if c.poolIn[int(s)*c.nQ+int(q)] {
					optsAll = append(optsAll, s)
					break
				}
			}
		}
		optEnd[r] = len(optsAll)
	}
	from := 0
	for r, end := range optEnd {
		if end > from {
			c.options[r] = optsAll[from:end:end]
		}
		from = end
	}
	for p := range c.nP {
		if len(c.byPers[p]) > 0 {
			c.hasReq++
		}
		c.limited = c.limited || int(c.limit[p]) < len(c.byPers[p])
	}
}

// commonAvail writes into dst the slots every participant of r is available for.
func (c *compiled) commonAvail(r int, dst []uint64) {
	for w := range dst {
		dst[w] = ^uint64(0)
	}
	for _, p := range c.parts[r] {
		for w := range dst {
			dst[w] &= c.avail[int(p)*c.nW+w]
		}
	}
}

func (c *compiled) available(p, s int32) bool {
	return c.avail[int(p)*c.nW+int(s)/64]&(1<<(s%64)) != 0
}

// compileBySlot lists, for each slot, the requests that may meet in it,
// heaviest first, then those with the fewest options.
func (c *compiled) compileBySlot() {
	c.bySlot = make([][]int32, c.nS)
	for r := range int32(c.nR) {
		if c.lockSlot[r] >= 0 {
			continue
		}
		for _, s := range c.options[r] {
			c.bySlot[s] = append(c.bySlot[s], r)
		}
	}
	for _, list := range c.bySlot {
		slices.SortStableFunc(list, func(a, b int32) int {
			if d := cmp.Compare(c.weight[b], c.weight[a]); d != 0 {
				return d
			}
			return cmp.Compare(len(c.options[a]), len(c.options[b]))
		})
	}
}
