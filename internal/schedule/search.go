package schedule

import (
	"math"
	"math/rand/v2"
)

// Budget, in steps (constraint checks). A step is a few nanoseconds to a
// few tens; the budget grows with the instance so large inputs still finish
// in about a second at Effort 1, and it never depends on the clock.
const (
	stepsBase       = 2_000_000
	stepsPerRequest = 600
	chainNodes      = 64
	cycleBase       = 300_000
	cyclePerRequest = 2_000
	startTemp       = 0.6
)

// Ruin and recreate budget, in steps: lnsGrow per request up to lnsCap
// less lnsShrink per request.
var lnsGrow, lnsCap, lnsShrink int64 = 20_000, 24_000_000, 2_400

// lnsMoreGrow is the grow rate with lnsMore added (issue 20: overlapping
// venue grids were 2 below the optimum at 660 requests).
var lnsMoreGrow int64 = 30_000

// lnsMore is the budget of the extra ruin and recreate rounds on instances
// below the size where lnsBudget is capped: what growing at lnsMoreGrow per
// request would add. Instances at the cap and beyond get none, so their
// results and times are those of lnsBudget alone.
func (st *state) lnsMore() int64 {
	e := int64(max(st.c.inst.Options.Effort, 1))
	n := int64(st.c.nR)
	return max(0, e*max(0, min(lnsMoreGrow*n, lnsCap-lnsShrink*n))-st.lnsBudget())
}

// lnsBudget is the ruin and recreate budget. It grows with the instance at
// first (a small one needs few rounds), then shrinks, to nothing at 10,000
// requests: medium instances, with people and venues tangled, gain most
// from it and a second costs nothing there; at 10,000 requests the local
// search alone is at the LP bound and the time target is one second.
func (st *state) lnsBudget() int64 {
	e := int64(max(st.c.inst.Options.Effort, 1))
	n := int64(st.c.nR)
	return e * max(0, min(lnsGrow*n, lnsCap-lnsShrink*n))
}

func (st *state) budget() int64 {
	e := int64(max(st.c.inst.Options.Effort, 1))
	return e * (stepsBase + stepsPerRequest*int64(st.c.nR))
}

// improve runs the repair moves over unplaced requests until a whole pass
// finds nothing or the budget runs out.
func (st *state) improve(order []int32, limit int64) {
	for st.steps < limit {
		found := false
		for _, r := range order {
			if st.slot[r] >= 0 || len(st.c.options[r]) == 0 {
				continue
			}
			if st.steps >= limit {
				return
			}
			if st.repair(r) {
				st.commit()
				found = true
			}
		}
		if !found {
			return
		}
	}
}

// repair tries the moves from cheapest to dearest.
// repair tries the moves from cheapest to dearest.
func (st *state) repair(r int32) bool {
	if st.placeDirect(r) {
		return true
	}
	// with every place taken, chains can only end by dropping a meeting,
	// which a trade does more cheaply
	if st.anyFree() && (st.augment(r, chainNodes) || st.kempe(r)) {
		return true
	}
	if st.hasFull(r) && st.exchange(r, exchangeDepth, st.score()) {
		return true
	}
	return st.trade(r, chainNodes/4)
}

// anyFree reports whether some pool has a free place in some slot; when
// none has, chains and swaps cannot add a meeting and only trades can.
func (st *state) anyFree() bool {
	c := st.c
	for s := range int32(c.nS) {
		for q := range int32(c.nQ) {
			if st.poolFree(s, q) {
				return true
			}
		}
	}
	return false
}

