package booths

import (
	"net/http"
	"sort"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/render"
)

type venueFigure struct {
	ID         int64
	Name       string
	Booths     int
	M2         float64
	AssignedM2 float64
}

type groupRow struct {
	Group, Area, AreaZH   string
	AreaID                int64
	Requests              int
	RequestedM2, Assigned float64
	QuotaPct, QuotaM2     float64
	QuotaUse              string // percentage of the quota used
}

type reviewRequest struct {
	store.BoothRequest
	Booths  []string
	Explain string
}

type reviewData struct {
	Edition      model.Edition
	Exhibition   store.Exhibition
	Venues       []venueFigure
	Areas        []store.BoothAreaFigure
	Groups       []groupRow
	Requests     []reviewRequest
	FromWaitlist int
	Waitlisted   int
	TotalM2      float64
	RequestedM2  float64
	Problems     []string // import messages by row
	HoldHours    int
	DeadlineIn   string // the request deadline for the settings form (edition's zone)
	Deadline     string // and as text, with its zone
	Zone         string
	Closed       bool
	MaxPriority  int
}

func (a *Area) loadReview(r *http.Request) (reviewData, error) {
	var d reviewData
	ctx := r.Context()
	e, err := a.edition(r)
	if err != nil {
		return d, err
	}
	d.Edition = e
	if d.Exhibition, err = a.DB.BoothExhibition(ctx, e.ID); err != nil {
		return d, err
	}
	d.HoldHours = max(1, d.Exhibition.HoldSeconds/3600)
	d.MaxPriority = store.MaxBoothPriority
	d.DeadlineIn = deadlineText(e, d.Exhibition.RequestDeadline, "2006-01-02T15:04")
	d.Deadline = deadlineText(e, d.Exhibition.RequestDeadline, "2006-01-02 15:04 MST")
	d.Zone = e.Location().String()
	d.Closed = d.Exhibition.RequestDeadline != nil && d.Exhibition.RequestsClosed(timeNow())
	if d.Areas, d.FromWaitlist, err = a.DB.BoothFigures(ctx, e.ID); err != nil {
		return d, err
	}
	vIdx := map[int64]int{}
	areaM2, areaBooths := map[int64]float64{}, map[int64]int{}
	for _, f := range d.Areas {
		i, ok := vIdx[f.VenueID]
		if !ok {
			i = len(d.Venues)
			vIdx[f.VenueID] = i
			d.Venues = append(d.Venues, venueFigure{ID: f.VenueID, Name: f.VenueName})
		}
		d.Venues[i].Booths += f.Booths
		d.Venues[i].M2 += f.M2
		d.Venues[i].AssignedM2 += f.AssignedM2
		d.TotalM2 += f.M2
		d.RequestedM2 += f.RequestedM2
		d.Waitlisted += f.Waitlisted
		areaM2[f.AreaID], areaBooths[f.AreaID] = f.M2, f.Booths
	}
	plan, err := a.DB.PlanBooths(ctx, e.ID, time.Now())
	if err != nil {
		return d, err
	}
	held := map[int64][]store.PlanBooth{}
	for _, b := range plan {
		if b.RequestID != 0 && b.State == store.BoothAssigned {
			held[b.RequestID] = append(held[b.RequestID], b)
		}
	}
	reqs, err := a.DB.BoothRequests(ctx, e.ID, 0)
	if err != nil {
		return d, err
	}
	quotas, err := a.DB.BoothQuotas(ctx, e.ID)
	if err != nil {
		return d, err
	}
	type key struct {
		g string
		a int64
	}
	gi := map[key]int{}
	row := func(g string, area int64, name, nameZH string) *groupRow {
		k := key{g, area}
		i, ok := gi[k]
		if !ok {
			i = len(d.Groups)
			gi[k] = i
			d.Groups = append(d.Groups, groupRow{Group: g, AreaID: area, Area: name, AreaZH: nameZH})
		}
		return &d.Groups[i]
	}
	names := map[int64][2]string{}
	for _, f := range d.Areas {
		names[f.AreaID] = [2]string{f.Area, f.AreaZH}
	}
	for _, q := range reqs {
		rr := reviewRequest{BoothRequest: q, Explain: a.explain(r, q)}
		for _, b := range held[q.ID] {
			rr.Booths = append(rr.Booths, b.Code)
		}
		d.Requests = append(d.Requests, rr)
		if q.Group == "" {
			continue
		}
		g := row(q.Group, q.AreaID, q.AreaName, q.AreaNameZH)
		g.Requests++
		if q.Count > 0 && areaBooths[q.AreaID] > 0 {
			g.RequestedM2 += float64(q.Count) * areaM2[q.AreaID] / float64(areaBooths[q.AreaID])
		} else {
			g.RequestedM2 += q.M2
		}
		for _, b := range held[q.ID] {
			g.Assigned += b.M2
		}
	}
	for _, q := range quotas {
		g := row(q.Group, q.AreaID, names[q.AreaID][0], names[q.AreaID][1])
		g.QuotaPct, g.QuotaM2 = q.Percent, q.Percent/100*areaM2[q.AreaID]
	}
	for i := range d.Groups {
		if g := &d.Groups[i]; g.QuotaM2 > 0 {
			g.QuotaUse = num(100*g.Assigned/g.QuotaM2) + "%"
		}
	}
	sort.SliceStable(d.Groups, func(i, j int) bool {
		if d.Groups[i].AreaID != d.Groups[j].AreaID {
			return d.Groups[i].AreaID < d.Groups[j].AreaID
		}
		return d.Groups[i].Group < d.Groups[j].Group
	})
	return d, nil
}

