package web

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
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
	Notes        []noteView // the talent's notifications, in the reader's language
	Recs         []recView  // the talent's recommended posts (match.go)
}

// dashboard is each role's home: what they have and what to do next.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	ctx := r.Context()
	d := dashData{}
	var err error
	if e, err := s.store.CurrentEdition(ctx); err == nil {
		d.Edition = &e
	}
	switch u.Role {
	case model.RoleOrganizer:
		http.Redirect(w, r, "/admin", http.StatusSeeOther)
		return
	case model.RoleTalent:
		var t model.Talent
		if t, err = s.store.TalentByUser(ctx, u.ID); err == nil {
			d.Talent = &t
			d.Recs = s.myRecs(r, t.ID)
			d.Applications, err = s.store.ApplicationsOfTalent(ctx, t.ID)
		}
		if err == nil {
			d.Projects, err = s.store.ListProjects(ctx, store.ProjectFilter{OwnerUserID: u.ID})
		}
		if err == nil {
			d.Notes, err = s.noteViews(r, u.ID)
		}
	case model.RoleEnterprise, model.RoleDelegation:
		var o model.Organization
		if o, err = s.store.Organization(ctx, *u.OrgID); err == nil {
			d.Org = &o
			if u.Role == model.RoleEnterprise {
				d.Posts, err = s.store.ListPosts(ctx, store.PostFilter{OrgID: o.ID})
				if err == nil {
					d.Applications, err = s.store.ApplicationsOfOrg(ctx, o.ID, 20, 0)
				}
			} else {
				d.Projects, err = s.store.ListProjects(ctx, store.ProjectFilter{OrgID: o.ID})
			}
		}
	case model.RoleJudge, model.RoleGate:
		if d.Edition != nil {
			d.Events, err = s.store.ListEvents(ctx, d.Edition.ID)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "dashboard", s.view(r, "dash.title", d))
}

func (s *Server) myApplications(w http.ResponseWriter, r *http.Request) {
	t, err := s.store.TalentByUser(r.Context(), currentUser(r).ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	apps, err := s.store.TalentApplications(r.Context(), t.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "applications", s.view(r, "apps.title", apps))
}
