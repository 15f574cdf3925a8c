package meetings

import (
	"context"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// negotiationChoices is what the negotiation form offers by name, chosen as
// the docking request page chooses (docking/request.go): a project's side
// (its talent or delegation) picks one of its projects and the organization
// to meet; a park, investor or enterprise picks a project selected in a
// contest and meets it as its own organization, so it picks no organization.
type negotiationChoices struct {
	Projects    []model.Project
	Orgs        []orgGroup // approved parks, investors and enterprises
	Counterpart bool
}

type orgGroup struct {
	Kind model.OrgKind
	Orgs []model.Organization
}

// counterpartKinds are the organizations a project's side may ask to meet,
// in the order the form groups them.
var counterpartKinds = []model.OrgKind{model.OrgPark, model.OrgInvestor, model.OrgEnterprise}

func (a *Area) negotiationChoices(ctx context.Context, u *model.User) (negotiationChoices, error) {
	var c negotiationChoices
	e, err := a.DB.CurrentEdition(ctx)
	if model.IsNotFound(err) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if u.Role == model.RoleEnterprise {
		c.Counterpart = true
		c.Projects, err = a.DB.SelectedProjects(ctx, e.ID)
		return c, err
	}
	f := store.ProjectFilter{EditionID: e.ID, OwnerUserID: u.ID, Limit: 200}
	if u.OrgID != nil {
		f = store.ProjectFilter{EditionID: e.ID, OrgID: *u.OrgID, Limit: 200}
	}
	l, err := a.DB.ListProjects(ctx, f)
	if err != nil {
		return c, err
	}
	for _, p := range l {
		if p.WithdrawnAt == nil { // a withdrawn project starts no docking
			c.Projects = append(c.Projects, p)
		}
	}
	for _, k := range counterpartKinds {
		l, err := a.DB.ListOrganizations(ctx, store.OrgFilter{Kind: k, Status: model.OrgApproved, Limit: 200})
		if err != nil {
			return c, err
		}
		g := orgGroup{Kind: k}
		for _, o := range l {
			if u.OrgID == nil || o.ID != *u.OrgID { // a project's own organization is no counterpart
				g.Orgs = append(g.Orgs, o)
			}
		}
		if len(g.Orgs) > 0 {
			c.Orgs = append(c.Orgs, g)
		}
	}
	return c, nil
}
