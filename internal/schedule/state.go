package schedule

import (
	"math/rand/v2"
	"slices"
)

// cacheLine is the padding around a search's state: two 64-byte lines,
// because x86 cores prefetch cache lines in adjacent pairs.
const cacheLine = 128

// state is a mutable schedule with incremental constraint bookkeeping and a
// journal, so a tentative move can be tried and undone exactly.
//
// Two states are searched side by side on two cores (see Schedule). They
// used to be allocated one after the other from the same size class, so
// the end of one (steps, written on every check) and the start of the
// next (the slice headers read on every check) shared a cache line and the
// two cores took it from each other millions of times a second: a 10k video
// fair took 1.1 s on two cores for 1.4 s of work on one (issue 20). The
// padding keeps each search's hot words on lines of its own, and the
// scratch headers and the random source, which are written as often, live
// inside it instead of in small objects that could land next to the other
// search's.
type state struct {
	_       [cacheLine]byte
	c       *compiled
	slot    []int32        // request -> slot or -1
	pool    []int32        // request -> pool or -1
	busy    []int32        // p*nS+s -> request or -1
	busyT   []uint64       // p*nW: slots where p has a meeting, by position in time order
	load    []int32        // k*nQ+q -> meetings of pool q in clique k
	open    []bool         // s*nQ+q -> pool q has a free place in slot s (poolFree)
	openT   []uint64       // q*nW: the slots of open, by position in time order
	mbuf    []uint64       // scratch mask (openSlots)
	mods    uint64         // meetings added and removed, from 1
	victims []cachedVictim // s*nQ+q -> victim(s, q, nil) as of mods
	fbuf    []uint64       // scratch mask (freeForMove)
	tbuf    []int32        // blockers in trade
	from    []int32        // slots before a swap (kempeSwap, swapSlots)
	inSwap  []int32        // meetings of the two slots (swapSlots)
	cnt     []int32        // participant -> placed meetings
	members [][]int32
	pos     []int32 // request -> index in its members list

	weight int64
	served int // participants with requests and at least one meeting

	journal []entry
	sc      *scratch    // points at scb once used
	ls      *lnsScratch // points at lsb once used
	pmark   []uint32    // participant -> pstamp when counted
	pstamp  uint32
	gbuf    []uint64 // scratch for gaps
	rot     uint32   // rotates the order in which pool members are tried
	steps   int64    // work counter; the search budget is counted in steps
	scb     scratch
	lsb     lnsScratch
	pcg     rand.PCG
	_       [cacheLine]byte
}

type entry struct {
	r, s, q int32
	added   bool
}

func newState(c *compiled) *state {
	st := &state{
		c:       c,
		slot:    make([]int32, c.nR),
		pool:    make([]int32, c.nR),
		busy:    make([]int32, c.nP*c.nS),
		busyT:   make([]uint64, c.nP*c.nW),
		load:    make([]int32, c.nK*c.nQ),
		open:    make([]bool, c.nS*c.nQ),
		openT:   make([]uint64, c.nQ*c.nW),
		mbuf:    make([]uint64, c.nW),
		mods:    1,
		victims: make([]cachedVictim, c.nS*c.nQ),
		fbuf:    make([]uint64, c.nW),
		cnt:     make([]int32, c.nP),
		members: make([][]int32, c.nS*c.nQ),
		pos:     make([]int32, c.nR),
	}
	for i := range st.slot {
		st.slot[i], st.pool[i] = -1, -1
	}
	for i := range st.busy {
		st.busy[i] = -1
	}
	copy(st.open, c.poolIn) // every pool has at least one resource
	for s := range int32(c.nS) {
		for q := range int32(c.nQ) {
			st.setOpen(s, q, c.poolIn[int(s)*c.nQ+int(q)])
		}
	}
	return st
}

// clone copies the schedule and the search's counters (not its scratch)
// into a new state; the journal must be empty.
func (st *state) clone() *state {
	n := newState(st.c)
	copy(n.slot, st.slot)
	copy(n.pool, st.pool)
	copy(n.busy, st.busy)
	copy(n.busyT, st.busyT)
	copy(n.load, st.load)
	copy(n.open, st.open)
	copy(n.openT, st.openT)
	copy(n.cnt, st.cnt)
	copy(n.pos, st.pos)
	for i, m := range st.members {
		n.members[i] = slices.Clone(m)
	}
	n.weight, n.served, n.mods, n.rot, n.steps = st.weight, st.served, st.mods, st.rot, st.steps
	n.pcg = st.pcg
	return n
}

