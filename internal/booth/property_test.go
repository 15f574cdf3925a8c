package booth_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/convene/convene/internal/booth"
	"github.com/convene/convene/internal/booth/boothgen"
	"github.com/convene/convene/internal/booth/validate"
)

func allocate(t testing.TB, inst booth.Instance) booth.Result {
	t.Helper()
	res, err := booth.Allocate(inst)
	if err != nil {
		t.Fatal(err)
	}
	if v := validate.Result(inst, res); len(v) > 0 {
		t.Fatalf("invalid allocation (%d problems), first: %s", len(v), strings.Join(v[:min(5, len(v))], "; "))
	}
	return res
}

// Every shape at two sizes, with and without locks: the validator finds
// nothing (no booth twice, quotas kept, locks kept, every short request has
// a reason and a waitlist place, nothing free that a short request fits).
func TestShapesValid(t *testing.T) {
	for _, shape := range append(boothgen.Shapes(), boothgen.Mixed) {
		for _, n := range []int{50, 200} {
			for seed := range uint64(3) {
				t.Run(fmt.Sprintf("%s/%d/%d", shape, n, seed), func(t *testing.T) {
					inst := boothgen.Generate(boothgen.Params{Shape: shape, Requests: n, Seed: seed + 1, Locks: int(seed) * 5})
					res := allocate(t, inst)
					short := 0
					for _, o := range res.Outcomes {
						if o.Status != booth.Assigned {
							short++
						}
					}
					if short == 0 {
						t.Fatalf("demand 1.5× supply but every request served")
					}
				})
			}
		}
	}
}

// Random small instances with random quotas, blocked booths and locks taken
// from a first run.
func TestRandomProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for i := range 120 {
		shape := []boothgen.Shape{boothgen.QuotaBound, boothgen.ContiguityBound, boothgen.PreferenceHeavy, boothgen.Mixed, boothgen.Competitor}[i%5]
		inst := boothgen.Generate(boothgen.Params{Shape: shape, Requests: 5 + r.IntN(60), Demand: 0.5 + 2*r.Float64(), Seed: uint64(i)})
		for k := range inst.Booths {
			if r.IntN(15) == 0 {
				inst.Booths[k].Blocked = true
			}
		}
		if err := booth.Check(inst); err != nil {
			continue // blocking made a request too large for its area
		}
		res := allocate(t, inst)
		// Lock a random third of the assignments and run again with a new seed.
		inst.Locks = nil
		for _, a := range res.Assignments {
			if r.IntN(3) == 0 {
				inst.Locks = append(inst.Locks, booth.Lock{Request: a.Request, Booth: a.Booth})
			}
		}
		inst.Seed = uint64(i) + 1000
		allocate(t, inst)
	}
}

// The draw is replayable: the same instance and seed give the same result;
// another seed reorders equal priorities.
func TestLotteryReplay(t *testing.T) {
	inst := boothgen.Generate(boothgen.Params{Shape: boothgen.QuotaBound, Requests: 200, Seed: 11})
	a, b := allocate(t, inst), allocate(t, inst)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different results")
	}
	inst.Seed = 12
	c := allocate(t, inst)
	if reflect.DeepEqual(a.Assignments, c.Assignments) {
		t.Fatal("another seed changed nothing")
	}
	if booth.Ticket(11, "R00001") != a.Outcomes[0].Ticket {
		t.Fatal("ticket not from the seed and id")
	}
}

