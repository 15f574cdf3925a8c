package admin

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// setOrgStatus approves or rejects an organization.
func (a *Area) setOrgStatus(r *http.Request) (model.Organization, error) {
	id, err := request.PathID(r)
	if err != nil {
		return model.Organization{}, err
	}
	var in statusInput
	if err := request.Read(r, &in); err != nil {
		return model.Organization{}, err
	}
	if err := a.DB.SetOrgStatus(r.Context(), id, model.OrgStatus(in.Status), request.User(r).ID); err != nil {
		return model.Organization{}, err
	}
	return a.DB.Organization(r.Context(), id)
}

func (a *Area) orgStatus(w http.ResponseWriter, r *http.Request) {
	if _, err := a.setOrgStatus(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.SetFlash(w, "flash.saved")
	http.Redirect(w, r, request.SafeNext(r.PostForm.Get("next")), http.StatusSeeOther)
}

func (a *Area) apiOrgStatus(w http.ResponseWriter, r *http.Request) {
	o, err := a.setOrgStatus(r)
	render.Answer(a.Render, w, r, http.StatusOK, o, err, jsonview.OrgOf)
}
