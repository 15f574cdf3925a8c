package events

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

// myICS serves the events the signed-in user holds a seat at (registered)
// as an RFC 5545 calendar: CRLF lines folded at 75 octets, times in UTC.
func (a *Area) myICS(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ed, err := a.edition(r)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	regs, err := a.db.MyRegistrations(ctx, request.User(r).ID)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	evs, err := a.db.EventInfos(ctx, ed.ID)
	if err != nil {
		a.rd.Fail(w, r, err)
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
	var b bytes.Buffer
	line := func(name, value string) { b.WriteString(fold(name + ":" + value)) }
	utc := func(t time.Time) string { return t.UTC().Format("20060102T150405Z") }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//Convene//Events//EN")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	for _, e := range evs {
		line("BEGIN", "VEVENT")
		line("UID", fmt.Sprintf("event-%d@%s", e.ID, host))
		line("DTSTAMP", utc(now))
		line("DTSTART", utc(e.StartsAt))
		line("DTEND", utc(e.EndsAt))
		line("SUMMARY", icsText(model.DisplayName(lang, e.Title, e.TitleZH)))
		line("LOCATION", icsText(e.Room))
		if abs := model.DisplayName(lang, e.Abstract, e.AbstractZH); abs != "" {
			line("DESCRIPTION", icsText(abs))
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.Bytes()
}

func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", "").Replace(s)
}

func fold(l string) string {
	var b strings.Builder
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		b.WriteString(l[:cut])
		b.WriteString("\r\n ")
		l = l[cut:]
		limit = 74
	}
	b.WriteString(l)
	b.WriteString("\r\n")
	return b.String()
}
