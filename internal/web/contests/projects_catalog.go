package contests

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/request"
)

// catalogFilter is a catalogue search with the field and province asked
// for, each as its vocabulary key: any spelling in either language is
// accepted, so an old link with a stored value ("?field=Biomedicine")
// still works.
type catalogFilter struct {
	store.ProjectSearch
	Field, Province string
}

// catalogFacets are the filters' entries: each field and province once,
// every spelling counted, in the reader's language.
type catalogFacets struct {
	Fields    []vocab.Facet
	Provinces []vocab.Facet
}

type catalogData struct {
	Filter   catalogFilter
	Facets   catalogFacets
	Stages   []string
	Sources  []model.ProjectSource
	Projects []store.CatalogProject
	request.Pager
}

func counts(fc []store.FacetCount) []vocab.Count {
	out := make([]vocab.Count, len(fc))
	for i, c := range fc {
		out[i] = vocab.Count{Value: c.Value, N: c.N}
	}
	return out
}

// catalogPage is the searchable catalogue of the current edition's public
// projects that are not withdrawn, for enterprises (parks and investors
// among them), delegations and organizers: words over titles and summaries
// in both languages, field, stage, source and the bringing delegation's
// province, twenty to a page. Fields and provinces read in the reader's
// language; choosing one finds every spelling of it.
func (a *Area) catalogPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	d := catalogData{Stages: model.ProjectStages, Sources: model.ProjectSources, Pager: request.NewPager(r, "/projects"),
		Filter: catalogFilter{ProjectSearch: store.ProjectSearch{Query: q.Get("q"), Stage: q.Get("stage"), Source: model.ProjectSource(q.Get("source"))},
			Field: vocab.Industry.Key(q.Get("field")), Province: vocab.Province.Key(q.Get("province"))}}
	v := a.Render.View(r, "project.catalog", nil)
	ed, err := a.DB.CurrentEdition(ctx)
	if err == nil {
		f := &d.Filter
		f.EditionID, f.Limit, f.Offset = ed.ID, d.Pager.Limit(), d.Pager.Offset()
		var fc store.ProjectFacets
		if fc, err = a.DB.CatalogFacets(ctx, ed.ID); err == nil {
			f.Fields = vocab.Industry.Spellings(f.Field, counts(fc.Fields))
			f.Provinces = vocab.Province.Spellings(f.Province, counts(fc.Provinces))
			d.Facets = catalogFacets{vocab.Industry.Group(v.L, counts(fc.Fields)), vocab.Province.Group(v.L, counts(fc.Provinces))}
			var l []store.CatalogProject
			l, err = a.DB.SearchProjects(ctx, f.ProjectSearch)
			d.Projects = request.Trim(&d.Pager, l)
		}
	} else if model.IsNotFound(err) {
		err = nil // no edition yet: an empty catalogue
	}
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	for i := range d.Projects { // for display only
		p := &d.Projects[i]
		p.Field, p.Province = vocab.Industry.Label(v.L, p.Field), vocab.Province.Label(v.L, p.Province)
	}
	v.Data = d
	a.Render.Page(w, r, http.StatusOK, "projects_catalog", v)
}
