package schedule

import "math/bits"

// gaps counts the slots between p's first and last meeting in which p is
// available but idle: waiting time an agenda could have avoided. It works
// on bitsets in time order: compaction asks for it after every tried move.
func (st *state) gaps(p int32) int {
	c := st.c
	nW := c.nW
	busy := st.busyT[int(p)*nW : int(p+1)*nW]
	first, last := -1, -1
	for w, b := range busy {
		if b != 0 {
			first = w*64 + bits.TrailingZeros64(b)
			break
		}
	}
	if first < 0 {
		return 0
	}
	for w := nW - 1; w >= 0; w-- {
		if b := busy[w]; b != 0 {
			last = w*64 + 63 - bits.LeadingZeros64(b)
			break
		}
	}
	if last-first < 2 {
		return 0
	}
	avail := c.availT[int(p)*nW : int(p+1)*nW]
	var blocked []uint64
	if c.anyOver {
		// idle slots overlapping one of p's meetings are not free
		blocked = st.gapBuf(nW)
		for w, b := range busy {
			for ; b != 0; b &= b - 1 {
				s := c.byTime[w*64+bits.TrailingZeros64(b)]
				for i, o := range c.overT[int(s)*nW : int(s+1)*nW] {
					blocked[i] |= o
				}
			}
		}
	}
	n := 0
	for w := first / 64; w <= last/64; w++ {
		free := avail[w] &^ busy[w]
		if blocked != nil {
			free &^= blocked[w]
		}
		lo, hi := max(first+1, w*64)-w*64, min(last-1, w*64+63)-w*64 // inclusive, within the word
		if lo > hi {
			continue
		}
		mask := (^uint64(0) >> (63 - uint(hi))) &^ (1<<uint(lo) - 1)
		n += bits.OnesCount64(free & mask)
	}
	return n
}

// gapBuf returns n cleared words of scratch for gaps.
func (st *state) gapBuf(n int) []uint64 {
	if cap(st.gbuf) < n {
		st.gbuf = make([]uint64, n)
	}
	st.gbuf = st.gbuf[:n]
	clear(st.gbuf)
	return st.gbuf
}

func (st *state) totalGaps() int {
	n := 0
	for p := range int32(st.c.nP) {
		if st.cnt[p] > 1 {
			n += st.gaps(p)
		}
	}
	return n
}

// gapsOf sums the gaps of the participants of the given meetings, each
// participant once.
func (st *state) gapsOf(rs ...int32) int {
	c := st.c
	if st.pmark == nil {
		st.pmark = make([]uint32, c.nP)
	}
	st.pstamp++
	if st.pstamp == 0 {
		clear(st.pmark)
		st.pstamp = 1
	}
	n := 0
	for _, r := range rs {
		for _, p := range c.parts[r] {
			if st.pmark[p] != st.pstamp {
				st.pmark[p] = st.pstamp
				n += st.gaps(p)
			}
		}
		st.steps += int64(len(c.parts[r]))
	}
	return n
}

// compact shortens idle time between meetings without dropping any, so
// weight and fairness stay as they are: gaps are the last criterion. It
// moves single meetings, swaps the slots of two meetings of one person and
// swaps the whole contents of two slots.
func (st *state) compact(limit int64) {
	c := st.c
	for range 8 {
		moved := false
		for r := range int32(c.nR) {
			if st.steps >= limit {
				return
			}
			if st.slot[r] < 0 || st.locked(r) || st.gapsOf(r) == 0 {
				continue
			}
			if st.compactMove(r) || st.compactSwap(r) {
				moved = true
			}
			st.commit()
		}
		for _, a := range c.byTime {
			for _, b := range c.byTime {
				if st.steps >= limit {
					return
				}
				if a < b && st.swapSlots(a, b) {
					moved = true
				}
				st.commit()
			}
		}
		if !moved {
			return
		}
	}
}

// compactMove moves r to the slot that leaves its participants least idle.
func (st *state) compactMove(r int32) bool {
	c := st.c
	s0, q0 := st.slot[r], st.pool[r]
	cur := st.gapsOf(r)
	best, bestQ := int32(-1), int32(-1)
	st.remove(r)
	for _, s := range c.options[r] {
		if s == s0 {
			continue
		}
		q := st.fits(r, s)
		if q < 0 {
			continue
		}
		st.add(r, s, q)
		if g := st.gapsOf(r); g < cur {
			best, bestQ, cur = s, q, g
		}
		st.remove(r)
	}
	if best < 0 {
		st.add(r, s0, q0)
		return false
	}
	st.add(r, best, bestQ)
	return true
}

// compactSwap exchanges the slots of r and another meeting of one of r's
// participants when that shortens idle time.
func (st *state) compactSwap(r int32) bool {
	c := st.c
	for _, p := range c.parts[r] {
		for _, x := range st.busy[int(p)*c.nS : int(p+1)*c.nS] {
			if x < 0 || x == r || st.locked(x) {
				continue
			}
			before := st.gapsOf(r, x)
			mk := st.mark()
			sr, sx := st.slot[r], st.slot[x]
			st.remove(r)
			st.remove(x)
			if st.available(r, sx) && st.available(x, sr) {
				if q := st.fits(r, sx); q >= 0 {
					st.add(r, sx, q)
					if q := st.fits(x, sr); q >= 0 {
						st.add(x, sr, q)
						if st.gapsOf(r, x) < before {
							return true
						}
					}
				}
			}
			st.rollback(mk)
		}
	}
	return false
}

// swapSlots exchanges everything in slots a and b when every meeting fits
// in the other slot and the people involved end up less idle.
func (st *state) swapSlots(a, b int32) bool {
	c := st.c
	if len(c.overlap[a]) > 0 || len(c.overlap[b]) > 0 {
		return false
	}
	in := st.inSwap[:0]
	defer func() { st.inSwap = in[:0] }()
	for q := range int32(c.nQ) {
		for _, s := range [2]int32{a, b} {
			for _, x := range st.members[int(s)*c.nQ+int(q)] {
				if st.locked(x) || !st.available(x, a+b-s) {
					return false
				}
				in = append(in, x)
			}
		}
	}
	if len(in) == 0 {
		return false
	}
	before := st.gapsOf(in...)
	mk := st.mark()
	st.from = append(st.from[:0], in...)
	from := st.from
	for i, x := range in {
		from[i] = st.slot[x]
		st.remove(x)
	}
	for i, x := range in {
		q := st.fits(x, a+b-from[i])
		if q < 0 {
			st.rollback(mk)
			return false
		}
		st.add(x, a+b-from[i], q)
	}
	if st.gapsOf(in...) < before {
		return true
	}
	st.rollback(mk)
	return false
}
