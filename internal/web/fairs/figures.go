package fairs

import (
	"net/http"
	"strconv"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
	"github.com/convene/convene/internal/web/request"
)

type figureRow struct {
	Name string // the fair's, or "" for the whole edition
	store.Figures
}

type figuresData struct {
	Edition  *model.Edition
	Rows     []figureRow
	Channels []model.Channel
	Rate     *rateView // the current edition's matching rate (the match_rate partial)
}

// rateView is the matching rate as the figures page shows it.
type rateView struct {
	match.MatchingRate
	PostPct, TalentPct string
}

// matchingRate is the organizer's figure; nil when it cannot be had (no
// edition yet, or the index failing: the figures page shows the rest).
func (a *Area) matchingRate(r *http.Request) *rateView {
	mr, err := a.Match.Rate(r.Context())
	if err != nil {
		if !model.IsNotFound(err) {
			a.Log.Warn("matching rate", "err", err, "req", request.From(r).ID)
		}
		return nil
	}
	return &rateView{mr, pct(mr.PostRate()), pct(mr.TalentRate())}
}

func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" }

// loadFigures is an edition's figures (?edition_id=, else the current
// one's): the whole edition first, then each fair.
func (a *Area) loadFigures(r *http.Request) (figuresData, error) {
	d := figuresData{Channels: model.Channels}
	ctx := r.Context()
	var e model.Edition
	var err error
	if id := request.QueryInt(r, "edition_id"); id > 0 {
		e, err = a.DB.Edition(ctx, int64(id))
	} else {
		e, err = a.DB.CurrentEdition(ctx)
	}
	if err != nil {
		return d, err
	}
	d.Edition = &e
	figs, err := a.DB.EditionFigures(ctx, e.ID)
	if err != nil {
		return d, err
	}
	fairs, err := a.DB.ListFairs(ctx, e.ID)
	if err != nil {
		return d, err
	}
	names := map[int64]string{}
	for _, f := range fairs {
		names[f.ID] = model.DisplayName(request.Locale(r), f.Name, f.NameZH)
	}
	for _, fg := range figs {
		d.Rows = append(d.Rows, figureRow{names[fg.FairID], fg})
	}
	return d, nil
}

func (a *Area) figuresPage(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadFigures(r)
	if err != nil && !model.IsNotFound(err) {
		a.Render.Fail(w, r, err)
		return
	}
	if err == nil && request.QueryInt(r, "edition_id") == 0 {
		d.Rate = a.matchingRate(r)
	}
	a.Render.Page(w, r, http.StatusOK, "figures", a.Render.View(r, "figures.title", d))
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

func (a *Area) apiFigures(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadFigures(r)
	render.Answer(a.Render, w, r, http.StatusOK, d, err, func(d figuresData) map[string]any {
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
