package gen

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sort"
)

// stream returns a generator for one section of the convention. Each section
// draws from its own PCG stream keyed by its name, so adding draws to one
// section leaves every other section unchanged for the same seed.
func stream(seed int64, name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(uint64(seed), h.Sum64()))
}

// scaled multiplies a scale-1 count by s, rounding to nearest, at least 1.
func scaled(n int, s float64) int {
	v := int(math.Round(float64(n) * s))
	if v < 1 {
		return 1
	}
	return v
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// weighted draws an index with probability proportional to w.
func weighted(r *rand.Rand, w []float64) int {
	var sum float64
	for _, x := range w {
		sum += x
	}
	t := r.Float64() * sum
	for i, x := range w {
		if t < x {
			return i
		}
		t -= x
	}
	return len(w) - 1
}

// quota splits n into parts proportional to w by largest remainder, so
// shares come out exact instead of drifting with the sample (63% PhD must be
// 63% at any seed, not 63% ± the noise of 3,500 draws). Ties go to the
// lower index.
func quota(n int, w []float64) []int {
	var sum float64
	for _, x := range w {
		sum += x
	}
	out := make([]int, len(w))
	rem := make([]float64, len(w))
	left := n
	for i, x := range w {
		exact := float64(n) * x / sum
		out[i] = int(math.Floor(exact))
		rem[i] = exact - float64(out[i])
		left -= out[i]
	}
	idx := make([]int, len(w))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return rem[idx[a]] > rem[idx[b]] })
	for i := 0; i < left; i++ {
		out[idx[i%len(idx)]]++
	}
	return out
}

// assign returns n category indexes in random order whose counts are quota(n, w).
func assign(r *rand.Rand, n int, w []float64) []int {
	out := make([]int, 0, n)
	for i, q := range quota(n, w) {
		for range q {
			out = append(out, i)
		}
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// sample returns k distinct elements of xs (k is capped at len(xs)), in draw order.
func sample[T any](r *rand.Rand, xs []T, k int) []T {
	if k > len(xs) {
		k = len(xs)
	}
	idx := r.Perm(len(xs))[:k]
	out := make([]T, k)
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

// between returns an int in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }
