package booth_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/convene/convene/internal/booth"
	"github.com/convene/convene/internal/booth/boothgen"
	"github.com/convene/convene/internal/booth/validate"
)

// row is n booths of 9 m² in a line, B00 near the entrance.
func row(n int) []booth.Booth {
	var bs []booth.Booth
	for i := range n {
		b := booth.Booth{Code: fmt.Sprintf("B%02d", i), M2: 9, Kind: booth.Standard, Area: "A", Entrance: i == 0}
		if i > 0 {
			b.Adjacent = []string{fmt.Sprintf("B%02d", i-1)}
		}
		bs = append(bs, b)
	}
	return bs
}

// Two rivals both want the entrance: the one drawn first gets it, the
// other is kept a booth away, and both explanations say so. With the
// booth between them taken by a third, they are apart anyway; with no
// room, they stand side by side and the one that named the other is told.
func TestCompetitorApart(t *testing.T) {
	inst := booth.Instance{Booths: row(4), Requests: []booth.Request{
		{ID: "a", Org: "acme", Area: "A", Count: 1, Priority: 2, Entrance: true, Avoid: []string{"bolt"}},
		{ID: "b", Org: "bolt", Area: "A", Count: 1, Priority: 1, Entrance: true},
	}}
	res := allocate(t, inst)
	if got := res.Outcomes[0].Booths; fmt.Sprint(got) != "[B00]" {
		t.Fatalf("higher priority lost the entrance: %v", got)
	}
	if got := res.Outcomes[1].Booths; fmt.Sprint(got) == "[B01]" {
		t.Fatalf("rival placed beside: %+v", res.Outcomes)
	}
	if res.Score.Foes != 0 {
		t.Fatalf("foes %d", res.Score.Foes)
	}
	if got := booth.Explain(res.Outcomes[0]); got != "assigned B00: priority 1st, not beside the organizations named" {
		t.Fatalf("explain: %q", got)
	}
	// Only the one that named a rival hears of it.
	for _, r := range res.Outcomes[1].Reasons {
		if r == booth.ReasonApart || r == booth.ReasonBesideAvoided {
			t.Fatalf("b named no one but is told %v", res.Outcomes[1].Reasons)
		}
	}

	// No room: two booths, two rivals.
	inst.Booths = row(2)
	res = allocate(t, inst)
	if res.Score.Foes != 1 || fmt.Sprint(res.Outcomes[0].Beside) != "[bolt]" {
		t.Fatalf("foes %d, beside %v", res.Score.Foes, res.Outcomes[0].Beside)
	}
	if got := booth.Explain(res.Outcomes[0]); !strings.HasSuffix(got, "beside bolt (named, no better plan found)") {
		t.Fatalf("explain: %q", got)
	}
	// Serving both still beats leaving one out: the cost is below a unit.
	if res.Outcomes[1].Status != booth.Assigned {
		t.Fatalf("rival left without a booth to keep apart: %+v", res.Outcomes[1])
	}
}

// On the competitor shape, the engine seats named rivals side by side far
// less often than the same engine told nothing of them.
func TestCompetitorsKeptApart(t *testing.T) {
	sumAware, sumBlind := 0, 0
	for _, n := range []int{50, 200} {
		for seed := range uint64(3) {
			inst := boothgen.Generate(boothgen.Params{Shape: boothgen.Competitor, Requests: n, Seed: seed + 1})
			named := 0
			for _, q := range inst.Requests {
				named += len(q.Avoid)
			}
			if named == 0 {
				t.Fatal("competitor shape names no rivals")
			}
			aware := allocate(t, inst)
			blind := inst
			blind.Requests = append([]booth.Request(nil), inst.Requests...)
			for i := range blind.Requests {
				blind.Requests[i].Avoid = nil
			}
			res := allocate(t, blind)
			// Judge the blind allocation by the aware instance's rules.
			blindFoes := foePairs(inst, res.Assignments)
			if got := foePairs(inst, aware.Assignments); got != aware.Score.Foes {
				t.Fatalf("score says %d foe pairs, the plan has %d", aware.Score.Foes, got)
			}
			t.Logf("n=%d seed=%d: %d names; rivals side by side %d (told nothing: %d); units %.0f (%.0f)",
				n, seed+1, named, aware.Score.Foes, blindFoes, aware.Score.Units, res.Score.Units)
			sumAware += aware.Score.Foes
			sumBlind += blindFoes
			if aware.Score.Units < res.Score.Units-1e-9 {
				t.Fatalf("kept rivals apart by serving fewer units: %.1f < %.1f", aware.Score.Units, res.Score.Units)
			}
		}
	}
	if sumBlind < 20 {
		t.Fatalf("instances too easy: %d rival pairs side by side when blind", sumBlind)
	}
	if sumAware*4 > sumBlind {
		t.Fatalf("rivals side by side %d times, %d when told nothing", sumAware, sumBlind)
	}
}

// foePairs counts adjacent booth pairs held by two requests one of which
// named the other's organization, from the instance alone.
func foePairs(inst booth.Instance, as []booth.Assignment) int {
	owner := map[string]booth.Request{}
	reqs := map[string]booth.Request{}
	for _, q := range inst.Requests {
		reqs[q.ID] = q
	}
	for _, a := range as {
		owner[a.Booth] = reqs[a.Request]
	}
	names := func(q booth.Request, org string) bool {
		for _, o := range q.Avoid {
			if o == org {
				return true
			}
		}
		return false
	}
	n := 0
	for _, b := range inst.Booths {
		for _, x := range b.Adjacent {
			p, okP := owner[b.Code]
			q, okQ := owner[x]
			if okP && okQ && p.ID != q.ID && (names(p, q.Org) || names(q, p.Org)) {
				n++
			}
		}
	}
	return n
}

func TestCompetitorBadInput(t *testing.T) {
	for name, avoid := range map[string][]string{"itself": {"acme"}, "empty": {""}} {
		inst := booth.Instance{Booths: row(2), Requests: []booth.Request{{ID: "a", Org: "acme", Area: "A", Count: 1, Avoid: avoid}}}
		_, err := booth.Allocate(inst)
		var es booth.Errors
		if !errors.As(err, &es) || es[0].Field != "requests[0].avoid[0]" {
			t.Fatalf("%s: want an error at requests[0].avoid[0], got %v", name, err)
		}
	}
	// An organization that has not (yet) requested is allowed.
	inst := booth.Instance{Booths: row(2), Requests: []booth.Request{{ID: "a", Org: "acme", Area: "A", Count: 1, Avoid: []string{"nobody"}}}}
	res := allocate(t, inst)
	if res.Outcomes[0].Reasons[len(res.Outcomes[0].Reasons)-1] != booth.ReasonApart {
		t.Fatalf("reasons %v", res.Outcomes[0].Reasons)
	}
	_ = validate.Result
}