func (a *Area) reviewPage(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadReview(r)
	if err != nil && !model.IsNotFound(err) {
		a.Render.Fail(w, r, err)
		return
	}
	a.showReview(w, r, http.StatusOK, d)
}

func (a *Area) showReview(w http.ResponseWriter, r *http.Request, code int, d reviewData) {
	v := a.Render.View(r, "booths.review", d)
	a.Render.TakeFlash(w, r, v)
	a.Render.Page(w, r, code, "booths_review", v)
}

type areaFigureJ struct {
	Venue       string  `json:"venue"`
	Area        string  `json:"area"`
	Booths      int     `json:"booths"`
	M2          float64 `json:"m2"`
	RequestedM2 float64 `json:"requested_m2"`
	AssignedM2  float64 `json:"assigned_m2"`
	DemandRatio float64 `json:"demand_ratio"`
	Waitlisted  int     `json:"waitlisted"`
}

// apiFigures: m² per venue and area, demand ratio, waitlist length and how
// many booths the waitlist gave.
func (a *Area) apiFigures(w http.ResponseWriter, r *http.Request) {
	d, err := a.loadReview(r)
	render.Answer(a.Render, w, r, http.StatusOK, d, err, func(d reviewData) map[string]any {
		areas := make([]areaFigureJ, 0, len(d.Areas))
		for _, f := range d.Areas {
			areas = append(areas, areaFigureJ{Venue: f.VenueName, Area: f.Area, Booths: f.Booths, M2: f.M2, RequestedM2: f.RequestedM2,
				AssignedM2: f.AssignedM2, DemandRatio: f.DemandRatio(), Waitlisted: f.Waitlisted})
		}
		ratio := 0.0
		if d.TotalM2 > 0 {
			ratio = d.RequestedM2 / d.TotalM2
		}
		return map[string]any{"status": d.Exhibition.Status, "seed": d.Exhibition.Seed, "m2": d.TotalM2, "requested_m2": d.RequestedM2,
			"demand_ratio": ratio, "waitlisted": d.Waitlisted, "from_waitlist": d.FromWaitlist, "areas": areas}
	})
}
