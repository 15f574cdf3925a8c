package booth

import (
	"fmt"
	"math"
	"sort"
)

// compiled is an instance checked and indexed.
type compiled struct {
	inst     Instance
	booths   []Booth
	adj      [][]int32 // symmetric, deduplicated
	areaOf   []int32   // booth → area index
	areas    []string
	areaM2   []float64
	inArea   [][]int32 // area → booths
	reqs     []Request
	rArea    []int32
	byArea   [][]int32 // area → requests
	rGroup   []int32   // -1: no group
	groups   []string
	quota    map[[2]int32]float64 // (group, area) → cap in m²
	pct      map[[2]int32]float64
	lockOf   [][]int32 // request → locked booths
	locked   []int32   // booth → request locked to it, or -1
	ticket   []uint64
	order    []int32   // requests in draw order
	foes     [][]int32 // request → requests to keep apart from (either named the other's org), sorted
	anyFoes  bool
	eligible func(r, b int32) bool
}

const eps = 1e-9

// Check validates an instance without allocating; it returns Errors or nil.
func Check(inst Instance) error {
	_, err := compile(inst)
	return err
}

func compile(inst Instance) (*compiled, error) {
	var errs Errors
	add := func(e *Error) { errs = append(errs, e) }
	c := &compiled{inst: inst, booths: inst.Booths, reqs: inst.Requests, quota: map[[2]int32]float64{}, pct: map[[2]int32]float64{}}
	byCode := make(map[string]int32, len(inst.Booths))
	areaIdx := map[string]int32{}
	c.areaOf = make([]int32, len(inst.Booths))
	for i, b := range inst.Booths {
		f := fmt.Sprintf("booths[%d]", i)
		if b.Code == "" {
			add(errorf(CodeInvalid, f+".code", "empty booth code"))
		} else if j, dup := byCode[b.Code]; dup {
			if inst.Booths[j].Area != b.Area {
				add(errorf(CodeConflict, f+".code", "booth %s is in two areas (%s and %s)", b.Code, inst.Booths[j].Area, b.Area))
			} else {
				add(errorf(CodeConflict, f+".code", "booth %s listed twice", b.Code))
			}
		} else {
			byCode[b.Code] = int32(i)
		}
		if !(b.M2 > 0) || math.IsInf(b.M2, 0) {
			add(errorf(CodeInvalid, f+".m2", "booth %s: m² must be positive", b.Code))
		}
		if !b.Kind.Valid() {
			add(errorf(CodeInvalid, f+".kind", "booth %s: unknown kind %q", b.Code, b.Kind))
		}
		if b.Area == "" {
			add(errorf(CodeInvalid, f+".area", "booth %s: no area", b.Code))
		}
		if b.W < 0 || b.D < 0 {
			add(errorf(CodeInvalid, f+".w", "booth %s: negative size", b.Code))
		}
		a, ok := areaIdx[b.Area]
		if !ok {
			a = int32(len(c.areas))
			areaIdx[b.Area] = a
			c.areas = append(c.areas, b.Area)
			c.areaM2 = append(c.areaM2, 0)
			c.inArea = append(c.inArea, nil)
		}
		c.areaOf[i] = a
		c.areaM2[a] += b.M2
		c.inArea[a] = append(c.inArea[a], int32(i))
	}
	// Adjacency: known codes, symmetric, no self.
	c.adj = make([][]int32, len(inst.Booths))
	for i, b := range inst.Booths {
		for k, code := range b.Adjacent {
			j, ok := byCode[code]
			switch {
			case !ok:
				add(errorf(CodeNotFound, fmt.Sprintf("booths[%d].adjacent[%d]", i, k), "booth %s: adjacent booth %s does not exist", b.Code, code))
			case int(j) == i:
				add(errorf(CodeInvalid, fmt.Sprintf("booths[%d].adjacent[%d]", i, k), "booth %s is adjacent to itself", b.Code))
			default:
				c.adj[i] = append(c.adj[i], j)
				c.adj[j] = append(c.adj[j], int32(i))
			}
		}
	}
	for i := range c.adj {
		c.adj[i] = dedup(c.adj[i])
	}
	for _, e := range overlaps(inst.Booths) {
		add(e)
	}
	// Groups and quotas.
	groupIdx := map[string]int32{}
	group := func(g string) int32 {
		if g == "" {
			return -1
		}
		k, ok := groupIdx[g]
		if !ok {
			k = int32(len(c.groups))
			groupIdx[g] = k
			c.groups = append(c.groups, g)
		}
		return k
	}
	sum := make([]float64, len(c.areas))
	for i, q := range inst.Quotas {
		f := fmt.Sprintf("quotas[%d]", i)
		a, ok := areaIdx[q.Area]
		if !ok {
			add(errorf(CodeNotFound, f+".area", "quota for %s: area %s has no booths", q.Group, q.Area))
			continue
		}
		if q.Group == "" {
			add(errorf(CodeInvalid, f+".group", "quota in %s: no group", q.Area))
			continue
		}
		if !(q.Percent > 0 && q.Percent <= 100) {
			add(errorf(CodeInvalid, f+".percent", "quota of %s in %s: percent must be in (0, 100]", q.Group, q.Area))
			continue
		}
		key := [2]int32{group(q.Group), a}
		if _, dup := c.pct[key]; dup {
			add(errorf(CodeConflict, f, "two quotas for %s in %s", q.Group, q.Area))
			continue
		}
		c.pct[key] = q.Percent
		c.quota[key] = q.Percent / 100 * c.areaM2[a]
		sum[a] += q.Percent
	}
	for a, s := range sum {
		if s > 100+eps {
			add(errorf(CodeConflict, "quotas", "the quotas of area %s sum to %.4g%%, over 100%%", c.areas[a], s))
		}
	}
	// Requests.
	reqIdx := make(map[string]int32, len(inst.Requests))
	c.rArea = make([]int32, len(inst.Requests))
	c.rGroup = make([]int32, len(inst.Requests))
	for i, r := range inst.Requests {
		f := fmt.Sprintf("requests[%d]", i)
		if r.ID == "" {
			add(errorf(CodeInvalid, f+".id", "empty request id"))
		} else if _, dup := reqIdx[r.ID]; dup {
			add(errorf(CodeConflict, f+".id", "request %s listed twice", r.ID))
		} else {
			reqIdx[r.ID] = int32(i)
		}
		c.rGroup[i] = group(r.Group)
		a, ok := areaIdx[r.Area]
		c.rArea[i] = a
		if !ok {
			c.rArea[i] = -1
			add(errorf(CodeNotFound, f+".area", "request %s: area %s has no booths", r.ID, r.Area))
			continue
		}
		if r.Kind != "" && !r.Kind.Valid() {
			add(errorf(CodeInvalid, f+".kind", "request %s: unknown kind %q", r.ID, r.Kind))
		}
		if (r.Count > 0) == (r.M2 > 0) || r.Count < 0 || r.M2 < 0 || math.IsInf(r.M2, 0) || math.IsNaN(r.M2) {
			add(errorf(CodeInvalid, f+".count", "request %s: ask for a count of booths or for m², one of the two", r.ID))
			continue
		}
		n, m2 := 0, 0.0
		for _, b := range c.inArea[a] {
			if bb := inst.Booths[b]; !bb.Blocked && (r.Kind == "" || bb.Kind == r.Kind) {
				n++
				m2 += bb.M2
			}
		}
		if r.Count > n {
			add(errorf(CodeConflict, f+".count", "request %s asks for %d booths; area %s holds %d of that kind", r.ID, r.Count, r.Area, n))
		}
		if r.M2 > m2+eps {
			add(errorf(CodeConflict, f+".m2", "request %s asks for %.4g m²; area %s holds %.4g m² of that kind", r.ID, r.M2, r.Area, m2))
		}
	}
	c.foes = make([][]int32, len(inst.Requests))
	orgReqs := map[string][]int32{}
	for i, r := range inst.Requests {
		orgReqs[r.Org] = append(orgReqs[r.Org], int32(i))
	}
	for i, r := range inst.Requests {
		for k, o := range r.Avoid {
			f := fmt.Sprintf("requests[%d].avoid[%d]", i, k)
			switch {
			case o == "":
				add(errorf(CodeInvalid, f, "request %s: an empty organization to avoid", r.ID))
			case o == r.Org:
				add(errorf(CodeInvalid, f, "request %s names its own organization %s as one to avoid", r.ID, o))
			default:
				for _, x := range orgReqs[o] {
					c.foes[i] = append(c.foes[i], x)
					c.foes[x] = append(c.foes[x], int32(i))
				}
			}
		}
	}
	for i := range c.foes {
		c.foes[i] = dedup(c.foes[i])
		c.anyFoes = c.anyFoes || len(c.foes[i]) > 0
	}
	if len(errs) > 0 {
		return nil, errs
	}
	c.byArea = make([][]int32, len(c.areas))
	for r, a := range c.rArea {
		c.byArea[a] = append(c.byArea[a], int32(r))
	}
	c.eligible = func(r, b int32) bool {
		rq, bt := &c.reqs[r], &c.booths[b]
		return c.areaOf[b] == c.rArea[r] && !bt.Blocked && (rq.Kind == "" || rq.Kind == bt.Kind) && (rq.Count > 0 || bt.M2 <= rq.M2+eps)
	}
	// Locks.
	c.lockOf = make([][]int32, len(c.reqs))
	c.locked = make([]int32, len(c.booths))
	for i := range c.locked {
		c.locked[i] = -1
	}
	lockedUnits := make([]float64, len(c.reqs))
	lockedQuota := map[[2]int32]float64{}
	for i, l := range inst.Locks {
		f := fmt.Sprintf("locks[%d]", i)
		r, okR := reqIdx[l.Request]
		b, okB := byCode[l.Booth]
		if !okR {
			add(errorf(CodeNotFound, f+".request", "lock names unknown request %s", l.Request))
		}
		if !okB {
			add(errorf(CodeNotFound, f+".booth", "lock names unknown booth %s", l.Booth))
		}
		if !okR || !okB {
			continue
		}
		if c.locked[b] >= 0 {
			add(errorf(CodeConflict, f, "booth %s locked twice", l.Booth))
			continue
		}
		if !c.eligible(r, b) {
			add(errorf(CodeConflict, f, "booth %s cannot serve request %s (area, kind, size or blocked)", l.Booth, l.Request))
			continue
		}
		c.locked[b] = r
		c.lockOf[r] = append(c.lockOf[r], b)
		lockedUnits[r] += c.unit(r, b)
		if g := c.rGroup[r]; g >= 0 {
			lockedQuota[[2]int32{g, c.rArea[r]}] += c.booths[b].M2
		}
	}
	for r := range c.reqs {
		if lockedUnits[r] > c.want(int32(r))+eps {
			add(errorf(CodeConflict, fmt.Sprintf("requests[%d]", r), "locks give request %s more than it asks for", c.reqs[r].ID))
		}
	}
	for k, m2 := range lockedQuota {
		if cap, ok := c.quota[k]; ok && m2 > cap+eps {
			add(errorf(CodeConflict, "locks", "locks give %s %.4g m² in %s, over its quota of %.4g m²", c.groups[k[0]], m2, c.areas[k[1]], cap))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	// The draw: priority first, then the lottery ticket.
	c.ticket = make([]uint64, len(c.reqs))
	c.order = make([]int32, len(c.reqs))
	for r := range c.reqs {
		c.ticket[r] = Ticket(inst.Seed, c.reqs[r].ID)
		c.order[r] = int32(r)
	}
	sort.Slice(c.order, func(i, j int) bool {
		a, b := c.order[i], c.order[j]
		if c.reqs[a].Priority != c.reqs[b].Priority {
			return c.reqs[a].Priority > c.reqs[b].Priority
		}
		if c.ticket[a] != c.ticket[b] {
			return c.ticket[a] < c.ticket[b]
		}
		return c.reqs[a].ID < c.reqs[b].ID
	})
	return c, nil
}

// unit is how much booth b serves of request r: one booth, or its m².
func (c *compiled) unit(r, b int32) float64 {
	if c.reqs[r].Count > 0 {
		return 1
	}
	return c.booths[b].M2
}

func (c *compiled) want(r int32) float64 {
	if c.reqs[r].Count > 0 {
		return float64(c.reqs[r].Count)
	}
	return c.reqs[r].M2
}

// value is booth b's contribution to the objective when it serves r,
// without the contiguity bonus.
func (c *compiled) value(r, b int32) float64 {
	rq, bt := &c.reqs[r], &c.booths[b]
	u := 1.0
	if rq.Count == 0 {
		u = bt.M2 / StdM2
	}
	return u*float64(PrioBase+rq.Priority) + float64(PrefBonus*prefs(rq, bt))
}

// foe reports whether requests r and x are to be kept apart.
func (c *compiled) foe(r, x int32) bool {
	fs := c.foes[r]
	i := sort.Search(len(fs), func(i int) bool { return fs[i] >= x })
	return i < len(fs) && fs[i] == x
}

func prefs(r *Request, b *Booth) int {
	n := 0
	if r.Entrance && b.Entrance {
		n++
	}
	if r.Corner && b.Corner {
		n++
	}
	return n
}

// Ticket is a request's lottery ticket: SplitMix64 of the seed mixed with
// the FNV-1a hash of the request id. It depends on nothing else, so the
// draw can be replayed from the published seed and the list of requests.
func Ticket(seed uint64, id string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 1099511628211
	}
	z := seed ^ h
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func dedup(s []int32) []int32 {
	if len(s) < 2 {
		return s
	}
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	out := s[:1]
	for _, v := range s[1:] {
		if v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}

// overlaps finds booths of one hall whose rectangles share more than an edge.
func overlaps(bs []Booth) []*Error {
	byHall := sizedByHall(bs)
	var errs []*Error
	halls := make([]string, 0, len(byHall))
	for h := range byHall {
		halls = append(halls, h)
	}
	sort.Strings(halls)
	for _, h := range halls {
		ix := byHall[h]
		sort.Slice(ix, func(i, j int) bool { return bs[ix[i]].X < bs[ix[j]].X })
		for i, a := range ix {
			for _, b := range ix[i+1:] {
				if bs[b].X >= bs[a].X+bs[a].W-eps {
					break
				}
				if bs[b].Y < bs[a].Y+bs[a].D-eps && bs[a].Y < bs[b].Y+bs[b].D-eps {
					errs = append(errs, errorf(CodeConflict, fmt.Sprintf("booths[%d]", b), "booths %s and %s overlap", bs[a].Code, bs[b].Code))
				}
			}
		}
	}
	return errs
}

// maxBooths is the most booths request r can hold: its count, or its m²
// over the smallest booth it may take.
func (c *compiled) maxBooths(r int32) int {
	if c.reqs[r].Count > 0 {
		return c.reqs[r].Count
	}
	small := math.Inf(1)
	for _, b := range c.inArea[c.rArea[r]] {
		if c.eligible(r, b) {
			small = math.Min(small, c.booths[b].M2)
		}
	}
	if math.IsInf(small, 1) {
		return 0
	}
	return int(c.reqs[r].M2/small + eps)
}
