package account

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

type homeData struct {
	Edition *model.Edition
	Venues  []model.Venue
	Fairs   []fairView
	Events  []model.Event
	Counts  store.Counts
}

// fairView is a fair with its remote sessions (video fairs only).
type fairView struct {
	model.Fair
	Sessions []model.RemoteSession
}

// home is the current edition: its figures, fairs, venues and events.
func (a *Area) home(w http.ResponseWriter, r *http.Request) {
	d := homeData{}
	ctx := r.Context()
	e, err := a.db.CurrentEdition(ctx)
	if err != nil && !model.IsNotFound(err) {
		a.rd.Fail(w, r, err)
		return
	}
	if err == nil {
		d.Edition = &e
		if d.Venues, err = a.db.ListVenues(ctx, e.ID); err == nil {
			d.Fairs, err = a.fairViews(r, e.ID)
		}
		if err == nil {
			d.Events, err = a.db.ListEvents(ctx, e.ID)
		}
		if err == nil {
			d.Counts, err = a.db.Counts(ctx, e.ID)
		}
		if err != nil {
			a.rd.Fail(w, r, err)
			return
		}
	}
	a.rd.Page(w, r, http.StatusOK, "home", a.rd.View(r, "home.title", d))
}

// fairViews are an edition's fairs, the video fairs with their sessions.
func (a *Area) fairViews(r *http.Request, editionID int64) ([]fairView, error) {
	fairs, err := a.db.ListFairs(r.Context(), editionID)
	if err != nil {
		return nil, err
	}
	out := make([]fairView, len(fairs))
	for i, f := range fairs {
		out[i].Fair = f
		if f.Kind == model.FairVideo {
			if out[i].Sessions, err = a.db.ListRemoteSessions(r.Context(), f.ID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
