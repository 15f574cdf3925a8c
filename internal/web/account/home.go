package account

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

type homeData struct {
	Edition *model.Edition
	Venues  []model.Venue
	Fairs   []store.FairSessions
	Events  []model.Event
	Counts  store.Counts
}

// home is the current edition: its figures, fairs, venues and events.
func (a *Area) home(w http.ResponseWriter, r *http.Request) {
	d := homeData{}
	ctx := r.Context()
	e, err := a.DB.CurrentEdition(ctx)
	if err != nil && !model.IsNotFound(err) {
		a.Render.Fail(w, r, err)
		return
	}
	if err == nil {
		d.Edition = &e
		if d.Venues, err = a.DB.ListVenues(ctx, e.ID); err == nil {
			d.Fairs, err = a.DB.FairsWithSessions(r.Context(), e.ID)
		}
		if err == nil {
			d.Events, err = a.DB.ListEvents(ctx, e.ID)
		}
		if err == nil {
			d.Counts, err = a.DB.Counts(ctx, e.ID)
		}
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
	}
	a.Render.Page(w, r, http.StatusOK, "home", a.Render.View(r, "home.title", d))
}
