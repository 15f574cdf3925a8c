package schedule_test

import (
	"testing"

	"github.com/convene/convene/internal/cputime"
	"github.com/convene/convene/internal/schedule"
	"github.com/convene/convene/internal/schedule/schedgen"
)

// benchLPBound is the LP relaxation bound of schedgen.Bench(1), computed by
// `go run ./internal/schedule/cmd/schedcheck -bench` (CBC 2.10). Update it
// when the generator changes.
const benchLPBound = 14625

// BenchmarkSchedule10k: 10,000 requests among 4,000 participants, 16 slots,
// 200 tables.
func BenchmarkSchedule10k(b *testing.B) {
	benchmark(b, schedule.Schedule)
}

// BenchmarkGreedy10k is the plain greedy on the same instance, for scale.
func BenchmarkGreedy10k(b *testing.B) {
	benchmark(b, schedule.Greedy)
}

func benchmark(b *testing.B, engine func(schedule.Instance) (schedule.Result, error)) {
	inst := schedgen.Generate(schedgen.Bench(1))
	res := timed(b, inst, engine)
	b.ReportMetric(float64(res.Score.Weight), "weight")
	b.ReportMetric(float64(res.Score.Weight)/benchLPBound, "lp-ratio")
	b.ReportMetric(float64(res.Score.Placed), "placed")
	b.ReportMetric(float64(res.Score.Unserved), "unserved")
}

// timed times engine on inst, reports CPU time per run and checks the last
// result with the independent validator.
func timed(b *testing.B, inst schedule.Instance, engine func(schedule.Instance) (schedule.Result, error)) schedule.Result {
	var res schedule.Result
	b.ReportAllocs()
	cpu0, n := cputime.Process(), 0
	for b.Loop() {
		var err error
		if res, err = engine(inst); err != nil {
			b.Fatal(err)
		}
		n++
	}
	cpu := cputime.Process() - cpu0
	b.StopTimer()
	b.ReportMetric(float64(cpu.Milliseconds())/float64(n), "cpu-ms/op")
	checked(b, inst, res)
	return res
}
