package judging

import (
	"math"
	"slices"
	"sort"
)

// Criterion is one rubric line: a key, a weight and the highest score.
type Criterion struct {
	Key    string
	Weight float64
	Max    int
}

// Score is one judge's mark on one criterion of one entry.
type Score struct {
	Entry, Judge int64
	Criterion    string
	Value        int
}

// Tie-break rules: how entries with equal scores are ordered.
const (
	TieSpread    = "spread"    // the entry judges agreed on more (smaller spread) first
	TieCriterion = "criterion" // the higher mean on the rubric's first criterion first
	TieEntry     = "entry"     // the earlier entry (smaller id) first
)

// RankInput is a round's rubric and scores.
type RankInput struct {
	Rubric []Criterion
	Scores []Score
	// MinPerJudge is how many entries each judge must score for z-scores
	// per judge to be used (default 5).
	MinPerJudge int
	TieBreak    string // TieSpread (default), TieCriterion or TieEntry
	// Select is the number to select (the top N); entries whose membership
	// of the top N depends on the method are flagged.
	Select int
	// Shift flags entries whose rank moves by at least this much between
	// methods (default 5).
	Shift int
}

// Ranked is one entry's result.
type Ranked struct {
	Entry      int64
	Judges     int
	Raw        float64 // mean of judges' weighted totals
	Normalized float64 // mean of judges' z-scores (equals Raw's order when not normalized)
	Spread     float64 // highest minus lowest judge's weighted total
	RawRank    int     // 1-based
	NormRank   int
	Rank       int  // by the method used
	Depends    bool // its rank (or selection) depends on the method
}

// Ranking is a round's result.
type Ranking struct {
	Entries []Ranked // by Rank
	// Normalized is true when every judge scored at least MinPerJudge
	// entries and z-scores were used; otherwise the raw means rank and
	// FewJudges lists the judges who scored too few.
	Normalized bool
	FewJudges  []int64
	// W is Kendall's coefficient of concordance over the judges' rankings,
	// generalized to judges who each rank a subset (percentile ranks):
	// equal to the classic W when every judge ranks every entry.
	W float64
}

