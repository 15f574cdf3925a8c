// Package delegations is the delegations' area: a delegation's own page
// (its figures, members, projects and dockings' link, the lead's invitation
// of members, the export) and the organizer's side-by-side view of every
// delegation by province.
package delegations

import (
	"embed"
	"io/fs"
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

//go:embed templates/*.html
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

// Area answers the delegations' routes.
type Area struct {
	db *store.DB
	rd *render.Renderer
}

// New keeps the store and the renderer.
func New(d *area.Deps) *Area { return &Area{db: d.DB, rd: d.Render} }

// edition is the current edition's id (0 when there is none yet).
func (a *Area) edition(r *http.Request) (int64, error) {
	e, err := a.db.CurrentEdition(r.Context())
	if model.IsNotFound(err) {
		return 0, nil
	}
	return e.ID, err
}

// myDelegation is the signed-in member's delegation.
func myDelegation(r *http.Request) (int64, error) {
	u := request.User(r)
	if u.OrgID == nil {
		return 0, model.Errorf(model.Forbidden, "err.forbidden")
	}
	return *u.OrgID, nil
}
