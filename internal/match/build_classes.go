package match

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
)

// Build by post skill sets (issue 20, dense skill overlap). When most
// talents share most skills, nearly every talent shares a skill with nearly
// every post: 100k × 50k is about 4.5 billion candidate pairs, and the scan
// of build_scan.go visits each of them, if only to count mutual
// acceptability (83–89 CPU-s). But such posts repeat few skill sets (about
// 2,500 among 50,000 posts on that shape), and both things a pair is
// visited for follow from the skill set most of the way:
//
//   - Mutual counts. Whether a pair is mutually acceptable is a skill test
//     (2m ≥ np, the same for every talent with the same skills against every
//     post of one skill set) and a filter on everything else (degree, years,
//     languages, city). classMutual counts per talent skill set: it adds up
//     the posts of the skill sets that pass the skill test by filter, then
//     tests the set's talents against each distinct filter once, a word of
//     a bitset at a time (see acceptBits), not against each post.
//   - Top-k. A talent visits skill sets best bound first, one bound for all
//     posts of a set; within a set, field by field (exact affinity points),
//     only the posts whose threshold, as last sorted, the pair could beat.
//     A set neither list can take costs one bound, not one visit per post.
//
// The result is the same as the pair scan's: every pair left out is one that
// the pair scan would have bounded out too.

// pclasses groups the open post representatives by skill set.
type pclasses struct {
	np, minExp []int32
	minDeg     []Degree
	fields     []uint16 // bit field+1 for each field among the members
	affMax     []int32  // class i, discipline d: best affinity points, [i*(len(disciplines)+1)+d+1]
	langs      []bool   // a member lists languages
	off        []int32  // class i's members are mem[off[i]:off[i+1]]
	mem        []int32  // post representatives, by field then slot per class
	// The members of class i in field f-1 are mem[foff[i*fieldRuns+f]:foff[i*fieldRuns+f+1]].
	foff    []int32
	bySkill [][]int32 // skill -> classes requiring it
	// The members' filters (what mutual acceptability reads besides skills),
	// distinct; class i holds filters gk[goff[i]:goff[i+1]] with gn posts
	// each (counting groups), and post c's filter is gk[gpos[c]].
	filters []pfilter
	goff    []int32
	gk, gn  []int32
	gpos    []int32
	snap    atomic.Pointer[classSnap]
	done    atomic.Int64 // talents scanned
	next    atomic.Int64 // when to take the next snapshot
}

// pfilter is what mutual acceptability reads of an open post but its skills.
type pfilter struct {
	langMask uint32
	city     int32
	minExp   int32
	minDeg   Degree
	slow     bool
	langs    []int32
}

// classSnap orders each class's members by their post's threshold (gmin)
// when the snapshot was taken. Thresholds only grow, so a member whose old
// threshold is above a pair's bound still rules the pair out.
//
// A talent bounds most classes and most field runs out without reading
// their members: fmin is each run's lowest threshold, and dmin, per class
// and discipline, the lowest over its runs of the threshold less that
// discipline's affinity points with the run's field. A pair's bound less its
// affinity points below dmin rules out the whole class (701 million runs
// were opened on dense overlap, most to break at their first member).
type classSnap struct {
	mem  []snapMember // each field's members, threshold ascending, in mem's runs
	fmin []int32      // per run (class*fieldRuns+field+1), its members' lowest threshold
	dmin []int32      // per class*(len(disciplines)+1)+discipline+1: min over runs of fmin - affinity
}

// snapMember is a member with what the scan reads before visiting it, so
// members ruled out cost a sequential read.
type snapMember struct {
	gmin, c int32
	info    uint32 // sh.pinfo[c]
}

// fieldRuns is the number of field runs per class: fields and "none".
const fieldRuns = fieldCount + 1

// classWork is one worker's scratch for the class build.
type classWork struct {
	cnt              []uint8 // shared skills per class
	touched, acl, gt []int32
	sum              []int32 // per talent of a skill class: posts mutually accepting it
	h, g             []int32 // per filter: posts passing the skill test; talents accepted
	q                []int32 // per gk entry: talents mutually accepting those posts
	items, sorted    []uint64
	bounds           []classBound
	hist             [MaxScore/4 + 2]int32
}

