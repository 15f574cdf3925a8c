package meetings

import (
	"fmt"
	"net/http"
	"time"

	"github.com/convene/convene/internal/ics"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

// agendaICS serves the signed-in user's published meetings as an RFC 5545
// calendar: CRLF lines folded at 75 octets, one UID per meeting, times in UTC.
func (a *Area) agendaICS(w http.ResponseWriter, r *http.Request) {
	rows, err := a.DB.AgendaOf(r.Context(), request.User(r).ID)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	host := r.Host
	if host == "" {
		host = "convene"
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="agenda.ics"`)
	w.Write(a.calendar(request.Locale(r), host, a.BaseURL(r), rows, time.Now()))
}

// calendar is rows as events: the kind and the other side as summary, the
// place (or the video room's location) as location, a video room's link
// as URL.
func (a *Area) calendar(lang, host, base string, rows []store.AgendaRow, now time.Time) []byte {
	evs := make([]ics.Event, 0, len(rows))
	for _, m := range rows {
		with := m.With
		if m.WithOrg != "" {
			with += " (" + m.WithOrg + ")"
		}
		place := m.TableCode
		if m.VenueName != "" {
			place = m.VenueName + " · " + m.TableCode
		}
		if m.Video && m.Location != "" {
			place = m.Location + " · " + m.TableCode
		}
		evs = append(evs, ics.Event{UID: fmt.Sprintf("meeting-%d@%s", m.RequestID, host),
			Start: m.StartsAt, End: m.EndsAt, Summary: a.Render.T(lang, "meetings.kind."+string(m.Kind)) + ": " + with,
			Location: place, Description: m.Subject})
		if m.Video { // the room to join, in the calendar too
			evs[len(evs)-1].URL = fmt.Sprintf("%s/video/%d", base, m.RequestID)
		}
	}
	return ics.Calendar("Meetings", now, evs)
}
