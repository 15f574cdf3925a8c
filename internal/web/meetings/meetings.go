// Package meetings is the meetings area: interview and negotiation
// requests and availability for the two sides, agendas (a page, JSON and an
// .ics calendar) for everyone, and the organizer's slots, tables,
// scheduling runs and table cards.
package meetings

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

// Templates are the area's pages and partials (*.html at its root).
var Templates, _ = fs.Sub(templatesFS, "templates")

// Area answers the meetings routes.
type Area struct {
	db *store.DB
	rd *render.Renderer
}

// New keeps the store and the renderer: the area publishes no events and
// subscribes to none.
func New(d *area.Deps) *Area { return &Area{db: d.DB, rd: d.Render} }

// currentEdition is the edition meetings are planned for, with a message a
// user can read when there is none.
func (a *Area) currentEdition(r *http.Request) (model.Edition, error) {
	e, err := a.db.CurrentEdition(r.Context())
	if model.IsNotFound(err) {
		return e, model.Errorf(model.NotFound, "err.not_found.edition")
	}
	return e, err
}

func zoneOr(tz string) *time.Location {
	if loc, err := time.LoadLocation(tz); err == nil && tz != "" {
		return loc
	}
	return time.UTC
}

// notices translates meeting notifications for a page; arguments that are
// catalog keys (meetings.kind.interview) are translated too.
func (a *Area) notices(locale string, l []store.MeetingNotice) []string {
	out := make([]string, len(l))
	for i, n := range l {
		args := make([]any, len(n.Args))
		for j, arg := range n.Args {
			if a.rd.Has(arg) {
				args[j] = a.rd.T(locale, arg)
			} else {
				args[j] = arg
			}
		}
		out[i] = a.rd.T(locale, n.Key, args...)
	}
	return out
}
