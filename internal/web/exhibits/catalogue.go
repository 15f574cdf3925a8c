package exhibits

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type catalogueData struct {
	Query, Field string        // Field is the chosen term's key
	Fields       []vocab.Facet // each field once, every spelling counted, in the reader's language
	Exhibits     []store.ExhibitView
	Pager        request.Pager
}

// loadCatalogue reads the catalogue page: fields are the vocabulary's
// terms, so choosing 人工智能 finds the exhibits filed as Artificial
// intelligence too.
func (a *Area) loadCatalogue(r *http.Request, lang string) (catalogueData, error) {
	q := r.URL.Query()
	d := catalogueData{Query: q.Get("q"), Field: vocab.Industry.Key(q.Get("field")), Pager: request.NewPager(r, "/exhibits")}
	fc, err := a.DB.ExhibitFields(r.Context())
	if err != nil {
		return d, err
	}
	counts := make([]vocab.Count, len(fc))
	for i, c := range fc {
		counts[i] = vocab.Count{Value: c.Value, N: c.N}
	}
	d.Fields = vocab.Industry.Group(lang, counts)
	f := store.ExhibitFilter{Query: d.Query, Limit: d.Pager.Limit(), Offset: d.Pager.Offset()}
	if d.Field != "" {
		f.Fields = vocab.Industry.Spellings(q.Get("field"), counts)
	}
	l, err := a.DB.Exhibits(r.Context(), f)
	d.Exhibits = request.Trim(&d.Pager, l)
	return d, err
}

func (a *Area) catalogue(w http.ResponseWriter, r *http.Request) {
	v := a.Render.View(r, "exhibits.title", nil)
	d, err := a.loadCatalogue(r, v.L)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	for i := range d.Exhibits { // for display only: the API keeps what was stored
		d.Exhibits[i].Field = vocab.Industry.Label(v.L, d.Exhibits[i].Field)
	}
	v.Data = d
	a.Render.Page(w, r, http.StatusOK, "exhibits_catalogue", v)
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
	loc := request.Locale(r)
	d, err := a.loadCatalogue(r, loc)
	render.Answer(a.Render, w, r, http.StatusOK, d, err, func(d catalogueData) []exhibitJ {
		out := make([]exhibitJ, 0, len(d.Exhibits))
		for _, x := range d.Exhibits {
			out = append(out, exhibitJ{x.ID, x.Title, x.TitleZH, model.DisplayName(loc, x.Summary, x.SummaryZH), x.Field, x.BoothCode,
				model.DisplayName(loc, x.Host, x.HostZH), x.OwnerName})
		}
		return out
	})
}
