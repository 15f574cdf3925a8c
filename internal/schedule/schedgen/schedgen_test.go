package schedgen_test

import (
	"reflect"
	"testing"

	"github.com/convene/convene/internal/schedule"
	"github.com/convene/convene/internal/schedule/schedgen"
)

func TestGenerate(t *testing.T) {
	configs := []schedgen.Config{schedgen.Bench(1)}
	for _, c := range schedgen.Classes() {
		configs = append(configs, c.Make(2, 9))
	}
	for _, cfg := range configs {
		t.Run(cfg.Name, func(t *testing.T) {
			a, b := schedgen.Generate(cfg), schedgen.Generate(cfg)
			if !reflect.DeepEqual(a, b) {
				t.Fatal("same config, different instances")
			}
			if err := schedule.Validate(a); err != nil {
				t.Fatalf("generated instance is invalid: %v", err)
			}
			if len(a.Requests) != cfg.Requests {
				t.Fatalf("%d requests, want %d", len(a.Requests), cfg.Requests)
			}
		})
	}
	bench := schedgen.Generate(schedgen.Bench(1))
	if got := [3]int{len(bench.Requests), len(bench.Participants), len(bench.Slots)}; got != [3]int{10000, 4000, 16} {
		t.Fatalf("bench instance has requests, participants, slots = %v", got)
	}
	if len(bench.Resources) != 200 {
		t.Fatalf("bench instance has %d tables, want 200", len(bench.Resources))
	}
}
