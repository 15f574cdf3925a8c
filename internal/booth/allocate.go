package booth

import (
	"math"
	"sort"
)

// Allocate runs the allocation: locks first, then every request in draw
// order (priority, then lottery ticket) takes the best block it can, then a
// repair pass moves booths where that serves a request of more value, and a
// last fill. The result is deterministic for a given instance and seed.
func Allocate(inst Instance) (Result, error) {
	c, err := compile(inst)
	if err != nil {
		return Result{}, err
	}
	s := newState(c)
	for r := range c.reqs {
		for _, b := range c.lockOf[r] {
			s.give(int32(r), b)
		}
	}
	s.specific(+1)
	for _, r := range c.order {
		s.specificOne(r, -1)
		s.done[r] = true
		s.choose(r)
	}
	for range 3 {
		if !s.repair() {
			break
		}
	}
	s.improveAreas(Tries)
	for _, r := range c.order {
		s.choose(r)
	}
	return s.result(), nil
}

// Tries is how many ruin-and-recreate rounds each area gets.
var Tries = 400

// TriesWork bounds an area's rounds to about TriesWork / (requests × booths).
var TriesWork = 200000

type state struct {
	c      *compiled
	owner  []int32
	got    []float64
	held   [][]int32
	qUsed  map[[2]int32]float64
	spec   map[[2]int32]float64 // (area, kind index) → m² still wanted by kind-specific requests
	mark   []uint32
	stamp  uint32
	scores []float64
	done   []bool // processed in the first pass
}

func newState(c *compiled) *state {
	s := &state{c: c, owner: make([]int32, len(c.booths)), got: make([]float64, len(c.reqs)),
		held: make([][]int32, len(c.reqs)), qUsed: map[[2]int32]float64{}, spec: map[[2]int32]float64{},
		mark: make([]uint32, len(c.booths)), done: make([]bool, len(c.reqs)), scores: make([]float64, len(c.booths))}
	for i := range s.owner {
		s.owner[i] = -1
	}
	return s
}

func kindIdx(k Kind) int32 {
	switch k {
	case Raw:
		return 1
	case Island:
		return 2
	}
	return 0
}

func (s *state) specific(sign float64) {
	for r := range s.c.reqs {
		s.specificOne(int32(r), sign)
	}
}

func (s *state) specificOne(r int32, sign float64) {
	rq := &s.c.reqs[r]
	if rq.Kind == "" {
		return
	}
	m2 := rq.M2
	if rq.Count > 0 {
		m2 = float64(rq.Count) * StdM2
	}
	s.spec[[2]int32{s.c.rArea[r], kindIdx(rq.Kind)}] += sign * m2
}

func (s *state) give(r, b int32) {
	s.owner[b] = r
	s.got[r] += s.c.unit(r, b)
	s.held[r] = append(s.held[r], b)
	if g := s.c.rGroup[r]; g >= 0 {
		s.qUsed[[2]int32{g, s.c.rArea[r]}] += s.c.booths[b].M2
	}
}

func (s *state) take(r, b int32) {
	s.owner[b] = -1
	s.got[r] -= s.c.unit(r, b)
	h := s.held[r]
	for i, x := range h {
		if x == b {
			h[i] = h[len(h)-1]
			s.held[r] = h[:len(h)-1]
			break
		}
	}
	if g := s.c.rGroup[r]; g >= 0 {
		s.qUsed[[2]int32{g, s.c.rArea[r]}] -= s.c.booths[b].M2
	}
}

// quotaLeft is the m² request r's group may still take in its area.
func (s *state) quotaLeft(r int32) float64 {
	g := s.c.rGroup[r]
	if g < 0 {
		return math.Inf(1)
	}
	k := [2]int32{g, s.c.rArea[r]}
	cap, ok := s.c.quota[k]
	if !ok {
		return math.Inf(1)
	}
	return cap - s.qUsed[k]
}

// foesBeside counts b's neighbours held by requests to be kept apart from r.
func (s *state) foesBeside(r, b int32) int {
	if !s.c.anyFoes || len(s.c.foes[r]) == 0 {
		return 0
	}
	n := 0
	for _, x := range s.c.adj[b] {
		if o := s.owner[x]; o >= 0 && o != r && s.c.foe(r, o) {
			n++
		}
	}
	return n
}

func (s *state) adjOwned(r, b int32) int {
	n := 0
	for _, x := range s.c.adj[b] {
		if s.owner[x] == r {
			n++
		}
	}
	return n
}

