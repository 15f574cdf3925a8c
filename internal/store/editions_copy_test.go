package store_test

import (
	"testing"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestCreateEditionFrom: the next edition starts with the last one's
// structure (floor plan, fairs and sessions, contests' set-up, events a
// year on) and none of what happened in it; a copy that fails leaves
// nothing behind.
func TestCreateEditionFrom(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			db := b.Open(t)
			sum, err := gen.Load(ctx, db, gen.Generate(7, 0.02), gen.LoadOptions{PasswordHash: "x"})
			if err != nil {
				t.Fatal(err)
			}
			old, _ := db.Edition(ctx, sum.EditionID)
			next := model.Edition{Slug: "ocs-next", Name: "OCS next", City: old.City, TimeZone: old.TimeZone,
				StartDate: old.StartDate.AddDate(1, 0, 0), EndDate: old.EndDate.AddDate(1, 0, 0)}
			shift := next.StartDate.Sub(old.StartDate)

			// A slug taken: refused, and nothing of the copy is left.
			dup := next
			dup.Slug = old.Slug
			if err := db.CreateEditionFrom(ctx, &dup, old.ID, 1); model.ErrorCode(err) != model.Conflict {
				t.Fatalf("taken slug: %v", err)
			}
			if err := db.CreateEditionFrom(ctx, &next, 999999, 1); model.ErrorCode(err) != model.Invalid {
				t.Fatalf("unknown edition to copy: %v", err)
			}
			if eds, _ := db.ListEditions(ctx); len(eds) != 1 {
				t.Fatalf("a failed copy left editions: %+v", eds)
			}

			if err := db.CreateEditionFrom(ctx, &next, old.ID, 1); err != nil {
				t.Fatal(err)
			}
			oc, _ := db.Counts(ctx, old.ID)
			nc, _ := db.Counts(ctx, next.ID)
			if nc.Booths != oc.Booths || nc.Booths == 0 || nc.Events != oc.Events || nc.Events == 0 || nc.Posts != 0 || nc.Applications != 0 || nc.Projects != 0 {
				t.Fatalf("counts old %+v new %+v", oc, nc)
			}
			ov, _ := db.ListVenues(ctx, old.ID)
			nv, _ := db.ListVenues(ctx, next.ID)
			of, _ := db.ListFairs(ctx, old.ID)
			nf, _ := db.ListFairs(ctx, next.ID)
			if len(nv) != len(ov) || len(nf) != len(of) || nv[0].Name != ov[0].Name || nf[0].Kind != of[0].Kind {
				t.Fatalf("venues %d→%d, fairs %d→%d", len(ov), len(nv), len(of), len(nf))
			}
			for i := range of {
				os, _ := db.ListRemoteSessions(ctx, of[i].ID)
				ns, _ := db.ListRemoteSessions(ctx, nf[i].ID)
				if len(os) != len(ns) || len(os) > 0 && !ns[0].StartsAt.Equal(os[0].StartsAt.Add(shift)) {
					t.Fatalf("fair %s sessions %+v → %+v", of[i].Name, os, ns)
				}
			}
			oe, _ := db.ListEvents(ctx, old.ID)
			ne, _ := db.ListEvents(ctx, next.ID)
			if !ne[0].StartsAt.Equal(oe[0].StartsAt.Add(shift)) || ne[0].Title != oe[0].Title {
				t.Fatalf("event %+v → %+v (shift %v)", oe[0], ne[0], shift)
			}
			ocs, _ := db.ListContests(ctx, old.ID)
			ncs, _ := db.ListContests(ctx, next.ID)
			if len(ncs) != len(ocs) || len(ncs) == 0 || ncs[0].State != store.ContestEntry || ncs[0].Published || ncs[0].Name != ocs[0].Name || len(ncs[0].Rubric) != len(ocs[0].Rubric) {
				t.Fatalf("contests %+v → %+v", ocs, ncs)
			}
			if ocs[0].OpensAt != nil && (ncs[0].OpensAt == nil || !ncs[0].OpensAt.Equal(ocs[0].OpensAt.Add(shift))) {
				t.Fatalf("contest window %v → %v", ocs[0].OpensAt, ncs[0].OpensAt)
			}
		})
	}
}
