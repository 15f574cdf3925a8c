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
	b, _ := os.ReadFile("/tmp/sch/eval/" + name + ".json")
	var x struct{ Instance Instance }
	json.Unmarshal(b, &x)
	inst := x.Instance
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
	res, _ := Schedule(inst)
	st := start(c)
	idx := map[string]int32{}
	for i, r := range inst.Requests {
		idx[r.ID] = int32(i)
	}
	sidx := map[string]int32{}
	for i, s := range inst.Slots {
		sidx[s.ID] = int32(i)
	}
	for _, a := range res.Assignments {
		r := idx[a.Request]
		if st.slot[r] < 0 {
			st.add(r, sidx[a.Slot], c.resPool[0])
			st.remove(r)
			st.add(r, sidx[a.Slot], 0)
		}
	}
	t.Logf("engine %d", res.Score.Weight)
	for r := range int32(c.nR) {
		o, in := opt[r]
		eng := int32(-1)
		for _, a := range res.Assignments {
			if idx[a.Request] == r {
				eng = sidx[a.Slot]
			}
		}
		if (eng >= 0) != in || in && o[0] != eng {
			ps := ""
			for _, p := range c.parts[r] {
				ps += fmt.Sprintf("%s ", inst.Participants[p].ID)
			}
			t.Logf("r%d w=%d eng=%d opt=%v,%v opts=%v allowed=%v parts=%s", r, c.weight[r], eng, in, o, c.options[r], c.allowed[r], ps)
		}
	}
}
