package events

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// eventInput is an event as the form and the API send it. Times are local
// to the edition ("2006-01-02T15:04") or RFC 3339; the hold is in minutes
// on the form, hold_seconds in the API (either may be given).
type eventInput struct {
	eventText
	StartsAt    string `json:"starts_at"`
	EndsAt      string `json:"ends_at"`
	Capacity    int    `json:"capacity"`
	Audience    string `json:"audience"`
	HoldMinutes int    `json:"hold_minutes"`
	HoldSeconds int    `json:"hold_seconds"`
	Coaches     int    `json:"coaches"`     // a field study's coaches; 0: none
	CoachSeats  int    `json:"coach_seats"` // seats in each
}

// apply sets e (of edition ed) from in and checks it; times are local to
// the edition unless they carry an offset.
func (in eventInput) apply(e *store.EventInfo, ed model.Edition) error {
	p := model.Problems{}
	e.EditionID, e.Kind, e.Title, e.TitleZH = ed.ID, model.EventKind(in.Kind), in.Title, in.TitleZH
	e.Abstract, e.AbstractZH, e.Topics, e.Speakers, e.Room = in.Abstract, in.AbstractZH, in.Topics, in.Speakers, in.Room
	e.StartsAt = request.ParseLocalTime(p, "starts_at", in.StartsAt, ed.TimeZone)
	e.EndsAt = request.ParseLocalTime(p, "ends_at", in.EndsAt, ed.TimeZone)
	e.Capacity, e.Audience, e.Coaches, e.CoachSeats = in.Capacity, in.Audience, in.Coaches, in.CoachSeats
	if e.Audience == "" {
		e.Audience = "all"
	}
	switch {
	case in.HoldSeconds > 0:
		e.HoldSeconds = in.HoldSeconds
	case in.HoldMinutes > 0:
		e.HoldSeconds = in.HoldMinutes * 60
	case e.HoldSeconds == 0:
		e.HoldSeconds = 24 * 3600
	}
	p.Merge(store.ValidateEvent(*e))
	return p.Err()
}

// save creates (id 0) or updates an event of the current edition.
func (a *Area) save(r *http.Request, id int64) (store.EventInfo, error) {
	ed, err := a.Edition(r)
	if err != nil {
		return store.EventInfo{}, err
	}
	var e store.EventInfo
	if id != 0 {
		if e, err = a.DB.EventInfo(r.Context(), id); err != nil {
			return e, err
		}
	}
	var in eventInput
	err = request.DecodeThen(r, &in, func() error { return in.apply(&e, ed) })
	if err != nil {
		return e, err
	}
	err = a.DB.SaveEvent(r.Context(), &e)
	return e, err
}

func (a *Area) formError(w http.ResponseWriter, r *http.Request, err error, e store.EventInfo) {
	a.Render.FormError(w, r, "ev_form", "events.edit", err, formData{Event: e, Kinds: model.EventKinds, Audiences: store.EventAudiences})
}

func (a *Area) createPost(w http.ResponseWriter, r *http.Request) {
	e, err := a.save(r, 0)
	if err != nil {
		a.formError(w, r, err, e)
		return
	}
	render.SetFlash(w, "flash.events.saved")
	http.Redirect(w, r, "/events/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
}

func (a *Area) updatePost(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	e, err := a.save(r, id)
	if err != nil {
		a.formError(w, r, err, e)
		return
	}
	render.SetFlash(w, "flash.events.saved")
	http.Redirect(w, r, "/events/"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
}

func (a *Area) apiCreate(w http.ResponseWriter, r *http.Request) {
	e, err := a.save(r, 0)
	render.Answer(a.Render, w, r, http.StatusCreated, e, err, eventJSON)
}

func (a *Area) apiUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	e, err := a.save(r, id)
	render.Answer(a.Render, w, r, http.StatusOK, e, err, eventJSON)
}
