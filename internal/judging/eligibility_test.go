package judging

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

func rule(field, op string, v any) Rule {
	b, _ := json.Marshal(v)
	return Rule{Field: field, Op: op, Value: b}
}

func TestCompileRefuses(t *testing.T) {
	for _, c := range []struct {
		rules  []Rule
		reason string
	}{
		{nil, "empty"},
		{[]Rule{rule("talent.shoe_size", "eq", 42)}, "unknown_field"},
		{[]Rule{rule("talent.years_experience", "eq", "ten")}, "type"},
		{[]Rule{rule("talent.overseas", "eq", 1)}, "type"},
		{[]Rule{rule("talent.overseas", "gte", true)}, "op"},
		{[]Rule{rule("entry.result", "eq", "winner")}, "value"},
		{[]Rule{rule("project.stage", "in", []string{})}, "type"},
	} {
		_, err := Compile(1, c.rules)
		var re *RuleError
		if !errors.As(err, &re) || re.Reason != c.reason {
			t.Errorf("%v: err %v, want %s", c.rules, err, c.reason)
		}
	}
}

func TestEvaluateExplains(t *testing.T) {
	p, err := Compile(7, []Rule{
		rule("entry.result", "eq", "selected"),
		rule("talent.degree", "gte", "master"),
		rule("project.funding_sought", "lte", 5_000_000),
		rule("talent.overseas", "eq", true),
	})
	if err != nil {
		t.Fatal(err)
	}
	res := p.Evaluate(Facts{"entry.result": "finalist", "talent.degree": "phd", "project.funding_sought": int64(3_000_000)})
	if res.Met {
		t.Fatal("met without selection")
	}
	want := []string{
		"needs: selected in a contest; has: finalist",
		"meets: highest degree: PhD",
		"meets: funding sought (yuan): 3000000",
		"needs: lives abroad: yes; has: unknown",
	}
	for i, w := range want {
		if got := res.Checks[i].Explain("en"); got != w {
			t.Errorf("check %d: %q, want %q", i, got, w)
		}
	}
	if got := res.Checks[0].Explain("zh"); got != "需要：大赛入选；现有：入围" {
		t.Errorf("zh: %q", got)
	}
	ok := p.Evaluate(Facts{"entry.result": "selected", "talent.degree": "master", "project.funding_sought": int64(1), "talent.overseas": true})
	if !ok.Met || !p.Met(Facts{"entry.result": "selected", "talent.degree": "master", "project.funding_sought": int64(1), "talent.overseas": true}) {
		t.Fatalf("should be met: %+v", ok)
	}
}

// BenchmarkEligibility: 10,000 talents × 20 policies, with explanations.
func BenchmarkEligibility(b *testing.B) {
	r := rand.New(rand.NewPCG(9, 9))
	degrees := []string{"none", "bachelor", "master", "phd"}
	results := []string{"none", "submitted", "not_selected", "selected"}
	var pols []Policy
	for i := range 20 {
		p, err := Compile(int64(i), []Rule{
			rule("talent.degree", "gte", degrees[i%4]),
			rule("talent.years_experience", "gte", i%10),
			rule("entry.result", "in", []string{"selected", results[i%4]}),
			rule("talent.discipline", "ne", fmt.Sprint("field", i)),
		})
		if err != nil {
			b.Fatal(err)
		}
		pols = append(pols, p)
	}
	talents := make([]Facts, 10_000)
	for i := range talents {
		talents[i] = Facts{"talent.degree": degrees[r.IntN(4)], "talent.years_experience": int64(r.IntN(30)),
			"entry.result": results[r.IntN(4)], "talent.discipline": fmt.Sprint("field", r.IntN(20)), "talent.overseas": r.IntN(2) == 0}
	}
	for b.Loop() {
		met := 0
		for _, f := range talents {
			for i := range pols {
				if pols[i].Evaluate(f).Met {
					met++
				}
			}
		}
		if met == 0 {
			b.Fatal("none met")
		}
	}
}
