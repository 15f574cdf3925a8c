package figures_test

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/convene/convene/internal/cputime"
	"github.com/convene/convene/internal/figures"
	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// BenchmarkCompute: every figure of an edition (figures.Compute: what the
// dashboard, the report and the API read) on a generated convention, per
// database and scale. Loading is outside the timer. Scales from
// CONVENE_FIGURES_SCALES (default "1"; issue 19's targets: < 300 ms at
// scale 1, < 3 s at scale 10):
//
//	CONVENE_FIGURES_SCALES=1,10 go test ./internal/figures -run '^$' -bench Compute -benchtime 5x
func BenchmarkCompute(b *testing.B) {
	loaded(b, func(b *testing.B, db *store.DB, e model.Edition) {
		if _, err := figures.Compute(ctx, db, e); err != nil { // warm: the first read fills caches
			b.Fatal(err)
		}
		b.ResetTimer()
		cpu := cputime.Process()
		for b.Loop() {
			if _, err := figures.Compute(ctx, db, e); err != nil {
				b.Fatal(err)
			}
		}
		// This process's CPU: all of the work on SQLite, the client's
		// share on PostgreSQL (its server's is not counted).
		b.ReportMetric(float64((cputime.Process()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	})
}

// BenchmarkFigure times each named figure query alone (and the two
// computed figures), to find the slow ones behind BenchmarkCompute. The
// same scales, one load per database and scale:
//
//	CONVENE_FIGURES_SCALES=1 go test ./internal/figures -run '^$' -bench 'Figure/' -benchtime 5x
func BenchmarkFigure(b *testing.B) {
	loaded(b, func(b *testing.B, db *store.DB, e model.Edition) {
		start, close := figures.Window(e)
		args := store.FigureArgs{EditionID: e.ID, Start: start, Close: close, From: "0000-00-00", To: e.EndDate.Format("2006-01-02")}
		names := slices.Sorted(maps.Keys(db.FigureQueries()))
		for _, name := range names {
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					if _, err := db.Figure(ctx, name, args); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run(figures.DockingFunnel, func(b *testing.B) {
			for b.Loop() {
				if _, err := db.DockingFunnel(ctx, store.DockingFilter{EditionID: e.ID}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(figures.VideoMatchingRate, func(b *testing.B) {
			for b.Loop() {
				if _, err := figures.VideoRate(ctx, db, e.ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// loaded runs fn on each database and scale of CONVENE_FIGURES_SCALES
// (default "1") with the generated convention loaded, as a sub-benchmark.
// CONVENE_FIGURES_DB (database URLs or SQLite paths, comma-separated)
// runs fn on those databases' current editions instead, loading nothing:
// a scale-10 load takes minutes, so one `convene simulate` serves many
// runs while a query is being tuned.
func loaded(b *testing.B, fn func(b *testing.B, db *store.DB, e model.Edition)) {
	if dsns := os.Getenv("CONVENE_FIGURES_DB"); dsns != "" {
		for i, dsn := range strings.Split(dsns, ",") {
			b.Run(fmt.Sprintf("db%d", i), func(b *testing.B) {
				db, err := store.Open(ctx, dsn)
				if err != nil {
					b.Fatal(err)
				}
				defer db.Close()
				e, err := db.CurrentEdition(ctx)
				if err != nil {
					b.Fatal(err)
				}
				fn(b, db, e)
			})
		}
		return
	}
	scales := os.Getenv("CONVENE_FIGURES_SCALES")
	if scales == "" {
		scales = "1"
	}
	for _, be := range storetest.Backends(b) {
		for _, s := range strings.Split(scales, ",") {
			scale, err := strconv.ParseFloat(s, 64)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("%s/scale=%s", be.Name, s), func(b *testing.B) {
				db := be.Open(b)
				sum, err := gen.Load(ctx, db, gen.Generate(2017, scale), gen.LoadOptions{PasswordHash: hash})
				if err != nil {
					b.Fatal(err)
				}
				e, err := db.Edition(ctx, sum.EditionID)
				if err != nil {
					b.Fatal(err)
				}
				fn(b, db, e)
			})
		}
	}
}