// Rank computes weighted totals per judge, the raw and normalized means per
// entry, spread, W and the order.
func Rank(in RankInput) Ranking {
	if in.MinPerJudge <= 0 {
		in.MinPerJudge = 5
	}
	if in.Shift <= 0 {
		in.Shift = 5
	}
	weight := make(map[string]float64, len(in.Rubric))
	first := ""
	for i, c := range in.Rubric {
		weight[c.Key] = c.Weight
		if i == 0 {
			first = c.Key
		}
	}
	type sheet struct {
		entry, judge int64
	}
	totals := make(map[sheet]float64, len(in.Scores)/max(1, len(in.Rubric)))
	firstSum := map[int64]float64{}
	firstN := map[int64]int{}
	for _, s := range in.Scores {
		w, ok := weight[s.Criterion]
		if !ok {
			continue
		}
		totals[sheet{s.Entry, s.Judge}] += w * float64(s.Value)
		if s.Criterion == first {
			firstSum[s.Entry] += float64(s.Value)
			firstN[s.Entry]++
		}
	}
	// Per judge: their sheets.
	byJudge := map[int64][]sheet{}
	for k := range totals {
		byJudge[k.judge] = append(byJudge[k.judge], k)
	}
	judges := make([]int64, 0, len(byJudge))
	for j := range byJudge {
		judges = append(judges, j)
	}
	slices.Sort(judges)
	out := Ranking{Normalized: true}
	for _, j := range judges {
		if len(byJudge[j]) < in.MinPerJudge {
			out.Normalized = false
			out.FewJudges = append(out.FewJudges, j)
		}
	}
	type acc struct {
		n              int
		raw, z, lo, hi float64
		u              float64 // sum of percentile ranks
	}
	per := map[int64]*acc{}
	var uAll []float64
	for _, j := range judges {
		sh := byJudge[j]
		slices.SortFunc(sh, func(a, b sheet) int {
			if d := cmpF(totals[a], totals[b]); d != 0 {
				return d
			}
			return cmp64(a.entry, b.entry)
		})
		var mean, sd float64
		for _, s := range sh {
			mean += totals[s]
		}
		mean /= float64(len(sh))
		for _, s := range sh {
			d := totals[s] - mean
			sd += d * d
		}
		sd = math.Sqrt(sd / float64(len(sh)))
		// Percentile ranks with ties averaged.
		n := len(sh)
		for i := 0; i < n; {
			k := i
			for k+1 < n && totals[sh[k+1]] == totals[sh[i]] {
				k++
			}
			r := float64(i+k)/2 + 1 // average 1-based rank
			u := (r - 0.5) / float64(n)
			for x := i; x <= k; x++ {
				s := sh[x]
				a := per[s.entry]
				if a == nil {
					a = &acc{lo: math.Inf(1), hi: math.Inf(-1)}
					per[s.entry] = a
				}
				t := totals[s]
				a.n++
				a.raw += t
				if sd > 0 {
					a.z += (t - mean) / sd
				}
				a.lo, a.hi = min(a.lo, t), max(a.hi, t)
				a.u += u
				uAll = append(uAll, u)
			}
			i = k + 1
		}
	}
	out.Entries = make([]Ranked, 0, len(per))
	var uMeans []float64
	for e, a := range per {
		out.Entries = append(out.Entries, Ranked{Entry: e, Judges: a.n, Raw: a.raw / float64(a.n),
			Normalized: a.z / float64(a.n), Spread: a.hi - a.lo})
		uMeans = append(uMeans, a.u/float64(a.n))
	}
	out.W = concordance(uMeans, uAll)
	firstMean := func(e int64) float64 {
		if firstN[e] == 0 {
			return 0
		}
		return firstSum[e] / float64(firstN[e])
	}
	tie := func(a, b *Ranked) int {
		switch in.TieBreak {
		case TieCriterion:
			if d := cmpF(firstMean(b.Entry), firstMean(a.Entry)); d != 0 {
				return d
			}
		case TieEntry:
		default:
			if d := cmpF(a.Spread, b.Spread); d != 0 {
				return d
			}
		}
		return cmp64(a.Entry, b.Entry)
	}
	order := func(key func(*Ranked) float64) {
		sort.SliceStable(out.Entries, func(i, j int) bool {
			a, b := &out.Entries[i], &out.Entries[j]
			if d := cmpF(key(b), key(a)); d != 0 {
				return d < 0
			}
			return tie(a, b) < 0
		})
	}
	order(func(r *Ranked) float64 { return r.Raw })
	for i := range out.Entries {
		out.Entries[i].RawRank = i + 1
	}
	order(func(r *Ranked) float64 { return r.Normalized })
	for i := range out.Entries {
		out.Entries[i].NormRank = i + 1
	}
	if !out.Normalized {
		order(func(r *Ranked) float64 { return r.Raw })
	}
	for i := range out.Entries {
		r := &out.Entries[i]
		r.Rank = i + 1
		d := r.RawRank - r.NormRank
		if d < 0 {
			d = -d
		}
		inRaw, inNorm := r.RawRank <= in.Select, r.NormRank <= in.Select
		r.Depends = d >= in.Shift || (in.Select > 0 && inRaw != inNorm)
	}
	return out
}

// concordance is the variance of the entries' mean percentile ranks over
// the variance of all percentile ranks: Kendall's W for complete rankings.
func concordance(means, all []float64) float64 {
	if len(means) < 2 || len(all) < 2 {
		return 0
	}
	v := func(xs []float64) float64 {
		var m, s float64
		for _, x := range xs {
			m += x
		}
		m /= float64(len(xs))
		for _, x := range xs {
			s += (x - m) * (x - m)
		}
		return s / float64(len(xs))
	}
	va := v(all)
	if va == 0 {
		return 0
	}
	return min(1, v(means)/va)
}

// cmpF compares with a tolerance, so sums in another order still tie.
func cmpF(a, b float64) int {
	switch {
	case a < b-1e-9:
		return -1
	case a > b+1e-9:
		return 1
	}
	return 0
}
