// Package admin is the organizer's set-up: editions with their venues,
// fairs and remote sessions, approving organizations, search across the
// directory and the audit log; and the API over the same operations.
package admin

import (
	"embed"

	"github.com/convene/convene/internal/web/area"
)

//go:embed templates/*.html openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("admin", files)

// Area answers the organizer's set-up routes.
type Area struct {
	*area.Deps
}

// New keeps the parts of d the area uses.
func New(d *area.Deps) *Area {
	return &Area{Deps: d}
}
