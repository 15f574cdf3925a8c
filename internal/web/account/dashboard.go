package account

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/recview"
	"github.com/convene/convene/internal/web/request"
)

type dashData struct {
	Talent       *model.Talent
	Org          *model.Organization
	Applications []model.Application
	Posts        []model.Post
	Projects     []model.Project
	Pending      []model.Organization
	Edition      *model.Edition
	Events       []model.Event
	Notes        []noteView    // the talent's notifications, in the reader's language
	Recs         []recview.Rec // the talent's recommended posts
}

// dashboard is each role's home: what they have and what to do next.
func (a *Area) dashboard(w http.ResponseWriter, r *http.Request) {
	u := request.User(r)
	ctx := r.Context()
	d := dashData{}
	var err error
	if e, err := a.db.CurrentEdition(ctx); err == nil {
		d.Edition = &e
	}
	switch u.Role {
	case model.RoleOrganizer:
		http.Redirect(w, r, "/admin", http.StatusSeeOther)
		return
	case model.RoleTalent:
		var t model.Talent
		if t, err = a.db.TalentByUser(ctx, u.ID); err == nil {
			d.Talent = &t
			d.Recs = a.myRecs(r, t.ID)
			d.Applications, err = a.db.ApplicationsOfTalent(ctx, t.ID)
		}
		if err == nil {
			d.Projects, err = a.db.ListProjects(ctx, store.ProjectFilter{OwnerUserID: u.ID})
		}
		if err == nil {
			d.Notes, err = a.noteViews(r, u.ID)
		}
	case model.RoleEnterprise, model.RoleDelegation:
		var o model.Organization
		if o, err = a.db.Organization(ctx, *u.OrgID); err == nil {
			d.Org = &o
			if u.Role == model.RoleEnterprise {
				d.Posts, err = a.db.ListPosts(ctx, store.PostFilter{OrgID: o.ID})
				if err == nil {
					d.Applications, err = a.db.ApplicationsOfOrg(ctx, o.ID, 20, 0)
				}
			} else {
				d.Projects, err = a.db.ListProjects(ctx, store.ProjectFilter{OrgID: o.ID})
			}
		}
	case model.RoleJudge, model.RoleGate:
		if d.Edition != nil {
			d.Events, err = a.db.ListEvents(ctx, d.Edition.ID)
		}
	}
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	a.rd.Page(w, r, http.StatusOK, "dashboard", a.rd.View(r, "dash.title", d))
}

// myRecs is the signed-in talent's recommendations, with their reasons.
// Matching is a help, not the page: a failure is logged and shows nothing.
func (a *Area) myRecs(r *http.Request, talentID int64) []recview.Rec {
	sg, err := a.suggest.Suggest(r.Context(), talentID, recview.Shown, 0, false)
	if err != nil {
		a.log.Warn("recommendations", "err", err, "req", request.From(r).ID)
		return nil
	}
	return recview.In(a.rd, request.Locale(r)).Suggestions(sg, false)
}
