package gen_test

import (
	"strings"
	"testing"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// funnelRows reads the loaded convention's funnel through the named query
// the docking and delegation pages use, keyed contest, cis, expert, all.
func funnelRows(t *testing.T, db *store.DB, edition int64) map[string]store.FunnelRow {
	t.Helper()
	rows, err := db.DockingFunnel(ctx, store.DockingFilter{EditionID: edition})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]store.FunnelRow{"all": store.FunnelTotal(rows)}
	for _, r := range rows {
		switch {
		case r.Source == model.SourceContest:
			m["contest"] = r
		case r.Source == model.SourceExpert:
			m["expert"] = r
		case r.DelegationID != 0 && strings.Contains(r.Delegation, "CIS"):
			m["cis"] = r
		}
	}
	return m
}

// TestDockingSeedFigures loads scale 1 into SQLite and reads the seed's
// docking figures back through the funnel: 494 negotiations of the 107
// selected contest projects, 40 preliminary agreements to enter parks and
// 24 cooperative intentions; the CIS delegation's 138 projects, nearly 100
// negotiations and 5 intentions; half of the 164 expert projects with a
// cooperative intention; nearly 4,000 dockings; 150 contract intentions.
func TestDockingSeedFigures(t *testing.T) {
	db := storetest.SQLite(t)
	sum, err := gen.Load(ctx, db, gen.Generate(2017, 1), gen.LoadOptions{PasswordHash: hash})
	if err != nil {
		t.Fatal(err)
	}
	f := funnelRows(t, db, sum.EditionID)
	c, cis, ex, all := f["contest"], f["cis"], f["expert"], f["all"]
	checks := []struct {
		name      string
		got, want int
	}{
		{"selected contest projects docked", c.Docked, 107},
		{"contest negotiations", c.Reached[1], 494},
		{"contest preliminary agreements (park named)", c.At["preliminary_agreement"], 40},
		{"contest cooperative intentions", c.At["cooperative_intention"], 24},
		{"CIS projects", cis.Projects, 138},
		{"CIS negotiations (nearly 100)", cis.Reached[1], 97},
		{"CIS intentions", cis.At["cooperative_intention"], 5},
		{"expert projects", ex.Projects, 164},
		{"expert projects with a cooperative intention (half)", ex.ProjectsReached[3], 82},
		{"dockings (nearly 4,000)", all.Dockings, 3950},
		{"contract intentions", all.At["contract_intention"], 150},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s: %d, want %d", ch.name, ch.got, ch.want)
		}
	}
	// Every preliminary agreement of the contest names its park.
	cols, err := db.DockingBoard(ctx, store.DockingFilter{EditionID: sum.EditionID, Source: model.SourceContest}, 200)
	if err != nil {
		t.Fatal(err)
	}
	for _, col := range cols {
		if col.Key != "preliminary_agreement" {
			continue
		}
		for _, cd := range col.Cards {
			if v, err := db.Docking(ctx, cd.ID, organizer(t, db)); err != nil || v.ParkID == 0 {
				t.Fatalf("preliminary agreement %d without a park: %+v %v", cd.ID, v.ParkID, err)
			}
		}
	}
}

func organizer(t *testing.T, db *store.DB) int64 {
	t.Helper()
	u, _, err := db.UserByEmail(ctx, "organizer@"+gen.EmailDomain)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// TestDockingFunnelMatchesConvention loads a smaller convention into each
// database and holds the funnel's figures equal to the convention's own.
func TestDockingFunnelMatchesConvention(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			conv := gen.Generate(5, 0.1)
			sum, err := gen.Load(ctx, db, conv, gen.LoadOptions{PasswordHash: hash})
			if err != nil {
				t.Fatal(err)
			}
			want := map[model.DockingStage]int{}
			for _, d := range conv.Dockings {
				want[d.Stage]++
			}
			all := funnelRows(t, db, sum.EditionID)["all"]
			if all.Dockings != len(conv.Dockings) {
				t.Fatalf("dockings %d, want %d", all.Dockings, len(conv.Dockings))
			}
			for st, n := range want {
				if all.At[string(st)] != n {
					t.Errorf("%s: %d, want %d", st, all.At[string(st)], n)
				}
			}
		})
	}
}
