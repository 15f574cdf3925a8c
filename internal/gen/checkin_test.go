package gen_test

import (
	"testing"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestDemoCheckin: the demo's logins have badges, there are gates to try,
// and events have registrations and a waitlist (the demo talent waits for
// the field study).
func TestDemoCheckin(t *testing.T) {
	db := storetest.SQLite(t)
	c := gen.Generate(11, 0.05)
	sum, err := gen.Load(ctx, db, c, gen.LoadOptions{PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range c.Logins {
		u, _, err := db.UserByEmail(ctx, l.Email)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CurrentBadge(ctx, sum.EditionID, u.ID); err != nil {
			t.Errorf("%s has no badge: %v", l.Email, err)
		}
	}
	gs, _ := db.Gates(ctx, sum.EditionID)
	doors := 0
	for _, g := range gs {
		if g.EventID != nil && g.Name == gen.DemoDoor {
			doors++
		}
	}
	if len(gs) != len(gen.DemoGates)+1 || doors != 1 {
		t.Fatalf("gates %+v", gs)
	}
	evs, _ := db.EventInfos(ctx, sum.EditionID)
	coaches := 0
	for _, e := range evs {
		if e.Kind == model.EventFieldStudy && e.Coaches > 0 && e.Coaches*e.CoachSeats >= e.Capacity {
			coaches++
		}
	}
	if coaches == 0 {
		t.Errorf("no field study with coaches")
	}
	if sp, err := db.Speakers(ctx, sum.EditionID); err != nil || len(sp) == 0 || sp[0].PhotoType != "image/png" || sp[0].BioZH == "" {
		t.Errorf("demo speakers %+v %v", sp, err)
	}
	full, waiting := 0, 0
	for _, e := range evs {
		if e.Registered == e.Capacity && e.Waitlisted > 0 {
			full++
		}
		waiting += e.Waitlisted
	}
	if full == 0 || waiting == 0 {
		t.Fatalf("no event full with a waitlist: %+v", evs)
	}
	var talent model.User
	for _, l := range c.Logins {
		if l.Role == model.RoleTalent {
			talent, _, _ = db.UserByEmail(ctx, l.Email)
		}
	}
	regs, _ := db.MyRegistrations(ctx, talent.ID)
	statuses := map[string]int{}
	for _, r := range regs {
		statuses[r.Status]++
	}
	if statuses[store.RegRegistered] == 0 || statuses[store.RegWaitlisted] == 0 {
		t.Fatalf("demo talent's registrations %+v", regs)
	}
}
