package match

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// TestQualityReport measures recommendation quality on the synthetic
// convention with planted preferences (synth_test.go) and prints a table:
//
//	go test -run TestQualityReport -v ./internal/match/
//
// NDCG@10 uses the graded ground truth (2 same specialty, 1 same field, 0
// otherwise or when the talent cannot or would not take the post);
// precision@10 counts grade 2. Exposure figures are over the talents' top-10
// post lists: coverage is the share of open posts in at least one list, Gini
// the inequality of list appearances per post, top 1% the share of all slots
// taken by the 1% most shown posts, Gini/seat the inequality of appearances
// per seat (headcount), over capacity the share of slots beyond each post's
// headcount share. It fails when the engine does not beat the
// keyword baseline on NDCG@10 from either side.
func TestQualityReport(t *testing.T) {
	const nTalents, nPosts, k = 3000, 1500, 10
	w := newSynthWorld(42, nTalents, nPosts)
	ix, err := Build(w.Talents, w.Posts, Options{K: 20})
	if err != nil {
		t.Fatal(err)
	}
	q := newQuality(w, k)

	rows := []qualityRow{
		q.evaluate("keyword Jaccard, raw strings (baseline)", jaccardRanker(w, false)),
		q.evaluate("keyword Jaccard, normalized skills", jaccardRanker(w, true)),
		q.evaluate("engine", engineRanker(ix, Fairness{})),
		q.evaluate("engine, fair re-ranking λ=25", engineRanker(ix, Fairness{Lambda: 25})),
		q.evaluate("engine, fair re-ranking λ=50", engineRanker(ix, Fairness{Lambda: 50})),
		q.evaluate("engine, fair re-ranking λ=100", engineRanker(ix, Fairness{Lambda: 100})),
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%d talents × %d posts (seed 42), top %d\n", nTalents, nPosts, k)
	fmt.Fprintf(&b, "%-40s %8s %6s %8s %6s %8s %6s %6s %9s %8s\n", "method", "NDCG T→P", "P T→P", "NDCG P→T", "P P→T", "coverage", "Gini", "top1%", "Gini/seat", "overcap")
	for _, r := range rows {
		fmt.Fprintf(&b, "%-40s %8.3f %6.3f %8.3f %6.3f %8.3f %6.3f %6.3f %9.3f %8.3f\n", r.name, r.ndcgTP, r.precTP, r.ndcgPT, r.precPT, r.coverage, r.gini, r.top1, r.giniSeat, r.overcap)
	}
	rate := ix.MatchingRate()
	fmt.Fprintf(&b, "matching rate: posts %.3f (%d/%d), talents %.3f (%d/%d)\n",
		rate.PostRate(), rate.MatchedPosts, rate.OpenPosts, rate.TalentRate(), rate.MatchedTalents, rate.Talents)
	t.Log(b.String())

	base, engine := rows[0], rows[2]
	if engine.ndcgTP <= base.ndcgTP || engine.ndcgPT <= base.ndcgPT {
		t.Fatalf("engine NDCG@10 %.3f (talent→post), %.3f (post→talent) does not beat the keyword baseline %.3f, %.3f",
			engine.ndcgTP, engine.ndcgPT, base.ndcgTP, base.ndcgPT)
	}
}

// A ranker returns, for a talent or a post (by index in the world), the
// indices of its top k counterparts.
type ranker struct {
	posts   func(ti, k int) []int
	talents func(pi, k int) []int
}

type qualityRow struct {
	name                           string
	ndcgTP, precTP, ndcgPT, precPT float64
	coverage, gini, top1, overcap  float64
	giniSeat                       float64
}

type quality struct {
	w *synthWorld
	k int
	// ideal DCG@k per talent and per post, from the ground truth.
	idealT, idealP []float64
}

func newQuality(w *synthWorld, k int) *quality {
	q := &quality{w: w, k: k, idealT: make([]float64, len(w.Talents)), idealP: make([]float64, len(w.Posts))}
	relT := make([][3]int, len(w.Talents)) // counts of grades per talent
	relP := make([][3]int, len(w.Posts))
	for ti := range w.Talents {
		for pi := range w.Posts {
			g := w.relevance(ti, pi)
			relT[ti][g]++
			relP[pi][g]++
		}
	}
	for ti, c := range relT {
		q.idealT[ti] = idealDCG(c, k)
	}
	for pi, c := range relP {
		q.idealP[pi] = idealDCG(c, k)
	}
	return q
}

func gain(g int) float64 { return float64(int(1)<<g - 1) }

func idealDCG(counts [3]int, k int) float64 {
	dcg, pos := 0.0, 0
	for g := 2; g >= 1; g-- {
		for range counts[g] {
			if pos == k {
				return dcg
			}
			dcg += gain(g) / math.Log2(float64(pos+2))
			pos++
		}
	}
	return dcg
}

func (q *quality) evaluate(name string, r ranker) qualityRow {
	row := qualityRow{name: name}
	w := q.w
	shown := make([]int, len(w.Posts))
	n := 0
	for ti := range w.Talents {
		top := r.posts(ti, q.k)
		for _, pi := range top {
			shown[pi]++
		}
		if q.idealT[ti] == 0 {
			continue
		}
		dcg, hits := 0.0, 0
		for i, pi := range top {
			g := w.relevance(ti, pi)
			dcg += gain(g) / math.Log2(float64(i+2))
			if g == 2 {
				hits++
			}
		}
		row.ndcgTP += dcg / q.idealT[ti]
		row.precTP += float64(hits) / float64(q.k)
		n++
	}
	row.ndcgTP /= float64(n)
	row.precTP /= float64(n)

	n = 0
	for pi := range w.Posts {
		if q.idealP[pi] == 0 {
			continue
		}
		dcg, hits := 0.0, 0
		for i, ti := range r.talents(pi, q.k) {
			g := w.relevance(ti, pi)
			dcg += gain(g) / math.Log2(float64(i+2))
			if g == 2 {
				hits++
			}
		}
		row.ndcgPT += dcg / q.idealP[pi]
		row.precPT += float64(hits) / float64(q.k)
		n++
	}
	row.ndcgPT /= float64(n)
	row.precPT /= float64(n)

	var counts []int
	var seats []float64
	totalSeats := 0.0
	for pi, p := range w.Posts {
		if p.Open {
			counts = append(counts, shown[pi])
			seats = append(seats, float64(max(p.Headcount, 1)))
			totalSeats += float64(max(p.Headcount, 1))
		}
	}
	row.coverage, row.gini, row.top1 = exposure(counts)
	perSeat := make([]float64, len(counts))
	for i, c := range counts {
		perSeat[i] = float64(c) / seats[i]
	}
	row.giniSeat = giniOf(perSeat)
	slots := 0
	for _, c := range counts {
		slots += c
	}
	over := 0.0
	for i, c := range counts {
		over += max(0, float64(c)-seats[i]/totalSeats*float64(slots))
	}
	if slots > 0 {
		row.overcap = over / float64(slots)
	}
	return row
}

// exposure returns the coverage, Gini coefficient and top-1% share of
// per-item appearance counts.
func exposure(counts []int) (coverage, gini, top1 float64) {
	if len(counts) == 0 {
		return 0, 0, 0
	}
	sorted := slices.Clone(counts)
	slices.Sort(sorted)
	total, seen := 0, 0
	fs := make([]float64, len(sorted))
	for i, c := range sorted {
		total += c
		fs[i] = float64(c)
		if c > 0 {
			seen++
		}
	}
	if total == 0 {
		return 0, 0, 0
	}
	gini = giniOf(fs)
	top := max(1, len(sorted)/100)
	topSum := 0
	for _, c := range sorted[len(sorted)-top:] {
		topSum += c
	}
	return float64(seen) / float64(len(sorted)), gini, float64(topSum) / float64(total)
}

// giniOf is the Gini coefficient of non-negative values: 0 when all are
// equal, near 1 when one holds everything.
func giniOf(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	total, weighted := 0.0, 0.0
	for i, x := range s {
		total += x
		weighted += float64(i+1) * x
	}
	if total == 0 {
		return 0
	}
	n := float64(len(s))
	return 2*weighted/(n*total) - (n+1)/n
}

func engineRanker(ix *Index, f Fairness) ranker {
	T, P := &ix.s[sideT], &ix.s[sideP]
	index := func(id int64) int { return int(id - 1) } // world ids are index+1
	return ranker{
		posts: func(ti, k int) []int {
			x := T.slotOf[int64(ti+1)]
			var es []entry
			if f.Lambda > 0 {
				es, _ = ix.fairEntries(x, k, f)
			} else {
				es = ix.topEntries(sideT, x, k)
			}
			out := make([]int, len(es))
			for i, e := range es {
				out[i] = index(e.id)
			}
			return out
		},
		talents: func(pi, k int) []int {
			x := P.slotOf[int64(pi+1)]
			es := ix.topEntries(sideP, x, k)
			out := make([]int, len(es))
			for i, e := range es {
				out[i] = index(e.id)
			}
			return out
		},
	}
}

// jaccardRanker ranks by the Jaccard similarity of skill strings: raw
// (exactly as typed) or canonical. Only open posts, only overlap > 0, ties
// by id, as the engine.
func jaccardRanker(w *synthWorld, normalized bool) ranker {
	sets := func(skills []string) map[string]bool {
		m := map[string]bool{}
		for _, s := range skills {
			if normalized {
				s = CanonicalSkill(s)
			}
			if s != "" {
				m[s] = true
			}
		}
		return m
	}
	ts := make([]map[string]bool, len(w.Talents))
	for i, t := range w.Talents {
		ts[i] = sets(t.Skills)
	}
	ps := make([]map[string]bool, len(w.Posts))
	for i, p := range w.Posts {
		ps[i] = sets(p.Skills)
	}
	type scored struct{ i, inter, union int }
	top := func(a map[string]bool, others []map[string]bool, skip func(int) bool, k int) []int {
		var all []scored
		for i, b := range others {
			if skip(i) {
				continue
			}
			inter := 0
			for s := range a {
				if b[s] {
					inter++
				}
			}
			if inter > 0 {
				all = append(all, scored{i, inter, len(a) + len(b) - inter})
			}
		}
		slices.SortFunc(all, func(x, y scored) int {
			// x.inter/x.union vs y.inter/y.union, exactly.
			if d := y.inter*x.union - x.inter*y.union; d != 0 {
				return d
			}
			return x.i - y.i
		})
		out := make([]int, 0, k)
		for _, s := range all[:min(k, len(all))] {
			out = append(out, s.i)
		}
		return out
	}
	return ranker{
		posts: func(ti, k int) []int {
			return top(ts[ti], ps, func(pi int) bool { return !w.Posts[pi].Open }, k)
		},
		talents: func(pi, k int) []int {
			return top(ps[pi], ts, func(int) bool { return false }, k)
		},
	}
}