// choose gives request r the best block of free booths it can take.
func (s *state) choose(r int32) {
	c := s.c
	rem := c.want(r) - s.got[r]
	qrem := s.quotaLeft(r)
	if rem <= eps {
		return
	}
	rq := &c.reqs[r]
	// Free m² per kind, and the largest m² still wanted by a later m²
	// request per kind: what taking a booth costs those who come after.
	var kindFree, bigWant [3]float64
	for _, b := range c.inArea[c.rArea[r]] {
		if s.owner[b] < 0 && !c.booths[b].Blocked {
			kindFree[kindIdx(c.booths[b].Kind)] += c.booths[b].M2
		}
	}
	if rq.Count > 0 {
		for _, x := range c.byArea[c.rArea[r]] {
			if q := &c.reqs[x]; !s.done[x] && q.Count == 0 {
				left := q.M2 - s.got[x]
				for k := range bigWant {
					if (q.Kind == "" || kindIdx(q.Kind) == int32(k)) && left > bigWant[k] {
						bigWant[k] = left
					}
				}
			}
		}
	}
	// A quota the group's later requests will exhaust makes every extra m²
	// taken now a booth less for them.
	tightQuota := false
	if g := c.rGroup[r]; g >= 0 && !math.IsInf(qrem, 1) {
		d := 0.0
		for _, x := range c.byArea[c.rArea[r]] {
			if x != r && c.rGroup[x] == g && !s.done[x] {
				if c.reqs[x].Count > 0 {
					d += float64(c.reqs[x].Count) * StdM2
				} else {
					d += c.reqs[x].M2
				}
			}
		}
		tightQuota = d+rem*StdM2 > qrem
	}
	var cands []int32
	for _, b := range c.inArea[c.rArea[r]] {
		if s.owner[b] < 0 && c.eligible(r, b) && c.unit(r, b) <= rem+eps && c.booths[b].M2 <= qrem+eps {
			cands = append(cands, b)
			// What choosing b costs others: kind-specific demand to come,
			// and for Count requests the m² a larger booth takes away.
			p := 0.0
			bt := &c.booths[b]
			if rq.Kind == "" {
				if d := s.spec[[2]int32{c.rArea[r], kindIdx(bt.Kind)}]; d > eps {
					p += PrioBase * bt.M2 / StdM2 * min(1, d/kindFree[kindIdx(bt.Kind)])
				}
			}
			if rq.Count > 0 {
				p += 0.01 * bt.M2 / StdM2
				if bt.M2 > StdM2+eps && (bt.M2 <= bigWant[kindIdx(bt.Kind)]+eps || tightQuota) {
					// A larger booth serves one booth here, more units to an m² request.
					p += (bt.M2/StdM2 - 1) * PrioBase
				}
			}
			free := 0
			for _, x := range c.adj[b] {
				if s.owner[x] < 0 && c.eligible(r, x) {
					free++
				}
			}
			s.scores[b] = c.value(r, b) - p + 0.05*float64(min(free, 4)) - CompetitorCost*float64(s.foesBeside(r, b))
		}
	}
	if len(cands) == 0 {
		return
	}
	sort.SliceStable(cands, func(i, j int) bool { return s.scores[cands[i]] > s.scores[cands[j]] })
	var seeds []int32
	if len(s.held[r]) > 0 {
		seeds = []int32{-1} // grow from the locked booths
	} else {
		seeds = cands[:min(len(cands), 6)]
	}
	var best []int32
	bestGain := math.Inf(-1)
	block := make([]int32, 0, 8)
	for _, seed := range seeds {
		block = block[:0]
		s.stamp++
		for _, b := range s.held[r] {
			s.mark[b] = s.stamp
		}
		gain := 0.0
		left, qleft := rem, qrem
		add := func(b int32, g float64) {
			block = append(block, b)
			s.mark[b] = s.stamp
			gain += g
			left -= c.unit(r, b)
			qleft -= c.booths[b].M2
		}
		if seed >= 0 {
			add(seed, s.scores[seed]+ContigBonus*float64(s.adjOwned(r, seed)))
		}
		for left > eps {
			nb, ng := int32(-1), math.Inf(-1)
			// Frontier: free booths next to the block (or the locked ones).
			scan := func(from int32) {
				for _, x := range c.adj[from] {
					if s.mark[x] == s.stamp || s.owner[x] >= 0 || !c.eligible(r, x) || c.unit(r, x) > left+eps || c.booths[x].M2 > qleft+eps {
						continue
					}
					g := s.scores[x] + ContigBonus*float64(s.linked(r, x))
					if g > ng || (g == ng && x < nb) {
						nb, ng = x, g
					}
				}
			}
			for _, b := range s.held[r] {
				scan(b)
			}
			for _, b := range block {
				scan(b)
			}
			if nb < 0 {
				for _, x := range cands {
					if s.mark[x] != s.stamp && c.unit(r, x) <= left+eps && c.booths[x].M2 <= qleft+eps {
						nb, ng = x, s.scores[x]
						break
					}
				}
			}
			if nb < 0 {
				break
			}
			add(nb, ng)
		}
		if gain > bestGain+eps {
			bestGain = gain
			best = append(best[:0], block...)
		}
	}
	for _, b := range best {
		s.give(r, b)
	}
}

