package admin

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type orgListData struct {
	Orgs   []model.Organization
	Kind   string
	Status string
	Query  string
	// Posting is the edition whose posting organizations are listed (the
	// figure "enterprises posting"), 0 for any.
	Posting int64
}

func orgFilter(r *http.Request) store.OrgFilter {
	q := r.URL.Query()
	return store.OrgFilter{Kind: model.OrgKind(q.Get("kind")), Status: model.OrgStatus(q.Get("status")), Query: q.Get("q"),
		PostingIn: int64(request.QueryInt(r, "posting")), Limit: request.QueryInt(r, "limit"), Offset: request.QueryInt(r, "offset")}
}

func (a *Area) orgList(w http.ResponseWriter, r *http.Request) {
	f := orgFilter(r)
	orgs, err := a.DB.ListOrganizations(r.Context(), f)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "orgs.title", nil)
	v.Data = orgListData{orgsIn(v.L, orgs), string(f.Kind), string(f.Status), f.Query, f.PostingIn}
	a.Render.Page(w, r, http.StatusOK, "orgs", v)
}

func (a *Area) apiOrgs(w http.ResponseWriter, r *http.Request) {
	f := orgFilter(r)
	var orgs []model.Organization
	var err error
	if f.Limit, f.Offset, err = request.Page(r); err == nil {
		orgs, err = a.DB.ListOrganizations(r.Context(), f)
	}
	render.Answer(a.Render, w, r, http.StatusOK, orgs, err, func(l []model.Organization) []jsonview.Org { return jsonview.Map(l, jsonview.OrgOf) })
}
