// Package delegations is the delegations' area: a delegation's own page
// (its figures, members, projects and dockings' link, the lead's invitation
// of members, the export) and the organizer's side-by-side view of every
// delegation by province.
package delegations

import (
	"embed"
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/request"
)

//go:embed templates/*.html catalog openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("delegations", files)

// Area answers the delegations' routes.
type Area struct {
	*area.Deps
}

// New keeps the store and the renderer.
func New(d *area.Deps) *Area { return &Area{Deps: d} }

// edition is the current edition's id (0 when there is none yet).
func (a *Area) edition(r *http.Request) (int64, error) {
	e, err := a.DB.CurrentEdition(r.Context())
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
