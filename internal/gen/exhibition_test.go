package gen_test

import (
	"context"
	"strings"
	"testing"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/store/storetest"
)

// The demo's exhibition: requests beyond supply and a published allocation
// with a waitlist.
func TestDemoExhibition(t *testing.T) {
	ctx := context.Background()
	db := storetest.SQLite(t)
	sum, err := gen.Load(ctx, db, gen.Generate(3, 0.3), gen.LoadOptions{PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := db.BoothExhibition(ctx, sum.EditionID)
	if err != nil || ex.Status != "published" || ex.Seed != gen.DemoBoothSeed {
		t.Fatalf("exhibition %+v, %v", ex, err)
	}
	areas, _, err := db.BoothFigures(ctx, sum.EditionID)
	if err != nil {
		t.Fatal(err)
	}
	over, assigned, waiting := 0, 0.0, 0
	for _, a := range areas {
		if a.DemandRatio() > 1 {
			over++
		}
		assigned += a.AssignedM2
		waiting += a.Waitlisted
	}
	if over == 0 || assigned == 0 || waiting == 0 {
		t.Fatalf("%d areas over-demanded, %.0f m² assigned, %d waiting", over, assigned, waiting)
	}
	t.Logf("%d areas, %d over-demanded, %.0f m² assigned, %d waitlisted", len(areas), over, assigned, waiting)
	// Some enterprises name a competitor, and their outcomes speak of it.
	reqs, err := db.BoothRequests(ctx, sum.EditionID, 0)
	if err != nil {
		t.Fatal(err)
	}
	named, told := 0, 0
	for _, q := range reqs {
		if len(q.Avoid) > 0 {
			named++
			if strings.Contains(q.Outcome, `"apart"`) || strings.Contains(q.Outcome, `"beside_avoided"`) {
				told++
			}
		}
	}
	if named == 0 || told == 0 {
		t.Fatalf("%d requests name competitors, %d outcomes say whether they were kept apart", named, told)
	}
}
