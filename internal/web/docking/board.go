package docking

import (
	"net/http"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/vocab"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type boardData struct {
	Filter  dockFilter
	Facets  dockFacets
	Columns []store.BoardColumn
	Sources []model.ProjectSource
	Total   int
}

// perColumn is how many cards a column shows; its count says how many
// there are.
const perColumn = 25

// loadBoard reads the board; with lang, the filters' entries too.
func (a *Area) loadBoard(r *http.Request, lang string) (boardData, error) {
	f, fc, err := a.filterOf(r, lang)
	d := boardData{Filter: f, Facets: fc, Sources: model.ProjectSources}
	if err != nil {
		return d, err
	}
	d.Columns, err = a.DB.DockingBoard(r.Context(), f.DockingFilter, perColumn)
	for _, c := range d.Columns {
		d.Total += c.Count
	}
	return d, err
}

func (a *Area) board(w http.ResponseWriter, r *http.Request) {
	v := a.Render.View(r, "docking.board", nil)
	d, err := a.loadBoard(r, v.L)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	for _, c := range d.Columns { // for display only: the API keeps what was stored
		for i := range c.Cards {
			cd := &c.Cards[i]
			cd.Field, cd.Province = vocab.Industry.Label(v.L, cd.Field), vocab.Province.Label(v.L, cd.Province)
		}
	}
	v.Data = d
	a.Render.Page(w, r, http.StatusOK, "docking_board", v)
}

type cardJ struct {
	ID          int64     `json:"id"`
	ProjectID   int64     `json:"project_id"`
	Title       string    `json:"title"`
	Source      string    `json:"source"`
	Field       string    `json:"field"`
	Province    string    `json:"province"`
	Counterpart string    `json:"counterpart"`
	Column      string    `json:"column"`
	Proposed    bool      `json:"proposed"`
	UpdatedAt   time.Time `json:"updated_at"`
}

type columnJ struct {
	Key   string  `json:"key"`
	Count int     `json:"count"`
	Cards []cardJ `json:"cards"`
}

func (a *Area) apiBoard(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadBoard(r, "")
	loc := request.Locale(r)
	render.Answer(a.Render, w, r, http.StatusOK, d, err, func(d boardData) []columnJ {
		out := make([]columnJ, 0, len(d.Columns))
		for _, c := range d.Columns {
			cj := columnJ{Key: c.Key, Count: c.Count, Cards: []cardJ{}}
			for _, cd := range c.Cards {
				cj.Cards = append(cj.Cards, cardJ{ID: cd.ID, ProjectID: cd.ProjectID, Title: model.DisplayName(loc, cd.Title, cd.TitleZH),
					Source: string(cd.Source), Field: cd.Field, Province: cd.Province, Counterpart: model.DisplayName(loc, cd.Counterpart, cd.CounterpartZH),
					Column: cd.Column(), Proposed: cd.Proposed, UpdatedAt: cd.UpdatedAt})
			}
			out = append(out, cj)
		}
		return out
	})
}
