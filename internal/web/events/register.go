package events

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// register takes a seat, or a place on the waitlist when the event is full.
func (a *Area) register(r *http.Request) (store.Registration, error) {
	id, err := request.PathID(r)
	if err != nil {
		return store.Registration{}, err
	}
	e, err := a.DB.EventInfo(r.Context(), id)
	if err != nil {
		return store.Registration{}, err
	}
	if !audienceAllows(e.Audience, request.User(r)) {
		return store.Registration{}, model.Errorf(model.Forbidden, "err.events.audience")
	}
	return a.DB.RegisterForEvent(r.Context(), id, request.User(r).ID)
}

func back(w http.ResponseWriter, r *http.Request, flash string) {
	render.SetFlash(w, flash)
	http.Redirect(w, r, "/events/"+r.PathValue("id"), http.StatusSeeOther)
}

func (a *Area) registerPost(w http.ResponseWriter, r *http.Request) {
	reg, err := a.register(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if reg.Status == store.RegWaitlisted {
		back(w, r, "flash.events.waitlisted")
		return
	}
	back(w, r, "flash.events.registered")
}

func (a *Area) apiRegister(w http.ResponseWriter, r *http.Request) {
	reg, err := a.register(r)
	render.Answer(a.Render, w, r, http.StatusCreated, reg, err, registrationJSON)
}

// cancel gives up a seat, an offer or a place in line.
func (a *Area) cancel(r *http.Request) error {
	id, err := request.PathID(r)
	if err != nil {
		return err
	}
	return a.DB.CancelRegistration(r.Context(), id, request.User(r).ID)
}

func (a *Area) cancelPost(w http.ResponseWriter, r *http.Request) {
	if err := a.cancel(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	back(w, r, "flash.events.cancelled")
}

func (a *Area) apiCancel(w http.ResponseWriter, r *http.Request) {
	if err := a.cancel(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// accept takes an offered seat while the hold lasts.
func (a *Area) accept(r *http.Request) (store.Registration, error) {
	id, err := request.PathID(r)
	if err != nil {
		return store.Registration{}, err
	}
	u := request.User(r).ID
	if err := a.DB.AcceptOffer(r.Context(), id, u); err != nil {
		return store.Registration{}, err
	}
	return a.DB.RegistrationOf(r.Context(), id, u)
}

func (a *Area) acceptPost(w http.ResponseWriter, r *http.Request) {
	if _, err := a.accept(r); err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	back(w, r, "flash.events.registered")
}

func (a *Area) apiAccept(w http.ResponseWriter, r *http.Request) {
	reg, err := a.accept(r)
	render.Answer(a.Render, w, r, http.StatusOK, reg, err, registrationJSON)
}
