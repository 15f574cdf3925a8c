package contests

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
)

type catalogData struct {
	Filter   store.ProjectSearch
	Facets   store.ProjectFacets
	Stages   []string
	Sources  []model.ProjectSource
	Projects []store.CatalogProject
	request.Pager
}

// catalogPage is the searchable catalogue of the current edition's public
// projects that are not withdrawn, for enterprises (parks and investors
// among them), delegations and organizers: words over titles and summaries
// in both languages, field, stage, source and the bringing delegation's
// province, twenty to a page.
func (a *Area) catalogPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	d := catalogData{Stages: model.ProjectStages, Sources: model.ProjectSources, Pager: request.NewPager(r, "/projects"),
		Filter: store.ProjectSearch{Query: q.Get("q"), Field: q.Get("field"), Stage: q.Get("stage"),
			Source: model.ProjectSource(q.Get("source")), Province: q.Get("province")}}
	ed, err := a.DB.CurrentEdition(ctx)
	if err == nil {
		d.Filter.EditionID, d.Filter.Limit, d.Filter.Offset = ed.ID, d.Pager.Limit(), d.Pager.Offset()
		if d.Facets, err = a.DB.CatalogFacets(ctx, ed.ID); err == nil {
			var l []store.CatalogProject
			l, err = a.DB.SearchProjects(ctx, d.Filter)
			d.Projects = request.Trim(&d.Pager, l)
		}
	} else if model.IsNotFound(err) {
		err = nil // no edition yet: an empty catalogue
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "projects_catalog", a.Render.View(r, "project.catalog", d))
}
