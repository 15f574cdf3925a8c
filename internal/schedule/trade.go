package schedule

// Trades: place r by ejecting meetings of no greater total weight, then try
// to put the ejected ones back elsewhere. A trade is kept only when the
// score improves, so it can raise the weight or, at equal weight, serve a
// participant who had nothing.

// trade tries every place of r with ejections of at most r's weight.
func (st *state) trade(r int32, nodes int) bool {
	c := st.c
	before := st.score()
	for _, s := range c.options[r] {
		for _, q := range c.allowed[r] {
			if !c.poolIn[int(s)*c.nQ+int(q)] {
				continue
			}
			b, ok := st.blockers(r, s, q, st.tbuf)
			st.tbuf = b
			if !ok || len(b) == 0 {
				continue
			}
			// worth trying if r outweighs the blockers, or all but the
			// heaviest, which the refill may put back elsewhere
			var w, top int64
			for _, x := range b {
				w += c.weight[x]
				top = max(top, c.weight[x])
			}
			if w > c.weight[r] && (len(b) == 1 || w-top >= c.weight[r]) {
				continue
			}
			mk := st.mark()
			ejected := b // trade does not nest, so st.tbuf stays as it is
			for _, x := range ejected {
				st.remove(x)
			}
			if !st.moveTo(r, s, q) {
				st.rollback(mk)
				continue
			}
			st.refill(ejected, nodes)
			if st.score().better(before) {
				return true
			}
			st.rollback(mk)
		}
	}
	return false
}

// refill re-places ejected meetings, then fills the room they left: their
// participants' unplaced requests may fit now (an alternating path for the
// participant limits).
func (st *state) refill(ejected []int32, nodes int) {
	c := st.c
	for _, x := range ejected {
		if st.slot[x] < 0 && !st.placeDirect(x) {
			st.augment(x, nodes)
		}
	}
	for _, x := range ejected {
		for _, p := range c.parts[x] {
			for _, y := range c.byPers[p] {
				if st.slot[y] < 0 && !st.locked(y) && len(c.options[y]) > 0 {
					st.placeDirect(y)
				}
			}
		}
	}
}