// linked counts x's neighbours that are marked in the current block or
// already held by r.
func (s *state) linked(r, x int32) int {
	n := 0
	for _, y := range s.c.adj[x] {
		if s.mark[y] == s.stamp || s.owner[y] == r {
			n++
		}
	}
	return n
}

// repair tries, for every request still short, to take a booth b held by
// another request r2 — moving r2 to a free booth f, or leaving r2 short —
// when that raises the objective. It reports whether anything changed.
func (s *state) repair() bool {
	c := s.c
	changed := false
	for _, r := range c.order {
		for {
			rem := c.want(r) - s.got[r]
			if rem <= eps {
				break
			}
			if !s.improve(r, rem) {
				break
			}
			changed = true
		}
	}
	return changed
}

func (s *state) improve(r int32, rem float64) bool {
	c := s.c
	a := c.rArea[r]
	var free []int32
	for _, f := range c.inArea[a] {
		if s.owner[f] < 0 && !c.booths[f].Blocked {
			free = append(free, f)
		}
	}
	bestDelta, bb, bf := eps, int32(-1), int32(-1)
	for _, b := range c.inArea[a] {
		r2 := s.owner[b]
		if r2 < 0 || r2 == r || c.locked[b] >= 0 || !c.eligible(r, b) || c.unit(r, b) > rem+eps {
			continue
		}
		gainR := c.value(r, b) + ContigBonus*float64(s.adjOwned(r, b)) - CompetitorCost*float64(s.foesBeside(r, b))
		lossR2 := c.value(r2, b) + ContigBonus*float64(s.adjOwned(r2, b)) - CompetitorCost*float64(s.foesBeside(r2, b))
		apart := c.anyFoes && c.foe(r, r2)
		mb := c.booths[b].M2
		// Steal: r2 loses b.
		if s.quotaOK(r, mb, r2, -mb) {
			if d := gainR - lossR2; d > bestDelta {
				bestDelta, bb, bf = d, b, -1
			}
		}
		// Swap: r2 moves to a free booth f.
		rem2 := c.want(r2) - s.got[r2] + c.unit(r2, b)
		for _, f := range free {
			if !c.eligible(r2, f) || c.unit(r2, f) > rem2+eps {
				continue
			}
			if !s.quotaOK(r, mb, r2, c.booths[f].M2-mb) {
				continue
			}
			adjF := s.adjOwned(r2, f)
			foesF := s.foesBeside(r2, f)
			for _, x := range c.adj[f] {
				if x == b {
					adjF-- // b passes from r2 to r
					if apart {
						foesF++
					}
				}
			}
			d := gainR - lossR2 + c.value(r2, f) + ContigBonus*float64(adjF) - CompetitorCost*float64(foesF)
			if d > bestDelta {
				bestDelta, bb, bf = d, b, f
			}
		}
	}
	if bb < 0 {
		return false
	}
	r2 := s.owner[bb]
	s.take(r2, bb)
	s.give(r, bb)
	if bf >= 0 {
		s.give(r2, bf)
	}
	return true
}

// quotaOK reports whether r's group may take dr more m² and r2's group dr2.
func (s *state) quotaOK(r int32, dr float64, r2 int32, dr2 float64) bool {
	c := s.c
	d := map[int32]float64{}
	if g := c.rGroup[r]; g >= 0 {
		d[g] += dr
	}
	if g := c.rGroup[r2]; g >= 0 {
		d[g] += dr2
	}
	for g, x := range d {
		k := [2]int32{g, c.rArea[r]}
		if cap, ok := c.quota[k]; ok && x > 0 && s.qUsed[k]+x > cap+eps {
			return false
		}
	}
	return true
}

