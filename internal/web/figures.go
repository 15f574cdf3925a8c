package web

import (
	"net/http"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

type figureRow struct {
	Name string // the fair's, or "" for the whole edition
	store.Figures
}

type figuresData struct {
	Edition  *model.Edition
	Rows     []figureRow
	Channels []model.Channel
	Rate     *rateView // the current edition's matching rate (match.go)
}

func (s *Server) loadFigures(r *http.Request) (figuresData, error) {
	d := figuresData{Channels: model.Channels}
	ctx := r.Context()
	var e model.Edition
	var err error
	if id := queryInt(r, "edition_id"); id > 0 {
		e, err = s.store.Edition(ctx, int64(id))
	} else {
		e, err = s.store.CurrentEdition(ctx)
	}
	if err != nil {
		return d, err
	}
	d.Edition = &e
	figs, err := s.store.EditionFigures(ctx, e.ID)
	if err != nil {
		return d, err
	}
	fairs, err := s.store.ListFairs(ctx, e.ID)
	if err != nil {
		return d, err
	}
	names := map[int64]string{}
	for _, f := range fairs {
		names[f.ID] = model.DisplayName(info(r).locale, f.Name, f.NameZH)
	}
	for _, fg := range figs {
		d.Rows = append(d.Rows, figureRow{names[fg.FairID], fg})
	}
	return d, nil
}

func (s *Server) figuresPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadFigures(r)
	if err != nil && !model.IsNotFound(err) {
		s.fail(w, r, err)
		return
	}
	if err == nil && queryInt(r, "edition_id") == 0 {
		d.Rate = s.matchingRate(r)
	}
	s.render(w, r, http.StatusOK, "figures", s.view(r, "figures.title", d))
}

type figuresJ struct {
	FairID       *int64           `json:"fair_id"` // null: the whole edition
	Posts        int64            `json:"posts"`
	Enterprises  int64            `json:"enterprises"`
	Applications int64            `json:"applications"`
	ByChannel    map[string]int64 `json:"applications_by_channel"`
	CVs          int64            `json:"cvs_received"`
	Visits       int64            `json:"visits"`
}

func figuresJSON(fg store.Figures) figuresJ {
	j := figuresJ{Posts: fg.Posts, Enterprises: fg.Enterprises, Applications: fg.Applications, CVs: fg.CVs, Visits: fg.Visits, ByChannel: map[string]int64{}}
	if fg.FairID != 0 {
		id := fg.FairID
		j.FairID = &id
	}
	for _, c := range model.Channels {
		j.ByChannel[string(c)] = fg.ByChannel[c]
	}
	return j
}

func (s *Server) apiFigures(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadFigures(r)
	answer(s, w, r, http.StatusOK, d, err, func(d figuresData) map[string]any {
		out := map[string]any{"edition_id": d.Edition.ID}
		var fairs []figuresJ
		for i, row := range d.Rows {
			if i == 0 {
				out["overall"] = figuresJSON(row.Figures)
				continue
			}
			fairs = append(fairs, figuresJSON(row.Figures))
		}
		out["fairs"] = fairs
		return out
	})
}
