package match

import (
	"fmt"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
)

// Build returns an index over talents and posts with every list computed,
// using opt.Workers goroutines. IDs must be unique on each side.
func Build(talents []Talent, posts []Post, opt Options) (*Index, error) {
	ix := NewIndex(opt)
	ix.grow(len(talents), len(posts))
	// Slots in id order: during the build a slot compares like its id, so
	// ranking keys fit in one uint64 (see rankKey).
	for _, i := range orderByID(len(talents), func(i int) int64 { return talents[i].ID }) {
		if n := len(ix.s[sideT].ids); n > 0 && ix.s[sideT].ids[n-1] == talents[i].ID {
			return nil, fmt.Errorf("match: duplicate talent id %d", talents[i].ID)
		}
		x := ix.alloc(sideT, talents[i].ID)
		ix.tf[x] = ix.sy.compileTalent(&talents[i])
	}
	for _, i := range orderByID(len(posts), func(i int) int64 { return posts[i].ID }) {
		if n := len(ix.s[sideP].ids); n > 0 && ix.s[sideP].ids[n-1] == posts[i].ID {
			return nil, fmt.Errorf("match: duplicate post id %d", posts[i].ID)
		}
		x := ix.alloc(sideP, posts[i].ID)
		ix.pf[x], ix.pc[x] = ix.sy.compilePost(&posts[i])
	}
	n := len(ix.sy.skills.names)
	for s := range ix.s {
		me := &ix.s[s]
		me.bySkill = make([]postings, n)
		for x := range me.ids {
			if !ix.indexed(s, int32(x)) {
				continue
			}
			key := ix.postingKey(s, int32(x))
			for _, k := range ix.skillsOf(s, int32(x)) {
				pl := &me.bySkill[k]
				pl.key = append(pl.key, key)
				pl.slots = append(pl.slots, int32(x))
			}
			if s == sideP {
				ix.headcount += int64(ix.pc[x].headcount)
			}
		}
		for k := range me.bySkill {
			me.bySkill[k].sort()
		}
	}
	ix.buildLists()
	return ix, nil
}

func orderByID(n int, id func(int) int64) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch ia, ib := id(a), id(b); {
		case ia < ib:
			return -1
		case ia > ib:
			return 1
		}
		return 0
	})
	return order
}

func (ix *Index) grow(nt, np int) {
	for s, n := range [2]int{nt, np} {
		me := &ix.s[s]
		me.ids = make([]int64, 0, n)
		me.live = make([]bool, 0, n)
		me.lists = make([][]entry, 0, n)
		me.complete = make([]bool, 0, n)
		me.bar = make([]int32, 0, n)
		me.queued = make([]bool, 0, n)
		me.in = make([][]int32, 0, n)
		me.mutual = make([]int32, 0, n)
	}
	ix.tf = make([]tfeat, 0, nt)
	ix.pf = make([]pfeat, 0, np)
	ix.pc = make([]pcold, 0, np)
}

// rankKey packs a score and a slot so that a larger key ranks better: score
// first, then the lower slot, which during Build is the lower id. Keys are
// never 0, so 0 can mean "no key".
func rankKey(score, slot int32) uint64 { return uint64(score)<<32 | uint64(^uint32(slot)) }

func keyScore(k uint64) int32 { return int32(k >> 32) }
func keySlot(k uint64) int32  { return int32(^uint32(k)) }

// buildWorker is one goroutine's share of a build: it scans talents and
// keeps, besides their lists, its own bounded heap per post, merged at the
// end, so workers never share a write except the post thresholds.
type buildWorker struct {
	counts []uint8
	seen   []uint64 // bitmap of candidate posts, walked in slot order
	pheaps []uint64 // post c's heap is pheaps[c*depth:][:plen[c]]
	plen   []uint8
	pmin   []uint64 // key at the root of post c's full heap; 0 while it fills
	pmut   []int32  // mutually acceptable talents per post
	twos   []int32  // candidates sharing two skills, visited after the rest
}

// buildShared is what the workers of a build share. gmin holds per post the
// best score any worker's full heap has at its root: a pair scoring below it
// cannot be in the post's final list, whichever worker holds the proof.
type buildShared struct {
	pinfo  []uint32       // per post, what the bound needs: see packInfo
	gmin   []atomic.Int32 // -1 while no worker's heap for the post is full
	theaps []uint64       // talent t's heap between the passes: theaps[t*depth:][:tlen[t]]
	tlen   []uint8
	maxR   atomic.Int32
	// few holds, per skill, the posts that may still take a talent sharing
	// one skill after the first pass (see buildLists).
	few []postings
}

