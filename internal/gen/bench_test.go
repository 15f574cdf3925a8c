package gen_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/store/storetest"
)

// The figures and the commands that produce them are in docs/benchmarks.md.

var scales = []float64{0.02, 1, 10}

// BenchmarkGenerate reports the time to generate a convention and the heap
// it keeps live (peak process memory comes from /usr/bin/time -v).
func BenchmarkGenerate(b *testing.B) {
	for _, s := range scales {
		b.Run(fmt.Sprintf("scale=%g", s), func(b *testing.B) {
			b.ReportAllocs()
			var c *gen.Convention
			for range b.N {
				c = gen.Generate(1, s)
			}
			b.StopTimer()
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "live-MiB")
			b.ReportMetric(float64(rowCount(c)), "rows")
			runtime.KeepAlive(c)
		})
	}
}

// BenchmarkLoad reports the time to load a generated convention with its
// previous edition (as simulate and the demo do) into a fresh database of
// each kind (generation not included).
func BenchmarkLoad(b *testing.B) {
	for _, be := range storetest.Backends(b) {
		for _, s := range scales {
			b.Run(fmt.Sprintf("%s/scale=%g", be.Name, s), func(b *testing.B) {
				c := gen.Generate(1, s)
				b.ResetTimer()
				for range b.N {
					b.StopTimer()
					db := be.Open(b)
					b.StartTimer()
					if _, err := gen.Load(ctx, db, c, gen.LoadOptions{PasswordHash: hash, Previous: true}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(rowCount(c))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
				b.ReportMetric(float64(rowCount(c)), "rows")
			})
		}
	}
}

// rowCount is the rows of a convention with its previous edition.
func rowCount(c *gen.Convention) int {
	r := c.Totals().WithPrevious()
	return r.Editions + r.Venues + r.Halls + r.Areas + r.Booths + r.Fairs + r.RemoteSessions + r.Events +
		r.Organizations + r.Users + r.Talents + r.Posts + r.Applications + r.Visits + r.Projects +
		r.Contests + r.ContestJudges + r.Entries + r.Scores + r.Dockings + r.Exhibits
}
