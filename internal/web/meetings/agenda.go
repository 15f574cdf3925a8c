package meetings

import (
	"html/template"
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// agendaItem is a meeting as the agenda shows it: in the zone where it is
// held (a remote session's for video rooms there, else the edition's), and
// in the edition's zone too when the two differ.
type agendaItem struct {
	store.AgendaRow
	Local, LocalEnd string // in the zone the meeting is held in
	Zone            string
	Edition         string // in the edition's zone when it differs, else ""
}

func agendaItems(rows []store.AgendaRow) []agendaItem {
	out := make([]agendaItem, len(rows))
	for i, a := range rows {
		zone := a.EditionZone
		if a.RoomZone != "" {
			zone = a.RoomZone
		}
		loc, eloc := model.Zone(zone), model.Zone(a.EditionZone)
		it := agendaItem{AgendaRow: a, Zone: zone,
			Local: a.StartsAt.In(loc).Format("2006-01-02 15:04"), LocalEnd: a.EndsAt.In(loc).Format("15:04 MST")}
		if zone != a.EditionZone {
			it.Edition = a.StartsAt.In(eloc).Format("2006-01-02 15:04") + "–" + a.EndsAt.In(eloc).Format("15:04 MST")
		}
		out[i] = it
	}
	return out
}

type agendaData struct {
	Items   []agendaItem
	Notices []template.HTML // translated, names marked
}

func (a *Area) agendaPage(w http.ResponseWriter, r *http.Request) {
	ctx, u := r.Context(), request.User(r)
	rows, err := a.DB.AgendaOf(ctx, u.ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	ns, err := a.DB.MeetingNotices(ctx, u.ID, 10)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	d := agendaData{Items: agendaItems(rows), Notices: a.notices(request.Locale(r), ns)}
	a.Render.Page(w, r, http.StatusOK, "agenda", a.Render.View(r, "agenda.title", d))
}

func (a *Area) apiAgenda(w http.ResponseWriter, r *http.Request) {
	l, err := a.DB.AgendaOf(r.Context(), request.User(r).ID)
	render.Answer(a.Render, w, r, http.StatusOK, l, err, func(l []store.AgendaRow) []agendaJ { return jsonview.Map(l, agendaJSON) })
}
