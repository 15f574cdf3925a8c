package admin

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

type homeData struct {
	Edition *model.Edition
	Counts  store.Counts
	Orgs    []model.Organization // waiting for approval
}

// home is the organizer's start: the current edition's counters and the
// organizations waiting for approval.
func (a *Area) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d := homeData{}
	var err error
	if e, err := a.DB.CurrentEdition(ctx); err == nil {
		d.Edition = &e
		if d.Counts, err = a.DB.Counts(ctx, e.ID); err != nil {
			a.Render.Fail(w, r, err)
			return
		}
	}
	if d.Orgs, err = a.DB.ListOrganizations(ctx, store.OrgFilter{Status: model.OrgPending}); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "admin.title", nil)
	d.Orgs = orgsIn(v.L, d.Orgs)
	v.Data = d
	a.Render.Page(w, r, http.StatusOK, "admin", v)
}