// Priorities first: in one area with one booth, the higher priority wins
// whatever the seed; between equals, the lower ticket.
func TestPriorityAndExplain(t *testing.T) {
	inst := booth.Instance{
		Booths: []booth.Booth{{Code: "B-204", M2: 9, Kind: booth.Standard, Area: "P01"}},
		Requests: []booth.Request{
			{ID: "low", Area: "P01", Count: 1, Priority: 1},
			{ID: "high", Area: "P01", Count: 1, Priority: 3, Group: "GD"},
			{ID: "tie", Area: "P01", Count: 1, Priority: 1},
		},
		Quotas: []booth.Quota{{Group: "GD", Area: "P01", Percent: 100}},
	}
	for seed := range uint64(20) {
		inst.Seed = seed
		res := allocate(t, inst)
		if res.Outcomes[1].Status != booth.Assigned {
			t.Fatalf("seed %d: high priority not served: %+v", seed, res.Outcomes[1])
		}
		if got := booth.Explain(res.Outcomes[1]); got != "assigned B-204: priority 1st, quota 9 m² (9 used)" {
			t.Fatalf("explain: %q", got)
		}
		first, second := 0, 2
		if res.Outcomes[2].Ticket < res.Outcomes[0].Ticket {
			first, second = 2, 0
		}
		if res.Outcomes[first].Waitlist != 1 || res.Outcomes[second].Waitlist != 2 {
			t.Fatalf("seed %d: waitlist not in ticket order: %+v", seed, res.Outcomes)
		}
		if got := booth.Explain(res.Outcomes[second]); got != "not assigned: area full, waitlisted 2nd" {
			t.Fatalf("explain: %q", got)
		}
	}
}

// A delegation's block request gets adjacent booths when they exist.
func TestContiguity(t *testing.T) {
	var bs []booth.Booth
	for i := range 10 {
		b := booth.Booth{Code: fmt.Sprintf("B%02d", i), M2: 9, Kind: booth.Standard, Area: "A"}
		if i > 0 {
			b.Adjacent = []string{fmt.Sprintf("B%02d", i-1)}
		}
		bs = append(bs, b)
	}
	bs[0].Entrance = true
	inst := booth.Instance{Booths: bs, Requests: []booth.Request{
		{ID: "one", Area: "A", Count: 1, Priority: 5, Entrance: true},
		{ID: "block", Area: "A", Count: 4, Priority: 1},
		{ID: "block2", Area: "A", Count: 4, Priority: 1},
	}}
	res := allocate(t, inst)
	if res.Outcomes[0].Booths[0] != "B00" {
		t.Fatalf("entrance preference ignored: %v", res.Outcomes[0].Booths)
	}
	if res.Score.Pairs != 6 {
		t.Fatalf("blocks not contiguous: %d pairs, %+v", res.Score.Pairs, res.Outcomes)
	}
}

func TestBadInput(t *testing.T) {
	base := func() booth.Instance {
		return booth.Instance{
			Booths: []booth.Booth{
				{Code: "A1", M2: 9, Kind: booth.Standard, Area: "A", X: 0, Y: 0, W: 3, D: 3},
				{Code: "A2", M2: 9, Kind: booth.Standard, Area: "A", X: 3, Y: 0, W: 3, D: 3, Adjacent: []string{"A1"}},
			},
			Requests: []booth.Request{{ID: "r", Area: "A", Count: 1}},
		}
	}
	cases := []struct {
		name, field string
		edit        func(*booth.Instance)
	}{
		{"overlap", "booths[1]", func(i *booth.Instance) { i.Booths[1].X = 2 }},
		{"two areas", "booths[1].code", func(i *booth.Instance) { i.Booths[1].Code = "A1"; i.Booths[1].Area = "B" }},
		{"unknown adjacent", "booths[1].adjacent[0]", func(i *booth.Instance) { i.Booths[1].Adjacent = []string{"Z9"} }},
		{"quotas over 100", "quotas", func(i *booth.Instance) {
			i.Quotas = []booth.Quota{{Group: "g", Area: "A", Percent: 60}, {Group: "h", Area: "A", Percent: 50}}
		}},
		{"more than the area", "requests[0].count", func(i *booth.Instance) { i.Requests[0].Count = 3 }},
		{"m² over the area", "requests[0].m2", func(i *booth.Instance) { i.Requests[0].Count, i.Requests[0].M2 = 0, 27 }},
		{"unknown area", "requests[0].area", func(i *booth.Instance) { i.Requests[0].Area = "Q" }},
		{"lock twice", "locks[1]", func(i *booth.Instance) {
			i.Requests = append(i.Requests, booth.Request{ID: "s", Area: "A", Count: 1})
			i.Locks = []booth.Lock{{Request: "r", Booth: "A1"}, {Request: "s", Booth: "A1"}}
		}},
		{"lock over quota", "locks", func(i *booth.Instance) {
			i.Requests[0].Group, i.Requests[0].Count = "g", 2
			i.Quotas = []booth.Quota{{Group: "g", Area: "A", Percent: 50}}
			i.Locks = []booth.Lock{{Request: "r", Booth: "A1"}, {Request: "r", Booth: "A2"}}
		}},
	}
	for _, c := range cases {
		inst := base()
		c.edit(&inst)
		_, err := booth.Allocate(inst)
		var es booth.Errors
		if !errors.As(err, &es) {
			t.Fatalf("%s: want Errors, got %v", c.name, err)
		}
		found := false
		for _, e := range es {
			found = found || e.Field == c.field
		}
		if !found {
			t.Fatalf("%s: no error at %s: %v", c.name, c.field, err)
		}
	}
	if _, err := booth.Allocate(base()); err != nil {
		t.Fatal(err)
	}
}

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 112: "112th"} {
		if got := booth.Ordinal(n); got != want {
			t.Fatalf("%d: %s", n, got)
		}
	}
}

