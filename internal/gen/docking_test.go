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
