package exhibits

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type catalogueData struct {
	Query, Field string
	Fields       []string
	Exhibits     []store.ExhibitView
	Pager        request.Pager
}

func (a *Area) loadCatalogue(r *http.Request) (catalogueData, error) {
	q := r.URL.Query()
	d := catalogueData{Query: q.Get("q"), Field: q.Get("field"), Pager: request.NewPager(r, "/exhibits")}
	var err error
	if d.Fields, err = a.DB.ExhibitFields(r.Context()); err != nil {
		return d, err
	}
	l, err := a.DB.Exhibits(r.Context(), store.ExhibitFilter{Query: d.Query, Field: d.Field, Limit: d.Pager.Limit(), Offset: d.Pager.Offset()})
	d.Exhibits = request.Trim(&d.Pager, l)
	return d, err
}

func (a *Area) catalogue(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadCatalogue(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "exhibits_catalogue", a.Render.View(r, "exhibits.title", d))
}

type exhibitJ struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	TitleZH string `json:"title_zh"`
	Summary string `json:"summary"`
	Field   string `json:"field"`
	Booth   string `json:"booth"`
	Host    string `json:"host"`
	Owner   string `json:"owner"`
}

func (a *Area) apiCatalogue(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadCatalogue(r)
	loc := request.Locale(r)
	render.Answer(a.Render, w, r, http.StatusOK, d, err, func(d catalogueData) []exhibitJ {
		out := make([]exhibitJ, 0, len(d.Exhibits))
		for _, x := range d.Exhibits {
			out = append(out, exhibitJ{x.ID, x.Title, x.TitleZH, model.DisplayName(loc, x.Summary, x.SummaryZH), x.Field, x.BoothCode,
				model.DisplayName(loc, x.Host, x.HostZH), x.OwnerName})
		}
		return out
	})
}
