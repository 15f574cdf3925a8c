package report

import (
	"context"
	"html/template"
	"sort"
	"strings"

	"github.com/convene/convene/internal/chart"
	"github.com/convene/convene/internal/figures"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// Frozen is what a report is computed from, and what publishing stores.
type Frozen struct {
	Cur   *figures.Set
	Prev  *figures.Set // nil: no previous edition
	Annex []store.DelegationFigures
}

// freeze computes an edition's report data now.
func freeze(ctx context.Context, db *store.DB, e model.Edition) (*Frozen, error) {
	cur, err := figures.Compute(ctx, db, e)
	if err != nil {
		return nil, err
	}
	f := &Frozen{Cur: cur}
	if pe, err := db.PreviousEdition(ctx, e); err == nil {
		if f.Prev, err = figures.Compute(ctx, db, pe); err != nil {
			return nil, err
		}
	} else if !model.IsNotFound(err) {
		return nil, err
	}
	if f.Annex, err = db.DelegationsFigures(ctx, e.ID, 0); err != nil {
		return nil, err
	}
	return f, nil
}

// metric is one headline: how to read it from a figure set.
type metric struct {
	key    string // catalog key of its label: report.m.<key>
	figure string // the named figure it comes from
	unit   string // "", "%", "m2", "yuan"
	value  func(s *figures.Set) float64
	text   func(s *figures.Set, l labeler) string // a list instead of a number
}

func share(s *figures.Set, name, key string) float64 {
	t := s.Get(name).Total()
	if t == 0 {
		return 0
	}
	return 100 * s.Get(name).Value(key) / t
}

func val(name, key string) func(*figures.Set) float64 {
	return func(s *figures.Set) float64 { return s.Get(name).Value(key) }
}

func tot(name string) func(*figures.Set) float64 {
	return func(s *figures.Set) float64 { return s.Get(name).Total() }
}

// funnelOf adds up the funnel rows that pass keep.
func funnelOf(s *figures.Set, keep func(store.FunnelRow) bool) store.FunnelRow {
	var rows []store.FunnelRow
	for _, r := range s.Funnel {
		if keep(r) {
			rows = append(rows, r)
		}
	}
	return store.FunnelTotal(rows)
}

func contest(r store.FunnelRow) bool { return r.Source == model.SourceContest }
func foreign(r store.FunnelRow) bool { return r.DelegationID != 0 }
func expert(r store.FunnelRow) bool  { return r.Source == model.SourceExpert }
func all(store.FunnelRow) bool       { return true }

// keysText lists a figure's keys, largest first (at most n).
func keysText(name string, n int, skip ...string) func(*figures.Set, labeler) string {
	return func(s *figures.Set, l labeler) string {
		rows := append([]store.FigureRow(nil), s.Get(name).Rows...)
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].Value > rows[j].Value })
		var out []string
		for _, r := range rows {
			if r.Key == "" || r.Value == 0 || contains(skip, r.Key) {
				continue
			}
			if len(out) == n {
				out = append(out, l("others"))
				break
			}
			out = append(out, l(r.Key))
		}
		return strings.Join(out, l.sep())
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// metrics are the report's headlines: every figure of the seed's
// published report that the product can know, in its order.
var metrics = []metric{
	{key: "overseas", figure: "talents.by_category", value: val("talents.by_category", "overseas")},
	{key: "phd_share", figure: "talents.overseas_by_degree", unit: "%", value: func(s *figures.Set) float64 { return share(s, "talents.overseas_by_degree", "phd") }},
	{key: "intent_share", figure: "talents.overseas_by_intent", unit: "%", value: func(s *figures.Set) float64 { return share(s, "talents.overseas_by_intent", "yes") }},
	{key: "countries", figure: "talents.overseas_by_residence", text: keysText("talents.overseas_by_residence", 6)},
	{key: "talent_projects", figure: "projects.by_source", value: val("projects.by_source", "talent")},
	{key: "delegations", figure: "delegations.by_province", value: tot("delegations.by_province")},
	{key: "provinces", figure: "delegations.by_province", value: func(s *figures.Set) float64 {
		seen := map[string]bool{} // "Guangdong" and "广东省" are one province
		for _, r := range s.Get("delegations.by_province").Rows {
			if r.Key != "" && r.Key != "foreign" && r.Value > 0 {
				k := r.Key
				if d, ok := chart.Province(k); ok {
					k = d.Code
				}
				seen[k] = true
			}
		}
		return float64(len(seen))
	}},
	{key: "delegation_projects", figure: "projects.by_source", value: func(s *figures.Set) float64 {
		return s.Get("projects.by_source").Value("delegation") + s.Get("projects.by_source").Value("delegation_foreign")
	}},
	{key: "admitted", figure: "checkins.people", value: tot("checkins.people")},
	{key: "fairs", figure: "posts.by_fair", text: keysText("posts.by_fair", 5)},
	{key: "enterprises", figure: "enterprises.by_global500", value: tot("enterprises.by_global500")},
	{key: "global500", figure: "enterprises.by_global500", value: val("enterprises.by_global500", "global500")},
	{key: "posts", figure: "posts.by_fair", value: tot("posts.by_fair")},
	{key: "cvs", figure: "cvs.overseas", value: tot("cvs.overseas")},
	{key: "sessions", figure: "video.sessions", text: keysText("video.sessions", 6)},
	{key: "video_talents", figure: "video.talents_by_degree", value: tot("video.talents_by_degree")},
	{key: "video_phd_share", figure: "video.talents_by_degree", unit: "%", value: func(s *figures.Set) float64 { return share(s, "video.talents_by_degree", "phd") }},
	{key: "matching_rate", figure: figures.VideoMatchingRate, unit: "%", value: tot(figures.VideoMatchingRate)},
	{key: "posting", figure: "enterprises.posting", value: tot("enterprises.posting")},
	{key: "applications", figure: "applications.by_channel", value: tot("applications.by_channel")},
	{key: "visits", figure: "visits.by_channel", value: tot("visits.by_channel")},
	{key: "selected", figure: "contest.entries_by_status", value: val("contest.entries_by_status", "selected")},
	{key: "contest_negotiations", figure: figures.DockingFunnel, value: func(s *figures.Set) float64 { return float64(funnelOf(s, contest).Reached[1]) }},
	{key: "contest_preliminary", figure: figures.DockingFunnel, value: func(s *figures.Set) float64 {
		return float64(funnelOf(s, contest).At[string(model.DockPreliminary)])
	}},
	{key: "contest_cooperative", figure: figures.DockingFunnel, value: func(s *figures.Set) float64 {
		return float64(funnelOf(s, contest).At[string(model.DockCooperative)])
	}},
	{key: "foreign_projects", figure: figures.DockingFunnel, value: func(s *figures.Set) float64 { return float64(funnelOf(s, foreign).Projects) }},
	{key: "foreign_negotiations", figure: figures.DockingFunnel, value: func(s *figures.Set) float64 { return float64(funnelOf(s, foreign).Reached[1]) }},
	{key: "foreign_intentions", figure: figures.DockingFunnel, value: func(s *figures.Set) float64 {
		return float64(funnelOf(s, foreign).At[string(model.DockCooperative)])
	}},
	{key: "expert_projects", figure: figures.DockingFunnel, value: func(s *figures.Set) float64 { return float64(funnelOf(s, expert).Projects) }},
	{key: "expert_cooperative_share", figure: figures.DockingFunnel, unit: "%", value: func(s *figures.Set) float64 {
		f := funnelOf(s, expert)
		if f.Projects == 0 {
			return 0
		}
		return 100 * float64(f.ProjectsReached[3]) / float64(f.Projects)
	}},
	{key: "dockings", figure: "dockings.by_stage", value: tot("dockings.by_stage")},
	{key: "contracts", figure: figures.DockingFunnel, value: func(s *figures.Set) float64 {
		return float64(funnelOf(s, all).At[string(model.DockContract)])
	}},
	{key: "grant", figure: "contest.grant_yuan", unit: "yuan", value: func(s *figures.Set) float64 {
		m := 0.0
		for _, r := range s.Get("contest.grant_yuan").Rows {
			m = max(m, r.Value)
		}
		return m
	}},
	{key: "events", figure: "events.by_kind", value: tot("events.by_kind")},
	{key: "venues", figure: "exhibition.venue_m2", value: func(s *figures.Set) float64 { return float64(len(s.Get("exhibition.venue_m2").Rows)) }},
	{key: "area", figure: "exhibition.venue_m2", unit: "m2", value: tot("exhibition.venue_m2")},
	{key: "province_area", figure: "exhibition.booth_m2_by_area", unit: "m2", value: val("exhibition.booth_m2_by_area", "province")},
	{key: "exhibits", figure: "exhibition.exhibits", value: tot("exhibition.exhibits")},
}