// buildLists computes every talent's and post's list, scoring each useful
// pair once for both lists, in two passes over the talents.
//
// Pass 1 visits the pairs sharing two or more skills, pass 2 those sharing
// one. Most pairs cannot enter either list: their upper bound (exact skill
// points plus the most the talent could get elsewhere) is below both the
// talent's worst kept score and the post's. Those are skipped without
// reading the post, except to count mutual acceptability. After pass 1 the
// posts' lists are full of strong pairs, and a post requiring three or more
// skills whose worst kept score beats every talent's bound for one shared
// skill is done: pass 2 reads a smaller inverted index without those posts
// (for talents whose own list is strong enough not to need them), which
// spares most of the one-skill pairs, the bulk of all candidates.
func (ix *Index) buildLists() {
	T, P := &ix.s[sideT], &ix.s[sideP]
	nt, np, d := len(T.ids), len(P.ids), ix.depth
	sh := &buildShared{pinfo: make([]uint32, np), gmin: make([]atomic.Int32, np),
		theaps: make([]uint64, nt*d), tlen: make([]uint8, nt)}
	for c := range np {
		sh.pinfo[c] = packInfo(&ix.pf[c])
		sh.gmin[c].Store(-1)
	}
	workers := make([]*buildWorker, ix.opt.Workers)
	for w := range workers {
		workers[w] = &buildWorker{
			counts: make([]uint8, np),
			seen:   make([]uint64, (np+63)/64),
			pheaps: make([]uint64, np*d),
			plen:   make([]uint8, np),
			pmin:   make([]uint64, np),
			pmut:   make([]int32, np),
		}
	}
	var wg sync.WaitGroup
	for pass := 1; pass <= 2; pass++ {
		if pass == 2 {
			sh.few = ix.fewPostings(sh)
		}
		var next atomic.Int64
		const chunk = 64
		for _, bw := range workers {
			wg.Go(func() {
				for {
					lo := int(next.Add(chunk)) - chunk
					if lo >= nt {
						return
					}
					for t := lo; t < min(lo+chunk, nt); t++ {
						ix.buildTalent(bw, sh, int32(t), pass)
					}
				}
			})
		}
		wg.Wait()
	}

	// Merge the workers' post heaps, posts split among goroutines.
	per := (np + len(workers) - 1) / len(workers)
	for w := range workers {
		wg.Go(func() {
			var buf []uint64
			for c := w * per; c < min((w+1)*per, np); c++ {
				if !ix.indexed(sideP, int32(c)) {
					P.lists[c], P.complete[c] = nil, true
					continue
				}
				buf = buf[:0]
				mutual := int32(0)
				for _, bw := range workers {
					buf = append(buf, bw.pheaps[c*d:][:bw.plen[c]]...)
					mutual += bw.pmut[c]
				}
				slices.Sort(buf)
				slices.Reverse(buf)
				l := make([]entry, min(d, len(buf)))
				for i := range l {
					t := keySlot(buf[i])
					l[i] = entry{id: T.ids[t], score: keyScore(buf[i]), slot: t}
				}
				// While no heap for c is full every recommendable talent is in
				// one; once one is, the list may be missing some (conservatively).
				P.lists[c], P.complete[c], P.mutual[c] = l, sh.gmin[c].Load() < 0 && len(buf) <= d, mutual
			}
		})
	}
	wg.Wait()

	// The in-lists, cut from one slab per side: millions of small appends
	// would otherwise grow and copy each of them several times.
	for s := range ix.s {
		o := &ix.s[1-s]
		deg := make([]int32, len(o.ids))
		for x, l := range ix.s[s].lists {
			ix.setBar(s, int32(x))
			for _, e := range l {
				deg[e.slot]++
			}
			o.inTotal += len(l)
		}
		slab := make([]int32, o.inTotal)
		for c, n := range deg {
			o.in[c], slab = slab[:0:n], slab[n:]
		}
		for x, l := range ix.s[s].lists {
			for _, e := range l {
				o.in[e.slot] = append(o.in[e.slot], int32(x))
			}
		}
	}
}

// oneSkillCoverage3 is the most coverage one shared skill gives on a post
// requiring three or more: the posts fewPostings may leave out.
var oneSkillCoverage3 = coverageTable[3*tableM+1]

