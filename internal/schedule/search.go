package schedule

import "math/rand/v2"

// Budget, in steps (constraint checks). A step is a few nanoseconds to a
// few tens; the budget grows with the instance so large inputs still finish
// in about a second at Effort 1, and it never depends on the clock.
const (
	stepsBase       = 2_000_000
	stepsPerRequest = 600
	chainNodes      = 64
)

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
func (st *state) repair(r int32) bool {
	if st.placeDirect(r) {
		return true
	}
	if st.augment(r, chainNodes) || st.anyFree() && st.kempe(r) {
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

// perturb forces a random unplaced request into a random slot, repairs
// around it and keeps the result unless the score got worse: a walk over
// equal-score schedules that lets the repair moves reach new ground.
func (st *state) perturb(order []int32, limit int64, rng *rand.Rand) {
	c := st.c
	var pool, buf []int32
	for st.steps < limit {
		pool = pool[:0]
		for _, r := range order {
			if st.slot[r] < 0 && len(c.options[r]) > 0 {
				pool = append(pool, r)
			}
		}
		if len(pool) == 0 {
			return
		}
		start := st.steps
		for range 64 {
			if st.steps >= limit {
				return
			}
			r := pool[rng.IntN(len(pool))]
			if st.slot[r] >= 0 {
				continue
			}
			s := c.options[r][rng.IntN(len(c.options[r]))]
			q := int32(-1)
			for _, x := range c.allowed[r] {
				if c.poolIn[int(s)*c.nQ+int(x)] {
					q = x
					break
				}
			}
			b, ok := st.blockers(r, s, q, buf)
			buf = b
			if !ok || len(b) > 3 {
				continue
			}
			before := st.score()
			mk := st.mark()
			ejected := append([]int32(nil), b...)
			for _, x := range ejected {
				st.remove(x)
			}
			if !st.moveTo(r, s, q) {
				st.rollback(mk)
				continue
			}
			for _, x := range ejected {
				st.repairNear(x)
			}
			if before.better(st.score()) {
				st.rollback(mk)
				continue
			}
			st.commit()
		}
		st.improve(order, min(limit, st.steps+(st.steps-start)))
	}
}

// repairNear re-places x and then the unplaced requests of its participants,
// whose slots x may have freed.
func (st *state) repairNear(x int32) {
	c := st.c
	if st.slot[x] < 0 && !st.placeDirect(x) && !st.augment(x, chainNodes/2) {
		st.kempe(x)
	}
	for _, p := range c.parts[x] {
		for _, y := range c.byPers[p] {
			if st.slot[y] < 0 && !st.locked(y) {
				st.placeDirect(y)
			}
		}
	}
}
