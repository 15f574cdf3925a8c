package web

import (
	"net/http"
	"time"

	"github.com/convene/convene/internal/store"
)

func zoneOr(tz string) *time.Location {
	if loc, err := time.LoadLocation(tz); err == nil && tz != "" {
		return loc
	}
	return time.UTC
}

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
		loc, eloc := zoneOr(zone), zoneOr(a.EditionZone)
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
	Notices []store.MeetingNotice
}

func (s *Server) agendaPage(w http.ResponseWriter, r *http.Request) {
	rows, err := s.store.AgendaOf(r.Context(), currentUser(r).ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := agendaData{Items: agendaItems(rows)}
	if d.Notices, err = s.store.MeetingNotices(r.Context(), currentUser(r).ID, 10); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "agenda", s.view(r, "agenda.title", d))
}

// notice translates a meeting notification; arguments that are catalog
// keys (meetings.kind.interview) are translated too.
func (v *view) Notice(n store.MeetingNotice) string {
	args := make([]any, len(n.Args))
	for i, a := range n.Args {
		if v.cat.Has(a) {
			args[i] = v.cat.T(v.L, a)
		} else {
			args[i] = a
		}
	}
	return v.cat.T(v.L, n.Key, args...)
}
