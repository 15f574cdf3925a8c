package judging

import (
	"math/rand/v2"
	"testing"
)

func randomInstance(r *rand.Rand) AssignInput {
	nE, nJ := 1+r.IntN(60), 1+r.IntN(12)
	in := AssignInput{K: 1 + r.IntN(4), Conflicts: map[Pair]bool{}}
	for i := range nE {
		in.Entries = append(in.Entries, int64(100+i))
	}
	for j := range nJ {
		in.Judges = append(in.Judges, int64(1+j))
	}
	p := r.Float64() * 0.4 // conflict density
	for _, e := range in.Entries {
		for _, j := range in.Judges {
			if r.Float64() < p {
				in.Conflicts[Pair{e, j}] = true
			}
		}
	}
	return in
}

// TestAssignProperties: on random instances (fixed seed) no conflicted pair
// is assigned, every entry with at least K free judges gets exactly K and
// the others get every free judge and are reported, no pair twice, and
// loads differ by at most one whenever the engine says balanced — which it
// must say when conflicts are sparse enough for a balanced answer to exist
// by a simple argument (no conflicts at all).
func TestAssignProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 2026))
	balanced := 0
	for it := range 3000 {
		in := randomInstance(r)
		if it%4 == 0 {
			in.Conflicts = map[Pair]bool{}
		}
		out := Assign(in)
		got := map[int64]int{}
		seen := map[Pair]bool{}
		loads := map[int64]int{}
		for _, p := range out.Pairs {
			if in.Conflicts[p] {
				t.Fatalf("instance %d: conflicted pair %v assigned", it, p)
			}
			if seen[p] {
				t.Fatalf("instance %d: pair %v twice", it, p)
			}
			seen[p] = true
			got[p.Entry]++
			loads[p.Judge]++
		}
		short := map[int64]bool{}
		for _, e := range out.Short {
			short[e] = true
		}
		for _, e := range in.Entries {
			free := 0
			for _, j := range in.Judges {
				if !in.Conflicts[Pair{e, j}] {
					free++
				}
			}
			want := min(free, in.K)
			if got[e] != want {
				t.Fatalf("instance %d: entry %d has %d judges, want %d (free %d, k %d)", it, e, got[e], want, free, in.K)
			}
			if short[e] != (free < in.K) {
				t.Fatalf("instance %d: entry %d short=%v with %d free judges, k %d", it, e, short[e], free, in.K)
			}
		}
		lo, hi := 1<<30, -1
		for i, j := range in.Judges {
			if out.Loads[i] != loads[j] {
				t.Fatalf("instance %d: reported load %d for judge %d, counted %d", it, out.Loads[i], j, loads[j])
			}
			lo, hi = min(lo, loads[j]), max(hi, loads[j])
		}
		if out.Balanced != (hi-lo <= 1) {
			t.Fatalf("instance %d: balanced=%v with loads %d..%d", it, out.Balanced, lo, hi)
		}
		if len(in.Conflicts) == 0 && !out.Balanced {
			t.Fatalf("instance %d: no conflicts but loads %d..%d", it, lo, hi)
		}
		if out.Balanced {
			balanced++
		}
	}
	if balanced < 2000 {
		t.Fatalf("only %d of 3000 random instances balanced", balanced)
	}
}

// TestAssignBalancedWithConflicts: realistic conflict rates (a few per
// judge) still give loads within one.
func TestAssignBalancedWithConflicts(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for it := range 200 {
		in := AssignInput{K: 3, Conflicts: map[Pair]bool{}}
		for i := range 30 + r.IntN(200) {
			in.Entries = append(in.Entries, int64(i+1))
		}
		for j := range 5 + r.IntN(20) {
			in.Judges = append(in.Judges, int64(1000+j))
		}
		for _, e := range in.Entries {
			if r.IntN(5) == 0 {
				in.Conflicts[Pair{e, in.Judges[r.IntN(len(in.Judges))]}] = true
			}
		}
		out := Assign(in)
		if !out.Balanced || len(out.Short) > 0 || len(out.Pairs) != 3*len(in.Entries) {
			t.Fatalf("instance %d: balanced=%v short=%v pairs=%d loads=%v", it, out.Balanced, out.Short, len(out.Pairs), out.Loads)
		}
	}
}

func TestAssignShortAndFixed(t *testing.T) {
	in := AssignInput{Entries: []int64{1, 2}, Judges: []int64{10, 11, 12}, K: 3,
		Conflicts: map[Pair]bool{{1, 10}: true}, Fixed: []Pair{{2, 12}}}
	out := Assign(in)
	if len(out.Short) != 1 || out.Short[0] != 1 {
		t.Fatalf("short = %v, want [1]", out.Short)
	}
	want := []Pair{{1, 11}, {1, 12}, {2, 10}, {2, 11}, {2, 12}}
	if len(out.Pairs) != len(want) {
		t.Fatalf("pairs = %v", out.Pairs)
	}
	for i := range want {
		if out.Pairs[i] != want[i] {
			t.Fatalf("pairs = %v, want %v", out.Pairs, want)
		}
	}
}

func benchInstance() AssignInput {
	r := rand.New(rand.NewPCG(1, 2))
	in := AssignInput{K: 3, Conflicts: map[Pair]bool{}}
	for i := range 2000 {
		in.Entries = append(in.Entries, int64(i+1))
	}
	for j := range 60 {
		in.Judges = append(in.Judges, int64(10000+j))
	}
	for range 400 { // conflicts: a 20th of the entries have one, some two
		in.Conflicts[Pair{in.Entries[r.IntN(2000)], in.Judges[r.IntN(60)]}] = true
	}
	return in
}

// BenchmarkAssign: 2,000 entries × 60 judges × k=3 with 400 conflicts.
func BenchmarkAssign(b *testing.B) {
	in := benchInstance()
	for b.Loop() {
		out := Assign(in)
		if len(out.Pairs) != 6000 || !out.Balanced {
			b.Fatal("bad assignment")
		}
	}
}