// postClasses groups sh's post representatives by skill set.
func (ix *Index) postClasses(sh *buildShared) *pclasses {
	pc := &pclasses{gpos: make([]int32, len(ix.s[sideP].ids))}
	byKey := make(map[string]int32)
	var key []byte
	var reps, cls []int32
	for _, c := range sh.pg.reps {
		if ix.pf[c].np == 0 {
			continue // never a candidate
		}
		key = key[:0]
		for _, k := range ix.pc[c].skills {
			key = binary.LittleEndian.AppendUint32(key, uint32(k))
		}
		id, ok := byKey[string(key)]
		if !ok {
			id = int32(len(pc.np))
			byKey[string(key)] = id
			pc.np = append(pc.np, int32(ix.pf[c].np))
			pc.minExp = append(pc.minExp, maxYears+1)
			pc.minDeg = append(pc.minDeg, DegreePhD)
			pc.fields = append(pc.fields, 0)
			pc.langs = append(pc.langs, false)
		}
		pf := &ix.pf[c]
		pc.minExp[id] = min(pc.minExp[id], int32(pf.minExp))
		pc.minDeg[id] = min(pc.minDeg[id], pf.minDegree)
		pc.fields[id] |= 1 << (pf.field + 1)
		pc.langs[id] = pc.langs[id] || pf.flags&pfLangs != 0
		reps, cls = append(reps, c), append(cls, id)
	}
	n := len(pc.np)
	pc.off = make([]int32, n+1)
	for _, id := range cls {
		pc.off[id+1]++
	}
	for i := range n {
		pc.off[i+1] += pc.off[i]
	}
	pc.mem = make([]int32, len(reps))
	fill := slices.Clone(pc.off[:n])
	for i, c := range reps {
		pc.mem[fill[cls[i]]] = c
		fill[cls[i]]++
	}
	// By field within each class (stable, so by slot within a field), so
	// a scan bounds each field's run with its exact affinity points.
	pc.foff = make([]int32, n*fieldRuns+1)
	for id := range n {
		lo, hi := pc.off[id], pc.off[id+1]
		slices.SortStableFunc(pc.mem[lo:hi], func(a, b int32) int { return int(ix.pf[a].field) - int(ix.pf[b].field) })
		for _, c := range pc.mem[lo:hi] {
			pc.foff[id*fieldRuns+int(ix.pf[c].field)+2]++
		}
		pc.foff[id*fieldRuns] = lo
	}
	for i := range n * fieldRuns {
		if i%fieldRuns != 0 {
			pc.foff[i] += pc.foff[i-1]
		}
	}
	pc.foff[n*fieldRuns] = int32(len(pc.mem))
	nd := len(disciplines) + 1
	pc.affMax = make([]int32, n*nd)
	for id := range n {
		for d := range nd {
			for f := pc.fields[id]; f != 0; f &= f - 1 {
				a := affinityPts[d*fieldRuns+bits.TrailingZeros16(f)]
				pc.affMax[id*nd+d] = max(pc.affMax[id*nd+d], a)
			}
		}
	}
	pc.bySkill = make([][]int32, len(ix.s[sideP].bySkill))
	for id := range int32(n) {
		for _, k := range ix.pc[pc.mem[pc.off[id]]].skills {
			pc.bySkill[k] = append(pc.bySkill[k], id)
		}
	}

	// Filters, and per class the posts of each.
	fid := make(map[string]int32)
	var at []int32 // filter -> its entry in the current class, stamped by seen
	var seen []int32
	pc.goff = make([]int32, n+1)
	for id := range int32(n) {
		for _, c := range pc.mem[pc.off[id]:pc.off[id+1]] {
			pf, cold := &ix.pf[c], &ix.pc[c]
			key = binary.LittleEndian.AppendUint32(key[:0], pf.langMask)
			key = binary.LittleEndian.AppendUint32(key, uint32(pf.city))
			key = append(key, pf.minExp, byte(pf.minDegree), pf.flags&pfLangSlow)
			slow := pf.flags&pfLangSlow != 0
			if slow {
				for _, l := range cold.langs {
					key = binary.LittleEndian.AppendUint32(key, uint32(l))
				}
			}
			f, ok := fid[string(key)]
			if !ok {
				f = int32(len(pc.filters))
				fid[string(key)] = f
				pc.filters = append(pc.filters, pfilter{langMask: pf.langMask, city: pf.city,
					minExp: int32(pf.minExp), minDeg: pf.minDegree, slow: slow, langs: cold.langs})
				at, seen = append(at, 0), append(seen, -1)
			}
			if seen[f] != id {
				seen[f], at[f] = id, int32(len(pc.gk))
				pc.gk, pc.gn = append(pc.gk, f), append(pc.gn, 0)
			}
			pc.gn[at[f]] += sh.pg.size(c)
			pc.gpos[c] = at[f]
		}
		pc.goff[id+1] = int32(len(pc.gk))
	}
	first := &classSnap{mem: make([]snapMember, len(pc.mem))}
	for i, c := range pc.mem {
		first.mem[i] = snapMember{gmin: -1, c: c, info: sh.pinfo[c]} // no heap full yet
	}
	pc.setMins(first)
	pc.snap.Store(first)
	pc.next.Store(256)
	if ix.opt.snapEvery > 0 {
		pc.next.Store(int64(ix.opt.snapEvery))
	}
	return pc
}

