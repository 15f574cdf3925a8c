package schedule

import (
	"encoding/json"
	"os"
	"testing"
	"time"
)

func TestPhases(t *testing.T) {
	b, err := os.ReadFile("/tmp/sch/bench.json")
	if err != nil || os.Getenv("PHASES") == "" {
		t.Skip()
	}
	var inst Instance
	json.Unmarshal(b, &inst)
	c, _ := compile(inst)
	st := start(c)
	t0 := time.Now()
	lap := func(name string) {
		t.Logf("%-10s %8v steps=%d weight=%d unserved=%d", name, time.Since(t0), st.steps, st.weight, c.hasReq-st.served)
		t0 = time.Now()
	}
	order := byScarcity(c)
	st.construct(order)
	lap("construct")
	limit := st.budget()
	st.improve(order, limit/2)
	lap("improve")
	st.clearFree()
	order = st.bestStart(limit / 2)
	lap("beststart")
	st.perturb(order, limit, newRand(0))
	lap("perturb")
	st.improve(order, limit+limit/8)
	lap("improve2")
	st.compact(st.steps + limit/4)
	lap("compact")
	st.result()
	lap("result")
}
