package schedule

import (
	"cmp"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// Ruin and recreate, a large neighbourhood search. A round picks an
// unplaced request u (the heavier of two random draws), takes out the
// meetings in its way in a random place of its own, then grows the region
// through its participants' other meetings, and their partners', to a
// random size (a connected part of the conflict graph). The region's
// requests, with its people's unplaced ones, are put back heaviest first,
// ties in random order, each into the place where the other candidates'
// participants are least needed; any room left is offered to all unplaced
// requests, heaviest first. A round is kept unless it loses weight: rounds
// of equal weight walk the plateau, which changes the competition for the
// slots so later rounds find other rearrangements. The best schedule seen,
// by the full score, is restored at the end.

const (
	ruinMin  = 4  // meetings taken out per round, at least
	ruinSpan = 13 // and at most ruinMin+ruinSpan-1
)

type lnsScratch struct {
	stamp   uint32
	rmark   []uint32 // request -> stamp when a candidate
	pmark   []uint32 // participant -> stamp when in the region
	people  []int32
	removed []int32
	freed   []int32 // slots of the removed meetings
	cand    []int32
	key     []uint64  // request -> random tie-break, set per round
	order   []candKey // the candidates that may fit, with their sort keys
	fs, fq  []int32   // feasible places of one candidate: slot position in time order, pool
	cost    []int32   // the cost of each (see bestPlace)
	blk     []int32   // blockers of the first place
}

// candKey sorts candidates heaviest first, then by a random key.
type candKey struct {
	w   int64
	key uint64
	r   int32
}

func (st *state) lnsScratch() *lnsScratch {
	c := st.c
	if st.ls == nil {
		st.lsb = lnsScratch{rmark: make([]uint32, c.nR), pmark: make([]uint32, c.nP), key: make([]uint64, c.nR)}
		st.ls = &st.lsb
	}
	ls := st.ls
	ls.stamp++
	if ls.stamp == 0 {
		clear(ls.rmark)
		clear(ls.pmark)
		ls.stamp = 1
	}
	ls.people, ls.removed, ls.cand, ls.freed = ls.people[:0], ls.removed[:0], ls.cand[:0], ls.freed[:0]
	return ls
}

// lns runs ruin and recreate rounds until the step limit, or until half
// the budget has passed without a better schedule. With more > 0 it
// returns, before going on, a copy of the schedule as it would have ended
// there (see search); it then runs rounds on until limit+more, or half of
// that without a better schedule.
func (st *state) lns(order []int32, limit, more int64, rng *rand.Rand) (fork *state) {
	best, bestScore := st.snapshot(nil), st.score()
	from, last := st.steps, st.steps
	rounds := func(limit int64) {
		patience := (limit - from) / 2
		for st.steps < limit && st.steps-last < patience {
			u := st.pickUnplaced(order, rng)
			if u < 0 {
				break
			}
			before := st.weight
			mk := st.mark()
			st.ruinRecreate(u, ruinMin+rng.IntN(ruinSpan), rng)
			if st.weight < before {
				st.rollback(mk)
				continue
			}
			st.commit()
			if st.score().better(bestScore) {
				best, bestScore, last = st.snapshot(best), st.score(), st.steps
			}
		}
	}
	rounds(limit)
	if more > 0 {
		fork = st.clone()
		if bestScore.better(fork.score()) {
			fork.restore(best)
		}
		rounds(limit + more)
	}
	if bestScore.better(st.score()) {
		st.restore(best)
	}
	return fork
}

// pickUnplaced returns a random unplaced request that has a feasible slot,
// the heavier of two draws, or -1 if there is none.
func (st *state) pickUnplaced(order []int32, rng *rand.Rand) int32 {
	c := st.c
	if len(order) == 0 { // everything locked, or nothing asked
		return -1
	}
	open := func(r int32) bool { return st.slot[r] < 0 && len(c.options[r]) > 0 }
	draw := func() int32 {
		for range 64 {
			st.steps++
			if r := order[rng.IntN(len(order))]; open(r) {
				return r
			}
		}
		// few are unplaced: draw among them exactly
		st.steps += int64(len(order))
		n := 0
		for _, r := range order {
			if open(r) {
				n++
			}
		}
		if n == 0 {
			return -1
		}
		k := rng.IntN(n)
		for _, r := range order {
			if open(r) {
				if k == 0 {
					return r
				}
				k--
			}
		}
		return -1
	}
	a := draw()
	if a < 0 {
		return -1
	}
	if b := draw(); c.weight[b] > c.weight[a] {
		return b
	}
	return a
}

// ruinRecreate takes out about size meetings around u and puts the
// region's requests back.
func (st *state) ruinRecreate(u int32, size int, rng *rand.Rand) {
	c := st.c
	ls := st.lnsScratch()
	take := func(x int32) {
		for _, p := range c.parts[x] {
			if ls.pmark[p] != ls.stamp {
				ls.pmark[p] = ls.stamp
				ls.people = append(ls.people, p)
			}
		}
		if ls.rmark[x] != ls.stamp {
			ls.rmark[x] = ls.stamp
			ls.cand = append(ls.cand, x)
		}
		if st.slot[x] >= 0 {
			ls.removed = append(ls.removed, x)
			ls.freed = append(ls.freed, st.slot[x])
			st.remove(x)
		}
	}
	take(u)
	s := c.options[u][rng.IntN(len(c.options[u]))]
	al := c.allowed[u]
	for i, off := 0, rng.IntN(len(al)); i < len(al); i++ {
		q := al[(i+off)%len(al)]
		if !c.poolIn[int(s)*c.nQ+int(q)] {
			continue
		}
		b, ok := st.blockers(u, s, q, ls.blk)
		ls.blk = b
		if ok {
			for _, x := range b {
				take(x)
			}
			break
		}
	}
	for tries := 0; len(ls.removed) < size && tries < 4*size; tries++ {
		p := ls.people[rng.IntN(len(ls.people))]
		if x := st.busy[int(p)*c.nS+rng.IntN(c.nS)]; x >= 0 && !st.locked(x) {
			take(x)
		}
	}
	for _, p := range ls.people {
		for _, r := range c.byPers[p] {
			if st.slot[r] < 0 && ls.rmark[r] != ls.stamp && len(c.options[r]) > 0 && !st.locked(r) {
				ls.rmark[r] = ls.stamp
				ls.cand = append(ls.cand, r)
			}
		}
	}
	st.steps += int64(len(ls.cand) + len(ls.removed))
	st.recreate(ls, rng)
	st.fillFreed(ls)
}

// recreate places the candidates heaviest first, random among equals.
//
// Recreating only adds meetings, so a candidate with no open slot at the
// start (openSlots) has none at its turn either and is left out of the
// sort; its random key is drawn all the same and its checks are counted,
// so the round is the same as if it had been tried.
func (st *state) recreate(ls *lnsScratch, rng *rand.Rand) {
	c := st.c
	ls.order = ls.order[:0]
	var steps int64
	for _, r := range ls.cand {
		k := rng.Uint64()
		ls.key[r] = k
		steps += int64(len(c.options[r])) // one check per option in bestPlace
		if st.anyOpen(r) {
			ls.order = append(ls.order, candKey{c.weight[r], k, r})
		}
	}
	st.steps += steps
	sortCands(ls.order)
	for _, k := range ls.order {
		if s, q := st.bestPlace(ls, k, rng); s >= 0 {
			st.add(k.r, s, q)
		}
	}
}

func (a candKey) before(b candKey) bool {
	return a.w > b.w || a.w == b.w && a.key < b.key
}

// sortCands sorts by candKey.before: by insertion for the few dozen
// candidates of a usual round, which is several times faster than a
// general sort through a comparison function. Keys are random 64-bit
// numbers, so any correct sort gives the same order.
func sortCands(k []candKey) {
	if len(k) > 96 {
		slices.SortFunc(k, func(a, b candKey) int {
			if d := cmp.Compare(b.w, a.w); d != 0 {
				return d
			}
			return cmp.Compare(a.key, b.key)
		})
		return
	}
	for i := 1; i < len(k); i++ {
		x := k[i]
		j := i
		for ; j > 0 && x.before(k[j-1]); j-- {
			k[j] = k[j-1]
		}
		k[j] = x
	}
}

// bestPlace returns the place for candidate k.r where the other
// candidates' participants are least needed: the fewest requests of its
// participants among the candidates after it that could use the slot. Ties
// go to a random one, one draw per feasible place in time order.
func (st *state) bestPlace(ls *lnsScratch, k candKey, rng *rand.Rand) (int32, int32) {
	c := st.c
	r := k.r
	ls.fs, ls.fq = ls.fs[:0], ls.fq[:0]
	for w, m := range st.openSlots(r) {
		for ; m != 0; m &= m - 1 {
			i := int32(w*64 + bits.TrailingZeros64(m))
			if q := st.pickPool(r, c.byTime[i]); q >= 0 {
				ls.fs, ls.fq = append(ls.fs, i), append(ls.fq, q)
			}
		}
	}
	if len(ls.fs) == 0 {
		return -1, -1
	}
	st.laterDemand(ls, k)
	best, bestQ := int32(-1), int32(-1)
	var bestCost int32
	var bestKey uint64
	for j, i := range ls.fs {
		cost := ls.cost[j]
		key := rng.Uint64()
		if best < 0 || cost < bestCost || cost == bestCost && key < bestKey {
			best, bestQ, bestCost, bestKey = c.byTime[i], ls.fq[j], cost, key
		}
	}
	return best, bestQ
}

// laterDemand sets ls.cost[j], for each feasible place ls.fs[j] of k.r,
// to the number of pairs (participant p of k.r, candidate x after k with p
// in x and the slot among x's options).
func (st *state) laterDemand(ls *lnsScratch, k candKey) {
	c := st.c
	ls.cost = ls.cost[:0]
	for range ls.fs {
		ls.cost = append(ls.cost, 0)
	}
	for _, p := range c.parts[k.r] {
		for _, x := range c.byPers[p] {
			if ls.rmark[x] != ls.stamp || !k.before(candKey{c.weight[x], ls.key[x], x}) {
				continue
			}
			opt := c.optT[int(x)*c.nW : int(x+1)*c.nW]
			for j, i := range ls.fs {
				ls.cost[j] += int32(opt[uint32(i)/64] >> (uint32(i) % 64) & 1)
			}
		}
	}
}

// travelAll reports whether every participant of r can be at venue v in s.
func (st *state) travelAll(r, s, v int32) bool {
	for _, p := range st.c.parts[r] {
		if !st.travelOK(p, s, v) {
			return false
		}
	}
	return true
}

// fillFreed offers the slots the region left free to any unplaced request,
// heaviest first: with every table taken elsewhere, the room a ruin opens
// may suit someone outside the region better than nobody.
func (st *state) fillFreed(ls *lnsScratch) {
	c := st.c
	if c.bySlot == nil {
		return
	}
	for i, s := range ls.freed {
		if slices.Contains(ls.freed[:i], s) {
			continue
		}
		for _, r := range c.bySlot[s] {
			if !st.anyPoolFree(r, s) {
				break
			}
			if st.slot[r] < 0 {
				if q := st.fits(r, s); q >= 0 {
					st.add(r, s, q)
				}
			}
		}
	}
}

// anyPoolFree reports whether one of r's pools has room in s.
func (st *state) anyPoolFree(r, s int32) bool {
	for _, q := range st.c.allowed[r] {
		if st.poolFree(s, q) {
			return true
		}
	}
	return false
}