// fewPostings returns the inverted index for pass 2: every open post except
// those requiring three or more skills (so a one-skill pair is never
// mutually acceptable) whose list already beats every talent's bound for one
// shared skill.
func (ix *Index) fewPostings(sh *buildShared) []postings {
	maxR := sh.maxR.Load()
	few := make([]postings, len(ix.s[sideP].bySkill))
	for k, pl := range ix.s[sideP].bySkill {
		f := &few[k]
		for i, c := range pl.slots {
			np := int32(sh.pinfo[c] & 0xff)
			if np >= 3 && maxR+coverageTable[np*tableM+1] < sh.gmin[c].Load() {
				continue
			}
			f.key = append(f.key, pl.key[i])
			f.slots = append(f.slots, c)
		}
	}
	return few
}

// packInfo packs the post fields the bound reads into 4 bytes, so the
// bound reads a 200 KB array instead of the posts: np | (field+1)<<8 |
// minDegree<<12 | minExp<<16 | lists languages<<24.
func packInfo(p *pfeat) uint32 {
	v := uint32(p.np) | uint32(p.field+1)<<8 | uint32(p.minDegree)<<12 | uint32(p.minExp)<<16
	if p.flags&pfLangs != 0 {
		v |= 1 << 24
	}
	return v
}

// upperRest is the most talent t can score on everything but skills.
func upperRest(t *tfeat) int32 {
	aff := int32(0)
	for f := -1; f < fieldCount; f++ {
		aff = max(aff, affinityPts[(int(t.disc)+1)*(fieldCount+1)+f+1])
	}
	city := cityPoints[cityAny]
	if t.ncity > 0 {
		city = cityPoints[cityPreferred]
	}
	return degreePoints(t.degree, DegreeNone) + pointsExperience + aff + pointsLanguage + city + intentPoints[t.intent]
}

// talentScan is the state of one talent's scan in Build.
type talentScan struct {
	ix       *Index
	bw       *buildWorker
	sh       *buildShared
	t        int32
	tf       *tfeat
	bound    [tableM]int32 // loose bound for m shared skills, less coverage
	rest, nt int32
	// The tight bound: exact but for the city, read from tables by post info.
	use       [tableM]int32
	degree    [DegreePhD + 1]int32
	aff       [fieldCount + 1]int32
	lang      [2]int32
	base      int32 // best city points + intent points
	mayMutual bool
	h         []uint64
	tmin      uint64 // root of t's full heap, 0 while it fills
	tminS     int32  // its score, -1 while it fills
	mut       int32
}

// buildTalent runs one pass over talent t's candidates: pairs sharing two
// or more skills in pass 1, one skill in pass 2, which also sets its list.
func (ix *Index) buildTalent(bw *buildWorker, sh *buildShared, t int32, pass int) {
	T, P := &ix.s[sideT], &ix.s[sideP]
	if !T.live[t] {
		return
	}
	tf := &ix.tf[t]
	d := ix.depth
	ts := talentScan{ix: ix, bw: bw, sh: sh, t: t, tf: tf, nt: int32(len(tf.skills)),
		rest: upperRest(tf), mayMutual: tf.intent != IntentNo, tminS: -1,
		h: sh.theaps[int(t)*d : int(t)*d+int(sh.tlen[t]) : int(t)*d+d], mut: T.mutual[t]}
	for m := range min(int(ts.nt)+1, tableM) {
		_, use := skillPoints(int32(m), 1, ts.nt)
		ts.bound[m] = use + ts.rest
		ts.use[m] = use
	}
	for pd := DegreeNone; pd <= tf.degree; pd++ {
		ts.degree[pd] = degreePoints(tf.degree, pd)
	}
	for f := range fieldCount + 1 {
		ts.aff[f] = affinityPts[(int(tf.disc)+1)*(fieldCount+1)+f]
	}
	ts.lang = [2]int32{tf.langPts, pointsLanguage}
	ts.base = ts.rest - degreePoints(tf.degree, DegreeNone) - pointsExperience - slices.Max(ts.aff[:]) - pointsLanguage
	if len(ts.h) == d {
		ts.tmin, ts.tminS = ts.h[0], keyScore(ts.h[0])
	}
	postings := P.bySkill
	if pass == 1 {
		for r := ts.bound[1]; ; {
			old := sh.maxR.Load()
			if r <= old || sh.maxR.CompareAndSwap(old, r) {
				break
			}
		}
	} else if ts.bound[1]+oneSkillCoverage3 < ts.tminS {
		postings = sh.few // the posts left out cannot enter t's list either
	}

	counts, seen := bw.counts, bw.seen
	for _, k := range tf.skills {
		if int(k) >= len(postings) {
			continue
		}
		pl := &postings[k]
		r := pl.postsFor(tf.degree, tf.exp)
		for i := range r.n {
			for _, c := range pl.slots[r.lo[i]:r.hi[i]] {
				counts[c]++
				seen[c>>6] |= 1 << (c & 63)
			}
		}
	}
	// Walking the bitmap visits posts in slot order, which keeps the reads
	// of per-post arrays close together. In pass 1, pairs sharing three or
	// more skills go before those sharing two, to raise t's bound sooner.
	twos := bw.twos[:0]
	for wi, word := range seen {
		seen[wi] = 0
		for ; word != 0; word &= word - 1 {
			c := int32(wi<<6 + bits.TrailingZeros64(word))
			m := int32(counts[c])
			counts[c] = 0
			switch {
			case pass == 2:
				if m == 1 {
					ts.visit(c, 1)
				}
			case m == 2:
				twos = append(twos, c)
			case m > 2:
				ts.visit(c, m)
			}
		}
	}
	for _, c := range twos {
		ts.visit(c, 2)
	}
	bw.twos = twos[:0]
	T.mutual[t] = ts.mut
	sh.tlen[t] = uint8(len(ts.h))
	if pass == 1 {
		return
	}

	h := ts.h
	slices.Sort(h)
	l := make([]entry, len(h))
	for i := range l {
		k := h[len(h)-1-i]
		c := keySlot(k)
		l[i] = entry{id: P.ids[c], score: keyScore(k), slot: c}
	}
	// Pairs are skipped only once t's heap is full, as for posts.
	T.lists[t], T.complete[t] = l, len(h) < d
}

