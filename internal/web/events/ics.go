package events

import (
	"fmt"
	"net/http"
	"time"

	"github.com/convene/convene/internal/ics"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

// myICS serves the events the signed-in user holds a seat at (registered)
// as an RFC 5545 calendar: CRLF lines folded at 75 octets, times in UTC.
func (a *Area) myICS(w http.ResponseWriter, r *http.Request) {
	_, evs, regs, err := a.eventsAndMine(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	var mine []store.EventInfo
	for _, e := range evs {
		if reg, ok := regs[e.ID]; ok && reg.Status == store.RegRegistered {
			mine = append(mine, e)
		}
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="events.ics"`)
	w.Write(calendar(request.Locale(r), r.Host, mine, a.now()))
}

func calendar(lang, host string, evs []store.EventInfo, now time.Time) []byte {
	if host == "" {
		host = "convene"
	}
	out := make([]ics.Event, 0, len(evs))
	for _, e := range evs {
		out = append(out, ics.Event{UID: fmt.Sprintf("event-%d@%s", e.ID, host), Start: e.StartsAt, End: e.EndsAt,
			Summary: model.DisplayName(lang, e.Title, e.TitleZH), Location: e.Room,
			Description: model.DisplayName(lang, e.Abstract, e.AbstractZH)})
	}
	return ics.Calendar("Events", now, out)
}
