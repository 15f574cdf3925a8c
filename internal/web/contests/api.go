package contests

import (
	"net/http"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type rankedJ struct {
	EntryID    int64   `json:"entry_id"`
	Project    string  `json:"project"`
	Judges     int     `json:"judges"`
	Raw        float64 `json:"raw"`
	Normalized float64 `json:"normalized"`
	Spread     float64 `json:"spread"`
	RawRank    int     `json:"raw_rank"`
	NormRank   int     `json:"normalized_rank"`
	Rank       int     `json:"rank"`
	Depends    bool    `json:"depends_on_method"`
	Status     string  `json:"status"`
}

type rankingJ struct {
	ContestID  int64     `json:"contest_id"`
	State      string    `json:"state"`
	Round      int       `json:"round"` // the round ranked: the current one
	Normalized bool      `json:"normalized"`
	FewJudges  []int64   `json:"few_judges"`
	W          float64   `json:"kendall_w"`
	Entries    []rankedJ `json:"entries"`
}

// apiRanking is the review as JSON (closed or decided contests only).
func (a *Area) apiRanking(w http.ResponseWriter, r *http.Request) {
	c, err := a.closedContest(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	rk, _, byID, err := a.rankedEntries(r.Context(), c)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	out := rankingJ{ContestID: c.ID, State: c.State, Round: c.Round, Normalized: rk.Normalized, FewJudges: rk.FewJudges, W: rk.W, Entries: []rankedJ{}}
	if out.FewJudges == nil {
		out.FewJudges = []int64{}
	}
	for _, x := range rk.Entries {
		e := byID[x.Entry]
		out.Entries = append(out.Entries, rankedJ{EntryID: x.Entry, Project: e.ProjectTitle, Judges: x.Judges, Raw: x.Raw, Normalized: x.Normalized,
			Spread: x.Spread, RawRank: x.RawRank, NormRank: x.NormRank, Rank: x.Rank, Depends: x.Depends, Status: string(e.Status)})
	}
	render.JSON(w, http.StatusOK, out)
}

type markJ struct {
	Criterion string `json:"criterion"`
	Value     int    `json:"value"`
	Comment   string `json:"comment"`
}

type scoresIn struct {
	Marks  []markJ `json:"marks"`
	Submit bool    `json:"submit"`
}

// apiScores saves a judge's marks on an assigned entry (a draft, or the
// submitted sheet).
func (a *Area) apiScores(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var in scoresIn
	if err := request.ReadJSON(r, &in); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	marks := make([]store.Mark, len(in.Marks))
	for i, m := range in.Marks {
		marks[i] = store.Mark{Criterion: m.Criterion, Value: m.Value, Comment: m.Comment}
	}
	if err := a.DB.SaveScores(r.Context(), id, request.User(r).ID, marks, in.Submit); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.JSON(w, http.StatusOK, map[string]any{"entry_id": id, "saved": len(marks), "submitted": in.Submit})
}

type policyJ struct {
	ID         int64    `json:"id"`
	Subject    string   `json:"subject"`
	Name       string   `json:"name"`
	NameZH     string   `json:"name_zh"`
	AmountYuan int64    `json:"amount_yuan"`
	Met        bool     `json:"met"`
	Reasons    []string `json:"reasons"`
}

// apiCreatePolicy saves a policy; a rule over an unknown field or with a
// value of the wrong type is refused with 422 and nothing saved.
func (a *Area) apiCreatePolicy(w http.ResponseWriter, r *http.Request) {
	ed, err := a.DB.CurrentEdition(r.Context())
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var in policyInput
	if err := request.ReadJSON(r, &in); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	p := in.policy(ed.ID)
	if err := a.DB.CreatePolicy(r.Context(), &p, request.User(r).ID); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.JSON(w, http.StatusCreated, policyJ{ID: p.ID, Subject: p.Subject, Name: p.Name, NameZH: p.NameZH, AmountYuan: p.AmountYuan, Reasons: []string{}})
}

// apiProjectPolicies: the project policies a project meets or misses, and why.
func (a *Area) apiProjectPolicies(w http.ResponseWriter, r *http.Request) {
	p, err := a.ownProject(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	f, err := a.DB.ProjectFacts(r.Context(), p.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	vs, err := a.policiesFor(r.Context(), p.EditionID, "project", request.Locale(r), f)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	out := []policyJ{}
	for _, v := range vs {
		out = append(out, policyJ{ID: v.Policy.ID, Subject: v.Policy.Subject, Name: v.Policy.Name, NameZH: v.Policy.NameZH,
			AmountYuan: v.Policy.AmountYuan, Met: v.Met, Reasons: v.Reasons})
	}
	render.JSON(w, http.StatusOK, out)
}
