package schedule

import "math/bits"

// Slot bitsets in time order. Bit i of a mask stands for slot byTime[i], so
// walking the set bits upwards visits slots in the order of options, and a
// search that skips the slots a mask rules out visits the others in the
// same order as a loop over all options would. The masks only filter:
// every slot a mask keeps is still checked in full (pickPool), and the
// callers count the steps of the full loop, so results do not change.

// compileMasks sets optT, each request's options as a mask.
func (c *compiled) compileMasks() {
	c.optT = make([]uint64, c.nR*c.nW)
	for r, opts := range c.options {
		for _, s := range opts {
			i := int(c.rank[s])
			c.optT[r*c.nW+i/64] |= 1 << (i % 64)
		}
	}
}

// blockedT adds to dst the slots p cannot take for being busy in them or in
// a slot overlapping them (the complement of personFree).
func (st *state) blockedT(p int32, dst []uint64) {
	c := st.c
	busy := st.busyT[int(p)*c.nW : int(p+1)*c.nW]
	for w, b := range busy {
		dst[w] |= b
	}
	if !c.anyOver {
		return
	}
	for w, b := range busy {
		for ; b != 0; b &= b - 1 {
			s := c.byTime[w*64+bits.TrailingZeros64(b)]
			for i, o := range c.overT[int(s)*c.nW : int(s+1)*c.nW] {
				dst[i] |= o
			}
		}
	}
}

// openSlots returns the options of r where every participant is free and
// below their limit (peopleFree) and one of r's pools has a free place
// (poolFree): a superset of the slots where fits finds a place. The mask is
// scratch, valid until the next call.
func (st *state) openSlots(r int32) []uint64 {
	c := st.c
	m := st.mbuf
	if c.nW == 1 {
		m[0] = st.openSlots1(r)
		return m
	}
	clear(m)
	for _, p := range c.parts[r] {
		if st.cnt[p] >= c.limit[p] {
			clear(m)
			return m
		}
	}
	for _, p := range c.parts[r] {
		st.blockedT(p, m)
	}
	for w := range m {
		m[w] = ^m[w] // free for everyone
	}
	var pools uint64
	for w := range m {
		pools = 0
		for _, q := range c.allowed[r] {
			pools |= st.openT[int(q)*c.nW+w]
		}
		m[w] &= pools & c.optT[int(r)*c.nW+w]
	}
	return m
}

// openSlots1 is openSlots for up to 64 slots.
func (st *state) openSlots1(r int32) uint64 {
	c := st.c
	var blocked uint64
	for _, p := range c.parts[r] {
		if c.limited && st.cnt[p] >= c.limit[p] {
			return 0
		}
		blocked |= st.busyT[p]
	}
	if c.anyOver {
		for _, p := range c.parts[r] {
			for b := st.busyT[p]; b != 0; b &= b - 1 {
				blocked |= c.overT[c.byTime[bits.TrailingZeros64(b)]]
			}
		}
	}
	var pools uint64
	for _, q := range c.allowed[r] {
		pools |= st.openT[q]
	}
	return c.optT[r] & pools &^ blocked
}

// optionsBefore is the number of r's options earlier than position i in
// time order.
func (c *compiled) optionsBefore(r int32, i int) int {
	if i >= c.nS {
		return len(c.options[r])
	}
	opt := c.optT[int(r)*c.nW : int(r+1)*c.nW]
	n := 0
	for w := range i / 64 {
		n += bits.OnesCount64(opt[w])
	}
	return n + bits.OnesCount64(opt[i/64]&(1<<(i%64)-1))
}

// anyOpen reports whether openSlots(r) has a slot.
func (st *state) anyOpen(r int32) bool {
	if st.c.nW == 1 {
		return st.openSlots1(r) != 0
	}
	for _, m := range st.openSlots(r) {
		if m != 0 {
			return true
		}
	}
	return false
}

// freeForMove returns the options of placed x, other than s and its own
// slot, where no participant of x has another meeting in the slot or one
// overlapping it: where personBlocker(x, t) finds no blocker. The mask is
// scratch (st.fbuf), valid until the next call.
func (st *state) freeForMove(x, s int32) []uint64 {
	c := st.c
	m := st.fbuf
	clear(m)
	own := int(c.rank[st.slot[x]])
	for _, p := range c.parts[x] {
		busy := st.busyT[int(p)*c.nW : int(p+1)*c.nW]
		for w, b := range busy {
			if w == own/64 {
				b &^= 1 << (own % 64) // x itself
			}
			m[w] |= b
			if !c.anyOver {
				continue
			}
			for ; b != 0; b &= b - 1 {
				t := c.byTime[w*64+bits.TrailingZeros64(b)]
				for i, o := range c.overT[int(t)*c.nW : int(t+1)*c.nW] {
					m[i] |= o
				}
			}
		}
	}
	opt := c.optT[int(x)*c.nW : int(x+1)*c.nW]
	for w := range m {
		m[w] = opt[w] &^ m[w]
	}
	i := int(c.rank[s])
	m[i/64] &^= 1 << (i % 64)
	m[own/64] &^= 1 << (own % 64)
	return m
}

// movesBefore is the number of options of placed x before position i in
// time order, not counting s and x's own slot: the feasibility checks a
// loop over x's options makes before reaching position i.
func (st *state) movesBefore(x, s int32, i int) int {
	c := st.c
	n := c.optionsBefore(x, i)
	skip := func(t int32) {
		if j := int(c.rank[t]); j < i && c.optT[int(x)*c.nW+j/64]>>(j%64)&1 != 0 {
			n--
		}
	}
	skip(s)
	if own := st.slot[x]; own != s {
		skip(own)
	}
	return n
}
