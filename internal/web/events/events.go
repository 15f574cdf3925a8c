// Package events is the events area: the agenda of summits, forums and
// activities by day and room, an event's page with registration, the
// waitlist and timed holds on freed seats, "my events" as an .ics calendar,
// and the organizer's event editing.
package events

import (
	"embed"
	"io/fs"
	"net/http"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/render"
)

//go:embed templates
var templatesFS embed.FS

// Templates are the area's pages.
var Templates, _ = fs.Sub(templatesFS, "templates")

//go:embed catalog
var catalogFS embed.FS

// Catalog is the area's messages (zh.json, en.json), merged at start.
var Catalog, _ = fs.Sub(catalogFS, "catalog")

// OpenAPI is the area's part of the API document.
//
//go:embed openapi.json
var OpenAPI []byte

// Area answers the events routes.
type Area struct {
	db  *store.DB
	rd  *render.Renderer
	now func() time.Time
}

// New keeps the store and the renderer.
func New(d *area.Deps) *Area { return &Area{db: d.DB, rd: d.Render, now: time.Now} }

func (a *Area) edition(r *http.Request) (model.Edition, error) {
	e, err := a.db.CurrentEdition(r.Context())
	if model.IsNotFound(err) {
		return e, model.Errorf(model.NotFound, "err.not_found.edition")
	}
	return e, err
}

func zone(tz string) *time.Location {
	if loc, err := time.LoadLocation(tz); err == nil && tz != "" {
		return loc
	}
	return time.UTC
}

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
