package events

import (
	"net/http"
	"slices"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/jsonview"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type agendaRow struct {
	store.EventInfo
	When string // local start–end
	Mine string // the viewer's status, or ""
}

type agendaRoom struct {
	Room   string
	Events []agendaRow
}

type agendaDay struct {
	Day     string // the date, 2006-01-02
	Weekday string // its day of the week, "Mon": a catalogue key's end (events.weekday.Mon)
	Rooms   []agendaRoom
}

type agendaData struct {
	Days   []agendaDay
	Topics []string
	Topic  string
}

// eventsAndMine reads the edition's events and the viewer's registrations
// (none for a visitor who is not signed in).
func (a *Area) eventsAndMine(r *http.Request) (model.Edition, []store.EventInfo, map[int64]store.Registration, error) {
	ed, err := a.Edition(r)
	if err != nil {
		return ed, nil, nil, err
	}
	evs, err := a.DB.EventInfos(r.Context(), ed.ID)
	regs := map[int64]store.Registration{}
	if u := request.User(r); u != nil && err == nil {
		regs, err = a.DB.MyRegistrations(r.Context(), u.ID)
	}
	return ed, evs, regs, err
}

// agendaPage lists the edition's events by day and room, optionally those
// of one topic, with the viewer's registrations.
func (a *Area) agendaPage(w http.ResponseWriter, r *http.Request) {
	ed, evs, regs, err := a.eventsAndMine(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	loc := model.Zone(ed.TimeZone)
	d := agendaData{Topic: r.URL.Query().Get("topic")}
	for _, e := range evs {
		for _, t := range e.Topics {
			if !slices.Contains(d.Topics, t) {
				d.Topics = append(d.Topics, t)
			}
		}
		if d.Topic != "" && !slices.Contains(e.Topics, d.Topic) {
			continue
		}
		start := e.StartsAt.In(loc)
		day := start.Format("2006-01-02")
		if len(d.Days) == 0 || d.Days[len(d.Days)-1].Day != day {
			d.Days = append(d.Days, agendaDay{Day: day, Weekday: start.Format("Mon")})
		}
		dd := &d.Days[len(d.Days)-1]
		i := slices.IndexFunc(dd.Rooms, func(x agendaRoom) bool { return x.Room == e.Room })
		if i < 0 {
			dd.Rooms = append(dd.Rooms, agendaRoom{Room: e.Room})
			i = len(dd.Rooms) - 1
		}
		row := agendaRow{EventInfo: e, When: e.StartsAt.In(loc).Format("15:04") + "–" + e.EndsAt.In(loc).Format("15:04")}
		if reg, ok := regs[e.ID]; ok {
			row.Mine = reg.Status
		}
		dd.Rooms[i].Events = append(dd.Rooms[i].Events, row)
	}
	slices.Sort(d.Topics)
	a.Render.Page(w, r, http.StatusOK, "ev_agenda", a.Render.View(r, "events.title", d))
}

func (a *Area) apiEvents(w http.ResponseWriter, r *http.Request) {
	ed, err := a.Edition(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	l, err := a.DB.EventInfos(r.Context(), ed.ID)
	render.Answer(a.Render, w, r, http.StatusOK, l, err, func(l []store.EventInfo) []eventJ { return jsonview.Map(l, eventJSON) })
}
