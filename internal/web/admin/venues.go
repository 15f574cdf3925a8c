package admin

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

func (a *Area) createVenue(r *http.Request) (model.Venue, error) {
	id, err := request.PathID(r)
	if err != nil {
		return model.Venue{}, err
	}
	if _, err := a.DB.Edition(r.Context(), id); err != nil {
		return model.Venue{}, err
	}
	var in venueInput
	v := model.Venue{EditionID: id}
	if err := request.DecodeThen(r, &in, func() error { return in.apply(&v) }); err != nil {
		return v, err
	}
	return v, a.DB.CreateVenue(r.Context(), &v)
}

func (a *Area) venueCreate(w http.ResponseWriter, r *http.Request) {
	v, err := a.createVenue(r)
	a.backToEdition(w, r, v.EditionID, err)
}

func (a *Area) apiVenueCreate(w http.ResponseWriter, r *http.Request) {
	v, err := a.createVenue(r)
	render.Answer(a.Render, w, r, http.StatusCreated, v, err, jsonview.VenueOf)
}

func (a *Area) updateVenue(r *http.Request) (model.Venue, error) {
	id, err := request.PathID(r)
	if err != nil {
		return model.Venue{}, err
	}
	v, err := a.DB.Venue(r.Context(), id)
	if err != nil {
		return v, err
	}
	var in venueInput
	if err := request.DecodeThen(r, &in, func() error { return in.apply(&v) }); err != nil {
		return v, err
	}
	return v, a.DB.UpdateVenue(r.Context(), &v)
}

func (a *Area) venueUpdate(w http.ResponseWriter, r *http.Request) {
	v, err := a.updateVenue(r)
	a.backToEdition(w, r, v.EditionID, err)
}

func (a *Area) apiVenueUpdate(w http.ResponseWriter, r *http.Request) {
	v, err := a.updateVenue(r)
	render.Answer(a.Render, w, r, http.StatusOK, v, err, jsonview.VenueOf)
}
