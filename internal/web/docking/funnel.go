package docking

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
)

type funnelRow struct {
	store.FunnelRow
	Rates []string // conversion into each rank from the one before
	Total bool
}

type funnelData struct {
	Filter dockFilter
	Facets dockFacets
	Rows   []funnelRow
	Total  funnelRow
	Ranks  []model.DockingStage
}

func withRates(r store.FunnelRow) funnelRow {
	fr := funnelRow{FunnelRow: r, Rates: make([]string, len(store.DockingRanks))}
	for i := 1; i < len(store.DockingRanks); i++ {
		fr.Rates[i] = pct(r.Rate(i))
	}
	return fr
}

// loadFunnel is the funnel by source (the named query the report reuses).
// With lang, the filters' entries come too.
func (a *Area) loadFunnel(r *http.Request, lang string) (funnelData, error) {
	f, fc, err := a.filterOf(r, lang)
	d := funnelData{Filter: f, Facets: fc, Ranks: store.DockingRanks}
	if err != nil {
		return d, err
	}
	rows, err := a.DB.DockingFunnel(r.Context(), f.DockingFilter)
	for _, x := range rows {
		d.Rows = append(d.Rows, withRates(x))
	}
	d.Total = withRates(store.FunnelTotal(rows))
	d.Total.Total = true
	if len(d.Rows) > 1 {
		d.Rows = append(d.Rows, d.Total)
	}
	return d, err
}

func (a *Area) funnelPage(w http.ResponseWriter, r *http.Request) {
	v := a.Render.View(r, "docking.funnel", nil)
	d, err := a.loadFunnel(r, v.L)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	v.Data = d
	a.Render.Page(w, r, http.StatusOK, "docking_funnel", v)
}

type funnelJ struct {
	Source       string             `json:"source"`
	DelegationID *int64             `json:"delegation_id"`
	Delegation   string             `json:"delegation"`
	Projects     int                `json:"projects"`
	Docked       int                `json:"projects_docked"`
	Dockings     int                `json:"dockings"`
	At           map[string]int     `json:"at_stage"`
	Reached      map[string]int     `json:"reached"`
	Rates        map[string]float64 `json:"conversion"`
}

func (a *Area) apiFunnel(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadFunnel(r, "")
	render.Answer(a.Render, w, r, http.StatusOK, d, err, func(d funnelData) []funnelJ {
		out := []funnelJ{}
		for _, x := range d.Rows {
			if x.Total {
				continue
			}
			j := funnelJ{Source: string(x.Source), Delegation: x.Delegation, Projects: x.Projects, Docked: x.Docked, Dockings: x.Dockings,
				At: x.At, Reached: map[string]int{}, Rates: map[string]float64{}}
			if x.DelegationID != 0 {
				id := x.DelegationID
				j.DelegationID = &id
			}
			for i, s := range store.DockingRanks {
				j.Reached[string(s)] = x.Reached[i]
				if i > 0 {
					j.Rates[string(s)] = x.Rate(i)
				}
			}
			out = append(out, j)
		}
		return out
	})
}
