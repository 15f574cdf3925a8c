package admin

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// newEditionInput is an edition's fields and, optionally, the edition
// whose structure it starts with.
type newEditionInput struct {
	jsonview.EditionFields
	CopyFrom int64 `json:"copy_from"`
}

// newEditionData is the form's choices: zones, and the editions to copy
// (the latest chosen at first: the usual next step).
func (a *Area) newEditionData(r *http.Request) (editionData, error) {
	eds, err := a.DB.ListEditions(r.Context())
	return editionData{Zones: render.CommonZones, Previous: eds}, err
}

// editionNew is the empty form, in the zone most editions use.
func (a *Area) editionNew(w http.ResponseWriter, r *http.Request) {
	d, err := a.newEditionData(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "edition.new", d)
	v.Form.Set("time_zone", "Asia/Shanghai")
	if len(d.Previous) > 0 {
		v.Form.Set("copy_from", strconv.FormatInt(d.Previous[0].ID, 10))
	}
	a.Render.Page(w, r, http.StatusOK, "edition_new", v)
}

func (a *Area) createEdition(r *http.Request) (model.Edition, error) {
	var in newEditionInput
	var e model.Edition
	if err := request.Read(r, &in); err != nil {
		return e, err
	}
	if err := editionInput(in.EditionFields).apply(&e); err != nil {
		return e, err
	}
	if in.CopyFrom != 0 {
		return e, a.DB.CreateEditionFrom(r.Context(), &e, in.CopyFrom, request.User(r).ID)
	}
	return e, a.DB.CreateEdition(r.Context(), &e, request.User(r).ID)
}

func (a *Area) editionCreate(w http.ResponseWriter, r *http.Request) {
	e, err := a.createEdition(r)
	if err != nil {
		d, derr := a.newEditionData(r)
		if derr != nil {
			err = derr
		}
		a.Render.FormError(w, r, "edition_new", "edition.new", err, d)
		return
	}
	render.SetFlash(w, "flash.saved")
	http.Redirect(w, r, "/admin/editions/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
}

func (a *Area) apiEditionCreate(w http.ResponseWriter, r *http.Request) {
	e, err := a.createEdition(r)
	render.Answer(a.Render, w, r, http.StatusCreated, e, err, jsonview.EditionOf)
}
