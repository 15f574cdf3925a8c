// Package dashboard is the organizer's live dashboard (counters and charts
// that update over Server-Sent Events, and still work without JavaScript),
// its public big-screen version, the edition's figures against the
// previous edition's with every figure's definition, and the edition
// switcher of the organizer's navigation.
package dashboard

import (
	"embed"
	"net/http"
	"strconv"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/request"
)

//go:embed templates/*.html catalog openapi.json live.js dash.css
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("dashboard", files)

var (
	liveJS, _  = files.ReadFile("live.js")
	dashCSS, _ = files.ReadFile("dash.css")
)

// Area answers the dashboard routes.
type Area struct {
	*area.Deps
	hub *Hub
}

// New starts the area's hub (idle until a stream connects).
func New(d *area.Deps) *Area {
	a := &Area{Deps: d}
	a.hub = NewHub(d.DB, d.Notify, d.Log, time.Second)
	a.hub.build = a.build
	return a
}

// EditionCookie keeps the organizer's chosen edition (the switcher).
const EditionCookie = "edition"

// edition is the edition a page is about: ?edition_id=, else the one the
// organizer switched to, else the current one.
func (a *Area) edition(r *http.Request) (model.Edition, error) {
	if id := request.QueryInt(r, "edition_id"); id > 0 {
		return a.DB.Edition(r.Context(), int64(id))
	}
	if c, err := r.Cookie(EditionCookie); err == nil {
		if id, err := strconv.ParseInt(c.Value, 10, 64); err == nil && id > 0 {
			if e, err := a.DB.Edition(r.Context(), id); err == nil {
				return e, nil
			}
		}
	}
	return a.DB.CurrentEdition(r.Context())
}
