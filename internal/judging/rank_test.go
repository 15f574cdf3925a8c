package judging

import (
	"math"
	"math/rand/v2"
	"testing"
)

var rubric = []Criterion{{"team", 0.4, 10}, {"market", 0.3, 10}, {"tech", 0.3, 10}}

// classicW is Kendall's W from its textbook formula (complete rankings, no ties).
func classicW(ranks [][]int) float64 {
	m, n := len(ranks), len(ranks[0])
	R := make([]float64, n)
	for _, rs := range ranks {
		for i, r := range rs {
			R[i] += float64(r)
		}
	}
	mean := float64(m*(n+1)) / 2
	var S float64
	for _, x := range R {
		S += (x - mean) * (x - mean)
	}
	return 12 * S / (float64(m*m) * float64(n*n*n-n))
}

func TestRankWMatchesClassic(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for it := range 50 {
		m, n := 2+r.IntN(5), 3+r.IntN(10)
		var in RankInput
		in.Rubric = []Criterion{{"x", 1, 1000}}
		ranks := make([][]int, m)
		for j := range m {
			perm := r.Perm(n)
			ranks[j] = make([]int, n)
			for i := range n {
				ranks[j][i] = n - perm[i] // rank 1 = best = highest score
				in.Scores = append(in.Scores, Score{Entry: int64(i), Judge: int64(j), Criterion: "x", Value: perm[i]})
			}
		}
		got := Rank(in).W
		if want := classicW(ranks); math.Abs(got-want) > 1e-9 {
			t.Fatalf("case %d: W = %v, classic %v", it, got, want)
		}
	}
}

func TestRankNormalizesAgainstHarshJudge(t *testing.T) {
	// Judge 1 is harsh (everything −3), judge 2 sees only entries 1..6, judge 3 only 5..10.
	// Entry 1..6 true quality q_i; raw means favour entries judge 1 did not see.
	var in RankInput
	in.Rubric = rubric
	in.Select = 3
	add := func(e, j int64, v int) {
		for _, c := range rubric {
			in.Scores = append(in.Scores, Score{e, j, c.Key, v})
		}
	}
	for e := int64(1); e <= 6; e++ {
		add(e, 1, int(e)) // harsh: 1..6
		add(e, 2, int(e)+3)
	}
	for e := int64(5); e <= 10; e++ {
		add(e, 3, int(e)-1) // fair: 4..9
	}
	out := Rank(in)
	if !out.Normalized || len(out.FewJudges) != 0 {
		t.Fatalf("want normalized, got %+v", out)
	}
	if len(out.Entries) != 10 {
		t.Fatalf("entries %d", len(out.Entries))
	}
	for i, e := range out.Entries {
		if e.Rank != i+1 {
			t.Fatalf("rank order broken: %+v", out.Entries)
		}
	}
	// Spread of entry 1: judge totals 1 and 4.
	for _, e := range out.Entries {
		if e.Entry == 1 && math.Abs(e.Spread-3) > 1e-9 {
			t.Fatalf("spread of entry 1 = %v", e.Spread)
		}
	}
	depends := 0
	for _, e := range out.Entries {
		if e.Depends {
			depends++
		}
	}
	if depends == 0 {
		t.Fatalf("expected some entry whose rank depends on the method: %+v", out.Entries)
	}
}

func TestRankRawWhenFewAndTieBreak(t *testing.T) {
	in := RankInput{Rubric: rubric, MinPerJudge: 3, TieBreak: TieSpread}
	add := func(e, j int64, v ...int) {
		for i, c := range rubric {
			in.Scores = append(in.Scores, Score{e, j, c.Key, v[i]})
		}
	}
	// Entries 1 and 2 tie on raw mean (6); 2 has a smaller spread.
	add(1, 1, 4, 4, 4)
	add(1, 2, 8, 8, 8)
	add(2, 1, 6, 6, 6)
	add(2, 2, 6, 6, 6)
	out := Rank(in)
	if out.Normalized || len(out.FewJudges) != 2 {
		t.Fatalf("want raw with two few judges, got %+v", out)
	}
	if out.Entries[0].Entry != 2 {
		t.Fatalf("spread tie-break: %+v", out.Entries)
	}
	in.TieBreak = TieEntry
	if out := Rank(in); out.Entries[0].Entry != 1 {
		t.Fatalf("entry tie-break: %+v", out.Entries)
	}
	// Totals tie at 6 with no spread: (6,6,6) and (9,4,4); by the first
	// criterion (team) entry 4 goes first, by entry order entry 3.
	in.Scores = nil
	add(3, 1, 6, 6, 6)
	add(3, 2, 6, 6, 6)
	add(4, 1, 9, 4, 4)
	add(4, 2, 9, 4, 4)
	in.TieBreak = TieCriterion
	if out := Rank(in); out.Entries[0].Entry != 4 {
		t.Fatalf("criterion tie-break: %+v", out.Entries)
	}
	in.TieBreak = TieEntry
	if out := Rank(in); out.Entries[0].Entry != 3 {
		t.Fatalf("entry tie-break: %+v", out.Entries)
	}
}

func benchScores() RankInput {
	r := rand.New(rand.NewPCG(5, 6))
	in := RankInput{Rubric: []Criterion{{"a", 0.5, 10}, {"b", 0.5, 10}}, Select: 107}
	// 2,000 entries × 3 judges = 6,000 judge sheets (scores per sheet: 2 criteria).
	for e := range 2000 {
		for k := range 3 {
			j := int64((e*3 + k) % 60)
			for _, c := range in.Rubric {
				in.Scores = append(in.Scores, Score{int64(e), j, c.Key, r.IntN(11)})
			}
		}
	}
	return in
}

// BenchmarkRank: 2,000 entries, 6,000 judge sheets (12,000 criterion scores), 60 judges.
func BenchmarkRank(b *testing.B) {
	in := benchScores()
	for b.Loop() {
		if out := Rank(in); len(out.Entries) != 2000 {
			b.Fatal("entries")
		}
	}
}
