package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/convene/convene/internal/schedule/cbc"
	"github.com/convene/convene/internal/schedule/schedgen"
)

func TestDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	type item struct {
		Size  int
		Seeds int
		Relax bool
	}
	for _, it := range []item{{1, 5, false}, {4, 5, false}, {12, 2, false}, {30, 1, true}} {
		for _, cl := range schedgen.Classes() {
			for seed := 1; seed <= it.Seeds; seed++ {
				name := fmt.Sprintf("%s-x%d-s%d", cl.Name, it.Size, seed)
				file := "/tmp/sch/eval/" + name + ".json"
				if _, err := os.Stat(file); err == nil {
					continue
				}
				inst := schedgen.Generate(cl.Make(it.Size, uint64(seed)))
				sol, err := cbc.Solve(context.Background(), inst, it.Relax, 120)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := json.Marshal(map[string]any{"name": name, "bound": sol.Bound, "optimal": sol.Optimal, "instance": inst})
				os.WriteFile(file, b, 0o644)
				t.Logf("%s %v", name, sol)
			}
		}
	}
}
