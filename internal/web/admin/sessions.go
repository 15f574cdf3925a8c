package admin

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// createSession adds a remote session to a (video) fair; the fair comes
// back too, for the page to return to its edition.
func (a *Area) createSession(r *http.Request) (model.RemoteSession, model.Fair, error) {
	id, err := request.PathID(r)
	if err != nil {
		return model.RemoteSession{}, model.Fair{}, err
	}
	f, err := a.DB.Fair(r.Context(), id)
	if err != nil {
		return model.RemoteSession{}, f, err
	}
	var in sessionInput
	if err := request.Read(r, &in); err != nil {
		return model.RemoteSession{}, f, err
	}
	rs := model.RemoteSession{FairID: id}
	if err := in.apply(&rs); err != nil {
		return rs, f, err
	}
	return rs, f, a.DB.CreateRemoteSession(r.Context(), &rs)
}

func (a *Area) sessionCreate(w http.ResponseWriter, r *http.Request) {
	_, f, err := a.createSession(r)
	a.backToEdition(w, r, f.EditionID, err)
}

func (a *Area) apiSessionCreate(w http.ResponseWriter, r *http.Request) {
	rs, _, err := a.createSession(r)
	render.Answer(a.Render, w, r, http.StatusCreated, rs, err, jsonview.SessionOf)
}
