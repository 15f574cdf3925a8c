package contests

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/convene/convene/internal/judging"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

// ruleRows is how many rule lines the policy form offers.
const ruleRows = 3

type fieldView struct {
	Key, Label string
	Kind       judging.Kind
	Values     string // enum values, for the hint
}

type policyRow struct {
	Policy store.Policy
	Met    int
	Of     int
}

type policiesData struct {
	Policies []policyRow
	Fields   []fieldView
	Rows     []int
	Ops      []string
}

func (a *Area) fieldViews(lang string) []fieldView {
	out := make([]fieldView, len(judging.Fields))
	for i, f := range judging.Fields {
		fv := fieldView{Key: f.Key, Label: f.EN, Kind: f.Kind}
		if lang == "zh" {
			fv.Label = f.ZH
		}
		var vs []string
		for _, v := range f.Values {
			vs = append(vs, v.Key)
		}
		fv.Values = strings.Join(vs, ", ")
		out[i] = fv
	}
	return out
}

// subjects reads the facts of the edition's talents or contest projects.
func (a *Area) subjects(r *http.Request, editionID int64, kind string) ([]store.Subject, error) {
	if kind == "talent" {
		return a.DB.TalentSubjects(r.Context())
	}
	return a.DB.ProjectSubjects(r.Context(), editionID)
}

// policiesPage lists the policies with how many subjects meet each, and
// the form to write one.
func (a *Area) policiesPage(w http.ResponseWriter, r *http.Request) {
	a.policiesWith(w, r, nil)
}

func (a *Area) policiesWith(w http.ResponseWriter, r *http.Request, formErr error) {
	ed, err := a.DB.CurrentEdition(r.Context())
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	ps, err := a.DB.ListPolicies(r.Context(), ed.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d := policiesData{Fields: a.fieldViews(request.Locale(r)), Ops: []string{"eq", "ne", "in", "gte", "lte"}}
	for i := range ruleRows {
		d.Rows = append(d.Rows, i+1)
	}
	cache := map[string][]store.Subject{}
	for _, p := range ps {
		row := policyRow{Policy: p}
		subs, ok := cache[p.Subject]
		if !ok {
			if subs, err = a.subjects(r, ed.ID, p.Subject); err != nil {
				a.Render.Fail(w, r, err)
				return
			}
			cache[p.Subject] = subs
		}
		if cp, err := p.Compile(); err == nil {
			for _, s := range subs {
				if cp.Met(s.Facts) {
					row.Met++
				}
			}
		}
		row.Of = len(subs)
		d.Policies = append(d.Policies, row)
	}
	if formErr != nil {
		a.Render.FormError(w, r, "policies", "policy.list", formErr, d)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "policies", a.Render.View(r, "policy.list", d))
}

// formRules turns the form's rule lines into rules, typing each value by
// its field's kind (a value that does not fit stays text, and the engine
// refuses it as a type mismatch).
func formRules(get func(string) string) []judging.Rule {
	var out []judging.Rule
	for i := 1; i <= ruleRows; i++ {
		n := strconv.Itoa(i)
		field, op, val := strings.TrimSpace(get("rule_field_"+n)), get("rule_op_"+n), strings.TrimSpace(get("rule_value_"+n))
		if field == "" {
			continue
		}
		var kind judging.Kind
		for _, f := range judging.Fields {
			if f.Key == field {
				kind = f.Kind
			}
		}
		var v any = val
		switch {
		case op == "in":
			v = model.SplitList(val)
		case kind == judging.KindInt:
			if n, err := strconv.ParseInt(val, 10, 64); err == nil {
				v = n
			}
		case kind == judging.KindBool:
			switch strings.ToLower(val) {
			case "true", "yes", "是", "1":
				v = true
			case "false", "no", "否", "0":
				v = false
			}
		}
		b, _ := json.Marshal(v)
		out = append(out, judging.Rule{Field: field, Op: op, Value: b})
	}
	return out
}

type policyInput struct {
	Subject    string         `json:"subject"`
	Name       string         `json:"name"`
	NameZH     string         `json:"name_zh"`
	Benefit    string         `json:"benefit"`
	BenefitZH  string         `json:"benefit_zh"`
	AmountYuan int64          `json:"amount_yuan"`
	Rules      []judging.Rule `json:"rules"`
}

func (in policyInput) policy(editionID int64) store.Policy {
	return store.Policy{EditionID: editionID, Subject: in.Subject, Name: in.Name, NameZH: in.NameZH,
		Benefit: in.Benefit, BenefitZH: in.BenefitZH, AmountYuan: in.AmountYuan, Rules: in.Rules}
}

// createPolicy saves a policy from the form; a bad rule saves nothing and
// says which.
func (a *Area) createPolicy(w http.ResponseWriter, r *http.Request) {
	ed, err := a.EditionForm(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	f := r.PostForm
	amount, _ := strconv.ParseInt(f.Get("amount_yuan"), 10, 64)
	in := policyInput{Subject: f.Get("subject"), Name: f.Get("name"), NameZH: f.Get("name_zh"), Benefit: f.Get("benefit"),
		BenefitZH: f.Get("benefit_zh"), AmountYuan: amount, Rules: formRules(f.Get)}
	p := in.policy(ed.ID)
	if err := a.DB.CreatePolicy(r.Context(), &p, request.User(r).ID); err != nil {
		if model.ErrorCode(err) == model.Invalid {
			a.policiesWith(w, r, err)
			return
		}
		a.Render.Fail(w, r, err)
		return
	}
	back(w, r, "/policies/"+itoa(p.ID), "flash.policy.created")
}

type subjectView struct {
	store.Subject
	Met     bool
	Reasons []string
}

type policyData struct {
	Policy   store.Policy
	Rules    []string
	Met      []subjectView
	Missed   []subjectView
	MetCount int
	Total    int
	Sum      int64 // grants to pay: amount × subjects meeting it
}

// policyPage lists who meets a policy and who misses it, and why.
func (a *Area) policyPage(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	p, err := a.DB.PolicyByID(r.Context(), id)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	cp, err := p.Compile()
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	subs, err := a.subjects(r, p.EditionID, p.Subject)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	lang := request.Locale(r)
	d := policyData{Policy: p, Total: len(subs)}
	for _, ru := range p.Rules {
		d.Rules = append(d.Rules, ru.Field+" "+ru.Op+" "+string(ru.Value))
	}
	for _, s := range subs {
		res := cp.Evaluate(s.Facts)
		sv := subjectView{Subject: s, Met: res.Met}
		for _, ch := range res.Checks {
			if !ch.Met || res.Met {
				sv.Reasons = append(sv.Reasons, ch.Explain(lang))
			}
		}
		if res.Met {
			d.MetCount++
			if len(d.Met) < 200 {
				d.Met = append(d.Met, sv)
			}
		} else if len(d.Missed) < 50 {
			d.Missed = append(d.Missed, sv)
		}
	}
	d.Sum = int64(d.MetCount) * p.AmountYuan
	v := a.Render.View(r, "policy.title", d)
	v.Title = model.DisplayName(v.L, p.Name, p.NameZH)
	a.Render.Page(w, r, http.StatusOK, "policy", v)
}
