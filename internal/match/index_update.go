package match

import (
	"math"
	"slices"
)

// UpsertTalent adds t or replaces the talent with t.ID, and brings every
// affected list up to date.
func (ix *Index) UpsertTalent(t Talent) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	f := ix.sy.compileTalent(&t)
	x, dirty := ix.prepare(sideT, t.ID)
	ix.tf[x] = f
	ix.attach(sideT, x)
	ix.fix(sideP, dirty)
}

// UpsertPost adds p or replaces the post with p.ID. A closed post leaves
// every list and has none of its own.
func (ix *Index) UpsertPost(p Post) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	f, c := ix.sy.compilePost(&p)
	x, dirty := ix.prepare(sideP, p.ID)
	ix.pf[x], ix.pc[x] = f, c
	ix.attach(sideP, x)
	ix.fix(sideT, dirty)
}

// RemoveTalent removes the talent with id.
func (ix *Index) RemoveTalent(id int64) error { return ix.remove(sideT, id) }

// RemovePost removes the post with id.
func (ix *Index) RemovePost(id int64) error { return ix.remove(sideP, id) }

func (ix *Index) remove(s int, id int64) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	x, ok := ix.s[s].slotOf[id]
	if !ok {
		return ErrNotFound
	}
	dirty := ix.detach(s, x)
	ix.release(s, x)
	ix.fix(1-s, dirty)
	return nil
}

// prepare returns the slot for id, detached from everything if it existed,
// and the other side's lists that lost it.
func (ix *Index) prepare(s int, id int64) (int32, []int32) {
	if x, ok := ix.s[s].slotOf[id]; ok {
		return x, ix.detach(s, x)
	}
	return ix.alloc(s, id), nil
}

func (ix *Index) alloc(s int, id int64) int32 {
	me := &ix.s[s]
	var x int32
	if n := len(me.free); n > 0 {
		x = me.free[n-1]
		me.free = me.free[:n-1]
	} else {
		x = int32(len(me.ids))
		me.ids = append(me.ids, 0)
		me.live = append(me.live, false)
		me.lists = append(me.lists, nil)
		me.complete = append(me.complete, false)
		me.bar = append(me.bar, 0)
		me.queued = append(me.queued, false)
		me.in = append(me.in, nil)
		me.mutual = append(me.mutual, 0)
		if s == sideT {
			ix.tf = append(ix.tf, tfeat{})
		} else {
			ix.pf = append(ix.pf, pfeat{})
			ix.pc = append(ix.pc, pcold{})
		}
	}
	me.ids[x], me.live[x] = id, true
	me.slotOf[id] = x
	me.nlive++
	return x
}

func (ix *Index) release(s int, x int32) {
	me := &ix.s[s]
	delete(me.slotOf, me.ids[x])
	me.ids[x], me.live[x], me.lists[x], me.complete[x], me.in[x] = 0, false, nil, false, nil
	ix.setBar(s, x)
	if s == sideT {
		ix.tf[x] = tfeat{}
	} else {
		ix.pf[x], ix.pc[x] = pfeat{}, pcold{}
	}
	me.free = append(me.free, x)
	me.nlive--
}

// attach enters x (features set) into the skill index, computes its list
// and offers it to each of its candidates' lists.
func (ix *Index) attach(s int, x int32) {
	me, o := &ix.s[s], &ix.s[1-s]
	if !ix.indexed(s, x) {
		ix.setList(s, x, nil, true)
		return
	}
	key := ix.postingKey(s, x)
	for _, k := range ix.skillsOf(s, x) {
		for int(k) >= len(me.bySkill) {
			me.bySkill = append(me.bySkill, postings{})
		}
		me.bySkill[k].insert(key, x)
	}
	if s == sideP {
		ix.headcount += int64(ix.pc[x].headcount)
	}
	var h []entry
	n := 0
	self := entry{id: me.ids[x], slot: x}
	ix.scan(s, x, &o.scratch, func(c, score int32, mutual bool) {
		n++
		h = heapOffer(h, ix.depth, entry{id: o.ids[c], score: score, slot: c})
		if score >= o.bar[c] {
			self.score = score
			ix.offer(1-s, c, self)
		}
		if mutual {
			me.mutual[x]++
			o.mutual[c]++
		}
	})
	sortEntries(h)
	ix.setList(s, x, h, n <= ix.depth)
}

