package admin

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/store"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// editionData is the edition's page: its own form and one for each venue,
// fair and remote session.
type editionData struct {
	Edition model.Edition
	Venues  []model.Venue
	Fairs   []store.FairSessions
	Zones   []string
	Kinds   []model.FairKind
	// Previous are the editions a new one may copy its structure from.
	Previous []model.Edition
}

func (a *Area) editionData(r *http.Request) (editionData, error) {
	d := editionData{Zones: render.CommonZones, Kinds: model.FairKinds}
	id, err := request.PathID(r)
	if err != nil {
		return d, err
	}
	if d.Edition, err = a.DB.Edition(r.Context(), id); err != nil {
		return d, err
	}
	if d.Venues, err = a.DB.ListVenues(r.Context(), id); err != nil {
		return d, err
	}
	d.Fairs, err = a.DB.FairsWithSessions(r.Context(), id)
	return d, err
}

func (a *Area) editionPage(w http.ResponseWriter, r *http.Request) {
	d, err := a.editionData(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v := a.Render.View(r, "edition.title", d)
	e := d.Edition
	for k, val := range map[string]string{"slug": e.Slug, "name": e.Name, "name_zh": e.NameZH, "city": e.City,
		"start_date": e.StartDate.Format("2006-01-02"), "end_date": e.EndDate.Format("2006-01-02"), "time_zone": e.TimeZone} {
		v.Form.Set(k, val)
	}
	if e.Current {
		v.Form.Set("current", "on")
	}
	a.Render.Page(w, r, http.StatusOK, "edition", v)
}

// backToEdition ends every form of the edition page: on success a flash and
// a redirect to the page; on bad input the page again with the problems
// (editionID 0: the thing itself was not found, so a plain error).
func (a *Area) backToEdition(w http.ResponseWriter, r *http.Request, editionID int64, err error) {
	if err != nil {
		if editionID == 0 {
			a.Render.Fail(w, r, err)
			return
		}
		r.SetPathValue("id", strconv.FormatInt(editionID, 10))
		d, derr := a.editionData(r)
		if derr != nil {
			a.Render.Fail(w, r, derr)
			return
		}
		a.Render.FormError(w, r, "edition", "edition.title", err, d)
		return
	}
	render.SetFlash(w, "flash.saved")
	http.Redirect(w, r, "/admin/editions/"+strconv.FormatInt(editionID, 10), http.StatusSeeOther)
}
