package admin

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// editionNew is the empty form, in the zone most editions use.
func (a *Area) editionNew(w http.ResponseWriter, r *http.Request) {
	v := a.rd.View(r, "edition.new", editionData{Zones: render.CommonZones}) // the form's time zone suggestions
	v.Form.Set("time_zone", "Asia/Shanghai")
	a.rd.Page(w, r, http.StatusOK, "edition_new", v)
}

func (a *Area) createEdition(r *http.Request) (model.Edition, error) {
	var in editionInput
	var e model.Edition
	if err := request.Read(r, &in); err != nil {
		return e, err
	}
	if err := in.apply(&e); err != nil {
		return e, err
	}
	return e, a.db.CreateEdition(r.Context(), &e, request.User(r).ID)
}

func (a *Area) editionCreate(w http.ResponseWriter, r *http.Request) {
	e, err := a.createEdition(r)
	if err != nil {
		a.rd.FormError(w, r, "edition_new", "edition.new", err, nil)
		return
	}
	render.SetFlash(w, "flash.saved")
	http.Redirect(w, r, "/admin/editions/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
}

func (a *Area) apiEditionCreate(w http.ResponseWriter, r *http.Request) {
	e, err := a.createEdition(r)
	render.Answer(a.rd, w, r, http.StatusCreated, e, err, jsonview.EditionOf)
}
