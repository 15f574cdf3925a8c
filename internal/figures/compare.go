package figures

// Change is a figure's total in this edition against the previous one.
type Change struct {
	Cur, Prev float64
	Abs       float64 // Cur - Prev
	Pct       float64 // 100·(Cur-Prev)/Prev; 0 when Prev is 0
	HasPrev   bool    // there is a previous edition
}

// Compare pairs each figure's total in cur with prev's (prev nil: no
// previous edition). Rates compare as values, not sums.
func Compare(cur, prev *Set) map[string]Change {
	out := map[string]Change{}
	for name, f := range cur.Figures {
		c := Change{Cur: f.Total()}
		if prev != nil {
			c.HasPrev = true
			c.Prev = prev.Get(name).Total()
			c.Abs = c.Cur - c.Prev
			if c.Prev != 0 {
				c.Pct = 100 * c.Abs / c.Prev
			}
		}
		out[name] = c
	}
	return out
}
