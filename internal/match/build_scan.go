package match

import (
	"cmp"
	"math/bits"
	"slices"
)

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
	cityMax   int32
	mayMutual bool
	h         []uint64
	tmin      uint64 // root of t's full heap, 0 while it fills
	tminS     int32  // its score, -1 while it fills
	mut       int32
	tsize     int32   // talents in t's group
	tmem      []int32 // and their slots
}

// buildTalent runs one pass over talent t's candidates: pairs sharing two
// or more skills in pass 1, one skill in pass 2, which also sets its list.
func (ix *Index) buildTalent(bw *buildWorker, sh *buildShared, t int32, pass int) {
	T := &ix.s[sideT]
	if !T.live[t] {
		return
	}
	ts := ix.newTalentScan(bw, sh, t)
	tf := ts.tf
	postings := sh.posts
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
	sh.tlen[t] = uint16(len(ts.h))
	if pass == 1 {
		return
	}
	ts.finish()
}

// finish sets the list and mutual count of every talent in the scanned
// talent's group.
func (ts *talentScan) finish() {
	ix, t, d := ts.ix, ts.t, ts.ix.depth
	T, P := &ix.s[sideT], &ix.s[sideP]
	h := ts.h
	slices.Sort(h)
	l := make([]entry, len(h))
	for i := range l {
		k := h[len(h)-1-i]
		c := keySlot(k)
		l[i] = entry{id: P.ids[c], score: keyScore(k), slot: c}
	}
	// Pairs are skipped only once t's heap is full, as for posts.
	for i, x := range ts.sh.tg.members(t) {
		if i > 0 {
			l = slices.Clone(l)
		}
		T.lists[x], T.complete[x], T.mutual[x] = l, len(h) < d, ts.mut
	}
}

// newTalentScan sets up the scan of talent t: its bounds and its heap as
// left by an earlier pass.
func (ix *Index) newTalentScan(bw *buildWorker, sh *buildShared, t int32) talentScan {
	T := &ix.s[sideT]
	tf := &ix.tf[t]
	d := ix.depth
	ts := talentScan{ix: ix, bw: bw, sh: sh, t: t, tf: tf, nt: int32(len(tf.skills)),
		rest: upperRest(tf), mayMutual: tf.intent != IntentNo, tminS: -1,
		h: sh.theaps[int(t)*d : int(t)*d+int(sh.tlen[t]) : int(t)*d+d], mut: T.mutual[t],
		tsize: sh.tg.size(t), tmem: sh.tg.members(t)}
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
	ts.cityMax = ts.base - intentPoints[tf.intent]
	if len(ts.h) == d {
		ts.tmin, ts.tminS = ts.h[0], keyScore(ts.h[0])
	}
	return ts
}

// visit handles candidate post c sharing m skills with the scanned talent.
func (ts *talentScan) visit(c, m int32) {
	info := ts.sh.pinfo[c]
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
	ts.visitBound(c, m, info, ub)
}

// visitBound is visit for a caller that has read post c's info and computed
// the pair's bound ub, exact but for the city.
func (ts *talentScan) visitBound(c, m int32, info uint32, ub int32) {
	bw, sh := ts.bw, ts.sh
	np := int32(info & 0xff)
	// The postings passed the degree and experience filter, so a post that
	// lists no language and has a small city code is scored from info alone:
	// the bound is exact but for the city.
	code := int32(info >> 25)
	fast := info&infoLangs == 0 && code != cityCodeFull
	// The bound's best case ties on score and wins on slot, so only a
	// strictly lower score rules a pair out of a list.
	g := sh.gmin[c].Load()
	if ub < ts.tminS && ub < g {
		// Neither list can take the pair; only its mutual count is left.
		if ts.mayMutual && 2*m >= np {
			var mu bool
			if fast {
				mu = ts.cityState(code) != cityOther
			} else {
				mu = mutual(ts.tf, &ts.ix.pf[c], &ts.ix.pc[c], m)
			}
			if mu {
				ts.mut += ts.psize(c, info)
				bw.pmut[c] += ts.tsize
			}
		}
		return
	}
	var score int32
	var mutual bool
	if fast {
		cs := ts.cityState(code)
		score = ub - ts.cityMax + cityPoints[cs]
		mutual = ts.mayMutual && 2*m >= np && cs != cityOther
	} else if score, mutual = pairScore(ts.tf, &ts.ix.pf[c], &ts.ix.pc[c], m); score < 0 {
		return
	}
	if mutual && ts.mayMutual {
		ts.mut += ts.psize(c, info)
		bw.pmut[c] += ts.tsize
	}
	ts.offerTalent(c, score, info)
	ts.offerPost(c, score, g)
}

// psize is the size of post c's group: 1 unless info says it has others,
// so the common case reads no group array.
func (ts *talentScan) psize(c int32, info uint32) int32 {
	if info&infoGroup == 0 {
		return 1
	}
	return ts.sh.pg.size(c)
}

// offerTalent offers post c's group, scoring score, to the scanned talent's
// heap: members in slot order, so the first one refused ends the group.
func (ts *talentScan) offerTalent(c, score int32, info uint32) {
	d := ts.ix.depth
	one := [1]int32{c}
	mem := one[:]
	if info&infoGroup != 0 {
		mem = ts.sh.pg.members(c)
	}
	for _, x := range mem {
		k := rankKey(score, x)
		if len(ts.h) < d {
			ts.h = append(ts.h, k)
			minUp(ts.h, len(ts.h)-1)
			if len(ts.h) == d {
				ts.tmin, ts.tminS = ts.h[0], keyScore(ts.h[0])
			}
		} else if k > ts.tmin {
			ts.h[0] = k
			minDown(ts.h, 0)
			ts.tmin, ts.tminS = ts.h[0], keyScore(ts.h[0])
		} else {
			return
		}
	}
}

// offerPost offers the scanned talent's group to the worker's heap for
// post c, members in slot order; g is c's shared threshold when the pair
// was bounded.
func (ts *talentScan) offerPost(c, score, g int32) {
	bw, sh, d := ts.bw, ts.sh, ts.ix.depth
	if score < g {
		return
	}
	ph := bw.pheaps[int(c)*d:][:d]
	for _, y := range ts.tmem {
		k := rankKey(score, y)
		if k <= bw.pmin[c] {
			return
		}
		if n := int(bw.plen[c]); n < d {
			ph[n] = k
			minUp(ph[:n+1], n)
			bw.plen[c]++
			if n+1 < d {
				continue
			}
		} else {
			ph[0] = k
			minDown(ph, 0)
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
}

// cityState is tfeat.cityState for a post's city code (see packInfo).
func (ts *talentScan) cityState(code int32) cityState {
	if ts.tf.ncity == 0 {
		return cityAny
	}
	return ts.tf.cityState(code - 1)
}

// minUp and minDown keep a min-heap (rank keys, scores): the worst at
// the root.
func minUp[T cmp.Ordered](h []T, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p] <= h[i] {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func minDown[T cmp.Ordered](h []T, i int) {
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
