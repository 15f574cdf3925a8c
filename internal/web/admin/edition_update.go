package admin

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

func (a *Area) updateEdition(r *http.Request) (model.Edition, error) {
	id, err := request.PathID(r)
	if err != nil {
		return model.Edition{}, err
	}
	e, err := a.DB.Edition(r.Context(), id)
	if err != nil {
		return e, err
	}
	var in editionInput
	if err := request.Read(r, &in); err != nil {
		return e, err
	}
	if err := in.apply(&e); err != nil {
		return e, err
	}
	return e, a.DB.UpdateEdition(r.Context(), &e, request.User(r).ID)
}

func (a *Area) editionUpdate(w http.ResponseWriter, r *http.Request) {
	e, err := a.updateEdition(r)
	a.backToEdition(w, r, e.ID, err)
}

func (a *Area) apiEditionUpdate(w http.ResponseWriter, r *http.Request) {
	e, err := a.updateEdition(r)
	render.Answer(a.Render, w, r, http.StatusOK, e, err, jsonview.EditionOf)
}
