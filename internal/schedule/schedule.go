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
// It runs two searches side by side, one per core (they share only the
// read-only compiled instance): one starts heaviest first, the other from
// prices on popular participants (see byPrice). Each is deterministic, and
// the better result wins, the first on a tie, so the outcome does not
// depend on which finishes first.
func Schedule(inst Instance) (Result, error) {
	c, err := compile(inst)
	if err != nil {
		return Result{}, err
	}
	var runs [2]*state
	var wg sync.WaitGroup
	for i := range runs {
		wg.Go(func() { runs[i] = search(c, i == 1, inst.Options.Seed+uint64(i)) })
	}
	wg.Wait()
	best := runs[0]
	if runs[1].finalBetter(runs[0]) {
		best = runs[1]
	}
	return best.result(), nil
}

// search is one complete run: construction, repair, iterated local search,
// compaction. With priced, it starts from byPrice when people rather than
// tables are the bottleneck; otherwise heaviest first, so on table-bound
// instances the two runs differ only by seed.
func search(c *compiled, priced bool, seed uint64) *state {
	st := start(c)
	limit := st.budget()
	order := byScarcity(c)
	st.construct(order)
	if priced && st.anyFree() {
		st.clearFree()
		order = byPrice(c, 1)
		st.construct(order)
	}
	if !st.anyFree() {
		st.serve(limit / 4)
	}
	st.improve(order, limit/2)
	st.perturb(order, limit, newRand(seed))
	st.improve(order, limit+limit/8)
	st.sweep(order)
	st.compact(st.steps + limit/4)
	st.sweep(order) // compaction may have opened a place
	return st
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
