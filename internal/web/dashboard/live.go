package dashboard

import (
	"context"
	"encoding/json"
	"html/template"
	"time"

	"github.com/convene/convene/internal/chart"
	"github.com/convene/convene/internal/figures"
	"github.com/convene/convene/internal/model"
)

// liveFigures are the cheap figures the dashboard keeps live.
var liveFigures = []string{"applications.by_channel", "applications.by_hour", "dockings.by_stage", "checkins.by_gate_day", "checkins.by_hour", "checkins.people"}

// Live is what a stream sends: counters, and the charts as SVG figures
// rendered for the stream's language (the script swaps them in).
type Live struct {
	EditionID int64             `json:"edition_id"`
	At        time.Time         `json:"at"`
	Counters  map[string]int64  `json:"counters"`
	Charts    map[string]string `json:"charts"`
}

// counterKeys are the counters in the order the pages show them.
var counterKeys = []string{"talents", "enterprises", "delegations", "posts", "applications", "checkins", "dockings", "projects", "events", "booths"}

// snapshot is an edition's live figures before rendering.
type snapshot struct {
	e        model.Edition
	counters map[string]int64
	set      *figures.Set
}

func (a *Area) snapshot(ctx context.Context, editionID int64) (snapshot, error) {
	e, err := a.DB.Edition(ctx, editionID)
	if err != nil {
		return snapshot{}, err
	}
	c, err := a.DB.Counts(ctx, editionID)
	if err != nil {
		return snapshot{}, err
	}
	set, err := figures.Some(ctx, a.DB, e, liveFigures...)
	if err != nil {
		return snapshot{}, err
	}
	return snapshot{e: e, set: set, counters: map[string]int64{
		"talents": int64(c.Talents), "enterprises": int64(c.Enterprises), "delegations": int64(c.Delegations),
		"posts": int64(c.Posts), "applications": int64(c.Applications), "projects": int64(c.Projects),
		"events": int64(c.Events), "booths": int64(c.Booths),
		"checkins": int64(set.Get("checkins.people").Total()), "dockings": int64(set.Get("dockings.by_stage").Total()),
	}}, nil
}

// charts renders the live charts in lang.
func (a *Area) charts(sn snapshot, lang string) map[string]template.HTML {
	T := func(k string) string { return a.Render.T(lang, k) }
	items := func(name, prefix string) []chart.Item {
		var out []chart.Item
		for _, r := range sn.set.Get(name).Rows {
			l := r.Key
			if prefix != "" && a.Render.Has(prefix+r.Key) {
				l = T(prefix + r.Key)
			}
			out = append(out, chart.Item{Label: l, Value: r.Value})
		}
		return out
	}
	title := func(name string) string { d, _ := figures.ByName(name); return d.Title(lang) }
	var stages []chart.Item
	for _, st := range model.DockingStages {
		stages = append(stages, chart.Item{Label: T("live.stage." + string(st)), Value: sn.set.Get("dockings.by_stage").Value(string(st))})
	}
	n := T("live.count")
	return map[string]template.HTML{
		"chart-channels":  chart.Donut(chart.Chart{ID: "chart-channels", Title: title("applications.by_channel"), Label: T("live.channel"), Unit: n, Items: items("applications.by_channel", "channel.")}),
		"chart-hours":     chart.Line(chart.Chart{ID: "chart-hours", Title: title("applications.by_hour"), Label: T("live.hour"), Unit: n, Items: items("applications.by_hour", "")}),
		"chart-stages":    chart.Funnel(chart.Chart{ID: "chart-stages", Title: title("dockings.by_stage"), Label: T("live.stage"), Unit: n, Items: stages}),
		"chart-gates":     chart.Bars(chart.Chart{ID: "chart-gates", Title: title("checkins.by_gate_day"), Label: T("live.gate"), Unit: n, Items: items("checkins.by_gate_day", "")}),
		"chart-gatehours": chart.Line(chart.Chart{ID: "chart-gatehours", Title: title("checkins.by_hour"), Label: T("live.hour"), Unit: n, Items: items("checkins.by_hour", "")}),
	}
}

// build is the hub's payload for an edition, in both languages.
func (a *Area) build(ctx context.Context, editionID int64) (map[string][]byte, error) {
	sn, err := a.snapshot(ctx, editionID)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, lang := range []string{"zh", "en"} {
		l := Live{EditionID: editionID, At: sn.set.At, Counters: sn.counters, Charts: map[string]string{}}
		for id, h := range a.charts(sn, lang) {
			l.Charts[id] = string(h)
		}
		b, err := json.Marshal(l)
		if err != nil {
			return nil, err
		}
		out[lang] = b
	}
	return out, nil
}
