package store_test

import (
	"path/filepath"
	"testing"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// TestMigrationContestRounds: a judged contest written before 0022 keeps
// every score and assignment, now round 1, on both databases.
func TestMigrationContestRounds(t *testing.T) {
	dsns := map[string]string{"sqlite": filepath.Join(t.TempDir(), "convene.db")}
	if storetest.PostgresURL(t) != "" {
		dsns["postgres"] = storetest.NewPostgresDB(t)
	}
	for name, dsn := range dsns {
		t.Run(name, func(t *testing.T) {
			old, err := store.OpenAt(ctx, dsn, 21)
			if err != nil {
				t.Fatal(err)
			}
			// Today's generator writes the newest schema; what later
			// migrations added (areas' Chinese names, dockings' edition,
			// the demo logins' coaches and speakers) is left out here, as
			// a version-21 database never had it. Contests are whole.
			c := gen.Generate(7, 0.02)
			c.Areas, c.Booths, c.Exhibits, c.Dockings, c.Logins = nil, nil, nil, nil, nil
			if p := c.Previous; p != nil {
				p.Areas, p.Booths, p.Exhibits, p.Dockings = nil, nil, nil, nil
			}
			if _, err := gen.Load(ctx, old, c, gen.LoadOptions{PasswordHash: "x"}); err != nil {
				t.Fatal(err)
			}
			before, err := old.TableCounts(ctx)
			old.Close()
			if err != nil || before.Scores == 0 {
				t.Fatalf("before: %+v %v", before, err)
			}
			db, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if v, _ := db.Version(ctx); v < 22 {
				t.Fatalf("version %d", v)
			}
			after, _ := db.TableCounts(ctx)
			if after != before {
				t.Fatalf("counts changed:\n%+v\n%+v", before, after)
			}
			ed, err := db.CurrentEdition(ctx)
			if err != nil {
				t.Fatal(err)
			}
			cs, _ := db.ListContests(ctx, ed.ID)
			scores, assigned := 0, 0
			for _, c := range cs {
				all, _ := db.ContestScores(ctx, c.ID)
				r1, _ := db.RoundScores(ctx, c.ID, 1)
				if len(all) != len(r1) || c.Round != 1 {
					t.Fatalf("contest %d: %d scores, %d in round 1, round %d", c.ID, len(all), len(r1), c.Round)
				}
				es, _ := db.ContestEntries(ctx, c.ID)
				for _, e := range es {
					if e.Round != 1 || !e.Advanced() {
						t.Fatalf("entry %+v", e)
					}
				}
				ps, _ := db.ContestAssignments(ctx, c.ID)
				scores, assigned = scores+len(all), assigned+len(ps)
			}
			if scores != before.Scores || assigned == 0 {
				t.Fatalf("%d scores of %d in the edition's contests; %d assignments", scores, before.Scores, assigned)
			}
		})
	}
}
