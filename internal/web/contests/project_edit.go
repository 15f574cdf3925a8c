package contests

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/request"
)

// projectEditInput is the edit form (and its JSON twin): the creation
// form's fields and the details kept up to date.
type projectEditInput struct {
	projectInput
	SummaryZH string `json:"summary_zh"`
	Team      string `json:"team"`
	IPStatus  string `json:"ip_status"`
}

func editInputOf(p model.Project) projectEditInput {
	return projectEditInput{
		projectInput: projectInput{Title: p.Title, TitleZH: p.TitleZH, Summary: p.Summary, Field: p.Field, Stage: p.Stage,
			FundingSought: p.FundingSought, Visibility: string(p.Visibility), Kind: string(p.Source)},
		SummaryZH: p.SummaryZH, Team: p.Team, IPStatus: string(p.IPStatus),
	}
}

// apply writes the input over p's details.
func (in projectEditInput) apply(p *model.Project) {
	in.projectInput.apply(p)
	p.SummaryZH, p.Team, p.IPStatus = in.SummaryZH, in.Team, model.IPStatus(in.IPStatus)
}

type projectEditData struct {
	Project      model.Project
	Kinds        []model.ProjectSource // for a person's project; none for a delegation's
	Stages       []string
	IPStatuses   []model.IPStatus
	Visibilities []model.Visibility
}

func editData(p model.Project) projectEditData {
	d := projectEditData{Project: p, Stages: model.ProjectStages, IPStatuses: model.IPStatuses, Visibilities: model.Visibilities}
	if p.Source == model.SourceTalent || p.Source == model.SourceExpert {
		d.Kinds = personKinds
	}
	return d
}

// editPage shows the project's details in a form to its owner, a member
// of its delegation, or an organizer.
func (a *Area) editPage(w http.ResponseWriter, r *http.Request) {
	p, err := a.ownProject(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "project.edit", editData(p))
	request.EncodeForm(v.Form, editInputOf(p))
	a.Render.Page(w, r, http.StatusOK, "project_edit", v)
}

// editSave saves the form: every field checked at once, nothing changed
// on bad input (the form comes back with each field's problem), and the
// store checks again, in the update itself, who may and that the project
// is not withdrawn.
func (a *Area) editSave(w http.ResponseWriter, r *http.Request) {
	p, err := a.ownProject(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var in projectEditInput
	err = request.DecodeThen(r, &in, func() error {
		in.apply(&p)
		return in.projectInput.checked(&p)
	})
	if err == nil {
		err = a.DB.UpdateProject(r.Context(), &p, request.User(r).ID)
	}
	if err != nil {
		a.Render.FormError(w, r, "project_edit", "project.edit", err, editData(p))
		return
	}
	back(w, r, "/projects/"+itoa(p.ID), "flash.project.saved")
}