// talentClasses groups talent representatives by skill set.
func (ix *Index) talentClasses(reps []int32) [][]int32 {
	byKey := make(map[string]int32)
	var out [][]int32
	var key []byte
	for _, t := range reps {
		key = key[:0]
		for _, k := range ix.tf[t].skills {
			key = binary.LittleEndian.AppendUint32(key, uint32(k))
		}
		id, ok := byKey[string(key)]
		if !ok {
			id = int32(len(out))
			byKey[string(key)] = id
			out = append(out, nil)
		}
		out[id] = append(out[id], t)
	}
	return out
}

func (pc *pclasses) newWork() *classWork {
	return &classWork{cnt: make([]uint8, len(pc.np)), h: make([]int32, len(pc.filters)),
		g: make([]int32, len(pc.filters)), q: make([]int32, len(pc.gk))}
}

// count adds up, per class, the skills it shares with skills; it returns
// the classes sharing one or more.
func (pc *pclasses) count(cw *classWork, skills []int32) []int32 {
	cnt, touched := cw.cnt, cw.touched[:0]
	for _, k := range skills {
		if int(k) >= len(pc.bySkill) {
			continue
		}
		for _, cl := range pc.bySkill[k] {
			if cnt[cl] == 0 {
				touched = append(touched, cl)
			}
			cnt[cl]++
		}
	}
	cw.touched = touched
	return touched
}

// classMutual sets the mutual counts of talent skill class i and adds
// theirs to the posts' in cw.q.
func (ix *Index) classMutual(pc *pclasses, cw *classWork, ab *acceptBits, i int) {
	reps := ab.pos[ab.lo[i]:ab.lo[i+1]]
	acl, gt := cw.acl[:0], cw.gt[:0]
	for _, cl := range pc.count(cw, ix.tf[reps[0]].skills) {
		m := int32(cw.cnt[cl])
		cw.cnt[cl] = 0
		if 2*m < pc.np[cl] {
			continue
		}
		acl = append(acl, cl)
		for j := pc.goff[cl]; j < pc.goff[cl+1]; j++ {
			f := pc.gk[j]
			if cw.h[f] == 0 {
				gt = append(gt, f)
			}
			cw.h[f] += pc.gn[j]
		}
	}
	sum := cw.sum[:0]
	for range reps {
		sum = append(sum, 0)
	}
	ab.mutualSums(i, gt, cw.h, cw.g, sum)
	T := &ix.s[sideT]
	for j, t := range reps {
		if ix.tf[t].intent != IntentNo {
			T.mutual[t] = sum[j]
		}
	}
	for _, cl := range acl {
		for j := pc.goff[cl]; j < pc.goff[cl+1]; j++ {
			cw.q[j] += cw.g[pc.gk[j]]
		}
	}
	for _, f := range gt {
		cw.h[f], cw.g[f] = 0, 0
	}
	cw.acl, cw.gt, cw.sum = acl, gt, sum
}

// classBound is what a talent's bound of one post class reads that is the
// same for every talent of a skill class (the shared skills' points, the
// class's loosest requirements, its best affinity per discipline), in one
// array walked in order: read from pclasses' arrays at random for each
// talent, these lookups were a fifth of the dense build.
type classBound struct {
	cl, sp int32  // class; skill points of the m shared skills
	m      uint8  // shared skills
	minExp uint8  // the class's lowest required years
	minDeg Degree // and degree
	langs  uint8  // 1 if a member lists languages
	aff    uint64 // best affinity points / 50 for discipline d-1, at bits 2d
}