// labeler translates a figure's key (a category, a degree, a channel…);
// keys it does not know (names, places) show as they are.
type labeler func(key string) string

func (l labeler) sep() string { return l("sep") }

// line is one headline as the report shows it.
type line struct {
	Label, Value   string
	Prev, Abs, Pct string
	HasPrev        bool
	Figure, Def    string
	Raw, PrevRaw   float64
}

func format(v float64, unit string) string {
	switch unit {
	case "%":
		return chart.Num(round1(v)) + "%"
	case "m2":
		return chart.Num(round1(v)) + " m²"
	case "yuan":
		return chart.Num(v)
	}
	return chart.Num(round1(v))
}

func round1(v float64) float64 {
	if v == float64(int64(v)) {
		return v
	}
	return float64(int64(v*10+0.5)) / 10
}

func signed(v float64, unit string) string {
	s := format(v, unit)
	if v > 0 {
		return "+" + s
	}
	return s
}

// lines computes the headlines in lang.
func (fz *Frozen) lines(lang string, T func(string) string, l labeler) []line {
	var out []line
	for _, m := range metrics {
		d, _ := figures.ByName(m.figure)
		ln := line{Label: T("report.m." + m.key), Figure: m.figure, Def: d.Definition(lang)}
		if m.text != nil {
			ln.Value = m.text(fz.Cur, l)
			if fz.Prev != nil {
				ln.HasPrev, ln.Prev = true, m.text(fz.Prev, l)
			}
			out = append(out, ln)
			continue
		}
		v := m.value(fz.Cur)
		ln.Raw, ln.Value = v, format(v, m.unit)
		if fz.Prev != nil {
			p := m.value(fz.Prev)
			ln.HasPrev, ln.PrevRaw, ln.Prev = true, p, format(p, m.unit)
			ln.Abs = signed(v-p, m.unit)
			if m.unit == "%" {
				ln.Abs = signed(v-p, "") + " pp"
			}
			if p != 0 && m.unit != "%" {
				ln.Pct = signed(100*(v-p)/p, "") + "%"
			}
		}
		out = append(out, ln)
	}
	return out
}

