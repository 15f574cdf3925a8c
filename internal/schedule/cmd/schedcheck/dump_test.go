package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/convene/convene/internal/schedule/schedgen"
)

func TestDump(t *testing.T) {
	for _, x := range []struct {
		class, n int
		seed     uint64
		file     string
	}{{5, 1, 1, "video1.json"}, {3, 1, 2, "limits1.json"}, {3, 4, 1, "limits4.json"}, {4, 4, 4, "nego4.json"}} {
		inst := schedgen.Generate(schedgen.Classes()[x.class].Make(x.n, x.seed))
		b, _ := json.Marshal(inst)
		os.WriteFile("/tmp/sch/"+x.file, b, 0o644)
	}
	inst := schedgen.Generate(schedgen.Bench(1))
	b, _ := json.Marshal(inst)
	os.WriteFile("/tmp/sch/bench.json", b, 0o644)
}
