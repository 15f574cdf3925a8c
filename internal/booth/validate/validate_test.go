package validate_test

import (
	"strings"
	"testing"

	"github.com/convene/convene/internal/booth"
	"github.com/convene/convene/internal/booth/validate"
)

// The validator must fail on broken results, or it proves nothing.
func TestCatchesBrokenResults(t *testing.T) {
	inst := booth.Instance{
		Booths: []booth.Booth{
			{Code: "A1", M2: 9, Kind: booth.Standard, Area: "A"},
			{Code: "A2", M2: 9, Kind: booth.Standard, Area: "A", Adjacent: []string{"A1"}},
		},
		Requests: []booth.Request{
			{ID: "r", Area: "A", Count: 1, Group: "g"},
			{ID: "s", Area: "A", Count: 2},
		},
		Quotas: []booth.Quota{{Group: "g", Area: "A", Percent: 50}},
		Locks:  []booth.Lock{{Request: "r", Booth: "A1"}},
		Seed:   5,
	}
	good, err := booth.Allocate(inst)
	if err != nil {
		t.Fatal(err)
	}
	if v := validate.Result(inst, good); len(v) > 0 {
		t.Fatalf("good result refused: %v", v)
	}
	cases := map[string]func(*booth.Result){
		"assigned twice": func(r *booth.Result) {
			r.Assignments = append(r.Assignments, booth.Assignment{Request: "s", Booth: "A1"})
		},
		"over its quota": func(r *booth.Result) {
			r.Assignments = []booth.Assignment{{Request: "r", Booth: "A1"}, {Request: "r", Booth: "A2"}}
		},
		"not kept": func(r *booth.Result) { r.Assignments = nil },
		"without a reason": func(r *booth.Result) {
			r.Outcomes[1].Reasons = nil
		},
		"ranked": func(r *booth.Result) { r.Outcomes[0].Rank, r.Outcomes[1].Rank = r.Outcomes[1].Rank, r.Outcomes[0].Rank },
		"score":  func(r *booth.Result) { r.Score.Value++ },
	}
	for want, breakIt := range cases {
		bad := good
		bad.Assignments = append([]booth.Assignment(nil), good.Assignments...)
		bad.Outcomes = append([]booth.Outcome(nil), good.Outcomes...)
		breakIt(&bad)
		v := validate.Result(inst, bad)
		if !strings.Contains(strings.Join(v, "\n"), want) {
			t.Errorf("%s: not caught: %v", want, v)
		}
	}
}

// Rivals side by side: the validator recomputes who is beside whom and
// the cost, and refuses an outcome that hides or invents a competitor.
func TestCatchesHiddenCompetitors(t *testing.T) {
	inst := booth.Instance{
		Booths: []booth.Booth{
			{Code: "A1", M2: 9, Kind: booth.Standard, Area: "A"},
			{Code: "A2", M2: 9, Kind: booth.Standard, Area: "A", Adjacent: []string{"A1"}},
		},
		Requests: []booth.Request{
			{ID: "r", Org: "acme", Area: "A", Count: 1, Avoid: []string{"bolt"}},
			{ID: "s", Org: "bolt", Area: "A", Count: 1},
		},
	}
	good, err := booth.Allocate(inst)
	if err != nil {
		t.Fatal(err)
	}
	if v := validate.Result(inst, good); len(v) > 0 {
		t.Fatalf("good result refused: %v", v)
	}
	if good.Score.Foes != 1 || good.Score.Value != 10+10-3 {
		t.Fatalf("score %+v", good.Score)
	}
	cases := map[string]func(*booth.Result){
		"the plan puts [bolt] beside it": func(r *booth.Result) { r.Outcomes[0].Beside = nil },
		"do not say whether": func(r *booth.Result) {
			r.Outcomes[0].Reasons = []booth.Reason{booth.ReasonPriority, booth.ReasonApart}
		},
		"names no competitor": func(r *booth.Result) {
			r.Outcomes[1].Reasons = append(r.Outcomes[1].Reasons, booth.ReasonApart)
		},
		"score": func(r *booth.Result) { r.Score.Value += 3 },
	}
	for want, breakIt := range cases {
		bad := good
		bad.Outcomes = append([]booth.Outcome(nil), good.Outcomes...)
		for i := range bad.Outcomes {
			bad.Outcomes[i].Reasons = append([]booth.Reason(nil), good.Outcomes[i].Reasons...)
		}
		breakIt(&bad)
		v := validate.Result(inst, bad)
		if !strings.Contains(strings.Join(v, "\n"), want) {
			t.Errorf("%s: not caught: %v", want, v)
		}
	}
}
