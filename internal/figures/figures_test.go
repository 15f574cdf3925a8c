package figures_test

import (
	"context"
	"testing"

	"github.com/convene/convene/internal/figures"
	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

var ctx = context.Background()

const hash = "$argon2id$v=19$m=65536,t=1,p=4$c2FsdA$aGFzaA"

// loadGen loads a generated convention and computes its figures.
func loadGen(t *testing.T, db *store.DB, seed int64, scale float64) (*gen.Convention, *figures.Set) {
	t.Helper()
	c := gen.Generate(seed, scale)
	sum, err := gen.Load(ctx, db, c, gen.LoadOptions{PasswordHash: hash})
	if err != nil {
		t.Fatal(err)
	}
	e, err := db.Edition(ctx, sum.EditionID)
	if err != nil {
		t.Fatal(err)
	}
	s, err := figures.Compute(ctx, db, e)
	if err != nil {
		t.Fatal(err)
	}
	return c, s
}

// TestFiguresFollowGenerator loads a small generated convention into each
// database and holds every figure equal to the generator's own totals.
func TestFiguresFollowGenerator(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			c, s := loadGen(t, db, 2017, 0.05)
			tot := c.Totals()
			var appsByChannel = map[model.Channel]int{}
			for _, a := range c.Applications {
				appsByChannel[a.Channel]++
			}
			visits := map[model.Channel]int{}
			for _, v := range c.Visits {
				visits[v.Channel] += v.Count
			}
			videoPhD := 0
			for _, id := range c.VideoTalents {
				if c.Talents[id-1].Degree == model.DegreePhD {
					videoPhD++
				}
			}
			eligible := 0
			for _, e := range c.Entries {
				if e.GrantEligible {
					eligible++
				}
			}
			// The demo's loaders (internal/gen/video.go) apply through the
			// store after the bulk load: count what the database holds.
			rows, err := db.TableCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			demoApps := rows.Applications - len(c.Applications)
			checks := []struct {
				name      string
				got, want float64
			}{
				{"overseas talents", s.Get("talents.by_category").Value("overseas"), float64(tot.Overseas)},
				{"high-skilled talents", s.Get("talents.by_category").Value("high_skilled"), float64(tot.HighSkilled)},
				{"students", s.Get("talents.by_category").Value("student"), float64(tot.Students)},
				{"overseas PhDs", s.Get("talents.overseas_by_degree").Value("phd"), float64(tot.OverseasPhD)},
				{"overseas intending to work in China", s.Get("talents.overseas_by_intent").Value("yes"), float64(tot.OverseasIntentYes)},
				{"delegations", s.Get("delegations.by_province").Total(), float64(tot.Delegations)},
				{"foreign delegations", s.Get("delegations.by_province").Value("foreign"), float64(tot.ForeignDelegations)},
				{"enterprises", s.Get("enterprises.by_global500").Total(), float64(tot.Enterprises)},
				{"Global 500", s.Get("enterprises.by_global500").Value("global500"), float64(tot.Global500)},
				{"enterprises posting", s.Get("enterprises.posting").Total(), float64(tot.PostingEnterprises)},
				{"posts", s.Get("posts.by_fair").Total(), float64(len(c.Posts))},
				{"video posts", s.Get("posts.by_fair").Value("video"), float64(tot.PostsByFair[2])},
				{"applications", s.Get("applications.by_channel").Total(), float64(len(c.Applications) + demoApps)},
				{"applications mobile", s.Get("applications.by_channel").Value("mobile"), float64(appsByChannel[model.ChannelMobile])},
				{"applications scan", s.Get("applications.by_channel").Value("scan"), float64(appsByChannel[model.ChannelScan])},
				{"CVs received", s.Get("cvs.overseas").Total(), float64(tot.OverseasCVs)},
				{"visits", s.Get("visits.by_channel").Total(), float64(tot.VisitCount)},
				{"visits mobile", s.Get("visits.by_channel").Value("mobile"), float64(visits[model.ChannelMobile])},
				{"video talents", s.Get("video.talents_by_degree").Total(), float64(tot.VideoTalents)},
				{"video PhDs", s.Get("video.talents_by_degree").Value("phd"), float64(videoPhD)},
				{"remote sessions", float64(len(s.Get("video.sessions").Rows)), float64(len(c.Sessions))},
				{"talent projects", s.Get("projects.by_source").Value("talent"), float64(tot.TalentProjects)},
				{"delegation projects", s.Get("projects.by_source").Value("delegation") + s.Get("projects.by_source").Value("delegation_foreign"), float64(tot.DelegationProjects)},
				{"CIS projects", s.Get("projects.by_source").Value("delegation_foreign"), float64(tot.CISProjects)},
				{"expert projects", s.Get("projects.by_source").Value("expert_program"), float64(tot.ExpertProjects)},
				{"contest entries", s.Get("contest.entries_by_status").Total(), float64(len(c.Entries))},
				{"contest selected", s.Get("contest.entries_by_status").Value("selected"), float64(tot.Selected)},
				{"grant eligible", s.Get("contest.grant_eligible").Total(), float64(eligible)},
				{"grant yuan", s.Get("contest.grant_yuan").Total(), float64(c.Contest.GrantYuan)},
				{"dockings", s.Get("dockings.by_stage").Total(), float64(len(c.Dockings))},
				{"venue m²", s.Get("exhibition.venue_m2").Total(), float64(tot.VenueAreaM2)},
				{"venues", float64(len(s.Get("exhibition.venue_m2").Rows)), float64(len(c.Venues))},
				{"booths", s.Get("exhibition.booths_by_area").Total(), float64(len(c.Booths))},
				{"booth m²", s.Get("exhibition.booth_m2_by_area").Total(), tot.BoothAreaM2},
				{"exhibits", s.Get("exhibition.exhibits").Total(), float64(len(c.Exhibits))},
				{"events", s.Get("events.by_kind").Total(), float64(len(c.Events))},
			}
			for _, ch := range checks {
				if d := ch.got - ch.want; d > 0.001 || d < -0.001 {
					t.Errorf("%s: %g, want %g", ch.name, ch.got, ch.want)
				}
			}
			for st, n := range tot.DockingsByStage {
				if got := s.Get("dockings.by_stage").Value(string(st)); got != float64(n) {
					t.Errorf("dockings at %s: %g, want %d", st, got, n)
				}
			}
			if f := store.FunnelTotal(s.Funnel); f.Dockings != len(c.Dockings) {
				t.Errorf("funnel dockings %d, want %d", f.Dockings, len(c.Dockings))
			}
			if s.Video.Talents != tot.VideoTalents || s.Video.MatchedTalents == 0 || s.Video.MatchedTalents > s.Video.Talents {
				t.Errorf("video rate %+v with %d video talents", s.Video, tot.VideoTalents)
			}
			for _, d := range figures.Defs {
				if _, ok := s.Figures[d.Name]; !ok && d.Name != figures.DockingFunnel {
					t.Errorf("figure %s not computed", d.Name)
				}
			}
		})
	}
}

// TestApplicationFiguresTogether holds the one query Compute runs for the
// application figures equal to each figure's own named query.
func TestApplicationFiguresTogether(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			_, s := loadGen(t, db, 2017, 0.05)
			start, close := figures.Window(s.Edition)
			args := store.FigureArgs{EditionID: s.Edition.ID, Start: start, Close: close}
			got, err := db.ApplicationFigures(ctx, args)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range store.ApplicationFigureNames {
				want, err := db.Figure(ctx, name, args)
				if err != nil {
					t.Fatal(err)
				}
				if len(want) == 0 {
					t.Fatalf("%s: no rows to compare", name)
				}
				if !sameRows(got[name], want) {
					t.Errorf("%s: together %v, alone %v", name, got[name], want)
				}
			}
		})
	}
}

func sameRows(a, b []store.FigureRow) bool {
	m := map[string]float64{}
	for _, r := range a {
		m[r.Key] = r.Value
	}
	if len(a) != len(b) || len(m) != len(a) {
		return false
	}
	for _, r := range b {
		if v, ok := m[r.Key]; !ok || v != r.Value {
			return false
		}
	}
	return true
}