// detach takes x (old features still set) out of the skill index, the
// mutual counts, its own list and every list holding it. It returns the
// other side's entities whose lists lost x.
func (ix *Index) detach(s int, x int32) []int32 {
	me, o := &ix.s[s], &ix.s[1-s]
	if ix.indexed(s, x) {
		if me.mutual[x] > 0 {
			ix.scan(s, x, &o.scratch, func(c, _ int32, mutual bool) {
				if mutual {
					o.mutual[c]--
				}
			})
			me.mutual[x] = 0
		}
		key := ix.postingKey(s, x)
		for _, k := range ix.skillsOf(s, x) {
			me.bySkill[k].remove(key, x)
		}
		if s == sideP {
			ix.headcount -= int64(ix.pc[x].headcount)
		}
	}
	ix.setList(s, x, nil, true)
	dirty := me.in[x]
	for _, c := range dirty {
		l := o.lists[c]
		i := slices.IndexFunc(l, func(e entry) bool { return e.slot == x })
		o.lists[c] = slices.Delete(l, i, i+1)
		ix.setBar(1-s, c)
	}
	me.inTotal -= len(dirty)
	me.in[x] = nil
	return dirty
}

// fix queues the lists on side s that lost an entry and fell below K
// without being known complete, then repairs up to RepairBudget queued lists.
func (ix *Index) fix(s int, dirty []int32) {
	me := &ix.s[s]
	for _, c := range dirty {
		if ix.short(s, c) && !me.queued[c] {
			me.queued[c] = true
			ix.repairQ = append(ix.repairQ, slotRef{int8(s), c})
		}
	}
	for n := 0; n < RepairBudget && len(ix.repairQ) > 0; {
		r := ix.repairQ[0]
		ix.repairQ = ix.repairQ[1:]
		ix.s[r.s].queued[r.x] = false
		if ix.short(int(r.s), r.x) {
			ix.recompute(int(r.s), r.x)
			n++
		}
	}
	if len(ix.repairQ) == 0 {
		ix.repairQ = nil // let the backing array go
	}
}

// short reports a list below K entries that is not known complete.
func (ix *Index) short(s int, c int32) bool {
	me := &ix.s[s]
	return me.live[c] && !me.complete[c] && len(me.lists[c]) < ix.opt.K
}

func (ix *Index) recompute(s int, x int32) {
	o := &ix.s[1-s]
	var h []entry
	n := 0
	ix.scan(s, x, &o.scratch, func(c, score int32, _ bool) {
		n++
		h = heapOffer(h, ix.depth, entry{id: o.ids[c], score: score, slot: c})
	})
	sortEntries(h)
	ix.setList(s, x, h, n <= ix.depth)
}

// offer puts e (an entity of the other side) into c's list on side s when
// the list's exactness allows: a complete list takes anything while it has
// room; otherwise e must rank above the last entry, which it then pushes out
// when the list is full.
func (ix *Index) offer(s int, c int32, e entry) {
	me := &ix.s[s]
	l := me.lists[c]
	n := len(l)
	switch {
	case n < ix.depth && me.complete[c]:
	case n > 0 && e.better(l[n-1]):
		if n == ix.depth {
			ix.removeIn(1-s, l[n-1].slot, c)
			l = l[:n-1]
			me.complete[c] = false
		}
	default:
		me.complete[c] = false // e is recommendable for c but left out
		ix.setBar(s, c)
		return
	}
	me.lists[c] = insertSorted(l, e)
	ix.setBar(s, c)
	ix.addIn(1-s, e.slot, c)
}

// setBar caches, for the offer loop, the least score c's list might take
// without reading the list: anything while it is complete, nothing while it
// is empty and incomplete, else its last score (a tie needs the list).
func (ix *Index) setBar(s int, c int32) {
	me := &ix.s[s]
	switch l := me.lists[c]; {
	case me.complete[c]:
		me.bar[c] = -1
	case len(l) == 0:
		me.bar[c] = math.MaxInt32
	default:
		me.bar[c] = l[len(l)-1].score
	}
}

// setList replaces x's list and keeps the other side's in-lists in step.
func (ix *Index) setList(s int, x int32, l []entry, complete bool) {
	me := &ix.s[s]
	for _, e := range me.lists[x] {
		ix.removeIn(1-s, e.slot, x)
	}
	me.lists[x], me.complete[x] = slices.Clip(l), complete
	ix.setBar(s, x)
	for _, e := range l {
		ix.addIn(1-s, e.slot, x)
	}
}

// addIn records that c's list (side 1-s) contains x (side s).
func (ix *Index) addIn(s int, x, c int32) {
	ix.s[s].in[x] = append(ix.s[s].in[x], c)
	ix.s[s].inTotal++
}

func (ix *Index) removeIn(s int, x, c int32) {
	in := ix.s[s].in[x]
	i := slices.Index(in, c)
	in[i] = in[len(in)-1]
	ix.s[s].in[x] = in[:len(in)-1]
	ix.s[s].inTotal--
}
