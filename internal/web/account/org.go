package account

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// Organization profile, for its enterprise or delegation members.

type orgInput struct {
	Name      string `json:"name"`
	NameZH    string `json:"name_zh"`
	Industry  string `json:"industry"`
	Size      string `json:"size"`
	Province  string `json:"province"`
	Foreign   bool   `json:"foreign"`
	Global500 bool   `json:"global500"`
}

func (in orgInput) apply(o *model.Organization) error {
	o.Name, o.NameZH, o.Industry, o.Size, o.Province, o.Foreign = in.Name, in.NameZH, in.Industry, in.Size, in.Province, in.Foreign
	// Global-500 status is an organizer's call; members cannot claim it.
	return o.Validate()
}

func (a *Area) saveOrg(r *http.Request) (model.Organization, error) {
	o, err := a.DB.Organization(r.Context(), *request.User(r).OrgID)
	if err != nil {
		return o, err
	}
	var in orgInput
	if err := request.Read(r, &in); err != nil {
		return o, err
	}
	if err := in.apply(&o); err != nil {
		return o, err
	}
	return o, a.DB.UpdateOwnOrganization(r.Context(), &o)
}

func (a *Area) orgForm(w http.ResponseWriter, r *http.Request) {
	o, err := a.DB.Organization(r.Context(), *request.User(r).OrgID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "org.title", o)
	v.Form.Set("name", o.Name)
	v.Form.Set("name_zh", o.NameZH)
	v.Form.Set("industry", o.Industry)
	v.Form.Set("size", o.Size)
	v.Form.Set("province", o.Province)
	if o.Foreign {
		v.Form.Set("foreign", "on")
	}
	a.Render.Page(w, r, http.StatusOK, "org", v)
}

func (a *Area) orgSave(w http.ResponseWriter, r *http.Request) {
	o, err := a.saveOrg(r)
	if err != nil {
		a.Render.FormError(w, r, "org", "org.title", err, o)
		return
	}
	render.SetFlash(w, "flash.saved")
	http.Redirect(w, r, "/org", http.StatusSeeOther)
}

func (a *Area) apiOrg(w http.ResponseWriter, r *http.Request) {
	o, err := a.DB.Organization(r.Context(), *request.User(r).OrgID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.JSON(w, http.StatusOK, jsonview.OrgOf(o))
}

func (a *Area) apiOrgSave(w http.ResponseWriter, r *http.Request) {
	o, err := a.saveOrg(r)
	render.Answer(a.Render, w, r, http.StatusOK, o, err, jsonview.OrgOf)
}
