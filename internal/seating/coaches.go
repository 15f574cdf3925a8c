// Package seating places a field study's participants on its coaches
// (issue 16): each coach holds so many seats, and the people of one group
// (a delegation, an enterprise) ride together where a coach has room for
// them all. Pure: no I/O.
package seating

import (
	"cmp"
	"slices"
)

// Group is people who would rather ride together, in registration order.
type Group struct {
	Key     string
	Members []int64
}

// Coaches places groups on n coaches of seats each. Largest groups first
// (ties by key), each on the coach with the least room that still holds it
// whole (best fit), so that room is kept for the large groups still to
// come; a group no coach holds whole is split over the coaches with the
// most room. Those for whom no seat is left are returned apart, in group
// order. The result is the same for the same input.
func Coaches(groups []Group, n, seats int) (coaches [][]int64, left []int64) {
	coaches = make([][]int64, max(n, 0))
	free := make([]int, len(coaches))
	for i := range free {
		free[i] = seats
	}
	order := slices.Clone(groups)
	slices.SortStableFunc(order, func(a, b Group) int {
		return cmp.Or(cmp.Compare(len(b.Members), len(a.Members)), cmp.Compare(a.Key, b.Key))
	})
	for _, g := range order {
		best := -1
		for i, f := range free {
			if f >= len(g.Members) && (best < 0 || f < free[best]) {
				best = i
			}
		}
		if best >= 0 {
			coaches[best] = append(coaches[best], g.Members...)
			free[best] -= len(g.Members)
			continue
		}
		rest := g.Members
		for len(rest) > 0 {
			most := 0
			for i, f := range free {
				if f > free[most] {
					most = i
				}
			}
			if len(free) == 0 || free[most] == 0 {
				left = append(left, rest...)
				break
			}
			k := min(free[most], len(rest))
			coaches[most] = append(coaches[most], rest[:k]...)
			free[most] -= k
			rest = rest[k:]
		}
	}
	return coaches, left
}
