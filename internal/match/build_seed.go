package match

import (
	"slices"
	"sync"
	"sync/atomic"
)

// Seeding the posts' thresholds before the class scan (issue 20, dense
// overlap, fourth round). A post's shared threshold (gmin) starts at -1
// and rises as the workers' heaps fill, so the first talents scanned are
// offered to nearly every post: counted on dense overlap, the first 4% of
// talents took 35% of the visits and 57% of the post heap inserts (k·ln(n/k)
// per post in scan order). seedThresholds finds, for each field run of each
// post skill set, the best talents for those posts by a bound walk: talents
// come best bound first (exact skill points for the pair of skill sets, the
// rest at its most for the run's field), are scored exactly against the
// run's posts, and the walk stops when the next bound cannot beat any
// post's depth-th score, or after seedCap talents. Each post's threshold
// starts at its depth-th best score found (group sizes counted): depth
// talents score at least that much, so a pair scoring less cannot enter
// its list. The scan then prunes on near-final thresholds from its first
// talent.

// seedCap bounds the talents scored per field run; a run that reaches it
// keeps the depth-th best found, a lower but still valid threshold.
const seedCap = 1024

func (ix *Index) seedThresholds(sh *buildShared, pc *pclasses, tcl [][]int32, workers int) {
	d := ix.depth
	nk := len(pc.bySkill)
	// The talents of skill class i, for each field run f, best first by the
	// most they can score on all but skills: ord[lo[i]*fieldRuns+f*len(tcl[i]):]
	// with those bounds in okey, and maxKey[f] the highest over all classes.
	lo := make([]int32, len(tcl)+1)
	for i, reps := range tcl {
		lo[i+1] = lo[i] + int32(len(reps))
	}
	ord := make([]int32, int(lo[len(tcl)])*fieldRuns)
	okey := make([]int32, len(ord))
	nt := make([]int32, len(tcl))
	var maxKey [fieldRuns]int32
	tBySkill := make([][]int32, nk)
	var buf []uint64
	for i, reps := range tcl {
		nt[i] = int32(len(ix.tf[reps[0]].skills))
		for f := range fieldRuns {
			buf = buf[:0]
			for _, t := range reps {
				tf := &ix.tf[t]
				k := upperRest(tf) - ix.maxAff(tf) + affinityPts[(int(tf.disc)+1)*fieldRuns+f]
				buf = append(buf, uint64(k)<<32|uint64(uint32(t)))
			}
			slices.Sort(buf)
			at := int(lo[i])*fieldRuns + f*len(reps)
			for j := range buf {
				k := buf[len(buf)-1-j]
				ord[at+j], okey[at+j] = int32(uint32(k)), int32(k>>32)
			}
			maxKey[f] = max(maxKey[f], okey[at])
		}
		for _, k := range ix.tf[reps[0]].skills {
			if int(k) < nk {
				tBySkill[k] = append(tBySkill[k], int32(i))
			}
		}
	}

	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			cnt := make([]uint8, len(tcl))
			pos := make([]int32, len(tcl))
			sk := make([]int32, len(tcl))
			var touched, sorted []int32
			var hist [pointsCoverage + pointsSkillUse + 2]int32
			var heap []uint64
			var tops []int32 // per member of the run: a min-heap of d scores
			var n []int      // and how many it holds
			var act []int32  // members whose depth-th score may still rise
			for {
				cl := int32(next.Add(1) - 1)
				if int(cl) >= len(pc.np) {
					return
				}
				touched = touched[:0]
				for _, k := range ix.pc[pc.mem[pc.off[cl]]].skills {
					for _, i := range tBySkill[k] {
						if cnt[i] == 0 {
							touched = append(touched, i)
						}
						cnt[i]++
					}
				}
				// The skill classes by skill points, best first.
				np := pc.np[cl]
				clear(hist[:])
				for _, i := range touched {
					cov, use := skillPoints(int32(cnt[i]), np, nt[i])
					sk[i] = cov + use
					hist[sk[i]]++
				}
				sorted = slices.Grow(sorted[:0], len(touched))[:len(touched)]
				at := int32(0)
				for b := len(hist) - 1; b >= 0; b-- {
					at, hist[b] = at+hist[b], at
				}
				for _, i := range touched {
					sorted[hist[sk[i]]] = i
					hist[sk[i]]++
				}
				for f := range fieldRuns {
					run := int(cl)*fieldRuns + f
					mem := pc.mem[pc.foff[run]:pc.foff[run+1]]
					if len(mem) == 0 {
						continue
					}
					// Skill classes join a max-heap by their next talent's
					// bound once the best bound they could have, sk+maxKey,
					// reaches the heap's top.
					heap = heap[:0]
					nxt := 0
					tops = slices.Grow(tops[:0], len(mem)*d)[:len(mem)*d]
					n = append(n[:0], make([]int, len(mem))...)
					act = act[:0]
					for j := range mem {
						act = append(act, int32(j))
					}
					for scored := 0; scored < seedCap && len(act) > 0; {
						ub := int32(-1)
						if len(heap) > 0 {
							ub = int32(^heap[0] >> 32)
						}
						if nxt < len(sorted) {
							if i := sorted[nxt]; sk[i]+maxKey[f] > ub {
								pos[i] = 0
								o := int(lo[i])*fieldRuns + f*len(tcl[i])
								heap = append(heap, ^(uint64(sk[i]+okey[o])<<32 | uint64(i)))
								minUp(heap, len(heap)-1)
								nxt++
								continue
							}
						}
						if len(heap) == 0 {
							break
						}
						// A member whose depth-th score reaches the best bound left
						// is settled: that score is its final threshold.
						k := 0
						for _, j := range act {
							if n[j] < d || tops[int(j)*d] < ub {
								act[k] = j
								k++
							}
						}
						if act = act[:k]; k == 0 {
							break
						}
						i := int32(uint32(^heap[0]))
						reps := tcl[i]
						o := int(lo[i])*fieldRuns + f*len(reps)
						t := ord[o+int(pos[i])]
						pos[i]++
						if int(pos[i]) < len(reps) {
							heap[0] = ^(uint64(sk[i]+okey[o+int(pos[i])])<<32 | uint64(i))
						} else {
							heap[0] = heap[len(heap)-1]
							heap = heap[:len(heap)-1]
						}
						if len(heap) > 0 {
							minDown(heap, 0)
						}
						scored++
						w := min(sh.tg.size(t), int32(d))
						tf := &ix.tf[t]
						for _, j := range act {
							c := mem[j]
							s, _ := pairScore(tf, &ix.pf[c], &ix.pc[c], int32(cnt[i]))
							if s < 0 {
								continue
							}
							h := tops[int(j)*d : int(j)*d+d]
							for range w {
								if n[j] < d {
									h[n[j]] = s
									minUp(h, n[j])
									n[j]++
								} else if s > h[0] {
									h[0] = s
									minDown(h, 0)
								} else {
									break
								}
							}
						}
					}
					for j, c := range mem {
						if n[j] == d {
							sh.gmin[c].Store(tops[j*d])
						}
					}
				}
				for _, i := range touched {
					cnt[i] = 0
				}
			}
		})
	}
	wg.Wait()
}

// maxAff is the most affinity points talent t can get from any field.
func (ix *Index) maxAff(t *tfeat) int32 {
	return slices.Max(affinityPts[(int(t.disc)+1)*fieldRuns:][:fieldRuns])
}
