// Package docking is the docking pipeline's area: the board (an
// organizer's, a delegation's, a project owner's or a counterpart's, in
// columns by stage, filtered by source, field and province), a docking's
// page with its history where the parties propose and confirm stages and an
// organizer records on their behalf, the request for a negotiation (a
// meeting request for the scheduler), and the organizer's funnel.
package docking

import (
	"embed"
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/area"
	"github.com/convene/convene/internal/web/request"
)

//go:embed templates/*.html catalog openapi.json
var files embed.FS

// Parts are the area's pages, messages and part of the API document.
var Parts = area.Embedded("docking", files)

// Area answers the docking routes.
type Area struct {
	*area.Deps
}

// New keeps the store and the renderer.
func New(d *area.Deps) *Area { return &Area{Deps: d} }

// filterOf reads the board's and funnel's filters from the query; the
// edition is the current one.
func (a *Area) filterOf(r *http.Request) (store.DockingFilter, error) {
	q := r.URL.Query()
	f := store.DockingFilter{Field: q.Get("field"), Province: q.Get("province")}
	if s := model.ProjectSource(q.Get("source")); s.Valid() {
		f.Source = s
	}
	f.DelegationID, _ = strconv.ParseInt(q.Get("delegation_id"), 10, 64)
	e, err := a.Edition(r)
	if err != nil {
		return f, err
	}
	f.EditionID = e.ID
	f.Party = store.ScopeOf(request.User(r))
	return f, nil
}

// pct is a rate as a page shows it.
func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" }

// stageChoices are the moves a form offers.
var stageChoices = []string{"negotiation", "preliminary_agreement", "cooperative_intention", "contract_intention", "signed", "declined", store.StageStalled, "requested"}