// classBounds returns the bounds of the classes sharing a skill with skills
// (one talent skill class's).
func (pc *pclasses) classBounds(cw *classWork, skills []int32) []classBound {
	nt, nd := int32(len(skills)), len(disciplines)+1
	out := cw.bounds[:0]
	for _, cl := range pc.count(cw, skills) {
		m := int32(cw.cnt[cl])
		cw.cnt[cl] = 0
		cov, use := skillPoints(m, pc.np[cl], nt)
		b := classBound{cl: cl, sp: cov + use, m: uint8(m), minExp: uint8(pc.minExp[cl]), minDeg: pc.minDeg[cl]}
		if pc.langs[cl] {
			b.langs = 1
		}
		for d, a := range pc.affMax[int(cl)*nd : int(cl)*nd+nd] {
			b.aff |= uint64(a/50) << (2 * d)
		}
		out = append(out, b)
	}
	cw.bounds = out
	return out
}

// Item fields of buildTalentClasses' sort: bound, affinity/50, shared
// skills, skill points, class.
const (
	itemUB    = 54 // 10 bits: ub ≤ MaxScore
	itemAff   = 52
	itemM     = 44
	itemSP    = 34
	itemClass = 1<<34 - 1
)

// buildTalentClasses scans talent t's candidates class by class, best bound
// first, and sets its list. bounds are the classes sharing a skill with t.
// Mutual counts are classMutual's.
func (ix *Index) buildTalentClasses(bw *buildWorker, sh *buildShared, pc *pclasses, cw *classWork, t int32, bounds []classBound) {
	ts := ix.newTalentScan(bw, sh, t)
	ts.mayMutual = false
	tf := ts.tf
	// Bound each class sharing a skill: exact skill points, and for the rest
	// the best any member could give t.
	items := cw.items[:0]
	clear(cw.hist[:])
	nd := len(disciplines) + 1
	aff0 := int(tf.disc) + 1
	for i := range bounds {
		b := &bounds[i]
		if tf.degree < b.minDeg || tf.exp+ExperienceSlack < int32(b.minExp) {
			continue // no member's filter passes
		}
		a := b.aff >> (2 * aff0) & 3
		ub := b.sp + ts.degree[b.minDeg] + experiencePoints(tf.exp, int32(b.minExp)) + 50*int32(a) + ts.lang[b.langs] + ts.base
		items = append(items, uint64(ub)<<itemUB|a<<itemAff|uint64(b.m)<<itemM|uint64(b.sp)<<itemSP|uint64(b.cl))
		cw.hist[ub>>2]++
	}
	// Best bound first (by buckets of 4 points), so t's list fills with
	// strong pairs and its threshold rules out the rest early.
	sorted := slices.Grow(cw.sorted[:0], len(items))[:len(items)]
	at := int32(0)
	for b := len(cw.hist) - 1; b >= 0; b-- {
		at, cw.hist[b] = at+cw.hist[b], at
	}
	for _, it := range items {
		b := it >> (itemUB + 2)
		sorted[cw.hist[b]] = it
		cw.hist[b]++
	}
	cw.items, cw.sorted = items, sorted

	snap := pc.snap.Load()
	for _, it := range sorted {
		ub, aff, m, cl := int32(it>>itemUB), 50*int32(it>>itemAff&3), int32(it>>itemM&0xff), int32(it&itemClass)
		if ub < ts.tminS && snap.dmin[int(cl)*nd+aff0] > ub-aff {
			continue // no member can take the pair either
		}
		skill := int32(it >> itemSP & 0x3ff)
		// Each field's run, bounded with its own affinity points.
		for f := pc.fields[cl]; f != 0; f &= f - 1 {
			fi := bits.TrailingZeros16(f)
			ubf := ub - aff + ts.aff[fi]
			bounded := ubf < ts.tminS
			run := int(cl)*fieldRuns + fi
			if bounded && snap.fmin[run] > ubf {
				continue
			}
			rest := skill + ts.aff[fi] + ts.base
			for _, x := range snap.mem[pc.foff[run]:pc.foff[run+1]] {
				if bounded && x.gmin > ubf {
					break // every later member's threshold is higher still
				}
				info := x.info
				if tf.degree < Degree(info>>12&3) || tf.exp+ExperienceSlack < int32(info>>16&0xff) {
					continue
				}
				// visit's bound, and its score where info has it (the city),
				// against the old threshold: a pair it rules out is out.
				ub0 := rest + ts.degree[info>>12&3] + experiencePoints(tf.exp, int32(info>>16&0xff)) + ts.lang[info>>24&1]
				ubx := ub0
				if code := int32(info >> 25); info&infoLangs == 0 && code != cityCodeFull {
					ubx += cityPoints[ts.cityState(code)] - ts.cityMax
				}
				if ubx < ts.tminS && ubx < x.gmin {
					continue
				}
				ts.visitBound(x.c, m, info, ub0)
			}
		}
	}
	ts.finish()
}