func (st *state) locked(r int32) bool { return st.c.lockSlot[r] >= 0 }

func (st *state) add(r, s, q int32) {
	if st.slot[r] >= 0 {
		panic("double add")
	}
	c := st.c
	st.slot[r], st.pool[r] = s, q
	st.mods++
	t := int(c.rank[s])
	for _, p := range c.parts[r] {
		st.busy[int(p)*c.nS+int(s)] = r
		st.busyT[int(p)*c.nW+t/64] |= 1 << (t % 64)
		st.cnt[p]++
		if st.cnt[p] == 1 {
			st.served++
		}
	}
	for _, k := range c.cliques[s] {
		st.load[int(k)*c.nQ+int(q)]++
	}
	st.reopen(s, q)
	m := int(s)*c.nQ + int(q)
	st.pos[r] = int32(len(st.members[m]))
	st.members[m] = append(st.members[m], r)
	st.weight += c.weight[r]
	st.journal = append(st.journal, entry{r, s, q, true})
}

func (st *state) remove(r int32) {
	c := st.c
	s, q := st.slot[r], st.pool[r]
	st.mods++
	t := int(c.rank[s])
	for _, p := range c.parts[r] {
		st.busy[int(p)*c.nS+int(s)] = -1
		st.busyT[int(p)*c.nW+t/64] &^= 1 << (t % 64)
		st.cnt[p]--
		if st.cnt[p] == 0 {
			st.served--
		}
	}
	for _, k := range c.cliques[s] {
		st.load[int(k)*c.nQ+int(q)]--
	}
	st.reopen(s, q)
	m := int(s)*c.nQ + int(q)
	list := st.members[m]
	i, last := st.pos[r], list[len(list)-1]
	list[i] = last
	st.pos[last] = i
	st.members[m] = list[:len(list)-1]
	st.slot[r], st.pool[r] = -1, -1
	st.weight -= c.weight[r]
	st.journal = append(st.journal, entry{r, s, q, false})
}

// mark and rollback bracket a tentative move; commit forgets the journal.
func (st *state) mark() int { return len(st.journal) }

func (st *state) rollback(m int) {
	for len(st.journal) > m {
		e := st.journal[len(st.journal)-1]
		if e.added {
			st.remove(e.r)
		} else {
			st.add(e.r, e.s, e.q)
		}
		st.journal = st.journal[:len(st.journal)-2] // the undo and its entry
	}
}

func (st *state) commit() { st.journal = st.journal[:0] }

// score is the lexicographic objective: weight, then fewer unserved
// participants. Gaps are only looked at by the final compaction pass.
type score struct {
	weight int64
	served int
}

func (st *state) score() score { return score{st.weight, st.served} }

func (a score) better(b score) bool {
	if a.weight != b.weight {
		return a.weight > b.weight
	}
	return a.served > b.served
}

// personFree reports whether p has no meeting in s or a slot overlapping it.
func (st *state) personFree(p, s int32) bool {
	c := st.c
	row := st.busy[int(p)*c.nS : int(p+1)*c.nS]
	if row[s] >= 0 {
		return false
	}
	for _, t := range c.overlap[s] {
		if row[t] >= 0 {
			return false
		}
	}
	return true
}

// travelOK reports whether p can be at venue v in slot s given p's meetings
// in nearby slots.
func (st *state) travelOK(p, s, v int32) bool {
	c := st.c
	if v < 0 {
		return true
	}
	row := st.busy[int(p)*c.nS : int(p+1)*c.nS]
	for _, t := range c.near[s] {
		if m := row[t]; m >= 0 {
			if w := c.poolVenue[st.pool[m]]; w >= 0 && w != v {
				return false
			}
		}
	}
	return true
}

// poolFree reports whether pool q has a free resource in slot s.
func (st *state) poolFree(s, q int32) bool {
	return st.open[int(s)*st.c.nQ+int(q)]
}

