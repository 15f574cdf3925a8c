// Package admin is the organizer's set-up: editions with their venues,
// fairs and remote sessions, approving organizations, search across the
// directory and the audit log; and the API over the same operations.
package admin

import (
	"embed"
	"io/fs"

	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/render"
)

// The pattern names the files: a bare directory would leave out the
// partials, since embed skips names that begin with "_".
//
//go:embed templates/*.html
var templatesFS embed.FS

// Templates are the area's pages and partials (*.html at its root).
var Templates, _ = fs.Sub(templatesFS, "templates")

// Area answers the organizer's set-up routes.
type Area struct {
	db *store.DB
	rd *render.Renderer
}

// New keeps the parts of d the area uses.
func New(d *area.Deps) *Area {
	return &Area{db: d.DB, rd: d.Render}
}