// BenchmarkAllocate is the size: 1,700 booths × 2,500 requests
// (demand 1.5× supply), 40 quota groups.
func BenchmarkAllocate(b *testing.B) {
	inst := Bench()
	b.ResetTimer()
	for b.Loop() {
		if _, err := booth.Allocate(inst); err != nil {
			b.Fatal(err)
		}
	}
}

// Bench is the benchmark instance.
func Bench() booth.Instance {
	return boothgen.Generate(boothgen.Params{Shape: boothgen.Mixed, Requests: 2500, Demand: 1.6, Groups: 40, Seed: 2026})
}

func TestBenchInstance(t *testing.T) {
	inst := Bench()
	res := allocate(t, inst)
	groups := map[string]bool{}
	for _, q := range inst.Requests {
		groups[q.Group] = true
	}
	var supply, wantM2 float64
	for _, b := range inst.Booths {
		supply += b.M2
	}
	for _, q := range inst.Requests {
		if q.Count > 0 {
			wantM2 += float64(q.Count) * supply / float64(len(inst.Booths))
		} else {
			wantM2 += q.M2
		}
	}
	if len(inst.Booths) < 1600 || len(inst.Booths) > 1800 || len(groups) != 40 {
		t.Fatalf("bench instance off size: %d booths, %d groups", len(inst.Booths), len(groups))
	}
	t.Logf("supply %.0f m², demand ≈ %.0f m² (%.2f×)", supply, wantM2, wantM2/supply)
	named := 0
	for _, q := range inst.Requests {
		named += len(q.Avoid)
	}
	t.Logf("booths %d, requests %d, groups %d, quotas %d, competitors named %d, served units %.0f, score %.0f, rivals side by side %d", len(inst.Booths), len(inst.Requests), len(groups), len(inst.Quotas), named, res.Score.Units, res.Score.Value, res.Score.Foes)
}

func TestAdjacentByGeometry(t *testing.T) {
	bs := []booth.Booth{
		{Code: "a", X: 0, Y: 0, W: 3, D: 3}, {Code: "b", X: 3, Y: 0, W: 6, D: 3},
		{Code: "c", X: 0, Y: 3, W: 3, D: 3}, {Code: "d", X: 20, Y: 0, W: 3, D: 3}, {Code: "e", X: 3, Y: 3, W: 3, D: 3},
	}
	booth.AdjacentByGeometry(bs)
	got := fmt.Sprint(bs[0].Adjacent, bs[1].Adjacent, bs[2].Adjacent, bs[3].Adjacent)
	if got != "[b c] [e] [e] []" && got != "[c b] [e] [e] []" {
		t.Fatalf("adjacency %s", got)
	}
}
