package events

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type eventData struct {
	Event    store.EventInfo
	Speakers []speakerView // the event's speakers with their profiles
	When     string
	Free     int // seats free now (ended holds count as free)
	Mine     mine
	CanJoin  bool // the viewer may register (audience)
	Register []store.Registration
}

// audienceAllows: who may register for an event of this audience.
func audienceAllows(audience string, u *model.User) bool {
	switch audience {
	case "talents":
		return u.Role == model.RoleTalent || u.Role == model.RoleOrganizer
	case "enterprises":
		return u.Role == model.RoleEnterprise || u.Role == model.RoleDelegation || u.Role == model.RoleOrganizer
	case "invitation":
		return u.Role == model.RoleOrganizer
	}
	return true
}

// loadEvent reads what the event page and its JSON show for the viewer.
func (a *Area) loadEvent(r *http.Request) (eventData, error) {
	ctx := r.Context()
	id, err := request.PathID(r)
	if err != nil {
		return eventData{}, err
	}
	e, err := a.DB.EventInfo(ctx, id)
	if err != nil {
		return eventData{}, err
	}
	ed, err := a.Edition(r)
	if err != nil {
		return eventData{}, err
	}
	loc := model.Zone(ed.TimeZone)
	taken, err := a.DB.SeatsTaken(ctx, id)
	if err != nil {
		return eventData{}, err
	}
	sp, err := a.DB.Speakers(ctx, ed.ID)
	if err != nil {
		return eventData{}, err
	}
	d := eventData{Event: e, Free: max(0, e.Capacity-taken), Speakers: profiles(e.Speakers, sp),
		When: e.StartsAt.In(loc).Format("2006-01-02 15:04") + "–" + e.EndsAt.In(loc).Format("15:04 MST")}
	if u := request.User(r); u != nil {
		d.CanJoin = audienceAllows(e.Audience, u)
		reg, err := a.DB.RegistrationOf(ctx, id, u.ID)
		switch {
		case err == nil:
			d.Mine = place(&reg, e.Capacity, taken, a.now(), loc)
		case !model.IsNotFound(err):
			return d, err
		}
		if u.Role == model.RoleOrganizer {
			if d.Register, err = a.DB.Registrations(ctx, id); err != nil {
				return d, err
			}
		}
	}
	return d, nil
}

func (a *Area) eventPage(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadEvent(r)
	a.Render.Show(w, r, "ev_event", "events.event", d, err)
}

type eventAndMineJ struct {
	eventJ
	Free     int    `json:"free"`
	MyStatus string `json:"my_status"`
	Position int    `json:"position"`
}

func (a *Area) apiEvent(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadEvent(r)
	render.Answer(a.Render, w, r, http.StatusOK, d, err, func(d eventData) eventAndMineJ {
		return eventAndMineJ{eventJ: eventJSON(d.Event), Free: d.Free, MyStatus: d.Mine.Status, Position: d.Mine.Position}
	})
}

func (a *Area) apiRegistrations(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	l, err := a.DB.Registrations(r.Context(), id)
	render.Answer(a.Render, w, r, http.StatusOK, l, err, func(l []store.Registration) []registrationJ {
		out := make([]registrationJ, len(l))
		for i, x := range l {
			out[i] = registrationJSON(x)
		}
		return out
	})
}
