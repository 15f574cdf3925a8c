package account

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/recview"
	"github.com/convene/convene/internal/web/request"
)

type dashData struct {
	Talent       *model.Talent
	Org          *model.Organization
	Applications []model.Application
	Posts        []model.Post // an enterprise's newest posts, homePosts at most
	MorePosts    bool         // it has more (on /org/posts)
	Received     int          // applications to its posts
	Projects     []model.Project
	Pending      []model.Organization
	Edition      *model.Edition
	Events       []model.Event
	Notes        []noteView    // the user's notifications, in the reader's language
	Recs         []recview.Rec // the talent's recommended posts
}

// homePosts is how many of an enterprise's posts its home lists: the
// home is a summary (all 40 of the demo's made it 3,100 px on a phone).
const homePosts = 8

// dashboard is each role's home: what they have and what to do next.
func (a *Area) dashboard(w http.ResponseWriter, r *http.Request) {
	u := request.User(r)
	ctx := r.Context()
	d := dashData{}
	var err error
	if e, err := a.DB.CurrentEdition(ctx); err == nil {
		d.Edition = &e
	}
	switch u.Role {
	case model.RoleOrganizer:
		http.Redirect(w, r, "/admin", http.StatusSeeOther)
		return
	case model.RoleTalent:
		var t model.Talent
		if t, err = a.DB.TalentByUser(ctx, u.ID); err == nil {
			d.Talent = &t
			d.Recs = a.myRecs(r, t.ID)
			d.Applications, err = a.DB.ApplicationsOfTalent(ctx, t.ID)
		}
		if err == nil {
			d.Projects, err = a.DB.ListProjects(ctx, store.ProjectFilter{OwnerUserID: u.ID})
		}
	case model.RoleEnterprise, model.RoleDelegation:
		var o model.Organization
		if o, err = a.DB.Organization(ctx, *u.OrgID); err == nil {
			d.Org = &o
			if u.Role == model.RoleEnterprise {
				d.Posts, err = a.DB.ListPosts(ctx, store.PostFilter{OrgID: o.ID, Limit: homePosts + 1})
				if d.MorePosts = len(d.Posts) > homePosts; d.MorePosts {
					d.Posts = d.Posts[:homePosts]
				}
				if err == nil {
					d.Received, err = a.DB.ApplicationsToOrg(ctx, o.ID)
				}
			} else {
				d.Projects, err = a.DB.ListProjects(ctx, store.ProjectFilter{OrgID: o.ID})
			}
		}
	case model.RoleJudge, model.RoleGate:
		if d.Edition != nil {
			d.Events, err = a.DB.ListEvents(ctx, d.Edition.ID)
		}
	}
	if err == nil { // every role's: dockings, booths and meetings notify organizations' members too
		d.Notes, err = a.noteViews(r, u.ID)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "dash.title", nil)
	inLang(v.L, &d)
	v.Data = d
	a.Render.Page(w, r, http.StatusOK, "dashboard", v)
}

// inLang puts the talent's discipline and skills and the projects' fields
// under the vocabulary's labels in lang (as typed when unknown): for
// display only, on copies, so the profile form keeps what was stored.
func inLang(lang string, d *dashData) {
	if d.Talent != nil {
		t := *d.Talent
		t.Discipline, t.Skills = vocab.Discipline.Label(lang, t.Discipline), vocab.Skill.LabelAll(lang, t.Skills)
		d.Talent = &t
	}
	ps := make([]model.Project, len(d.Projects))
	for i, p := range d.Projects {
		p.Field = vocab.Industry.Label(lang, p.Field)
		ps[i] = p
	}
	d.Projects = ps
}

// myRecs is the signed-in talent's recommendations, with their reasons.
// Matching is a help, not the page: a failure is logged and shows nothing.
func (a *Area) myRecs(r *http.Request, talentID int64) []recview.Rec {
	sg, err := a.Suggest.Suggest(r.Context(), talentID, recview.Shown, 0, false)
	if err != nil {
		a.Log.Warn("recommendations", "err", err, "req", request.From(r).ID)
		return nil
	}
	return recview.In(a.Render, request.Locale(r)).Suggestions(sg, false)
}
