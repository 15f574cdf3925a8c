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
	"github.com/convene/convene/internal/vocab"
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

// dockFilter is the board's and funnel's filters with the field and
// province asked for, each as its vocabulary key: any spelling in either
// language is accepted ("广东省", "Guangdong", "GD" ask for one province).
type dockFilter struct {
	store.DockingFilter
	Field, Province string
}

// dockFacets are the filters' entries: each field and province of the
// dockings the reader sees once, every spelling counted, in lang.
type dockFacets struct {
	Fields    []vocab.Facet
	Provinces []vocab.Facet
}

// filterOf reads the board's and funnel's filters from the query; the
// edition is the current one. A chosen field or province matches every
// spelling the reader's dockings use for it; with lang, the filters'
// entries come back too (else none are counted unless needed).
func (a *Area) filterOf(r *http.Request, lang string) (dockFilter, dockFacets, error) {
	q := r.URL.Query()
	f := dockFilter{Field: vocab.Industry.Key(q.Get("field")), Province: vocab.Province.Key(q.Get("province"))}
	if s := model.ProjectSource(q.Get("source")); s.Valid() {
		f.Source = s
	}
	f.DelegationID, _ = strconv.ParseInt(q.Get("delegation_id"), 10, 64)
	e, err := a.Edition(r)
	if err != nil {
		return f, dockFacets{}, err
	}
	f.EditionID = e.ID
	f.Party = store.ScopeOf(request.User(r))
	var fc store.ProjectFacets
	if lang != "" || f.Field != "" || f.Province != "" {
		if fc, err = a.DB.DockingFacets(r.Context(), f.DockingFilter); err != nil {
			return f, dockFacets{}, err
		}
	}
	f.Fields = vocab.Industry.Spellings(f.Field, counts(fc.Fields))
	f.Provinces = vocab.Province.Spellings(f.Province, counts(fc.Provinces))
	var d dockFacets
	if lang != "" {
		d = dockFacets{vocab.Industry.Group(lang, counts(fc.Fields)), vocab.Province.Group(lang, counts(fc.Provinces))}
	}
	return f, d, nil
}

func counts(fc []store.FacetCount) []vocab.Count {
	out := make([]vocab.Count, len(fc))
	for i, c := range fc {
		out[i] = vocab.Count{Value: c.Value, N: c.N}
	}
	return out
}

// pct is a rate as a page shows it.
func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" }

// stageChoices are the moves a form offers.
var stageChoices = []string{"negotiation", "preliminary_agreement", "cooperative_intention", "contract_intention", "signed", "declined", store.StageStalled, "requested"}
