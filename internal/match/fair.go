package match

import (
	"math"
	"slices"
)

// Fairness configures exposure-aware re-ranking of a talent's posts.
//
// Plain top-k lists pile onto a few posts that suit everyone (low
// requirements, popular cities), while other posts are seen by no one. A
// post's exposure is the number of talents whose kept list (K+Slack deep)
// holds it; its fair share is its headcount's share of all exposure. A post
// over its share loses Lambda·log2(load) points (load = exposure / fair
// share), at most MaxPenalty, and the talent's kept list is re-sorted by
// score minus penalty (ties by post ID). The logarithm keeps the penalty
// gentle: a linear one pushed every list onto the largest posts. Re-ranking
// only reorders that list, so every post shown is still one of the talent's
// best K+Slack, and the cost is a sort of K+Slack entries. Lambda 50 is a
// good start (see docs/benchmarks.md).
type Fairness struct {
	Lambda     int // points per doubling of load above the fair share; 0 disables re-ranking
	MaxPenalty int // cap on the penalty; 0 means MaxScore
}

// FairTopPostsForTalent is TopPostsForTalent with exposure-aware
// re-ranking. Match.Score stays the pair score; Match.Penalty is what the
// ordering took off.
func (ix *Index) FairTopPostsForTalent(id int64, k int, f Fairness) ([]Match, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	x, es, pen, err := ix.fairOf(id, k, f)
	if err != nil {
		return nil, err
	}
	return ix.matches(sideT, x, es, pen), nil
}

// FairTopPostRanks is FairTopPostsForTalent without the explanations, for
// callers that filter the list first and explain only what they show
// (Explain): explaining is most of the cost of a query.
func (ix *Index) FairTopPostRanks(id int64, k int, f Fairness) ([]Match, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	_, es, pen, err := ix.fairOf(id, k, f)
	if err != nil {
		return nil, err
	}
	out := make([]Match, len(es))
	for i, e := range es {
		out[i] = Match{TalentID: id, PostID: ix.s[sideP].ids[e.slot], Score: int(e.score), Penalty: int(pen[i])}
	}
	return out, nil
}

// fairOf is talent id's slot and fairEntries; the caller holds ix.mu.
func (ix *Index) fairOf(id int64, k int, f Fairness) (int32, []entry, []int32, error) {
	x, ok := ix.s[sideT].slotOf[id]
	if !ok {
		return 0, nil, nil, ErrNotFound
	}
	es, pen := ix.fairEntries(x, k, f)
	return x, es, pen, nil
}

// fairEntries returns talent x's re-ranked top k and their penalties.
func (ix *Index) fairEntries(x int32, k int, f Fairness) ([]entry, []int32) {
	if k <= 0 {
		return nil, nil
	}
	pool := ix.s[sideT].lists[x]
	if k > len(pool) && !ix.s[sideT].complete[x] {
		pool = ix.scanTop(sideT, x, k+ix.opt.Slack)
	}
	adj := make([]entry, len(pool))
	pen := make(map[int32]int32, len(pool))
	for i, e := range pool {
		p := ix.penalty(e.slot, f)
		pen[e.slot] = p
		adj[i] = entry{id: e.id, score: e.score - p, slot: e.slot}
	}
	slices.SortFunc(adj, cmpEntries)
	adj = adj[:min(k, len(adj))]
	out := make([]entry, len(adj))
	pens := make([]int32, len(adj))
	for i, e := range adj {
		pens[i] = pen[e.slot]
		out[i] = entry{id: e.id, score: e.score + pens[i], slot: e.slot}
	}
	return out, pens
}

// penalty is Lambda·log2(load), capped, for post slot p.
func (ix *Index) penalty(p int32, f Fairness) int32 {
	if f.Lambda <= 0 {
		return 0
	}
	P := &ix.s[sideP]
	e, E := int64(len(P.in[p])), int64(P.inTotal)
	h, H := int64(ix.pc[p].headcount), ix.headcount
	// load = (e/E) / (h/H): exposure over the headcount's fair share.
	if e == 0 || E == 0 || h == 0 || H == 0 {
		return 0
	}
	load := (float64(e) / float64(E)) / (float64(h) / float64(H))
	if load <= 1 {
		return 0
	}
	limit := f.MaxPenalty
	if limit <= 0 {
		limit = MaxScore
	}
	return int32(min(float64(limit), float64(f.Lambda)*math.Log2(load)))
}
