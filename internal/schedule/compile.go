package schedule

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
)

// compiled is the instance turned into dense indices. Slots, participants
// and requests keep their input index; resources are grouped into pools of
// interchangeable resources (same kind, venue, area and slots), so the search
// counts free places per pool instead of picking resources one by one.
type compiled struct {
	inst               Instance
	nS, nP, nR, nQ, nK int
	nW                 int // uint64 words per slot bitset

	start, end []time.Time
	byTime     []int32   // slot indices in time order
	rank       []int32   // slot index -> position in byTime
	overlap    [][]int32 // slot -> other slots overlapping it in time
	cliques    [][]int32 // slot -> maximal cliques of overlapping slots containing it
	cliqueSlot [][]int32 // clique -> its slots
	near       [][]int32 // slot -> non-overlapping slots too close for a venue change

	venues    []string // sorted venue names
	poolKind  []Kind
	poolVenue []int32 // index into venues, -1 when remote or unspecified
	poolSize  []int32
	poolRes   [][]int32 // resources of each pool in input order
	poolIn    []bool    // s*nQ+q: the pool's resources exist in slot s
	resPool   []int32   // -1 when the resource exists in no slot

	parts   [][]int32 // request -> participants
	weight  []int64
	allowed [][]int32 // request -> pools of the right kind and venue
	options [][]int32 // request -> slots where all are available and an allowed pool exists, in time order
	avail   []uint64  // p*nW: slots the participant is available for
	limit   []int32
	home    []int32 // participant -> venue index or -1
	byPers  [][]int32
	hasReq  int // participants with at least one request

	lockSlot, lockPool, lockRes []int32 // request -> locked place or -1
}

const noLimit = math.MaxInt32

func compile(inst Instance) (*compiled, error) {
	x, err := checkStatic(inst)
	if err != nil {
		return nil, err
	}
	c := &compiled{inst: inst, nS: len(inst.Slots), nP: len(inst.Participants), nR: len(inst.Requests)}
	c.nW = (c.nS + 63) / 64
	c.compileSlots()
	c.compileVenues(x)
	c.compilePools()
	c.compilePeople(x)
	c.compileRequests(x)
	if err := c.compileLocks(x); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *compiled) compileSlots() {
	sl := c.inst.Slots
	c.start = make([]time.Time, c.nS)
	c.end = make([]time.Time, c.nS)
	c.byTime = make([]int32, c.nS)
	for i, s := range sl {
		c.start[i], c.end[i] = s.Start, s.End
		c.byTime[i] = int32(i)
	}
	slices.SortStableFunc(c.byTime, func(a, b int32) int {
		if d := c.start[a].Compare(c.start[b]); d != 0 {
			return d
		}
		return c.end[a].Compare(c.end[b])
	})
	c.rank = make([]int32, c.nS)
	for i, s := range c.byTime {
		c.rank[s] = int32(i)
	}
	c.overlap = make([][]int32, c.nS)
	for i, a := range c.byTime {
		for _, b := range c.byTime[i+1:] {
			if !c.start[b].Before(c.end[a]) {
				break
			}
			c.overlap[a] = append(c.overlap[a], b)
			c.overlap[b] = append(c.overlap[b], a)
		}
	}
	for s := range c.overlap {
		slices.Sort(c.overlap[s])
	}
	c.compileCliques()
	c.compileNear()
}

