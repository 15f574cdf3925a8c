package gen_test

import (
	"math"
	"testing"

	"github.com/convene/convene/internal/figures"
	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store/storetest"
)

// TestPreviousEdition loads a convention with its previous edition into
// each database and reads both editions' figures through the named
// queries: the year before had 25,000 m² (this year +100%) and province
// and city areas this year's over 1.6 (+60%, in booth m² and in booths);
// every other figure is smaller the year before; the current edition stays
// current and its figures are still the generator's own totals.
func TestPreviousEdition(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			c := gen.Generate(2017, 0.05)
			tot := c.Totals()
			sum, err := gen.Load(ctx, db, c, gen.LoadOptions{PasswordHash: hash, Previous: true})
			if err != nil {
				t.Fatal(err)
			}
			rows, err := db.TableCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := tot.WithPrevious()
			want.Applications += sum.Scenes.Applications
			if rows != want || sum.Rows != want || want.Editions != 2 {
				t.Fatalf("database %+v\nsummary  %+v\nwant     %+v", rows, sum.Rows, want)
			}
			cur, err := db.CurrentEdition(ctx)
			if err != nil || cur.ID != sum.EditionID {
				t.Fatalf("current edition %d (%v), want %d", cur.ID, err, sum.EditionID)
			}
			prev, err := db.PreviousEdition(ctx, cur)
			if err != nil || prev.ID != sum.PreviousEditionID || prev.Current || prev.StartDate.Year() != cur.StartDate.Year()-1 || prev.City != cur.City {
				t.Fatalf("previous edition %+v (%v), want id %d a year before", prev, err, sum.PreviousEditionID)
			}
			names := []string{"exhibition.venue_m2", "exhibition.booth_m2_by_area", "exhibition.booths_by_area", "exhibition.exhibits",
				"talents.by_category", "enterprises.by_global500", "enterprises.posting", "delegations.by_province", "posts.by_fair",
				"applications.by_channel", "cvs.overseas", "visits.by_channel", "video.talents_by_degree", "projects.by_source",
				"contest.entries_by_status", "dockings.by_stage", "events.by_kind"}
			now, err := figures.Some(ctx, db, cur, names...)
			if err != nil {
				t.Fatal(err)
			}
			then, err := figures.Some(ctx, db, prev, names...)
			if err != nil {
				t.Fatal(err)
			}
			ch := figures.Compare(now, then)
			if v := then.Get("exhibition.venue_m2").Total(); v != 25000 {
				t.Errorf("previous exhibition area %g m², want 25,000", v)
			}
			if d := ch["exhibition.venue_m2"]; d.Cur != 50000 || d.Pct != 100 {
				t.Errorf("exhibition area %+v, want 50,000 m², +100%%", d)
			}
			growth := func(name string) float64 {
				p := then.Get(name).Value(string(model.AreaProvince))
				if p == 0 {
					t.Fatalf("%s: no province areas the year before", name)
				}
				return 100 * (now.Get(name).Value(string(model.AreaProvince)) - p) / p
			}
			if g := growth("exhibition.booth_m2_by_area"); math.Abs(g-60) > 0.5 {
				t.Errorf("province areas' m² grew %.2f%%, want 60%%", g)
			}
			if g := growth("exhibition.booths_by_area"); math.Abs(g-60) > 1 {
				t.Errorf("province areas' booths grew %.2f%%, want 60%%", g)
			}
			for _, name := range []string{"exhibition.booth_m2_by_area", "exhibition.booths_by_area"} {
				if d := ch[name]; math.Abs(d.Pct-60) > 1 {
					t.Errorf("%s: %g → %g, %+.2f%%, want +60%% (the pages compare totals)", name, d.Prev, d.Cur, d.Pct)
				}
			}
			for _, name := range names[2:] {
				if d := ch[name]; !d.HasPrev || d.Prev <= 0 || d.Prev >= d.Cur {
					t.Errorf("%s: %g the year before, %g this year; want fewer, but some", name, d.Prev, d.Cur)
				}
			}
			// This year's figures are still the generator's (the previous
			// edition's records and registrations do not leak in).
			for _, x := range []struct {
				name      string
				got, want float64
			}{
				{"talents", now.Get("talents.by_category").Total(), float64(tot.Overseas + tot.HighSkilled + tot.Students)},
				{"enterprises", now.Get("enterprises.by_global500").Total(), float64(tot.Enterprises)},
				{"delegations", now.Get("delegations.by_province").Total(), float64(tot.Delegations)},
				{"posts", now.Get("posts.by_fair").Total(), float64(len(c.Posts))},
				{"applications", now.Get("applications.by_channel").Total(), float64(len(c.Applications) + sum.Scenes.Applications)},
				{"visits", now.Get("visits.by_channel").Total(), float64(tot.VisitCount)},
				{"projects", now.Get("projects.by_source").Total(), float64(len(c.Projects))},
				{"dockings", now.Get("dockings.by_stage").Total(), float64(len(c.Dockings))},
				{"events", now.Get("events.by_kind").Total(), float64(len(c.Events))},
				{"previous posts", then.Get("posts.by_fair").Total(), float64(len(c.Previous.Posts))},
				{"previous applications", then.Get("applications.by_channel").Total(), float64(len(c.Previous.Applications))},
				{"previous dockings", then.Get("dockings.by_stage").Total(), float64(len(c.Previous.Dockings))},
			} {
				if x.got != x.want {
					t.Errorf("%s: %g, want %g", x.name, x.got, x.want)
				}
			}
			t.Logf("previous → current: posts %g → %g, applications %g → %g, talents %g → %g, province m² %g → %g",
				ch["posts.by_fair"].Prev, ch["posts.by_fair"].Cur, ch["applications.by_channel"].Prev, ch["applications.by_channel"].Cur,
				ch["talents.by_category"].Prev, ch["talents.by_category"].Cur,
				then.Get("exhibition.booth_m2_by_area").Value("province"), now.Get("exhibition.booth_m2_by_area").Value("province"))
		})
	}
}
