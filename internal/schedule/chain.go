package schedule

import "math/bits"

// Ejection chains. augment looks for a sequence r -> b1 -> ... -> bk where
// each request takes the place of the next one and the last one moves into a
// free place: the weighted analogue of an augmenting path in matching. The
// search is breadth first over requests, each visited at most once, so one
// call costs at most maxNodes expansions.

type scratch struct {
	stamp uint32
	seen  []uint32
	par   []int32 // node -> request that takes its place
	tgtS  []int32 // node -> slot the parent moves into
	tgtQ  []int32
	queue []int32
}

func (st *state) scratch() *scratch {
	if st.sc == nil {
		n := st.c.nR
		st.scb = scratch{seen: make([]uint32, n), par: make([]int32, n), tgtS: make([]int32, n), tgtQ: make([]int32, n)}
		st.sc = &st.scb
	}
	sc := st.sc
	sc.stamp++
	if sc.stamp == 0 { // wrapped: clear so old stamps cannot match
		clear(sc.seen)
		sc.stamp = 1
	}
	return sc
}

// personBlocker returns the one meeting that keeps u's participants from
// slot s, -1 if none, and ok=false when there are two or more or a limit is
// reached. u itself is ignored: it is about to move.
func (st *state) personBlocker(u, s int32) (m int32, ok bool) {
	c := st.c
	m = -1
	placed := st.slot[u] >= 0
	st.steps++
	for _, p := range c.parts[u] {
		if !placed && st.cnt[p] >= c.limit[p] {
			return -1, false
		}
		row := st.busy[int(p)*c.nS : int(p+1)*c.nS]
		if x := row[s]; x >= 0 && x != u && x != m {
			if m >= 0 {
				return -1, false
			}
			m = x
		}
		for _, t := range c.overlap[s] {
			if x := row[t]; x >= 0 && x != u && x != m {
				if m >= 0 {
					return -1, false
				}
				m = x
			}
		}
	}
	return m, true
}

// travelBlocker adds to m the meeting that keeps u from venue v in slot s.
func (st *state) travelBlocker(u, s, v, m int32) (int32, bool) {
	c := st.c
	if v < 0 || len(c.near[s]) == 0 {
		return m, true
	}
	for _, p := range c.parts[u] {
		row := st.busy[int(p)*c.nS : int(p+1)*c.nS]
		for _, t := range c.near[s] {
			x := row[t]
			if x < 0 || x == u || x == m {
				continue
			}
			if w := c.poolVenue[st.pool[x]]; w >= 0 && w != v {
				if m >= 0 {
					return -1, false
				}
				m = x
			}
		}
	}
	return m, true
}

// moveTo moves (or places) u into (s, q) if every constraint holds after
// leaving its current place.
func (st *state) moveTo(u, s, q int32) bool {
	if st.slot[u] >= 0 {
		st.remove(u)
	}
	if !st.peopleFree(u, s) || !st.poolFree(s, q) {
		return false
	}
	for _, p := range st.c.parts[u] {
		if !st.travelOK(p, s, st.c.poolVenue[q]) {
			return false
		}
	}
	st.add(u, s, q)
	return true
}

const poolChildren = 6

// augment tries to place unplaced r through an ejection chain. When no
// chain ends in a free place, the best chain that ends by dropping a lighter
// meeting is applied, and kept only if the score improves.
func (st *state) augment(r int32, maxNodes int) bool {
	c := st.c
	sc := st.scratch()
	sc.queue = append(sc.queue[:0], r)
	sc.seen[r] = sc.stamp
	sc.par[r] = -1
	// visit queues x, to be ejected by parent taking (s, q); it first looks
	// one step ahead, so a chain of two is found however long the queue.
	visit := func(x, parent, s, q int32) bool {
		if sc.seen[x] == sc.stamp || st.locked(x) {
			return false
		}
		sc.seen[x] = sc.stamp
		sc.par[x], sc.tgtS[x], sc.tgtQ[x] = parent, s, q
		sc.queue = append(sc.queue, x)
		// the options t of x other than s and its own slot where no
		// participant of x is busy (personBlocker finds nobody), in
		// order; the steps are those of checking every option up to the
		// chain found, or all of them
		free := st.freeForMove(x, s)
		for w, m := range free {
			for ; m != 0; m &= m - 1 {
				i := w*64 + bits.TrailingZeros64(m)
				t := c.byTime[i]
				for _, qt := range c.allowed[x] {
					if !st.poolFree(t, qt) {
						continue
					}
					if mq, ok := st.travelBlocker(x, t, c.poolVenue[qt], -1); ok && mq < 0 && st.applyChain(x, t, qt, -1) {
						st.steps += int64(st.movesBefore(x, s, i) + 1)
						return true
					}
				}
			}
		}
		st.steps += int64(st.movesBefore(x, s, c.nS))
		return false
	}
	// best chain ending in a drop: node dropU moves to (dropS, dropQ) where
	// dropV is ejected for good.
	dropU, dropS, dropQ, dropV := int32(-1), int32(-1), int32(-1), int32(-1)
	consider := func(u, s, q, v int32) {
		if st.locked(v) || sc.seen[v] == sc.stamp || c.weight[v] > c.weight[r] {
			return
		}
		if dropV < 0 || st.cheaper(v, dropV) {
			dropU, dropS, dropQ, dropV = u, s, q, v
		}
	}
	for h := 0; h < len(sc.queue) && h < maxNodes; h++ {
		u := sc.queue[h]
		for _, s := range c.options[u] {
			m, ok := st.personBlocker(u, s)
			if !ok {
				continue
			}
			for _, q := range c.allowed[u] {
				// staying in its slot, u may still move to another pool
				if !c.poolIn[int(s)*c.nQ+int(q)] || s == st.slot[u] && q == st.pool[u] {
					continue
				}
				mq, ok := st.travelBlocker(u, s, c.poolVenue[q], m)
				if !ok {
					continue
				}
				free := st.poolFree(s, q)
				switch {
				case mq < 0 && free:
					if st.applyChain(u, s, q, -1) {
						return true
					}
				case mq < 0:
					if v := st.victim(s, q, nil); v >= 0 {
						consider(u, s, q, v)
					}
					// members in a rotating order, so repeated searches try
					// different ones
					list := st.members[int(s)*c.nQ+int(q)]
					st.rot++
					for i, n := 0, 0; i < len(list) && n < poolChildren; i++ {
						x := list[(i+int(st.rot))%len(list)]
						if sc.seen[x] != sc.stamp && !st.locked(x) {
							if visit(x, u, s, q) {
								return true
							}
							n++
						}
					}
				case free || (st.slot[mq] == s && st.pool[mq] == q):
					consider(u, s, q, mq)
					if visit(mq, u, s, q) {
						return true
					}
				}
			}
		}
	}
	if dropV >= 0 {
		before := st.score()
		mk := st.mark()
		st.remove(dropV)
		if st.applyChain(dropU, dropS, dropQ, mk) && st.score().better(before) {
			return true
		}
		st.rollback(mk)
	}
	return false
}

// applyChain moves the end of a chain to (s, q) and then each request into
// the place of the one it ejected; any broken step undoes the whole chain.
func (st *state) applyChain(end, s, q int32, mk int) bool {
	sc := st.sc
	if mk < 0 {
		mk = st.mark()
	}
	for x := end; x >= 0; x = sc.par[x] {
		if !st.moveTo(x, s, q) {
			st.rollback(mk)
			return false
		}
		s, q = sc.tgtS[x], sc.tgtQ[x]
	}
	return true
}
