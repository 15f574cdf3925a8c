package schedule

import "sync"

// Score is the objective of a schedule, in order of importance.
type Score struct {
	Weight   int64 `json:"weight"`   // sum of priorities of placed meetings
	Placed   int   `json:"placed"`   // placed meetings, locks included
	Unserved int   `json:"unserved"` // participants with requests but no meeting
	Gaps     int   `json:"gaps"`     // idle available slots between a person's meetings, summed
}

// Result is a schedule: every request is either in Assignments or in
// Unplaced with a reason. Assignments are in slot time order.
type Result struct {
	Assignments []Assignment `json:"assignments"`
	Unplaced    []Unplaced   `json:"unplaced"`
	Score       Score        `json:"score"`
}

// Schedule validates the instance and places its requests. Locked
// assignments are kept as given; pass none for a full re-run. The same
// instance always gives the same result.
//
// Two searches run side by side, one per core, sharing only the read-only
// compiled instance: one starts heaviest request first, the other from
// prices on the popular people (see byPrice), with another seed. Each is
// deterministic and the better result wins, the first on a tie, so the
// outcome does not depend on which finishes first. Only a large instance
// whose tables are the bottleneck (no place left free after construction,
// and no ruin and recreate budget, see lnsBudget) runs one search on one
// core: the local search alone reaches its LP bound.
func Schedule(inst Instance) (Result, error) {
	c, err := compile(inst)
	if err != nil {
		return Result{}, err
	}
	seed := inst.Options.Seed
	a, byWeight := start(c), byScarcity(c)
	a.construct(byWeight)
	if !a.anyFree() && a.lnsBudget() == 0 {
		return a.search(byWeight, seed).result(), nil
	}
	if a.lnsBudget() > 0 {
		c.compileBySlot()
	}
	// b is built on its own core too: its construction costs as much as
	// a's on a large instance
	var b *state
	var wg sync.WaitGroup
	wg.Go(func() { a = a.search(byWeight, seed) })
	wg.Go(func() {
		b = start(c)
		byPrices := byPrice(c, 1)
		b.construct(byPrices)
		b = b.search(byPrices, seed+1)
	})
	wg.Wait()
	if b.finalBetter(a) {
		return b.result(), nil
	}
	return a.result(), nil
}

// search improves a constructed schedule: repair, iterated local search,
// ruin and recreate, compaction. It returns the state holding the result:
// st, or on an instance small enough for lnsMore, a copy.
func (st *state) search(order []int32, seed uint64) *state {
	limit := st.steps + st.budget()
	if !st.anyFree() {
		st.serve(st.steps + st.budget()/4)
	}
	st.improve(order, st.steps+st.budget()/2)
	rng := st.newRand(seed)
	st.perturb(order, limit, rng)
	fork := st.lns(order, st.steps+st.lnsBudget(), st.lnsMore(), rng)
	st.finish(order)
	if fork == nil {
		return st
	}
	// fork is the search as it would have ended without the extra rounds:
	// the longer one wins only if it is better, so they never cost quality
	fork.finish(order)
	if st.finalBetter(fork) {
		return st
	}
	return fork
}

// finish repairs once more and compacts agendas.
func (st *state) finish(order []int32) {
	st.improve(order, st.steps+st.budget()/8)
	st.sweep(order)
	st.compact(st.steps + st.budget()/4)
	st.sweep(order) // compaction may have opened a place
}

// finalBetter compares finished runs on all three criteria.
func (st *state) finalBetter(o *state) bool {
	if a, b := st.score(), o.score(); a != b {
		return a.better(b)
	}
	return st.totalGaps() < o.totalGaps()
}

// Greedy is the plain baseline the engine is measured against: heaviest
// request first, earliest slot that fits, no repair. Use Schedule.
func Greedy(inst Instance) (Result, error) {
	c, err := compile(inst)
	if err != nil {
		return Result{}, err
	}
	st := start(c)
	st.firstFit()
	return st.result(), nil
}

// start returns a state holding the locked assignments.
func start(c *compiled) *state {
	st := newState(c)
	for r := range int32(c.nR) {
		if c.lockSlot[r] >= 0 {
			st.add(r, c.lockSlot[r], c.lockPool[r])
		}
	}
	st.commit()
	return st
}

func (st *state) result() Result {
	c := st.c
	out := Result{Assignments: st.assignResources()}
	for r := range int32(c.nR) {
		if st.slot[r] < 0 {
			out.Unplaced = append(out.Unplaced, Unplaced{Request: c.inst.Requests[r].ID, Reason: st.explain(r)})
		}
	}
	out.Score = Score{Weight: st.weight, Placed: len(out.Assignments), Unserved: c.hasReq - st.served, Gaps: st.totalGaps()}
	return out
}

// sweep places every request that fits as things stand, so no unplaced
// request could simply be added: each one's reason is a real obstacle.
func (st *state) sweep(order []int32) {
	for _, r := range order {
		if st.slot[r] < 0 {
			st.placeDirect(r)
		}
	}
	st.commit()
}
