package schedule_test

import (
	"fmt"
	"testing"

	"github.com/convene/convene/internal/schedule"
	"github.com/convene/convene/internal/schedule/schedgen"
	"github.com/convene/convene/internal/schedule/validate"
)

func generated(t testing.TB, class string, size int, seed uint64) schedule.Instance {
	t.Helper()
	for _, c := range schedgen.Classes() {
		if c.Name == class {
			return schedgen.Generate(c.Make(size, seed))
		}
	}
	t.Fatalf("no class %q", class)
	return schedule.Instance{}
}

// TestRandomInstances runs every instance class on fixed seeds, plus a
// family where most people are away for much of the day, and lets the
// independent validator look for double bookings and availability breaks.
func TestRandomInstances(t *testing.T) {
	configs := []schedgen.Config{}
	for _, c := range schedgen.Classes() {
		for seed := uint64(1); seed <= 3; seed++ {
			configs = append(configs, c.Make(1+int(seed%2), seed))
		}
	}
	for seed := uint64(1); seed <= 4; seed++ {
		configs = append(configs, schedgen.Config{Name: "mostly-away", Seed: seed, Participants: 60, HostShare: 0.2,
			Requests: 120, Slots: 12, Days: 2, Venues: 2, Tables: 3, Videos: 1, VideoShare: 0.2, VenueBound: 0.3,
			Partial: 0.9, ThreeWay: 0.2, MaxPriority: 4, GuestLimit: 3, Buffer: seed%2 == 0, Skew: 0.7})
	}
	for _, cfg := range configs {
		t.Run(fmt.Sprintf("%s-%d", cfg.Name, cfg.Seed), func(t *testing.T) {
			inst := schedgen.Generate(cfg)
			inst.Options.Seed = cfg.Seed
			res := run(t, inst)
			g, err := schedule.Greedy(inst)
			if err != nil {
				t.Fatal(err)
			}
			checked(t, inst, g)
			if res.Score.Weight < g.Score.Weight {
				t.Fatalf("engine %d below greedy %d", res.Score.Weight, g.Score.Weight)
			}
		})
	}
}

// TestIncremental publishes part of a schedule, adds requests and re-runs:
// the published part must stay exactly where it was.
func TestIncremental(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			cfg := schedgen.Classes()[int(seed)%len(schedgen.Classes())].Make(2, seed)
			full := schedgen.Generate(cfg)
			inst := full
			inst.Requests = full.Requests[:len(full.Requests)*2/3]
			first := run(t, inst)
			for i, a := range first.Assignments {
				if i%2 == 0 {
					inst.Locked = append(inst.Locked, a)
				}
			}
			inst.Requests = full.Requests
			second := run(t, inst)
			if w := validate.Weight(inst, inst.Locked); second.Score.Weight < w {
				t.Fatalf("weight %d below the locked weight %d", second.Score.Weight, w)
			}
		})
	}
}
