package schedule

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestDbg(t *testing.T) {
	name := os.Getenv("DBG")
	if name == "" {
		t.Skip()
	}
	b, _ := os.ReadFile("/tmp/sch/" + name + ".json")
	var inst Instance
	json.Unmarshal(b, &inst)
	f, _ := os.Create("/tmp/sch/dbg.lp")
	WriteLP(f, inst)
	f.Close()
	exec.Command("cbc", "/tmp/sch/dbg.lp", "solve", "solu", "/tmp/sch/dbg.sol").Run()
	sf, _ := os.Open("/tmp/sch/dbg.sol")
	opt := map[int32][2]int32{}
	sc := bufio.NewScanner(sf)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) >= 3 && strings.HasPrefix(fs[1], "x") && fs[2] == "1" {
			var r, s, q int32
			fmt.Sscanf(fs[1], "x%d_%d_%d", &r, &s, &q)
			opt[r] = [2]int32{s, q}
		}
	}
	c, _ := compile(inst)
	st := start(c)
	order := byScarcity(c)
	st.construct(order)
	st.improve(order, st.budget()/2)
	st.perturb(order, st.budget(), newRand(0))
	st.improve(order, st.budget()*9/8)
	t.Logf("engine %d", st.weight)
	for r := range int32(c.nR) {
		o, in := opt[r]
		if (st.slot[r] >= 0) != in || in && o[0] != st.slot[r] {
			ps := ""
			for _, p := range c.parts[r] {
				ps += fmt.Sprintf("%s(%d/%d,h%d) ", inst.Participants[p].ID, st.cnt[p], min(c.limit[p], 99), c.home[p])
			}
			t.Logf("r%d w=%d eng=%d,%d opt=%v,%v opts=%v allowed=%v parts=%s", r, c.weight[r], st.slot[r], st.pool[r], in, o, c.options[r], c.allowed[r], ps)
		}
	}
}
