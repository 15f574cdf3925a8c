package figures

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"time"

	"github.com/convene/convene/internal/match"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/recommend"
	"github.com/convene/convene/internal/store"
)

// Figure is one named figure's rows for an edition.
type Figure struct {
	Name string            `json:"name"`
	Rows []store.FigureRow `json:"rows"`
}

// Total adds the figure's rows up.
func (f Figure) Total() float64 {
	var t float64
	for _, r := range f.Rows {
		t += r.Value
	}
	return t
}

// Value is the row with key k (0 when absent).
func (f Figure) Value(k string) float64 {
	for _, r := range f.Rows {
		if r.Key == k {
			return r.Value
		}
	}
	return 0
}

// Set is every figure of one edition, computed at one moment.
type Set struct {
	Edition model.Edition      `json:"edition"`
	At      time.Time          `json:"computed_at"`
	Figures map[string]Figure  `json:"figures"`
	Funnel  []store.FunnelRow  `json:"funnel"`
	Video   match.MatchingRate `json:"video_rate"`
	Took    time.Duration      `json:"took_ns"`
}

// Get returns the named figure (empty when unknown).
func (s *Set) Get(name string) Figure { return s.Figures[name] }

// Window is the edition's days as instants: its first instant and the
// instant after its last day, in its time zone.
func Window(e model.Edition) (start, close time.Time) {
	loc, err := time.LoadLocation(e.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	start = time.Date(e.StartDate.Year(), e.StartDate.Month(), e.StartDate.Day(), 0, 0, 0, 0, loc)
	close = time.Date(e.EndDate.Year(), e.EndDate.Month(), e.EndDate.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	return start, close
}

// Some runs the named SQL figures for e (the live dashboard's few).
func Some(ctx context.Context, db *store.DB, e model.Edition, names ...string) (*Set, error) {
	t0 := time.Now()
	start, close := Window(e)
	s := &Set{Edition: e, At: t0.UTC(), Figures: map[string]Figure{}}
	args := store.FigureArgs{EditionID: e.ID, Start: start, Close: close, From: "0000-00-00", To: e.EndDate.Format("2006-01-02")}
	if prev, err := db.PreviousEdition(ctx, e); err == nil {
		args.From = prev.EndDate.Format("2006-01-02")
	} else if !model.IsNotFound(err) {
		return nil, err
	}
	// The queries are independent reads: on PostgreSQL four at a time
	// (scale 1: 245-485 ms against 430-660 ms one by one).
	type res struct {
		name string
		rows []store.FigureRow
		err  error
	}
	out := make(chan res)
	par := 4
	if db.Dialect() == "sqlite" {
		par = 1 // measured at scale 1 on 2 busy cores: 290 ms one at a time, 550-990 ms four at a time
	}
	sem := make(chan struct{}, par)
	n := 0
	// The application figures share one query (one read of the edition's
	// applications) when all of them are asked for, as Compute does.
	together := 0
	for _, name := range names {
		if slices.Contains(store.ApplicationFigureNames, name) {
			together++
		}
	}
	if together == len(store.ApplicationFigureNames) {
		names = slices.DeleteFunc(slices.Clone(names), func(name string) bool {
			return slices.Contains(store.ApplicationFigureNames, name)
		})
		n += together
		go func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			m, err := db.ApplicationFigures(ctx, args)
			for _, name := range store.ApplicationFigureNames {
				out <- res{name, m[name], err}
			}
		}()
	}
	for _, name := range names {
		n++
		go func(name string) {
			sem <- struct{}{}
			defer func() { <-sem }()
			rows, err := db.Figure(ctx, name, args)
			out <- res{name, rows, err}
		}(name)
	}
	var firstErr error
	for range n {
		r := <-out
		if r.err != nil {
			firstErr = cmp.Or(firstErr, r.err)
			continue
		}
		rows := r.rows
		if r.name == "applications.by_hour" || r.name == "checkins.by_hour" {
			rows = localHours(rows, start.Location())
		}
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].Key < rows[j].Key })
		s.Figures[r.name] = Figure{Name: r.name, Rows: rows}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	s.Took = time.Since(t0)
	return s, nil
}

// Compute runs every named figure for e.
func Compute(ctx context.Context, db *store.DB, e model.Edition) (*Set, error) {
	t0 := time.Now()
	names := make([]string, 0, len(Defs))
	for _, d := range Defs {
		if d.Name != VideoMatchingRate && d.Name != DockingFunnel {
			names = append(names, d.Name)
		}
	}
	// The funnel and the video fair's rate (its match index is built in
	// Go) run beside the named queries rather than after them: on
	// SQLite, whose queries run one at a time, the second core builds the
	// index meanwhile.
	var (
		funnel []store.FunnelRow
		video  match.MatchingRate
		side   = make(chan error, 1)
	)
	go func() {
		var err error
		if funnel, err = db.DockingFunnel(ctx, store.DockingFilter{EditionID: e.ID}); err == nil {
			video, err = videoRate(ctx, db, e.ID)
		}
		side <- err
	}()
	s, err := Some(ctx, db, e, names...)
	if serr := <-side; err == nil {
		err = serr
	}
	if err != nil {
		return nil, err
	}
	s.Funnel, s.Video = funnel, video
	s.Figures[VideoMatchingRate] = Figure{Name: VideoMatchingRate, Rows: []store.FigureRow{{Value: s.Video.TalentRate() * 100}}}
	s.Took = time.Since(t0)
	return s, nil
}

// localHours moves UTC hour keys ("2017-12-17 01") to the edition's zone.
func localHours(rows []store.FigureRow, loc *time.Location) []store.FigureRow {
	for i, r := range rows {
		if t, err := time.ParseInLocation("2006-01-02 15", r.Key, time.UTC); err == nil {
			rows[i].Key = t.In(loc).Format("2006-01-02 15:00")
		}
	}
	return rows
}

// videoRate is the video fair's person-post matching rate (the seed's
// "above 85%"): of the talents attending the video fair, those with at
// least one mutually acceptable open post of the video fair. The rate over
// the whole platform (match.MatchingRate on the index) is a different
// figure: with thousands of talents nearly every post has someone, which
// is why the old figures page said 100%.
func videoRate(ctx context.Context, db *store.DB, editionID int64) (match.MatchingRate, error) {
	ts, ps, err := db.VideoFair(ctx, editionID)
	if err != nil {
		return match.MatchingRate{}, err
	}
	mt := make([]match.Talent, len(ts))
	for i, t := range ts {
		mt[i] = recommend.Talent(t)
	}
	mp := make([]match.Post, len(ps))
	for i, p := range ps {
		mp[i] = recommend.Post(p.Post, true)
	}
	ix, err := match.Build(mt, mp, match.Options{})
	if err != nil {
		return match.MatchingRate{}, err
	}
	return ix.MatchingRate(), nil
}
