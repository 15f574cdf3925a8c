package contests

import (
	"net/http"
	"slices"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/request"
)

// owns reports whether u owns p: its talent, or a member of the delegation
// that brought it (the store's ownedBy, for a project already read).
func owns(u *model.User, p model.Project) bool {
	return p.OwnerUserID != nil && *p.OwnerUserID == u.ID ||
		u.Role == model.RoleDelegation && u.OrgID != nil && p.OrgID != nil && *p.OrgID == *u.OrgID
}

// mayView is who sees a project: its owners and organizers always;
// enterprises (parks and investors among them) and delegations a public
// one that is not withdrawn, as the catalogue lists it.
func mayView(u *model.User, p model.Project) bool {
	switch {
	case u.Role == model.RoleOrganizer || owns(u, p):
		return true
	case u.Role == model.RoleEnterprise || u.Role == model.RoleDelegation:
		return p.Visibility == model.VisibilityPublic && p.WithdrawnAt == nil
	}
	return false
}

// visibleProject loads the project in the path if the signed-in user may
// see it; to anyone else it does not exist.
func (a *Area) visibleProject(r *http.Request) (model.Project, error) {
	id, err := request.PathID(r)
	if err != nil {
		return model.Project{}, err
	}
	p, err := a.DB.LoadProject(r.Context(), id)
	if err == nil && !mayView(request.User(r), p) {
		err = model.ErrNotFound("project")
	}
	return p, err
}

// dockingKinds are the organizations whose members ask a project for a
// negotiation from its page (the docking area's counterparts).
var dockingKinds = []model.OrgKind{model.OrgEnterprise, model.OrgPark, model.OrgInvestor}

type projectDetailData struct {
	Project model.Project
	Org     *model.Organization // the delegation that brought it
	Results []store.EntryRow    // contests whose results are published
	CanEdit bool
	CanDock bool // an enterprise, park or investor may ask to negotiate
	CanAsk  bool // its owner (a talent or delegation) may ask a park or investor to negotiate
}

// detailPage shows a project to those who may see it: its details in the
// reader's language (the other when missing), the deck, published contest
// results; an edit link for its owners and organizers, and a negotiation
// request for enterprises, parks and investors.
func (a *Area) detailPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := a.visibleProject(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	u := request.User(r)
	d := projectDetailData{Project: p, CanEdit: (u.Role == model.RoleOrganizer || owns(u, p)) && p.WithdrawnAt == nil}
	d.CanAsk = d.CanEdit && (u.Role == model.RoleTalent || u.Role == model.RoleDelegation)
	if p.OrgID != nil {
		o, err := a.DB.Organization(ctx, *p.OrgID)
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		d.Org = &o
	}
	if u.Role == model.RoleEnterprise && u.OrgID != nil && p.WithdrawnAt == nil {
		o, err := a.DB.Organization(ctx, *u.OrgID)
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		d.CanDock = slices.Contains(dockingKinds, o.Kind)
	}
	es, err := a.DB.ProjectEntries(ctx, p.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	for _, e := range es {
		if e.Published && e.Status != model.EntrySubmitted {
			d.Results = append(d.Results, e)
		}
	}
	v := a.Render.View(r, "project.title", nil)
	d.Project.Field = vocab.Industry.Label(v.L, p.Field) // for display only
	if d.Org != nil {
		d.Org.Province = vocab.Province.Label(v.L, d.Org.Province)
	}
	v.Data = d
	v.Title = model.DisplayName(v.L, p.Title, p.TitleZH)
	a.Render.Page(w, r, http.StatusOK, "project_detail", v)
}