// refresh takes a new snapshot of the members' thresholds.
func (ix *Index) refresh(sh *buildShared, pc *pclasses) {
	n := len(pc.np)
	s := &classSnap{mem: make([]snapMember, len(pc.mem))}
	var buf []uint64
	for run := range n * fieldRuns {
		lo, hi := pc.foff[run], pc.foff[run+1]
		buf = buf[:0]
		for _, c := range pc.mem[lo:hi] {
			buf = append(buf, uint64(sh.gmin[c].Load()+1)<<32|uint64(uint32(c)))
		}
		slices.Sort(buf)
		for i, k := range buf {
			c := int32(uint32(k))
			s.mem[lo+int32(i)] = snapMember{gmin: int32(k>>32) - 1, c: c, info: sh.pinfo[c]}
		}
	}
	pc.setMins(s)
	pc.snap.Store(s)
}

// setMins sets s.fmin and s.dmin from s.mem.
func (pc *pclasses) setMins(s *classSnap) {
	n, nd := len(pc.np), len(disciplines)+1
	s.fmin = make([]int32, n*fieldRuns)
	s.dmin = make([]int32, n*nd)
	for run := range s.fmin {
		s.fmin[run] = MaxScore + 1
		if lo := pc.foff[run]; lo < pc.foff[run+1] {
			s.fmin[run] = s.mem[lo].gmin
		}
	}
	for cl := range n {
		for d := range nd {
			m := int32(MaxScore + 1)
			for f := pc.fields[cl]; f != 0; f &= f - 1 {
				fi := bits.TrailingZeros16(f)
				m = min(m, s.fmin[cl*fieldRuns+fi]-affinityPts[d*fieldRuns+fi])
			}
			s.dmin[cl*nd+d] = m
		}
	}
}

// buildByClasses runs both phases of the class build on workers.
func (ix *Index) buildByClasses(sh *buildShared, pc *pclasses, workers []*buildWorker) {
	var wg sync.WaitGroup
	tcl := ix.talentClasses(sh.tg.reps)
	ix.seedThresholds(sh, pc, tcl, len(workers))
	ix.refresh(sh, pc)
	ab := ix.acceptBits(sh, pc, tcl)
	var next atomic.Int64
	for _, bw := range workers {
		wg.Go(func() {
			cw := pc.newWork()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(tcl) {
					break
				}
				ix.classMutual(pc, cw, ab, i)
			}
			for _, c := range pc.mem {
				bw.pmut[c] += cw.q[pc.gpos[c]]
			}
		})
	}
	wg.Wait()

	// Talents with the same skills one after another, so the classes they
	// share skills with are counted once.
	next.Store(0)
	for _, bw := range workers {
		wg.Go(func() {
			cw := pc.newWork()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(tcl) {
					return
				}
				bounds := pc.classBounds(cw, ix.tf[tcl[i][0]].skills)
				for _, t := range tcl[i] {
					ix.buildTalentClasses(bw, sh, pc, cw, t, bounds)
				}
				// Snapshots at 256, 512, … talents, then every 1,024.
				d := pc.done.Add(int64(len(tcl[i])))
				step := max(256, min(d, 1024))
				if ix.opt.snapEvery > 0 {
					step = int64(ix.opt.snapEvery)
				}
				if old := pc.next.Load(); d >= old && pc.next.CompareAndSwap(old, d+step) {
					ix.refresh(sh, pc)
				}
			}
		})
	}
	wg.Wait()
}
