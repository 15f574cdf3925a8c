package match

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/convene/convene/internal/cputime"
)

// Benchmarks at convention scale. They print figures and assert nothing
// about time. The 100k × 50k build takes seconds: run it with -benchtime=1x.

const (
	benchTalents = 100_000
	benchPosts   = 50_000
	benchSeed    = 2026
)

var benchWorld = sync.OnceValue(func() *synthWorld {
	return newSynthWorld(benchSeed, benchTalents, benchPosts)
})

// peakHeap samples the heap's object bytes every 5ms while it runs, through
// runtime/metrics, which unlike ReadMemStats does not stop the world; stop
// returns the highest value seen.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done, finished := make(chan struct{}), make(chan struct{})
	sample := func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		metrics.Read(s)
		if v := s[0].Value.Uint64(); v > peak.Load() {
			peak.Store(v)
		}
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		sample()
		return peak.Load()
	}
}

// vmHWM reads the process's peak resident set from Linux, 0 elsewhere.
func vmHWM() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// builds builds w's index (top 20 both ways) for each of the benchmark's
// runs: the last index, and the process's CPU time for all of them.
func builds(b *testing.B, w *synthWorld) (*Index, time.Duration) {
	cpu0 := cputime.Process()
	var ix *Index
	for b.Loop() {
		var err error
		if ix, err = Build(w.Talents, w.Posts, Options{K: 20}); err != nil {
			b.Fatal(err)
		}
	}
	return ix, cputime.Process() - cpu0
}

// BenchmarkBuild builds the index of 100k talents × 50k posts: every
// talent's top 20 posts and every post's top 20 talents, exact, on all cores.
func BenchmarkBuild(b *testing.B) {
	w := benchWorld()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := peakHeap()
	ix, cpu := builds(b, w)
	peak := stop()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	pairs := 0
	for x := range ix.s[sideT].lists {
		pairs += len(ix.s[sideT].lists[x])
	}
	b.ReportMetric(float64(peak-before.HeapAlloc)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "index-heap-MB")
	b.ReportMetric(float64(vmHWM())/(1<<20), "peak-RSS-MB")
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "procs")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	r := ix.MatchingRate()
	b.Logf("talents %d posts %d; matching rate: posts %.3f talents %.3f", len(w.Talents), len(w.Posts), r.PostRate(), r.TalentRate())
	runtime.KeepAlive(ix)
}

var benchIndex = sync.OnceValue(func() *Index {
	w := benchWorld()
	ix, err := Build(w.Talents, w.Posts, Options{K: 20})
	if err != nil {
		panic(err)
	}
	return ix
})

// BenchmarkUpsertTalent replaces one talent of the big index with a new
// profile and reads its new top 20, explained: what a profile save costs.
func BenchmarkUpsertTalent(b *testing.B) {
	ix, w := benchIndex(), benchWorld()
	fresh := newSynthWorld(benchSeed+1, 4096, 0).Talents
	benchUpserts(b, rand.New(rand.NewPCG(1, 2)), func(i int, r *rand.Rand) error {
		t := fresh[i%len(fresh)]
		t.ID = w.Talents[r.IntN(len(w.Talents))].ID
		ix.UpsertTalent(t)
		top, err := ix.TopPostsForTalent(t.ID, 20)
		if err == nil && len(top) == 0 && len(t.Skills) > 3 {
			err = fmt.Errorf("no posts after the upsert of a talent with %d skills", len(t.Skills))
		}
		return err
	})
}

// BenchmarkUpsertPost does the same for a post and its top 20 talents.
func BenchmarkUpsertPost(b *testing.B) {
	ix, w := benchIndex(), benchWorld()
	fresh := newSynthWorld(benchSeed+2, 0, 4096).Posts
	benchUpserts(b, rand.New(rand.NewPCG(3, 4)), func(i int, r *rand.Rand) error {
		p := fresh[i%len(fresh)]
		p.ID = w.Posts[r.IntN(len(w.Posts))].ID
		ix.UpsertPost(p)
		_, err := ix.TopTalentsForPost(p.ID, 20)
		return err
	})
}

// benchUpserts times upsert(i, r), the i-th replacement of an entity of the
// big index and the read of its new top 20, and reports the latencies.
func benchUpserts(b *testing.B, r *rand.Rand, upsert func(i int, r *rand.Rand) error) {
	var lat []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		err := upsert(i, r)
		lat = append(lat, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	reportLatency(b, lat)
}

// BenchmarkTopPostsForTalent reads a kept top 20 with explanations.
func BenchmarkTopPostsForTalent(b *testing.B) {
	ix, w := benchIndex(), benchWorld()
	i := 0
	for b.Loop() {
		if _, err := ix.TopPostsForTalent(w.Talents[i%len(w.Talents)].ID, 20); err != nil {
			b.Fatal(err)
		}
		i += 7919
	}
}

func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	sorted := append([]time.Duration(nil), lat...)
	slices.Sort(sorted)
	q := func(p float64) float64 { return float64(sorted[int(p*float64(len(sorted)-1))].Microseconds()) }
	b.ReportMetric(q(0.5), "p50-µs")
	b.ReportMetric(q(0.99), "p99-µs")
	b.ReportMetric(float64(sorted[len(sorted)-1].Microseconds()), "max-µs")
}

// BenchmarkBuildShapes builds 100k × 50k on the shapes of issue 20 (see
// shapedWorld): the planted profile, 70% of posts from one template, all
// posts in one city, dense skill overlap, many ties, and an overseas
// convention. Run one shape per process for a clean peak:
//
//	go test -run '^$' -bench 'BuildShapes/ties' -benchtime=1x ./internal/match/
func BenchmarkBuildShapes(b *testing.B) {
	for _, shape := range buildShapes {
		b.Run(shape, func(b *testing.B) {
			w := shapedWorld(shape, benchSeed, benchTalents, benchPosts)
			runtime.GC()
			ix, cpu := builds(b, w)
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			r := ix.MatchingRate()
			b.ReportMetric(r.PostRate(), "post-rate")
			b.ReportMetric(r.TalentRate(), "talent-rate")
		})
	}
}
