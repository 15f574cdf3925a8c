package admin

import (
	"net/http"

	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

func (a *Area) editionList(w http.ResponseWriter, r *http.Request) {
	eds, err := a.DB.ListEditions(r.Context())
	a.Render.Show(w, r, "editions", "editions.title", eds, err)
}

func (a *Area) apiEditions(w http.ResponseWriter, r *http.Request) {
	eds, err := a.DB.ListEditions(r.Context())
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.JSON(w, http.StatusOK, jsonview.Map(eds, jsonview.EditionOf))
}

func (a *Area) apiEdition(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	e, err := a.DB.Edition(r.Context(), id)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	render.JSON(w, http.StatusOK, jsonview.EditionOf(e))
}
