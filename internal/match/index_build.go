package match

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// Build returns an index over talents and posts with every list computed,
// using opt.Workers goroutines. IDs must be unique on each side.
func Build(talents []Talent, posts []Post, opt Options) (*Index, error) {
	ix := NewIndex(opt)
	T, P := &ix.s[sideT], &ix.s[sideP]
	ix.grow(len(talents), len(posts))
	for i := range talents {
		if _, dup := T.slotOf[talents[i].ID]; dup {
			return nil, fmt.Errorf("match: duplicate talent id %d", talents[i].ID)
		}
		x := ix.alloc(sideT, talents[i].ID)
		ix.tf[x] = ix.sy.compileTalent(&talents[i])
	}
	for i := range posts {
		if _, dup := P.slotOf[posts[i].ID]; dup {
			return nil, fmt.Errorf("match: duplicate post id %d", posts[i].ID)
		}
		x := ix.alloc(sideP, posts[i].ID)
		ix.pf[x], ix.pskills[x] = ix.sy.compilePost(&posts[i])
	}
	n := len(ix.sy.skills.names)
	T.bySkill, P.bySkill = make([][]int32, n), make([][]int32, n)
	for s := range ix.s {
		for x := range ix.s[s].ids {
			if !ix.indexed(s, int32(x)) {
				continue
			}
			for _, k := range ix.skillsOf(s, int32(x)) {
				ix.s[s].bySkill[k] = append(ix.s[s].bySkill[k], int32(x))
			}
			if s == sideP {
				ix.headcount += int64(ix.pf[x].headcount)
			}
		}
	}
	ix.buildLists()
	return ix, nil
}

func (ix *Index) grow(nt, np int) {
	for s, n := range [2]int{nt, np} {
		me := &ix.s[s]
		me.ids = make([]int64, 0, n)
		me.live = make([]bool, 0, n)
		me.lists = make([][]entry, 0, n)
		me.complete = make([]bool, 0, n)
		me.in = make([][]int32, 0, n)
		me.mutual = make([]int32, 0, n)
	}
	ix.tf = make([]tfeat, 0, nt)
	ix.pf = make([]pfeat, 0, np)
	ix.pskills = make([][]int32, 0, np)
}

// buildWorker is one goroutine's share of a build: it scans talents and
// keeps, besides their lists, its own bounded heap per post, merged at the
// end, so workers never share a write.
type buildWorker struct {
	sc      scratch
	heaps   []entry // post c's heap is heaps[c*depth : c*depth+plen[c]]
	plen    []int32
	pmin    []int32 // score at the root of a full post heap, else -1
	pelig   []int32 // recommendable talents seen per post
	pmutual []int32
}

// buildLists computes every talent's and post's list in one pass over the
// talent→post candidates: each pair is scored once and feeds both lists.
func (ix *Index) buildLists() {
	T, P := &ix.s[sideT], &ix.s[sideP]
	nt, np, d := len(T.ids), len(P.ids), ix.depth
	workers := make([]*buildWorker, ix.opt.Workers)
	var next atomic.Int64
	const chunk = 128
	var wg sync.WaitGroup
	for w := range workers {
		bw := &buildWorker{
			sc:      scratch{counts: make([]uint8, np)},
			heaps:   make([]entry, np*d),
			plen:    make([]int32, np),
			pmin:    make([]int32, np),
			pelig:   make([]int32, np),
			pmutual: make([]int32, np),
		}
		for c := range bw.pmin {
			bw.pmin[c] = -1
		}
		workers[w] = bw
		wg.Go(func() {
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= nt {
					return
				}
				for t := lo; t < min(lo+chunk, nt); t++ {
					ix.buildTalent(bw, int32(t))
				}
			}
		})
	}
	wg.Wait()

	// Merge the workers' post heaps, posts split among goroutines.
	var wg2 sync.WaitGroup
	per := (np + len(workers) - 1) / len(workers)
	for w := range workers {
		wg2.Go(func() {
			var buf []entry
			for c := w * per; c < min((w+1)*per, np); c++ {
				if !ix.indexed(sideP, int32(c)) {
					P.lists[c], P.complete[c] = nil, true
					continue
				}
				buf = buf[:0]
				elig, mutual := int32(0), int32(0)
				for _, bw := range workers {
					buf = append(buf, bw.heaps[c*d:c*d+int(bw.plen[c])]...)
					elig += bw.pelig[c]
					mutual += bw.pmutual[c]
				}
				sortEntries(buf)
				P.lists[c] = append([]entry(nil), buf[:min(d, len(buf))]...)
				P.complete[c] = int(elig) <= d
				P.mutual[c] = mutual
			}
		})
	}
	wg2.Wait()

	for s := range ix.s {
		o := &ix.s[1-s]
		for x, l := range ix.s[s].lists {
			for _, e := range l {
				o.in[e.slot] = append(o.in[e.slot], int32(x))
			}
			o.inTotal += len(l)
		}
	}
}

// buildTalent scans talent t's candidates, sets its list and mutual count,
// and offers t to the worker's post heaps. It is the hot loop of Build.
func (ix *Index) buildTalent(bw *buildWorker, t int32) {
	T, P := &ix.s[sideT], &ix.s[sideP]
	if !T.live[t] {
		return
	}
	tf := &ix.tf[t]
	counts, touched := bw.sc.counts, bw.sc.touched[:0]
	for _, k := range tf.skills {
		if int(k) >= len(P.bySkill) {
			continue
		}
		for _, c := range P.bySkill[k] {
			if counts[c] == 0 {
				touched = append(touched, c)
			}
			counts[c]++
		}
	}
	d := ix.depth
	var h []entry
	n, mut := 0, int32(0)
	tid := T.ids[t]
	for _, c := range touched {
		m := int32(counts[c])
		counts[c] = 0
		pf := &ix.pf[c]
		score, mutual := pairScore(tf, pf, m)
		if score < 0 {
			continue
		}
		n++
		h = heapOffer(h, d, entry{id: pf.id, score: score, slot: c})
		bw.pelig[c]++
		if mutual {
			mut++
			bw.pmutual[c]++
		}
		// Offer t to post c's heap; pmin spares loading the heap in the common case.
		if score < bw.pmin[c] {
			continue
		}
		e := entry{id: tid, score: score, slot: t}
		ph := bw.heaps[int(c)*d : int(c)*d+int(bw.plen[c])]
		if len(ph) < d {
			ph = ph[:len(ph)+1]
			ph[len(ph)-1] = e
			heapUp(ph, len(ph)-1)
			bw.plen[c]++
			if len(ph) == d {
				bw.pmin[c] = ph[0].score
			}
		} else if e.better(ph[0]) {
			ph[0] = e
			heapDown(ph, 0)
			bw.pmin[c] = ph[0].score
		}
	}
	bw.sc.touched = touched[:0]
	sortEntries(h)
	T.lists[t], T.complete[t], T.mutual[t] = h, n <= d, mut
}