// reopen updates poolFree of pool q for the slots whose load changes with
// a meeting in s: those sharing one of its cliques.
func (st *state) reopen(s, q int32) {
	c := st.c
	cl := c.cliques[s]
	if len(cl) == 1 && len(c.cliqueSlot[cl[0]]) == 1 { // s overlaps no slot
		st.setOpen(s, q, c.poolIn[int(s)*c.nQ+int(q)] && st.load[int(cl[0])*c.nQ+int(q)] < c.poolSize[q])
		return
	}
	for _, k := range cl {
		for _, t := range c.cliqueSlot[k] {
			st.setOpen(t, q, st.countFree(t, q))
		}
	}
}

func (st *state) setOpen(s, q int32, open bool) {
	c := st.c
	st.open[int(s)*c.nQ+int(q)] = open
	i := int(c.rank[s])
	w := &st.openT[int(q)*c.nW+i/64]
	if open {
		*w |= 1 << (i % 64)
	} else {
		*w &^= 1 << (i % 64)
	}
}

// countFree computes poolFree from the loads.
func (st *state) countFree(s, q int32) bool {
	c := st.c
	if !c.poolIn[int(s)*c.nQ+int(q)] {
		return false
	}
	for _, k := range c.cliques[s] {
		if st.load[int(k)*c.nQ+int(q)] >= c.poolSize[q] {
			return false
		}
	}
	return true
}

// peopleFree checks persons and limits for r in s, ignoring venues.
func (st *state) peopleFree(r, s int32) bool {
	st.steps++
	return st.peopleFreeUncounted(r, s)
}

// peopleFreeUncounted is peopleFree for a caller that counts the step.
func (st *state) peopleFreeUncounted(r, s int32) bool {
	c := st.c
	for _, p := range c.parts[r] {
		if c.limited && st.cnt[p] >= c.limit[p] || !st.personFree(p, s) {
			return false
		}
	}
	return true
}

// pickPool returns a pool where r fits in slot s (people already checked),
// or -1. It prefers the venue of the participants' meetings just before and
// after (so later meetings need no venue change), then a participant's home
// venue, then the emptiest pool, which leaves room for requests bound to
// one venue.
func (st *state) pickPool(r, s int32) int32 {
	c := st.c
	best, bestFree, bestNear, bestHome := int32(-1), int32(-1), -1, false
	for _, q := range c.allowed[r] {
		if !st.poolFree(s, q) {
			continue
		}
		v := c.poolVenue[q]
		ok, home, near := true, false, 0
		for _, p := range c.parts[r] {
			if len(c.near[s]) > 0 && v >= 0 {
				same, clash := st.nearVenues(p, s, v)
				if clash {
					ok = false
					break
				}
				near += same
			}
			home = home || v >= 0 && c.home[p] == v
		}
		if !ok {
			continue
		}
		free := c.poolSize[q] - st.maxLoad(s, q)
		better := best < 0 || near > bestNear ||
			near == bestNear && (home && !bestHome || home == bestHome && free > bestFree)
		if better {
			best, bestFree, bestNear, bestHome = q, free, near, home
		}
	}
	return best
}

// nearVenues counts p's meetings at venue v (v >= 0) in slots near s
// and reports whether one is at another venue (not
// travelOK), in one pass.
func (st *state) nearVenues(p, s, v int32) (same int, clash bool) {
	c := st.c
	row := st.busy[int(p)*c.nS : int(p+1)*c.nS]
	for _, t := range c.near[s] {
		if m := row[t]; m >= 0 {
			switch w := c.poolVenue[st.pool[m]]; {
			case w == v:
				same++
			case w >= 0:
				return same, true
			}
		}
	}
	return same, false
}

func (st *state) maxLoad(s, q int32) int32 {
	c := st.c
	var m int32
	for _, k := range c.cliques[s] {
		m = max(m, st.load[int(k)*c.nQ+int(q)])
	}
	return m
}

// fits returns a pool for r in s or -1.
func (st *state) fits(r, s int32) int32 {
	if !st.peopleFree(r, s) {
		return -1
	}
	return st.pickPool(r, s)
}