// section is one part of the convention with its charts.
type section struct {
	Key    string
	Title  string
	Charts []template.HTML
}

// chartSpec draws one figure.
type chartSpec struct {
	figure string
	draw   func(chart.Chart) template.HTML
}

var sections = []struct {
	key    string
	charts []chartSpec
}{
	{"talents", []chartSpec{{"talents.by_category", chart.Donut}, {"talents.overseas_by_degree", chart.Donut}, {"talents.overseas_by_intent", chart.Donut}, {"talents.overseas_by_residence", chart.Bars}}},
	{"delegations", []chartSpec{{"delegations.by_province", chart.Map}, {"projects.by_source", chart.Donut}}},
	{"jobs", []chartSpec{{"posts.by_fair", chart.Bars}, {"enterprises.by_global500", chart.Donut}, {"applications.by_channel", chart.Donut}, {"visits.by_channel", chart.Donut}, {"applications.by_hour", chart.Line}}},
	{"video", []chartSpec{{"video.talents_by_degree", chart.Donut}}},
	{"contest", []chartSpec{{"contest.entries_by_status", chart.Donut}}},
	{"docking", []chartSpec{{"dockings.by_stage", chart.Bars}}},
	{"exhibition", []chartSpec{{"exhibition.venue_m2", chart.Bars}, {"exhibition.booth_m2_by_area", chart.Bars}}},
	{"events", []chartSpec{{"events.by_kind", chart.Bars}, {"checkins.by_gate_day", chart.Bars}}},
}

