package seating

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// A delegation of four and one of three ride whole on two coaches of five
// seats, the two single talents fill the gaps.
func TestCoachesKeepsGroups(t *testing.T) {
	got, left := Coaches([]Group{
		{"talent:1", []int64{1}}, {"del:A", []int64{10, 11, 12, 13}}, {"talent:2", []int64{2}}, {"del:B", []int64{20, 21, 22}},
	}, 2, 5)
	want := "[[10 11 12 13 1] [20 21 22 2]] []"
	if s := fmt.Sprint(got, left); s != want {
		t.Fatalf("Coaches = %s, want %s", s, want)
	}
}

// Properties over random instances: no coach over its seats, everyone
// seated exactly once or left over, nobody left while a seat is free, and
// no group split when there is a coach for each and each fits one.
func TestCoachesProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 2026))
	for round := range 2000 {
		n, seats := r.IntN(5), 1+r.IntN(12)
		var groups []Group
		id := int64(0)
		for g := range r.IntN(12) {
			m := make([]int64, 1+r.IntN(8))
			for i := range m {
				id++
				m[i] = id
			}
			groups = append(groups, Group{fmt.Sprintf("g%02d", g), m})
		}
		coaches, left := Coaches(groups, n, seats)
		if len(coaches) != n {
			t.Fatalf("round %d: %d coaches, want %d", round, len(coaches), n)
		}
		seen := map[int64]int{}
		total := 0
		for c, l := range coaches {
			if len(l) > seats {
				t.Fatalf("round %d: coach %d holds %d of %d seats", round, c, len(l), seats)
			}
			total += len(l)
			for _, p := range l {
				seen[p]++
			}
		}
		for _, p := range left {
			seen[p]++
		}
		if len(seen) != int(id) {
			t.Fatalf("round %d: %d people placed or left, want %d", round, len(seen), id)
		}
		for p, k := range seen {
			if k != 1 {
				t.Fatalf("round %d: person %d placed %d times", round, p, k)
			}
		}
		if len(left) > 0 && total < n*seats {
			t.Fatalf("round %d: %d left with %d seats free", round, len(left), n*seats-total)
		}
		// With a coach for each group and every group no larger than a
		// coach, no group is split (an empty coach is always left for it).
		small := true
		for _, g := range groups {
			small = small && len(g.Members) <= seats
		}
		if small && len(groups) <= n {
			for _, g := range groups {
				on := map[int]bool{}
				for c, l := range coaches {
					for _, p := range l {
						for _, m := range g.Members {
							if p == m {
								on[c] = true
							}
						}
					}
				}
				if len(on) > 1 {
					t.Fatalf("round %d: group %s of %d split over %d coaches with a coach for each group", round, g.Key, len(g.Members), len(on))
				}
			}
		}
	}
}