// perturb is an iterated local search: force a random unplaced request
// into a random slot, repair around it, and accept the result if it is no
// worse, or worse with a probability that falls during a cycle (simulated
// annealing on the weight). Each cycle starts from the best schedule seen;
// a cycle without a new best ends the search early, so small instances do
// not spend the whole budget. The best schedule is restored at the end.
func (st *state) perturb(order []int32, limit int64, rng *rand.Rand) {
	c := st.c
	best, bestScore := st.snapshot(nil), st.score()
	cycle := cycleBase + cyclePerRequest*int64(c.nR)
	var cand, buf []int32
	for st.steps < limit {
		from, end := st.steps, min(limit, st.steps+cycle)
		found := false
		for st.steps < end {
			cand = cand[:0]
			for _, r := range order {
				if st.slot[r] < 0 && len(c.options[r]) > 0 {
					cand = append(cand, r)
				}
			}
			if len(cand) == 0 {
				return
			}
			for range 32 {
				if st.steps >= end {
					break
				}
				before := st.score()
				mk := st.mark()
				r := cand[rng.IntN(len(cand))]
				if st.slot[r] >= 0 || !st.kick(r, rng, &buf) {
					continue
				}
				after := st.score()
				if before.better(after) {
					temp := float64(end-st.steps) / float64(end-from)
					d := float64(before.weight-after.weight) + float64(before.served-after.served)/16
					if temp <= 0 || rng.Float64() >= math.Exp(-d/(temp*startTemp)) {
						st.rollback(mk)
						continue
					}
				}
				st.commit()
				if st.score().better(bestScore) {
					best, bestScore = st.snapshot(best), st.score()
					found = true
				}
			}
		}
		if bestScore.better(st.score()) {
			st.restore(best)
		}
		if !found {
			return
		}
	}
}

// kick forces r into a random place and repairs around it.
func (st *state) kick(r int32, rng *rand.Rand, buf *[]int32) bool {
	c := st.c
	s := c.options[r][rng.IntN(len(c.options[r]))]
	var qs [8]int32
	n := 0
	for _, x := range c.allowed[r] {
		if c.poolIn[int(s)*c.nQ+int(x)] && n < len(qs) {
			qs[n] = x
			n++
		}
	}
	q := qs[rng.IntN(n)]
	b, ok := st.blockers(r, s, q, *buf)
	*buf = b
	if !ok || len(b) > 3 {
		return false
	}
	mk := st.mark()
	ejected := b // *buf is not used again before the next kick
	for _, x := range ejected {
		st.remove(x)
	}
	if !st.moveTo(r, s, q) {
		st.rollback(mk)
		return false
	}
	st.refill(ejected, chainNodes/2)
	for _, x := range ejected {
		if st.slot[x] < 0 {
			st.repair(x)
		}
	}
	return true
}

// snapshot copies the places of all requests into dst.
func (st *state) snapshot(dst []int32) []int32 {
	n := st.c.nR
	dst = append(dst[:0], st.slot...)
	return append(dst[:n], st.pool...)
}

// restore rebuilds the state from a snapshot; locks never move, so they
// stay as they are.
func (st *state) restore(snap []int32) {
	c := st.c
	st.clearFree()
	for r := range int32(c.nR) {
		if s := snap[r]; s >= 0 && !st.locked(r) {
			st.add(r, s, snap[int(r)+c.nR])
		}
	}
	st.commit()
}

// newRand returns a generator whose state is st's own (see state).
func (st *state) newRand(seed uint64) *rand.Rand {
	st.pcg.Seed(seed, seed^0x9e3779b97f4a7c15)
	return rand.New(&st.pcg)
}

// serve tries, for each participant who has requests but no meeting, to
// place one of their requests, heaviest first. At equal weight a trade
// that serves one more person wins, so this works on the second criterion
// directly instead of waiting for the general pass to reach these requests.
func (st *state) serve(limit int64) {
	c := st.c
	for p := range int32(c.nP) {
		if st.cnt[p] > 0 || len(c.byPers[p]) == 0 {
			continue
		}
		for _, r := range c.byPers[p] {
			if st.steps >= limit {
				return
			}
			if st.slot[r] < 0 && len(c.options[r]) > 0 && st.repair(r) {
				st.commit()
				break
			}
		}
	}
}
