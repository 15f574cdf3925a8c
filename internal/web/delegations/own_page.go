package delegations

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/request"
)

type ownData struct {
	Org      model.Organization
	Figures  store.DelegationFigures
	Members  []store.DelegationMember
	Projects []model.Project
	IsLead   bool
	// Invited is the member just invited and their first password, shown
	// once to the lead to pass on.
	Invited  *model.User
	Password string
}

func (a *Area) loadOwn(r *http.Request) (ownData, error) {
	var d ownData
	org, err := myDelegation(r)
	if err != nil {
		return d, err
	}
	ctx := r.Context()
	if d.Org, err = a.DB.Organization(ctx, org); err != nil {
		return d, err
	}
	ed, err := a.edition(r)
	if err != nil {
		return d, err
	}
	figs, err := a.DB.DelegationsFigures(ctx, ed, org)
	if err != nil {
		return d, err
	}
	if len(figs) == 1 {
		d.Figures = figs[0]
	}
	if d.Members, err = a.DB.DelegationMembers(ctx, org); err != nil {
		return d, err
	}
	for _, m := range d.Members {
		if m.Lead && m.ID == request.User(r).ID {
			d.IsLead = true
		}
	}
	if ed != 0 {
		d.Projects, err = a.DB.ListProjects(ctx, store.ProjectFilter{EditionID: ed, OrgID: org, Limit: 200})
	}
	lang := request.Locale(r) // the province and fields for display only
	d.Org.Province = vocab.Province.Label(lang, d.Org.Province)
	for i := range d.Projects {
		d.Projects[i].Field = vocab.Industry.Label(lang, d.Projects[i].Field)
	}
	return d, err
}

func (a *Area) ownPage(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadOwn(r)
	a.Render.Show(w, r, "delegation_page", "delegations.own", d, err)
}
