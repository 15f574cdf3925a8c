package events

import (
	"net/http"
)

type adminData struct {
	Rows []agendaRow
}

// adminPage lists every event with its seats for organizers to edit.
func (a *Area) adminPage(w http.ResponseWriter, r *http.Request) {
	ed, err := a.edition(r)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	evs, err := a.db.EventInfos(r.Context(), ed.ID)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	loc := zone(ed.TimeZone)
	d := adminData{}
	for _, e := range evs {
		d.Rows = append(d.Rows, agendaRow{EventInfo: e, When: e.StartsAt.In(loc).Format("01-02 15:04")})
	}
	a.rd.Page(w, r, http.StatusOK, "ev_admin", a.rd.View(r, "events.admin", d))
}
