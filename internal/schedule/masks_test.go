package schedule

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// maskInstance has two venues with overlapping grids of n slots each (more
// than 64 slots in all when n > 32), travel minutes and limits, so the
// masks span several words and overlaps and limits matter.
func maskInstance(n int, seed uint64) Instance {
	rng := rand.New(rand.NewPCG(seed, 7))
	t0 := time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)
	var inst Instance
	for v := range 2 {
		for i := range n {
			start := t0.Add(time.Duration(i)*30*time.Minute + time.Duration(v)*15*time.Minute)
			inst.Slots = append(inst.Slots, Slot{ID: fmt.Sprintf("s%d-%d", v, i), Start: start, End: start.Add(30 * time.Minute),
				Venue: fmt.Sprintf("v%d", v)})
		}
		for t := range 3 {
			inst.Resources = append(inst.Resources, Resource{ID: fmt.Sprintf("t%d-%d", v, t), Kind: KindTable, Venue: fmt.Sprintf("v%d", v)})
		}
	}
	for p := range 40 {
		pp := Participant{ID: fmt.Sprint("p", p), MaxMeetings: 2 + rng.IntN(12)}
		if rng.IntN(2) == 0 {
			a := rng.IntN(n)
			pp.Available = []Interval{{t0.Add(time.Duration(a) * 30 * time.Minute), t0.Add(time.Duration(a+n/2) * 30 * time.Minute)}}
		}
		inst.Participants = append(inst.Participants, pp)
	}
	for r := range 300 {
		a, b := rng.IntN(40), rng.IntN(40)
		if a == b {
			continue
		}
		inst.Requests = append(inst.Requests, Request{ID: fmt.Sprint("r", r), Participants: []string{fmt.Sprint("p", a), fmt.Sprint("p", b)},
			Priority: 1 + rng.IntN(3), Kind: KindTable})
	}
	inst.Options.TravelMinutes = 15
	return inst
}

// TestMasksMatchLoops checks the bitset shortcuts against the loops they
// replace, on random schedules: gaps, openSlots (peopleFree and a free
// pool) and freeForMove (personBlocker finds nobody).
func TestMasksMatchLoops(t *testing.T) {
	for _, n := range []int{8, 40} {
		c, err := compile(maskInstance(n, uint64(n)))
		if err != nil {
			t.Fatal(err)
		}
		if n == 40 && c.nW < 2 {
			t.Fatalf("want several words, have %d", c.nW)
		}
		st := start(c)
		rng := rand.New(rand.NewPCG(1, 2))
		for round := range 3000 {
			r := int32(rng.IntN(c.nR))
			if st.slot[r] >= 0 {
				st.remove(r)
			} else if len(c.options[r]) > 0 {
				s := c.options[r][rng.IntN(len(c.options[r]))]
				if q := st.fits(r, s); q >= 0 {
					st.add(r, s, q)
				}
			}
			st.commit()
			for p := range int32(c.nP) {
				if got, want := st.gaps(p), naiveGaps(st, p); got != want {
					t.Fatalf("n=%d round %d: gaps(%d) = %d, loop says %d", n, round, p, got, want)
				}
			}
			x := int32(rng.IntN(c.nR))
			open := st.openSlots(x)
			for _, s := range c.options[x] {
				want := st.peopleFreeUncounted(x, s) && st.anyPoolFree(x, s)
				i := c.rank[s]
				if got := open[i/64]>>(i%64)&1 != 0; got != want {
					t.Fatalf("n=%d round %d: openSlots(%d) has slot %d: %v, loops say %v", n, round, x, s, got, want)
				}
			}
			if st.slot[x] < 0 {
				continue
			}
			s := c.options[x][rng.IntN(len(c.options[x]))]
			free := st.freeForMove(x, s)
			count := 0
			for _, u := range c.options[x] {
				if u == s || u == st.slot[x] {
					continue
				}
				count++
				m, ok := st.personBlocker(x, u)
				i := c.rank[u]
				if got, want := free[i/64]>>(i%64)&1 != 0, ok && m < 0; got != want {
					t.Fatalf("n=%d round %d: freeForMove(%d) has slot %d: %v, personBlocker says %v", n, round, x, u, got, want)
				}
			}
			if got := st.movesBefore(x, s, c.nS); got != count {
				t.Fatalf("movesBefore = %d, want %d", got, count)
			}
		}
	}
}

// naiveGaps is gaps as a loop over the slots in time order.
func naiveGaps(st *state, p int32) int {
	c := st.c
	row := st.busy[int(p)*c.nS : int(p+1)*c.nS]
	first, last := -1, -1
	for i, s := range c.byTime {
		if row[s] >= 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	n := 0
	for i := first + 1; i < last; i++ {
		s := c.byTime[i]
		if row[s] < 0 && c.available(p, s) && st.personFree(p, s) {
			n++
		}
	}
	return n
}
