// Package booths is the exhibition area: the floor plan as server-rendered
// SVG with booth states (everyone signed in; an exhibitor's own booths
// highlighted), booth requests by enterprises and delegations, confirm,
// release, waitlist offers and self-service booking; the organizer's
// review (per area and province: requested vs assigned m², quota use,
// demand ratio, waitlist), settings, quotas, plan import, allocation runs,
// adjustments by hand and publication; and the API over the plan and the
// figures.
package booths

import (
	"embed"
	"net/http"
	"strconv"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

//go:embed templates/*.html catalog openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("booths", files)

// Area answers the exhibition's routes.
type Area struct {
	*area.Deps
}

// New keeps the parts of d the area uses.
func New(d *area.Deps) *Area { return &Area{Deps: d} }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// edition is the current edition.
func (a *Area) edition(r *http.Request) (model.Edition, error) {
	return a.DB.CurrentEdition(r.Context())
}

// myOrg is the signed-in exhibitor's organization id (0 for organizers).
func myOrg(r *http.Request) int64 {
	if u := request.User(r); u != nil && u.Role != model.RoleOrganizer {
		return request.OrgID(r)
	}
	return 0
}

// done redirects back with a flash after a form action.
func done(w http.ResponseWriter, r *http.Request, flash, to string) {
	render.SetFlash(w, flash)
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func locale(r *http.Request) string { return request.Locale(r) }

var timeNow = func() time.Time { return time.Now() }

// decimal reads a form number that may have decimals ("" is 0).
func decimal(s string) (float64, bool) {
	if s == "" {
		return 0, true
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil && f >= 0 && f < 1e9
}
