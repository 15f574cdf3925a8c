// Package account is a user's own side of Convene: the home page, the
// language switch, signing in and out, registering, each role's dashboard,
// a talent's profile and applications, an organization's profile and a
// user's notifications; and the API over the same operations.
package account

import (
	"embed"

	"github.com/convene/convene/internal/web/area"
)

//go:embed templates/*.html openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("account", files)

// Area answers the account routes.
type Area struct {
	*area.Deps
}

// New keeps the parts of d the area uses.
func New(d *area.Deps) *Area {
	return &Area{Deps: d}
}
