// Package ics writes iCalendar (RFC 5545) files: the calendars users add
// their agenda and their events to. Times are written in UTC, content
// lines folded at 75 octets without splitting a character.
package ics

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one VEVENT. UID must be stable across downloads so a calendar
// updates the event rather than adding it again.
type Event struct {
	UID         string
	Start, End  time.Time
	Summary     string
	Location    string
	Description string // optional
	URL         string // optional: where to join (a video room)
}

// Calendar is a published VCALENDAR of evs; product names the producer
// (PRODID "-//Convene//<product>//EN") and stamp is DTSTAMP.
func Calendar(product string, stamp time.Time, evs []Event) []byte {
	var b bytes.Buffer
	line := func(name, value string) { b.WriteString(fold(name + ":" + value)) }
	utc := func(t time.Time) string { return t.UTC().Format("20060102T150405Z") }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//Convene//"+product+"//EN")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	for _, e := range evs {
		line("BEGIN", "VEVENT")
		line("UID", e.UID)
		line("DTSTAMP", utc(stamp))
		line("DTSTART", utc(e.Start))
		line("DTEND", utc(e.End))
		line("SUMMARY", text(e.Summary))
		line("LOCATION", text(e.Location))
		if e.Description != "" {
			line("DESCRIPTION", text(e.Description))
		}
		if e.URL != "" {
			line("URL", e.URL)
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.Bytes()
}

// text escapes a TEXT value (RFC 5545 3.3.11).
func text(s string) string {
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