func (s *state) result() Result {
	c := s.c
	res := Result{Seed: c.inst.Seed, Outcomes: make([]Outcome, len(c.reqs))}
	rankIn := make([]int, len(c.areas))
	waitIn := make([]int, len(c.areas))
	for _, r := range c.order {
		a := c.rArea[r]
		rankIn[a]++
		o := &res.Outcomes[r]
		o.Request, o.Rank, o.Ticket, o.Wanted, o.Got = c.reqs[r].ID, rankIn[a], c.ticket[r], c.want(r), s.got[r]
		held := append([]int32(nil), s.held[r]...)
		sort.Slice(held, func(i, j int) bool { return c.booths[held[i]].Code < c.booths[held[j]].Code })
		locked := false
		for _, b := range held {
			o.Booths = append(o.Booths, c.booths[b].Code)
			o.M2 += c.booths[b].M2
			locked = locked || c.locked[b] == r
		}
		if g := c.rGroup[r]; g >= 0 {
			if cap, ok := c.quota[[2]int32{g, a}]; ok {
				o.QuotaM2, o.QuotaUse = cap, s.qUsed[[2]int32{g, a}]
			}
		}
		served := s.got[r] >= c.want(r)-eps
		switch {
		case served:
			o.Status = Assigned
		case len(held) > 0:
			o.Status = Partial
		default:
			o.Status = Waitlisted
		}
		if locked {
			o.Reasons = append(o.Reasons, ReasonLocked)
		}
		if len(held) > 0 {
			o.Reasons = append(o.Reasons, ReasonPriority)
			if o.QuotaM2 > 0 {
				o.Reasons = append(o.Reasons, ReasonQuota)
			}
		}
		if len(held) > 0 && len(c.reqs[r].Avoid) > 0 {
			o.Beside = s.beside(r)
			if len(o.Beside) == 0 {
				o.Reasons = append(o.Reasons, ReasonApart)
			} else {
				o.Reasons = append(o.Reasons, ReasonBesideAvoided)
			}
		}
		if !served {
			waitIn[a]++
			o.Waitlist = waitIn[a]
			o.Reasons = append(o.Reasons, s.shortfall(r), ReasonWaitlisted)
		}
	}
	for r := range c.reqs {
		held := append([]int32(nil), s.held[r]...)
		sort.Slice(held, func(i, j int) bool { return c.booths[held[i]].Code < c.booths[held[j]].Code })
		for _, b := range held {
			res.Assignments = append(res.Assignments, Assignment{Request: c.reqs[r].ID, Booth: c.booths[b].Code, Locked: c.locked[b] == int32(r)})
		}
	}
	res.Score = s.score()
	return res
}

// beside lists, sorted, the organizations r named in Avoid that hold a
// booth next to one of r's.
func (s *state) beside(r int32) []string {
	c := s.c
	named := map[string]bool{}
	for _, o := range c.reqs[r].Avoid {
		named[o] = true
	}
	var out []string
	for _, b := range s.held[r] {
		for _, x := range c.adj[b] {
			if o := s.owner[x]; o >= 0 && o != r && named[c.reqs[o].Org] {
				out = append(out, c.reqs[o].Org)
				named[c.reqs[o].Org] = false
			}
		}
	}
	sort.Strings(out)
	return out
}

// shortfall names why request r did not get everything it asked for.
func (s *state) shortfall(r int32) Reason {
	c := s.c
	rq := &c.reqs[r]
	anyFree, kindFree, fits := false, false, false
	qrem := s.quotaLeft(r)
	for _, b := range c.inArea[c.rArea[r]] {
		bt := &c.booths[b]
		if s.owner[b] >= 0 || bt.Blocked {
			continue
		}
		anyFree = true
		if rq.Kind == "" || bt.Kind == rq.Kind {
			kindFree = true
			if bt.M2 <= qrem+eps {
				fits = true
			}
		}
	}
	switch {
	case !anyFree:
		return ReasonAreaFull
	case !kindFree:
		return ReasonKindUnavailable
	case !fits:
		return ReasonQuotaReached
	}
	return ReasonNoFit
}

func (s *state) score() Score {
	c := s.c
	var sc Score
	for r := range c.reqs {
		for _, b := range s.held[r] {
			bt := &c.booths[b]
			sc.Value += c.value(int32(r), b)
			sc.M2 += bt.M2
			if c.reqs[r].Count > 0 {
				sc.Units++
			} else {
				sc.Units += bt.M2 / StdM2
			}
			sc.Prefs += prefs(&c.reqs[r], bt)
			for _, x := range c.adj[b] {
				if x > b && s.owner[x] == int32(r) {
					sc.Pairs++
				}
				if o := s.owner[x]; x > b && c.anyFoes && o >= 0 && o != int32(r) && c.foe(int32(r), o) {
					sc.Foes++
				}
			}
		}
	}
	sc.Value += float64(ContigBonus*sc.Pairs - CompetitorCost*sc.Foes)
	return sc
}
