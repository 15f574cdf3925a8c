package match

import (
	"slices"
	"sync"
	"sync/atomic"
)

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
	plen   []uint16
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
	tlen   []uint16
	maxR   atomic.Int32
	// tg and pg group the entities no score tells apart (see groups); the
	// scan visits representatives only. posts is the inverted index of the
	// representative posts.
	tg, pg *groups
	posts  []postings
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
		theaps: make([]uint64, nt*d), tlen: make([]uint16, nt),
		tg: ix.groupSide(sideT), pg: ix.groupSide(sideP)}
	for c := range np {
		sh.pinfo[c] = packInfo(&ix.pf[c])
		if sh.pg.rep[c] >= 0 && sh.pg.size(sh.pg.rep[c]) > 1 {
			sh.pinfo[c] |= infoGroup
		}
		sh.gmin[c].Store(-1)
	}
	workers := make([]*buildWorker, ix.opt.Workers)
	for w := range workers {
		workers[w] = &buildWorker{
			counts: make([]uint8, np),
			seen:   make([]uint64, (np+63)/64),
			pheaps: make([]uint64, np*d),
			plen:   make([]uint16, np),
			pmin:   make([]uint64, np),
			pmut:   make([]int32, np),
		}
	}
	// By skill set when posts repeat few of them (see build_classes.go): a
	// quarter of the representatives or fewer, 1 in 20 on dense overlap.
	// Class ids take 24 bits in the scan.
	if pc := ix.postClasses(sh); len(pc.np) < 1<<24 && (ix.opt.classes > 0 || ix.opt.classes == 0 && 4*len(pc.np) <= len(sh.pg.reps)) {
		ix.buildByClasses(sh, pc, workers)
	} else {
		ix.buildPairs(sh, workers)
	}
	ix.mergeLists(sh, workers)
}

// buildPairs runs the two passes of the pair scan (see buildLists).
func (ix *Index) buildPairs(sh *buildShared, workers []*buildWorker) {
	P := &ix.s[sideP]
	sh.posts = make([]postings, len(P.bySkill))
	for k, pl := range P.bySkill {
		f := &sh.posts[k]
		for i, c := range pl.slots {
			if sh.pg.rep[c] == c {
				f.key = append(f.key, pl.key[i])
				f.slots = append(f.slots, c)
			}
		}
	}
	reps := sh.tg.reps
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
					if lo >= len(reps) {
						return
					}
					for _, t := range reps[lo:min(lo+chunk, len(reps))] {
						ix.buildTalent(bw, sh, t, pass)
					}
				}
			})
		}
		wg.Wait()
	}
}

// mergeLists merges the workers' post heaps into the posts' lists and
// builds the in-lists.
func (ix *Index) mergeLists(sh *buildShared, workers []*buildWorker) {
	T, P := &ix.s[sideT], &ix.s[sideP]
	np, d := len(P.ids), ix.depth
	var wg sync.WaitGroup
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
				if sh.pg.rep[c] != int32(c) {
					continue // its representative's worker sets it
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
				complete := sh.gmin[c].Load() < 0 && len(buf) <= d
				for i, x := range sh.pg.members(int32(c)) {
					if i > 0 {
						l = slices.Clone(l)
					}
					P.lists[x], P.complete[x], P.mutual[x] = l, complete, mutual
				}
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
	for k, pl := range sh.posts {
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

// packInfo packs what the build reads of a post into 4 bytes, so its loop
// reads a 200 KB array instead of the posts: np | (field+1)<<8 |
// minDegree<<12 | in a group of two or more (infoGroup, set by buildLists)
// <<14 | minExp<<16 | lists languages<<24 | city code<<25. The city
// code is 0 for no city, id+1 for city ids below cityCodeFull, else
// cityCodeFull, which sends the pair to pairScore.
func packInfo(p *pfeat) uint32 {
	v := uint32(p.np) | uint32(p.field+1)<<8 | uint32(p.minDegree)<<12 | uint32(p.minExp)<<16
	if p.flags&pfLangs != 0 {
		v |= infoLangs
	}
	return v | uint32(min(p.city+1, cityCodeFull))<<25
}

const (
	infoGroup    = 1 << 14
	infoLangs    = 1 << 24
	cityCodeFull = 127
)
