//go:build !race

// Scale 1 loaded into SQLite takes minutes under the race detector and
// exercises no goroutines of ours: scripts/test runs this file without
// -race (the line after the race run), so CI still checks it.

package gen_test

import (
	"testing"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

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
