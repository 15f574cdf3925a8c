// Package meetings is the meetings area: interview and negotiation
// requests and availability for the two sides, agendas (a page, JSON and an
// .ics calendar) for everyone, and the organizer's slots, tables,
// scheduling runs and table cards.
package meetings

import (
	"embed"
	"html/template"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
)

//go:embed templates/*.html catalog openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("meetings", files)

// Area answers the meetings routes.
type Area struct {
	*area.Deps
}

// New keeps the store and the renderer: the area publishes no events and
// subscribes to none.
func New(d *area.Deps) *Area { return &Area{Deps: d} }

// notices translates meeting notifications for a page; arguments that are
// catalog keys (meetings.kind.interview) are translated too.
func (a *Area) notices(locale string, l []store.MeetingNotice) []template.HTML {
	out := make([]template.HTML, len(l))
	for i, n := range l {
		// A name in the notice is marked with its language (issue 12).
		out[i] = a.Render.NoticeHTML(locale, n.Key, n.Args)
	}
	return out
}
