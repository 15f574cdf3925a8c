// Package events is the events area: the agenda of summits, forums and
// activities by day and room, an event's page with registration, the
// waitlist and timed holds on freed seats, "my events" as an .ics calendar,
// and the organizer's event editing.
package events

import (
	"embed"
	"time"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
)

//go:embed templates/*.html catalog openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("events", files)

// Area answers the events routes.
type Area struct {
	*area.Deps
	now func() time.Time
}

// New keeps the store and the renderer.
func New(d *area.Deps) *Area { return &Area{Deps: d, now: time.Now} }

// mine is a person's place for one event as a page shows it. Reads change
// nothing: a hold that has ended shows as ended, and a person whose turn
// came because of it sees the seat offered; the write that follows (accept,
// register, cancel) settles the holds first, in its transaction.
type mine struct {
	Status    string // "", registered, waitlisted, offered, expired
	Position  int
	HoldUntil string
}

// place works out userID's effective place: taken is the seats held by
// registrations and offers whose hold has not ended.
func place(reg *store.Registration, capacity, taken int, now time.Time, loc *time.Location) mine {
	if reg == nil {
		return mine{}
	}
	m := mine{Status: reg.Status, Position: reg.Position}
	switch reg.Status {
	case store.RegOffered:
		if reg.HoldUntil == nil || !reg.HoldUntil.After(now) {
			m.Status = store.RegExpired
		} else {
			m.HoldUntil = reg.HoldUntil.In(loc).Format("2006-01-02 15:04 MST")
		}
	case store.RegWaitlisted:
		if capacity-taken >= reg.Position {
			m.Status = store.RegOffered // the seat passes on when they accept
		}
	case store.RegCancelled:
		m.Status = ""
	}
	return m
}
