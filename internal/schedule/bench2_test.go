package schedule_test

import (
	"testing"

	"github.com/convene/convene/internal/schedule"
	"github.com/convene/convene/internal/schedule/schedgen"
)

// BenchmarkScheduleTwo runs instances on which both searches run side by
// side (see schedgen.BenchTwo): a 10k video fair over 52 slots, a 10k
// instance with skewed popularity and a 1,500-request negotiation. Compare
// -cpu 1,2: with two cores the wall time should drop, not rise.
func BenchmarkScheduleTwo(b *testing.B) {
	for _, cfg := range schedgen.BenchTwo(1) {
		inst := schedgen.Generate(cfg)
		b.Run(cfg.Name, func(b *testing.B) {
			res := timed(b, inst, schedule.Schedule)
			b.ReportMetric(float64(res.Score.Weight), "weight")
			b.ReportMetric(float64(res.Score.Unserved), "unserved")
		})
	}
}
