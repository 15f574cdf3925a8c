package admin

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

func (a *Area) createFair(r *http.Request) (model.Fair, error) {
	id, err := request.PathID(r)
	if err != nil {
		return model.Fair{}, err
	}
	if _, err := a.DB.Edition(r.Context(), id); err != nil {
		return model.Fair{}, err
	}
	var in fairInput
	if err := request.Read(r, &in); err != nil {
		return model.Fair{}, err
	}
	f := model.Fair{EditionID: id}
	if err := in.apply(&f); err != nil {
		return f, err
	}
	if err := a.checkVenue(r, f); err != nil {
		return f, err
	}
	return f, a.DB.CreateFair(r.Context(), &f)
}

func (a *Area) fairCreate(w http.ResponseWriter, r *http.Request) {
	f, err := a.createFair(r)
	a.backToEdition(w, r, f.EditionID, err)
}

func (a *Area) apiFairCreate(w http.ResponseWriter, r *http.Request) {
	f, err := a.createFair(r)
	render.Answer(a.Render, w, r, http.StatusCreated, f, err, jsonview.FairOf)
}

func (a *Area) updateFair(r *http.Request) (model.Fair, error) {
	id, err := request.PathID(r)
	if err != nil {
		return model.Fair{}, err
	}
	f, err := a.DB.Fair(r.Context(), id)
	if err != nil {
		return f, err
	}
	var in fairInput
	if err := request.DecodeThen(r, &in, func() error { return in.apply(&f) }); err != nil {
		return f, err
	}
	if err := a.checkVenue(r, f); err != nil {
		return f, err
	}
	return f, a.DB.UpdateFair(r.Context(), &f)
}

func (a *Area) fairUpdate(w http.ResponseWriter, r *http.Request) {
	f, err := a.updateFair(r)
	a.backToEdition(w, r, f.EditionID, err)
}

func (a *Area) apiFairUpdate(w http.ResponseWriter, r *http.Request) {
	f, err := a.updateFair(r)
	render.Answer(a.Render, w, r, http.StatusOK, f, err, jsonview.FairOf)
}

// checkVenue refuses a fair's venue from another edition (or none at all).
func (a *Area) checkVenue(r *http.Request, f model.Fair) error {
	if f.VenueID == nil {
		return nil
	}
	if v, err := a.DB.Venue(r.Context(), *f.VenueID); err != nil || v.EditionID != f.EditionID {
		return model.Errorf(model.Invalid, "err.invalid", "venue_id", "err.choice")
	}
	return nil
}