func (fz *Frozen) sections(lang string, T func(string) string, l labeler) []section {
	var out []section
	for _, s := range sections {
		sec := section{Key: s.key, Title: T("report.s." + s.key)}
		for _, c := range s.charts {
			d, _ := figures.ByName(c.figure)
			var items []chart.Item
			for _, r := range fz.Cur.Get(c.figure).Rows {
				items = append(items, chart.Item{Label: l(r.Key), Value: r.Value, Key: r.Key})
			}
			if len(items) == 0 {
				continue
			}
			sec.Charts = append(sec.Charts, c.draw(chart.Chart{ID: "chart-" + c.figure, Title: d.Title(lang), Label: T("report.key"), Unit: T("report.value"), Items: items, Lang: lang}))
		}
		out = append(out, sec)
	}
	// The docking funnel: dockings that reached each stage.
	f := store.FunnelTotal(fz.Cur.Funnel)
	var items []chart.Item
	for i, st := range store.DockingRanks {
		if i == 0 {
			continue
		}
		items = append(items, chart.Item{Label: l(string(st)), Value: float64(f.Reached[i])})
	}
	d, _ := figures.ByName(figures.DockingFunnel)
	for i := range out {
		if out[i].Key == "docking" {
			out[i].Charts = append([]template.HTML{chart.Funnel(chart.Chart{ID: "chart-funnel", Title: d.Title(lang), Label: T("report.key"), Unit: T("report.value"), Items: items})}, out[i].Charts...)
		}
	}
	return out
}

// defLine is one figure's definition in the report's appendix.
type defLine struct {
	Name, Title, Definition string
	Records                 string // the organizer's list of its records (drafts only)
}

// definitions are the figures the report uses, in the order of
// figures.Defs, each with its definition in lang: the report carries them
// so that every number is traceable for any reader, on the page and in
// the PDF (the figures page is the organizer's).
func definitions(lang string) []defLine {
	used := map[string]bool{figures.DockingFunnel: true}
	for _, m := range metrics {
		used[m.figure] = true
	}
	for _, s := range sections {
		for _, c := range s.charts {
			used[c.figure] = true
		}
	}
	var out []defLine
	for _, d := range figures.Defs {
		if used[d.Name] {
			out = append(out, defLine{Name: d.Name, Title: d.Title(lang), Definition: d.Definition(lang)})
		}
	}
	return out
}

// funnelLine is one source's row of the funnel table.
type funnelLine struct {
	Source             string
	Projects, Dockings int
	Reached            []int
}

func (fz *Frozen) funnel(lang string, l labeler) []funnelLine {
	var out []funnelLine
	for _, r := range fz.Cur.Funnel {
		name := l(string(r.Source))
		if r.DelegationID != 0 {
			name = model.DisplayName(lang, r.Delegation, r.DelegationZH)
		}
		out = append(out, funnelLine{Source: name, Projects: r.Projects, Dockings: r.Dockings, Reached: r.Reached[1:]})
	}
	return out
}
