package booth

import (
	"math/rand/v2"
	"sort"
)

// improveAreas is a ruin-and-recreate search per area: free the booths of
// a random part of the area's requests (never locked booths), let them
// choose again in a shuffled order, keep the change only when the area's
// objective rises. The random stream comes from the published seed, so a
// run replays exactly.
func (s *state) improveAreas(tries int) {
	c := s.c
	rng := rand.New(rand.NewPCG(c.inst.Seed, 0xb007))
	for a := range c.areas {
		reqs := c.byArea[a]
		if len(reqs) < 2 {
			continue
		}
		best := s.areaValue(int32(a))
		n := min(tries, max(20, TriesWork/(len(reqs)*len(c.inArea[a]))))
		for range n {
			snap := s.snapshot(int32(a))
			var ruined []int32
			for _, r := range reqs {
				short := s.got[r] < c.want(r)-eps
				if short || rng.IntN(3) == 0 {
					ruined = append(ruined, r)
				}
			}
			for _, r := range ruined {
				for _, b := range append([]int32(nil), s.held[r]...) {
					if c.locked[b] != r {
						s.take(r, b)
					}
				}
				s.done[r] = false
			}
			// Shuffled, but a higher priority still tends to go first.
			key := make(map[int32]float64, len(ruined))
			for _, r := range ruined {
				key[r] = float64(c.reqs[r].Priority) + 3*rng.Float64()
			}
			sort.Slice(ruined, func(i, j int) bool { return key[ruined[i]] > key[ruined[j]] })
			for _, r := range ruined {
				s.done[r] = true
				s.choose(r)
			}
			if v := s.areaValue(int32(a)); v > best+eps {
				best = v
			} else {
				s.restore(snap)
			}
		}
	}
}

type areaSnap struct {
	area  int32
	owner []int32
	got   []float64
	held  [][]int32
	qUsed map[[2]int32]float64
}

func (s *state) snapshot(a int32) areaSnap {
	c := s.c
	sn := areaSnap{area: a, qUsed: map[[2]int32]float64{}}
	for _, b := range c.inArea[a] {
		sn.owner = append(sn.owner, s.owner[b])
	}
	for _, r := range c.byArea[a] {
		sn.got = append(sn.got, s.got[r])
		sn.held = append(sn.held, append([]int32(nil), s.held[r]...))
	}
	for k, v := range s.qUsed {
		if k[1] == a {
			sn.qUsed[k] = v
		}
	}
	return sn
}

func (s *state) restore(sn areaSnap) {
	c := s.c
	for i, b := range c.inArea[sn.area] {
		s.owner[b] = sn.owner[i]
	}
	for i, r := range c.byArea[sn.area] {
		s.got[r] = sn.got[i]
		s.held[r] = sn.held[i]
	}
	for k := range s.qUsed {
		if k[1] == sn.area {
			delete(s.qUsed, k)
		}
	}
	for k, v := range sn.qUsed {
		s.qUsed[k] = v
	}
}

func (s *state) areaValue(a int32) float64 {
	c := s.c
	v := 0.0
	for _, b := range c.inArea[a] {
		r := s.owner[b]
		if r < 0 {
			continue
		}
		v += c.value(r, b)
		for _, x := range c.adj[b] {
			if x > b && s.owner[x] == r {
				v += ContigBonus
			}
			// Pairs with a booth outside the area count too: only this
			// area's side changes.
			if o := s.owner[x]; c.anyFoes && o >= 0 && o != r && (x > b || c.areaOf[x] != a) && c.foe(r, o) {
				v -= CompetitorCost
			}
		}
	}
	return v
}
