package meetings

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

// agendaICS serves the signed-in user's published meetings as an RFC 5545
// calendar: CRLF lines folded at 75 octets, one UID per meeting, times in UTC.
func (a *Area) agendaICS(w http.ResponseWriter, r *http.Request) {
	rows, err := a.db.AgendaOf(r.Context(), request.User(r).ID)
	if err != nil {
		a.rd.Fail(w, r, err)
		return
	}
	host := r.Host
	if host == "" {
		host = "convene"
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="agenda.ics"`)
	w.Write(a.calendar(request.Locale(r), host, rows, time.Now()))
}

func (a *Area) calendar(lang, host string, rows []store.AgendaRow, now time.Time) []byte {
	var b bytes.Buffer
	line := func(name, value string) { b.WriteString(fold(name + ":" + value)) }
	utc := func(t time.Time) string { return t.UTC().Format("20060102T150405Z") }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//Convene//Meetings//EN")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	for _, m := range rows {
		kind := a.rd.T(lang, "meetings.kind."+string(m.Kind))
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
		line("BEGIN", "VEVENT")
		line("UID", fmt.Sprintf("meeting-%d@%s", m.RequestID, host))
		line("DTSTAMP", utc(now))
		line("DTSTART", utc(m.StartsAt))
		line("DTEND", utc(m.EndsAt))
		line("SUMMARY", icsText(kind+": "+with))
		line("LOCATION", icsText(place))
		if m.Subject != "" {
			line("DESCRIPTION", icsText(m.Subject))
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.Bytes()
}

// icsText escapes a TEXT value (RFC 5545 3.3.11).
func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", "").Replace(s)
}

// fold ends a content line with CRLF, breaking it so no line exceeds 75
// octets; continuation lines start with a space. A UTF-8 character is never split.
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
		limit = 74 // the leading space counts
	}
	b.WriteString(l)
	b.WriteString("\r\n")
	return b.String()
}