// compileCliques finds the maximal sets of pairwise overlapping slots. For
// intervals these are exact: at most one meeting per person per clique and
// at most pool-size meetings per pool per clique is the same as no overlap.
func (c *compiled) compileCliques() {
	type event struct {
		t     time.Time
		start bool
		s     int32
	}
	ev := make([]event, 0, 2*c.nS)
	for s := range c.nS {
		ev = append(ev, event{c.start[s], true, int32(s)}, event{c.end[s], false, int32(s)})
	}
	slices.SortStableFunc(ev, func(a, b event) int {
		if d := a.t.Compare(b.t); d != 0 {
			return d
		}
		if a.start != b.start { // half-open: an end at t comes before a start at t
			if a.start {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.s, b.s)
	})
	c.cliques = make([][]int32, c.nS)
	var active []int32
	grew := false
	for _, e := range ev {
		if e.start {
			active = append(active, e.s)
			grew = true
			continue
		}
		if grew {
			k := int32(len(c.cliqueSlot))
			members := slices.Clone(active)
			slices.Sort(members)
			c.cliqueSlot = append(c.cliqueSlot, members)
			for _, s := range members {
				c.cliques[s] = append(c.cliques[s], k)
			}
			grew = false
		}
		active = slices.DeleteFunc(active, func(s int32) bool { return s == e.s })
	}
	c.nK = len(c.cliqueSlot)
}

// compileNear lists, for each slot, the later or earlier slots that leave
// too little room to change venue: no whole slot fits between them
// (BufferBetweenVenues) or the gap is under TravelMinutes.
func (c *compiled) compileNear() {
	c.near = make([][]int32, c.nS)
	o := c.inst.Options
	if !o.BufferBetweenVenues && o.TravelMinutes <= 0 {
		return
	}
	travel := time.Duration(o.TravelMinutes) * time.Minute
	for _, a := range c.byTime {
		// earliest end of a slot lying wholly after a
		var firstEnd time.Time
		for _, u := range c.byTime {
			if !c.start[u].Before(c.end[a]) && (firstEnd.IsZero() || c.end[u].Before(firstEnd)) {
				firstEnd = c.end[u]
			}
		}
		for _, b := range c.byTime {
			if c.start[b].Before(c.end[a]) {
				continue
			}
			close := o.BufferBetweenVenues && (firstEnd.IsZero() || c.start[b].Before(firstEnd))
			if travel > 0 && c.start[b].Sub(c.end[a]) < travel {
				close = true
			}
			if close {
				c.near[a] = append(c.near[a], b)
				c.near[b] = append(c.near[b], a)
			}
		}
	}
	for s := range c.near {
		slices.Sort(c.near[s])
	}
}

func (c *compiled) compileVenues(x ids) {
	for v := range x.venues {
		c.venues = append(c.venues, v)
	}
	slices.Sort(c.venues)
}

func (c *compiled) venueIndex(v string) int32 {
	if v == "" {
		return -1
	}
	i, ok := slices.BinarySearch(c.venues, v)
	if !ok {
		return -1
	}
	return int32(i)
}

// resourceIn reports whether the resource can hold a meeting in the slot.
func resourceIn(r Resource, s Slot) bool {
	if s.Venue != "" && s.Venue != r.Venue {
		return false
	}
	if s.Area != "" && s.Area != r.Area {
		return false
	}
	return len(r.Slots) == 0 || slices.Contains(r.Slots, s.ID)
}

func (c *compiled) compilePools() {
	res := c.inst.Resources
	c.resPool = make([]int32, len(res))
	key := map[string]int32{}
	var in [][]bool
	for i, r := range res {
		c.resPool[i] = -1
		exists := make([]bool, c.nS)
		any := false
		var b strings.Builder
		b.WriteString(string(r.Kind) + "\x00" + r.Venue + "\x00" + r.Area + "\x00")
		for s, sl := range c.inst.Slots {
			exists[s] = resourceIn(r, sl)
			if exists[s] {
				any = true
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		}
		if !any {
			continue
		}
		q, ok := key[b.String()]
		if !ok {
			q = int32(len(c.poolSize))
			key[b.String()] = q
			c.poolKind = append(c.poolKind, r.Kind)
			c.poolVenue = append(c.poolVenue, c.venueIndex(r.Venue))
			c.poolSize = append(c.poolSize, 0)
			c.poolRes = append(c.poolRes, nil)
			in = append(in, exists)
		}
		c.resPool[i] = q
		c.poolSize[q]++
		c.poolRes[q] = append(c.poolRes[q], int32(i))
	}
	c.nQ = len(c.poolSize)
	c.poolIn = make([]bool, c.nS*c.nQ)
	for q, ex := range in {
		for s, ok := range ex {
			c.poolIn[s*c.nQ+q] = ok
		}
	}
}

func (c *compiled) compilePeople(x ids) {
	ps := c.inst.Participants
	c.avail = make([]uint64, c.nP*c.nW)
	c.limit = make([]int32, c.nP)
	c.home = make([]int32, c.nP)
	for p, pp := range ps {
		c.home[p] = c.venueIndex(pp.HomeVenue)
		switch {
		case pp.MaxMeetings > 0:
			c.limit[p] = int32(min(pp.MaxMeetings, noLimit))
		case c.inst.Options.MaxPerPerson > 0:
			c.limit[p] = int32(min(c.inst.Options.MaxPerPerson, noLimit))
		default:
			c.limit[p] = noLimit
		}
		win := mergeWindows(pp.Available)
		for s := range c.nS {
			if len(pp.Available) == 0 || covers(win, c.start[s], c.end[s]) {
				c.avail[p*c.nW+s/64] |= 1 << (s % 64)
			}
		}
	}
}

// mergeWindows sorts windows and joins touching ones, so a slot spanning
// 9:00-10:00 and 10:00-11:00 counts as covered.
func mergeWindows(in []Interval) []Interval {
	w := slices.Clone(in)
	slices.SortFunc(w, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	out := w[:0]
	for _, iv := range w {
		if n := len(out); n > 0 && !iv.Start.After(out[n-1].End) {
			if iv.End.After(out[n-1].End) {
				out[n-1].End = iv.End
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

func covers(win []Interval, start, end time.Time) bool {
	i, _ := slices.BinarySearchFunc(win, start, func(iv Interval, t time.Time) int {
		if iv.End.Before(t) || iv.End.Equal(t) {
			return -1
		}
		return 1
	})
	return i < len(win) && !win[i].Start.After(start) && !win[i].End.Before(end)
}

func (c *compiled) compileRequests(x ids) {
	rs := c.inst.Requests
	c.parts = make([][]int32, c.nR)
	c.weight = make([]int64, c.nR)
	c.allowed = make([][]int32, c.nR)
	c.options = make([][]int32, c.nR)
	c.byPers = make([][]int32, c.nP)
	allowedBy := map[string][]int32{}
	common := make([]uint64, c.nW)
	for r, rq := range rs {
		c.weight[r] = int64(rq.Priority)
		ps := make([]int32, len(rq.Participants))
		for j, id := range rq.Participants {
			ps[j] = x.person[id]
			c.byPers[ps[j]] = append(c.byPers[ps[j]], int32(r))
		}
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
					c.options[r] = append(c.options[r], s)
					break
				}
			}
		}
	}
	for p := range c.nP {
		if len(c.byPers[p]) > 0 {
			c.hasReq++
		}
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
