package dashboard

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/convene/convene/internal/chart"
	"github.com/convene/convene/internal/figures"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

// figureView is one figure on the figures page.
type figureView struct {
	figures.Def
	Title, Definition string
	Value, Prev       string
	Abs, Pct          string
	HasPrev           bool
	Rows              []store.FigureRow
	Link              string        // the list of the records it counts ("" when there is none)
	Chart             template.HTML // the breakdown drawn, when it has a chart here
}

type figuresData struct {
	Edition  model.Edition
	Previous *model.Edition
	Figures  []figureView
	Took     string
	Current  bool // the current edition: the one list pages show
}

// loadFigures computes an edition's figures and, when there is one, the
// previous edition's, and pairs them.
func (a *Area) loadFigures(r *http.Request) (figuresData, *figures.Set, *figures.Set, error) {
	ctx := r.Context()
	e, err := a.edition(r)
	if err != nil {
		return figuresData{}, nil, nil, err
	}
	cur, err := figures.Compute(ctx, a.DB, e)
	if err != nil {
		return figuresData{}, nil, nil, err
	}
	d := figuresData{Edition: e, Took: cur.Took.Round(1e6).String()}
	var prev *figures.Set
	if pe, err := a.DB.PreviousEdition(ctx, e); err == nil {
		if prev, err = figures.Compute(ctx, a.DB, pe); err != nil {
			return d, nil, nil, err
		}
		d.Previous = &pe
	} else if !model.IsNotFound(err) {
		return d, nil, nil, err
	}
	cmp := figures.Compare(cur, prev)
	lang := request.Locale(r)
	current, err := a.isCurrent(r, e)
	if err != nil {
		return d, nil, nil, err
	}
	d.Current = current
	for _, def := range figures.Defs {
		if def.Name == figures.DockingFunnel {
			continue
		}
		c := cmp[def.Name]
		fv := figureView{Def: def, Title: def.Title(lang), Definition: def.Definition(lang), Value: chart.Num(c.Cur), HasPrev: c.HasPrev,
			Rows: cur.Get(def.Name).Rows, Link: def.RecordsFor(e, current)}
		if def.Name == "delegations.by_province" {
			fv.Chart = a.provinceMap(def, fv.Rows, lang)
		}
		if k, ok := vocabFigures[def.Name]; ok {
			fv.Rows = merged(k, lang, fv.Rows)
		}
		if c.HasPrev {
			fv.Prev, fv.Abs = chart.Num(c.Prev), signed(c.Abs)
			if c.Prev != 0 {
				fv.Pct = signed(c.Pct) + "%"
			}
		}
		d.Figures = append(d.Figures, fv)
	}
	return d, cur, prev, nil
}

// vocabFigures are the figures broken down by a value people type, whose
// spellings the vocabulary merges (计算机, Computer Science). Delegations
// by province need none: their map merges provinces itself (chart.Map).
var vocabFigures = map[string]vocab.Kind{
	"talents.by_discipline": vocab.Discipline,
}

// merged is a breakdown of counts by typed values as a reader of lang sees
// it: one row per value, its spellings summed, Key its label (vocab.Group:
// an unknown value under its most common spelling), most first; the
// records with no value last, under "".
func merged(k vocab.Kind, lang string, rows []store.FigureRow) []store.FigureRow {
	var counts []vocab.Count
	var blank float64
	for _, r := range rows {
		if strings.TrimSpace(r.Key) == "" {
			blank += r.Value
			continue
		}
		counts = append(counts, vocab.Count{Value: r.Key, N: int(r.Value)}) // counts of records: whole numbers
	}
	var out []store.FigureRow
	for _, f := range k.Group(lang, counts) {
		out = append(out, store.FigureRow{Key: f.Label, Value: float64(f.N)})
	}
	if blank > 0 {
		out = append(out, store.FigureRow{Value: blank})
	}
	return out
}

// isCurrent tells whether e is the current edition, the one the list
// pages show.
func (a *Area) isCurrent(r *http.Request, e model.Edition) (bool, error) {
	c, err := a.DB.CurrentEdition(r.Context())
	if model.IsNotFound(err) {
		return false, nil
	}
	return err == nil && c.ID == e.ID, err
}

// provinceMap draws delegations by province on the map of China.
func (a *Area) provinceMap(def figures.Def, rows []store.FigureRow, lang string) template.HTML {
	T := func(k string) string { return a.Render.T(lang, k) }
	items := make([]chart.Item, 0, len(rows))
	for _, r := range rows {
		l := r.Key
		switch r.Key {
		case "foreign":
			l = T("live.foreign")
		case "":
			l = "–"
		}
		items = append(items, chart.Item{Label: l, Value: r.Value, Key: r.Key})
	}
	return chart.Map(chart.Chart{ID: "chart-provinces", Title: def.Title(lang), Label: T("live.province"), Unit: T("live.c.delegations"), Items: items, Lang: lang})
}

func signed(v float64) string {
	if v > 0 {
		return "+" + chart.Num(v)
	}
	return chart.Num(v)
}

// figuresPage: every figure of the edition against the previous edition,
// with its definition and the records it counts.
func (a *Area) figuresPage(w http.ResponseWriter, r *http.Request) {
	d, _, _, err := a.loadFigures(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	a.Render.Page(w, r, http.StatusOK, "dash_figures", a.Render.View(r, "live.figures", d))
}

type figureJ struct {
	Name       string            `json:"name"`
	Definition map[string]string `json:"definition"`
	Title      map[string]string `json:"title"`
	Rows       []rowJ            `json:"rows"`
	Total      float64           `json:"total"`
	Previous   *float64          `json:"previous"`
	Records    string            `json:"records,omitempty"`
}

type rowJ struct {
	Key   string  `json:"key"`
	Value float64 `json:"value"`
}

// apiFigures is every named figure of an edition with its definition, and
// the previous edition's total when there is one.
func (a *Area) apiFigures(w http.ResponseWriter, r *http.Request) {
	d, cur, prev, err := a.loadFigures(r)
	links := map[string]string{}
	for _, f := range d.Figures {
		links[f.Name] = f.Link
	}
	render.Answer(a.Render, w, r, http.StatusOK, d, err, func(d figuresData) map[string]any {
		out := map[string]any{"edition_id": d.Edition.ID}
		if d.Previous != nil {
			out["previous_edition_id"] = d.Previous.ID
		}
		var fs []figureJ
		for _, def := range figures.Defs {
			if def.Name == figures.DockingFunnel {
				continue
			}
			f := cur.Get(def.Name)
			j := figureJ{Name: def.Name, Definition: map[string]string{"zh": def.DefZH, "en": def.DefEN}, Title: map[string]string{"zh": def.TitleZH, "en": def.TitleEN},
				Total: f.Total(), Records: links[def.Name], Rows: []rowJ{}}
			for _, r := range f.Rows {
				j.Rows = append(j.Rows, rowJ{r.Key, r.Value})
			}
			if prev != nil {
				v := prev.Get(def.Name).Total()
				j.Previous = &v
			}
			fs = append(fs, j)
		}
		out["figures"] = fs
		return out
	})
}

// apiLive is the dashboard's live figures once, as the stream sends them.
func (a *Area) apiLive(w http.ResponseWriter, r *http.Request) {
	e, err := a.edition(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	sn, err := a.snapshot(r.Context(), e.ID)
	render.Answer(a.Render, w, r, http.StatusOK, sn, err, func(sn snapshot) map[string]any {
		return map[string]any{"edition_id": e.ID, "at": sn.set.At, "counters": sn.counters, "took_ms": sn.set.Took.Milliseconds()}
	})
}
