package match

import (
	"errors"
	"runtime"
	"sync"
)

// ErrNotFound is returned for an id the index does not hold.
var ErrNotFound = errors.New("match: not found")

// Match is one recommendation. Score is the pair score (0..MaxScore);
// Penalty is what fair re-ranking took off for ordering (0 otherwise).
type Match struct {
	TalentID, PostID int64
	Score            int
	Penalty          int
	Explanation      Explanation
}

// Options configure an Index.
type Options struct {
	K       int // list length kept exact per talent and per post; default 20
	Slack   int // extra entries kept so removals rarely force a rescan; default 10, negative for none
	Workers int // goroutines for Build; default GOMAXPROCS
	// classes chooses Build's scan in tests: 1 by post skill set, -1 by
	// pair, 0 by the number of distinct skill sets.
	classes int8
	// snapEvery, in tests, takes the class scan's threshold snapshot after
	// every snapEvery talents instead of at 256, 512, … (see refresh), so
	// small worlds prune on fresh thresholds as large ones do.
	snapEvery int
}

// maxDepth bounds K+Slack: the build counts list lengths in 16 bits.
const maxDepth = 1 << 12

func (o Options) withDefaults() Options {
	if o.K <= 0 {
		o.K = 20
	}
	switch {
	case o.Slack < 0:
		o.Slack = 0
	case o.Slack == 0:
		o.Slack = 10
	}
	o.K = min(o.K, maxDepth)
	o.Slack = min(o.Slack, maxDepth-o.K)
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

const (
	sideT = 0 // talents
	sideP = 1 // posts
)

// side holds one side's entities by slot and its half of the lists.
//
// Invariant, for every live entity x: lists[x] is the exact best-first top
// len(lists[x]) of its recommendable counterparts, len(lists[x]) ≤ depth,
// and either complete[x] (the list holds every recommendable counterpart),
// or len(lists[x]) ≥ K, or x waits in the repair queue (queued[x]); reads of
// such a short list scan instead. in[x] holds the counterparts whose lists
// contain x.
type side struct {
	ids      []int64
	live     []bool
	slotOf   map[int64]int32
	free     []int32
	lists    [][]entry
	complete []bool
	bar      []int32 // the score an offer needs to be worth a look: see setBar
	queued   []bool
	in       [][]int32
	inTotal  int     // Σ len(in): entries of the other side's lists
	mutual   []int32 // mutually acceptable counterparts
	bySkill  []postings
	scratch  scratch   // the writer's scan scratch over this side's slots
	pool     sync.Pool // scan scratch for readers
	nlive    int
}

// scratch counts shared skills per candidate during a scan.
type scratch struct {
	counts  []uint8
	touched []int32
}

// Index holds talents and posts and keeps every talent's top posts and every
// post's top talents exact under Upsert and Remove. It is safe for
// concurrent use: queries share a read lock, updates take the write lock.
//
// Design: an inverted index from canonical skill to the talents and the open
// posts holding it yields the candidates of any entity (only pairs sharing a
// skill are recommended). Each entity keeps its top K+Slack counterparts.
// Updating an entity rescans its own candidates (one scan, about as costly as
// a query) and offers it to each candidate's list, which takes it when it
// ranks above the list's last entry; removing it from a list that then drops
// below K entries, and is not known to be complete, queues that list for a
// rescan. The Slack absorbs most removals, so updates stay local; each update
// then rescans at most RepairBudget queued lists, which bounds its cost when
// many lists lose an entry at once (a popular post edited), and reads of a
// list still queued scan, so answers are always exact.
type Index struct {
	mu        sync.RWMutex
	opt       Options
	depth     int
	sy        *symbols
	tf        []tfeat
	pf        []pfeat
	pc        []pcold
	s         [2]side
	headcount int64 // Σ headcount of open posts, for fair re-ranking
	repairQ   []slotRef
}

// RepairBudget is how many short lists one update rescans at most.
const RepairBudget = 4

type slotRef struct {
	s int8
	x int32
}

// NewIndex returns an empty index.
func NewIndex(opt Options) *Index {
	opt = opt.withDefaults()
	ix := &Index{opt: opt, depth: opt.K + opt.Slack, sy: newSymbols()}
	for s := range ix.s {
		ix.s[s].slotOf = make(map[int64]int32)
	}
	return ix
}

// Len returns the number of talents and posts held (open or not).
func (ix *Index) Len() (talents, posts int) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.s[sideT].nlive, ix.s[sideP].nlive
}

func (ix *Index) skillsOf(s int, x int32) []int32 {
	if s == sideT {
		return ix.tf[x].skills
	}
	return ix.pc[x].skills
}

// indexed reports whether x takes part in recommendations: closed posts do not.
func (ix *Index) indexed(s int, x int32) bool {
	return ix.s[s].live[x] && (s == sideT || ix.pf[x].open())
}

// eval scores x (on side s) against counterpart c sharing m skills.
func (ix *Index) eval(s int, x, c int32, m int32) (int32, bool) {
	if s == sideT {
		return pairScore(&ix.tf[x], &ix.pf[c], &ix.pc[c], m)
	}
	return pairScore(&ix.tf[c], &ix.pf[x], &ix.pc[x], m)
}

// postingKey is x's key in the skill postings of its side.
func (ix *Index) postingKey(s int, x int32) uint16 {
	if s == sideT {
		return postingKey(ix.tf[x].degree, ix.tf[x].exp)
	}
	return postingKey(ix.pf[x].minDegree, int32(ix.pf[x].minExp))
}

// candidateRuns returns the runs of pl (the other side's postings of one of
// x's skills) that pass x's degree and experience filter.
func (ix *Index) candidateRuns(s int, x int32, pl *postings) runs {
	if s == sideT {
		return pl.postsFor(ix.tf[x].degree, ix.tf[x].exp)
	}
	return pl.talentsFor(ix.pf[x].minDegree, int32(ix.pf[x].minExp))
}

// scan calls fn for every recommendable counterpart of x, in no set order.
// sc must be scratch over the other side's slots.
func (ix *Index) scan(s int, x int32, sc *scratch, fn func(c, score int32, mutual bool)) {
	o := &ix.s[1-s]
	if !ix.indexed(s, x) {
		return
	}
	if len(sc.counts) < len(o.ids) {
		sc.counts = make([]uint8, cap(o.ids))
	}
	touched := sc.touched[:0]
	for _, k := range ix.skillsOf(s, x) {
		if int(k) >= len(o.bySkill) {
			continue
		}
		pl := &o.bySkill[k]
		r := ix.candidateRuns(s, x, pl)
		for i := range r.n {
			for _, c := range pl.slots[r.lo[i]:r.hi[i]] {
				if sc.counts[c] == 0 {
					touched = append(touched, c)
				}
				sc.counts[c]++
			}
		}
	}
	for _, c := range touched {
		m := int32(sc.counts[c])
		sc.counts[c] = 0
		if score, mutual := ix.eval(s, x, c, m); score >= 0 {
			fn(c, score, mutual)
		}
	}
	sc.touched = touched[:0]
}

// scanTop computes x's exact top n by a scan, for reads deeper than the
// kept lists. It borrows scratch from the pool, so readers can run together.
func (ix *Index) scanTop(s int, x int32, n int) []entry {
	o := &ix.s[1-s]
	sc, _ := o.pool.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	var h []entry
	ix.scan(s, x, sc, func(c, score int32, _ bool) {
		h = heapOffer(h, n, entry{id: o.ids[c], score: score, slot: c})
	})
	o.pool.Put(sc)
	sortEntries(h)
	return h
}
