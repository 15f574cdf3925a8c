package events

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type formData struct {
	Event     store.EventInfo
	Kinds     []model.EventKind
	Audiences []string
}

// newForm and editForm show the event form, empty or filled.
func (a *Area) newForm(w http.ResponseWriter, r *http.Request) {
	v := a.Render.View(r, "events.new", formData{Kinds: model.EventKinds, Audiences: store.EventAudiences})
	v.Form.Set("hold_minutes", "1440")
	v.Form.Set("audience", "all")
	a.Render.Page(w, r, http.StatusOK, "ev_form", v)
}

func (a *Area) editForm(w http.ResponseWriter, r *http.Request) {
	id, err := request.PathID(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	e, err := a.DB.EventInfo(r.Context(), id)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	ed, err := a.Edition(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	loc := model.Zone(ed.TimeZone)
	v := a.Render.View(r, "events.edit", formData{Event: e, Kinds: model.EventKinds, Audiences: store.EventAudiences})
	for k, s := range map[string]string{"kind": string(e.Kind), "title": e.Title, "title_zh": e.TitleZH, "abstract": e.Abstract,
		"abstract_zh": e.AbstractZH, "topics": strings.Join(e.Topics, ", "), "speakers": strings.Join(e.Speakers, ", "), "room": e.Room,
		"starts_at": e.StartsAt.In(loc).Format("2006-01-02T15:04"), "ends_at": e.EndsAt.In(loc).Format("2006-01-02T15:04"),
		"capacity": strconv.Itoa(e.Capacity), "audience": e.Audience, "hold_minutes": strconv.Itoa(max(1, e.HoldSeconds/60)),
		"coaches": strconv.Itoa(e.Coaches), "coach_seats": strconv.Itoa(e.CoachSeats)} {
		v.Form.Set(k, s)
	}
	a.Render.Page(w, r, http.StatusOK, "ev_form", v)
}
