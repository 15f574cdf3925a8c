package admin

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
)

// searchShown is how many of each kind a search shows.
const searchShown = 20

type searchData struct {
	Query   string
	Orgs    []model.Organization
	Talents []model.Talent
	Posts   []model.Post
}

// doSearch looks for q in organizations, talents and posts at once.
func (a *Area) doSearch(r *http.Request) (searchData, error) {
	d := searchData{Query: r.URL.Query().Get("q")}
	if d.Query == "" {
		return d, nil
	}
	var err error
	ctx := r.Context()
	if d.Orgs, err = a.DB.ListOrganizations(ctx, store.OrgFilter{Query: d.Query, Limit: searchShown}); err != nil {
		return d, err
	}
	if d.Talents, err = a.DB.ListTalents(ctx, store.TalentFilter{Query: d.Query, Limit: searchShown}); err != nil {
		return d, err
	}
	d.Posts, err = a.DB.ListPosts(ctx, store.PostFilter{Query: d.Query, Limit: searchShown})
	return d, err
}

func (a *Area) search(w http.ResponseWriter, r *http.Request) {
	d, err := a.doSearch(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "search.title", nil)
	d.Orgs, d.Talents, d.Posts = orgsIn(v.L, d.Orgs), talentsIn(v.L, d.Talents), postsIn(v.L, d.Posts)
	v.Data = d
	a.Render.Page(w, r, http.StatusOK, "search", v)
}

type searchJSON struct {
	Query   string            `json:"query"`
	Orgs    []jsonview.Org    `json:"organizations"`
	Talents []jsonview.Talent `json:"talents"`
	Posts   []jsonview.Post   `json:"posts"`
}

func (a *Area) apiSearch(w http.ResponseWriter, r *http.Request) {
	d, err := a.doSearch(r)
	render.Answer(a.Render, w, r, http.StatusOK, d, err, func(d searchData) searchJSON {
		return searchJSON{d.Query, jsonview.Map(d.Orgs, jsonview.OrgOf), jsonview.Map(d.Talents, jsonview.TalentOf), jsonview.Map(d.Posts, jsonview.PostOf)}
	})
}
