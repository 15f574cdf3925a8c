package contests

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/convene/convene/internal/judging"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

var timeNow = time.Now

// policyView is one policy's outcome for a subject, explained in the
// reader's language.
type policyView struct {
	Policy  store.Policy
	Met     bool
	Reasons []string
}

// policiesFor evaluates the edition's policies of a subject kind.
func (a *Area) policiesFor(ctx context.Context, editionID int64, subject, lang string, facts judging.Facts) ([]policyView, error) {
	ps, err := a.DB.ListPolicies(ctx, editionID)
	if err != nil {
		return nil, err
	}
	var out []policyView
	for _, p := range ps {
		if p.Subject != subject {
			continue
		}
		cp, err := p.Compile()
		if err != nil {
			a.Log.Warn("stored policy does not compile", "policy", p.ID, "err", err)
			continue
		}
		res := cp.Evaluate(facts)
		v := policyView{Policy: p, Met: res.Met}
		for _, ch := range res.Checks {
			v.Reasons = append(v.Reasons, ch.Explain(lang))
		}
		out = append(out, v)
	}
	return out, nil
}

type myProjectsData struct {
	Projects     []model.Project
	Kinds        []model.ProjectSource // a person's choice; none for a delegation
	Stages       []string
	Visibilities []model.Visibility
	Policies     []policyView
}

// myProjects lists a talent's projects with the form to add one, and the
// talent policies with whether the talent meets them.
func (a *Area) myProjects(w http.ResponseWriter, r *http.Request) {
	a.myProjectsWith(w, r, http.StatusOK, nil)
}

func (a *Area) myProjectsWith(w http.ResponseWriter, r *http.Request, code int, formErr error) {
	ctx := r.Context()
	u := request.User(r)
	d := myProjectsData{Stages: model.ProjectStages, Visibilities: model.Visibilities}
	if u.Role != model.RoleDelegation {
		d.Kinds = personKinds
	}
	ed, err := a.DB.CurrentEdition(ctx)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if d.Projects, err = a.DB.ListProjects(ctx, mine(u, ed.ID)); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if f, err := a.DB.TalentFacts(ctx, u.ID); err == nil {
		if d.Policies, err = a.policiesFor(ctx, ed.ID, "talent", request.Locale(r), f); err != nil {
			a.Render.Fail(w, r, err)
			return
		}
	} else if !model.IsNotFound(err) {
		a.Render.Fail(w, r, err)
		return
	}
	if formErr != nil {
		a.Render.FormError(w, r, "my_projects", "project.mine", formErr, d)
		return
	}
	a.Render.Page(w, r, code, "my_projects", a.Render.View(r, "project.mine", d))
}

type projectInput struct {
	Title         string `json:"title"`
	TitleZH       string `json:"title_zh"`
	Summary       string `json:"summary"`
	Field         string `json:"field"`
	Stage         string `json:"stage"`
	FundingSought int64  `json:"funding_sought"`
	Visibility    string `json:"visibility"` // public when not given
	// Kind is a person's project: "talent" (a talent team's, the default)
	// or "expert_program" (an expert program's). A delegation's project is
	// the delegation's, whatever it says.
	Kind string `json:"kind"`
}

// personKinds are the sources a person's own project may have.
var personKinds = []model.ProjectSource{model.SourceTalent, model.SourceExpert}

// checked writes the input over p and checks the whole: p's own rules and
// the kind, every problem at once.
func (in projectInput) checked(p *model.Project) error {
	in.apply(p)
	probs := model.Problems{}
	probs.Merge(p.Validate())
	if p.Source == model.SourceTalent || p.Source == model.SourceExpert {
		switch k := model.ProjectSource(in.Kind); {
		case k == "":
		case slices.Contains(personKinds, k):
			p.Source = k
		default:
			probs.Add("kind", "err.choice")
		}
	}
	return probs.Err()
}

// apply writes the input over p's fields.
func (in projectInput) apply(p *model.Project) {
	p.Title, p.TitleZH, p.Summary, p.Field, p.Stage, p.FundingSought = in.Title, in.TitleZH, in.Summary, in.Field, in.Stage, in.FundingSought
	p.Visibility = model.Visibility(in.Visibility)
}

// createProject adds a project the talent owns, or the delegation's.
func (a *Area) createProject(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var in projectInput
	u := request.User(r)
	ed, err := a.DB.CurrentEdition(ctx)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	p := model.Project{EditionID: ed.ID, Source: model.SourceTalent, OwnerUserID: &u.ID}
	if u.Role == model.RoleDelegation && u.OrgID != nil { // the delegation's project
		p = model.Project{EditionID: ed.ID, Source: model.SourceDelegation, OrgID: u.OrgID}
	}
	err = request.DecodeThen(r, &in, func() error { return in.checked(&p) })
	if err == nil {
		err = a.DB.CreateProject(ctx, &p)
	}
	if err != nil {
		if model.ErrorCode(err) == model.Invalid {
			a.myProjectsWith(w, r, 0, err)
			return
		}
		a.Render.Fail(w, r, err)
		return
	}
	back(w, r, "/projects/"+itoa(p.ID)+"/contests", "flash.project.created")
}

type entryView struct {
	store.EntryRow
	Scores []store.ScoreRow // only once the organizer published them
}

type projectData struct {
	Project  model.Project
	Entries  []entryView
	Policies []policyView
}

// projectPage shows a project to its owner (or an organizer): its entries
// with their results (scores once published) and the project policies it
// meets or misses, and why.
func (a *Area) projectPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := a.ownProject(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d := projectData{Project: p}
	es, err := a.DB.ProjectEntries(ctx, p.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	for _, e := range es {
		v := entryView{EntryRow: e}
		if e.Published {
			if v.Scores, err = a.DB.EntryScores(ctx, e.ID); err != nil {
				a.Render.Fail(w, r, err)
				return
			}
		}
		d.Entries = append(d.Entries, v)
	}
	f, err := a.DB.ProjectFacts(ctx, p.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if d.Policies, err = a.policiesFor(ctx, p.EditionID, "project", request.Locale(r), f); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "project.title", d)
	v.Title = model.DisplayName(v.L, p.Title, p.TitleZH)
	a.Render.Page(w, r, http.StatusOK, "project_contests", v)
}

// enter enters one of the talent's projects into the contest.
func (a *Area) enter(w http.ResponseWriter, r *http.Request) {
	c, err := a.contestForm(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	pid, _ := parseID(r.PostForm.Get("project_id"))
	_, err = a.DB.EnterContest(r.Context(), c.ID, pid, request.User(r).ID, r.PostForm.Get("track"))
	to := "/contests/" + itoa(c.ID)
	if me := model.AsError(err); me != nil && me.Code != model.Forbidden {
		back(w, r, to, me.Key)
		return
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	back(w, r, to, "flash.contest.entered")
}

// withdraw removes the talent's entry before the deadline.
func (a *Area) withdraw(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	e, err := a.DB.EntryByID(r.Context(), id)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	to := "/contests/" + itoa(e.ContestID)
	if err := a.DB.WithdrawEntry(r.Context(), id, request.User(r).ID); err != nil {
		if model.ErrorCode(err) == model.Conflict {
			back(w, r, to, "err.contest.not_open")
			return
		}
		a.Render.Fail(w, r, err)
		return
	}
	back(w, r, to, "flash.contest.withdrawn")
}
