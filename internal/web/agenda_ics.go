package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/convene/convene/internal/store"
)

// agendaICS serves the signed-in user's published meetings as an RFC 5545
// calendar: CRLF lines folded at 75 octets, one UID per meeting, times in UTC.
func (s *Server) agendaICS(w http.ResponseWriter, r *http.Request) {
	rows, err := s.store.AgendaOf(r.Context(), currentUser(r).ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	host := r.Host
	if host == "" {
		host = "convene"
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="agenda.ics"`)
	w.Write(s.calendar(info(r).locale, host, rows, time.Now()))
}

func (s *Server) calendar(lang, host string, rows []store.AgendaRow, now time.Time) []byte {
	var b bytes.Buffer
	line := func(name, value string) { b.WriteString(fold(name + ":" + value)) }
	utc := func(t time.Time) string { return t.UTC().Format("20060102T150405Z") }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//Convene//Meetings//EN")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	for _, a := range rows {
		kind := s.cat.T(lang, "meetings.kind."+string(a.Kind))
		with := a.With
		if a.WithOrg != "" {
			with += " (" + a.WithOrg + ")"
		}
		place := a.TableCode
		if a.VenueName != "" {
			place = a.VenueName + " · " + a.TableCode
		}
		if a.Video && a.Location != "" {
			place = a.Location + " · " + a.TableCode
		}
		line("BEGIN", "VEVENT")
		line("UID", fmt.Sprintf("meeting-%d@%s", a.RequestID, host))
		line("DTSTAMP", utc(now))
		line("DTSTART", utc(a.StartsAt))
		line("DTEND", utc(a.EndsAt))
		line("SUMMARY", icsText(kind+": "+with))
		line("LOCATION", icsText(place))
		if a.Subject != "" {
			line("DESCRIPTION", icsText(a.Subject))
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
