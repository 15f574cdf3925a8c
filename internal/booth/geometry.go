package booth

import "sort"

// AdjacentByGeometry fills each booth's Adjacent with the booths of the same
// hall (or area, when no hall is given) that share a side of positive
// length with it, from X, Y, W and D. Booths without a size are left alone.
func AdjacentByGeometry(bs []Booth) {
	byHall := sizedByHall(bs)
	touch := func(a0, a1, b0, b1 float64) bool { return a0 < b1-eps && b0 < a1-eps }
	near := func(x, y float64) bool { return x-y < 1e-6 && y-x < 1e-6 }
	for _, ix := range byHall {
		sort.Slice(ix, func(i, j int) bool { return bs[ix[i]].X < bs[ix[j]].X })
		for i, a := range ix {
			A := &bs[a]
			for _, b := range ix[i+1:] {
				B := &bs[b]
				if B.X > A.X+A.W+1e-6 {
					break
				}
				side := (near(A.X+A.W, B.X) || near(B.X+B.W, A.X)) && touch(A.Y, A.Y+A.D, B.Y, B.Y+B.D)
				side = side || (near(A.Y+A.D, B.Y) || near(B.Y+B.D, A.Y)) && touch(A.X, A.X+A.W, B.X, B.X+B.W)
				if side {
					A.Adjacent = append(A.Adjacent, B.Code)
				}
			}
		}
	}
}

// sizedByHall groups the booths that have a size by hall (or area, when no
// hall is given): only booths of one group can touch or overlap.
func sizedByHall(bs []Booth) map[string][]int {
	byHall := map[string][]int{}
	for i, b := range bs {
		if b.W > 0 && b.D > 0 {
			h := b.Hall
			if h == "" {
				h = "area:" + b.Area
			}
			byHall[h] = append(byHall[h], i)
		}
	}
	return byHall
}