// visit handles candidate post c sharing m skills with the scanned talent.
func (ts *talentScan) visit(c, m int32) {
	bw, sh := ts.bw, ts.sh
	info := sh.pinfo[c]
	np := int32(info & 0xff)
	var ub int32
	if m < tableM {
		ub = coverageTable[np*tableM+m] + ts.use[m]
	} else {
		cov, use := skillPoints(m, np, ts.nt)
		ub = cov + use
	}
	ub += ts.degree[info>>12&3] + experiencePoints(ts.tf.exp, int32(info>>16&0xff)) +
		ts.aff[info>>8&0xf] + ts.lang[info>>24&1] + ts.base
	// The bound's best case ties on score and wins on slot, so only a
	// strictly lower score rules a pair out of a list.
	g := sh.gmin[c].Load()
	if ub < ts.tminS && ub < g {
		// Neither list can take the pair; only its mutual count is left.
		if ts.mayMutual && 2*m >= np {
			if mutual(ts.tf, &ts.ix.pf[c], &ts.ix.pc[c], m) {
				ts.mut++
				bw.pmut[c]++
			}
		}
		return
	}
	score, mutual := pairScore(ts.tf, &ts.ix.pf[c], &ts.ix.pc[c], m)
	if score < 0 {
		return
	}
	d := ts.ix.depth
	if mutual {
		ts.mut++
		bw.pmut[c]++
	}
	if k := rankKey(score, c); len(ts.h) < d {
		ts.h = append(ts.h, k)
		keyUp(ts.h, len(ts.h)-1)
		if len(ts.h) == d {
			ts.tmin, ts.tminS = ts.h[0], keyScore(ts.h[0])
		}
	} else if k > ts.tmin {
		ts.h[0] = k
		keyDown(ts.h, 0)
		ts.tmin, ts.tminS = ts.h[0], keyScore(ts.h[0])
	}
	k := rankKey(score, ts.t)
	if score < g || k <= bw.pmin[c] {
		return
	}
	ph := bw.pheaps[int(c)*d:][:d]
	if n := int(bw.plen[c]); n < d {
		ph[n] = k
		keyUp(ph[:n+1], n)
		bw.plen[c]++
		if n+1 < d {
			return
		}
	} else {
		ph[0] = k
		keyDown(ph, 0)
	}
	bw.pmin[c] = ph[0]
	// Raise the shared threshold; it only grows.
	for s := keyScore(ph[0]); ; {
		old := sh.gmin[c].Load()
		if s <= old || sh.gmin[c].CompareAndSwap(old, s) {
			break
		}
	}
}

// keyUp and keyDown keep a min-heap of rank keys: the worst at the root.
func keyUp(h []uint64, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p] <= h[i] {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func keyDown(h []uint64, i int) {
	n := len(h)
	for {
		w := i
		if l := 2*i + 1; l < n && h[l] < h[w] {
			w = l
		}
		if r := 2*i + 2; r < n && h[r] < h[w] {
			w = r
		}
		if w == i {
			return
		}
		h[w], h[i] = h[i], h[w]
		i = w
	}
}
