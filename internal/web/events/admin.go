package events

import (
	"net/http"
	"time"

	"github.com/convene/convene/internal/model"
)

type adminData struct {
	Rows []agendaRow
	Now  time.Time // no-shows are counted once an event has ended
}

// adminPage lists every event with its seats for organizers to edit.
func (a *Area) adminPage(w http.ResponseWriter, r *http.Request) {
	ed, err := a.Edition(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	evs, err := a.DB.EventInfos(r.Context(), ed.ID)
	if err == nil {
		err = a.DB.FillAttendance(r.Context(), evs)
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	loc := model.Zone(ed.TimeZone)
	d := adminData{Now: time.Now()}
	for _, e := range evs {
		d.Rows = append(d.Rows, agendaRow{EventInfo: e, When: e.StartsAt.In(loc).Format("01-02 15:04")})
	}
	a.Render.Page(w, r, http.StatusOK, "ev_admin", a.Render.View(r, "events.admin", d))
}
