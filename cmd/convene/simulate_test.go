package main

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convene/convene/internal/gen"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/store/storetest"
)

// seedFigures are counted straight from the tables, so the test checks what
// landed in the database, not what the generator meant to write. Posts,
// events, applications and visits are the current edition's (simulate also
// writes the previous one); talents and organizations belong to no edition.
type seedFigures struct {
	overseas, enterprises, global500, delegations, posts, events, applications, visits int
}

func countSeedFigures(t *testing.T, dsn string) seedFigures {
	t.Helper()
	driver := "sqlite"
	if strings.HasPrefix(dsn, "postgres") {
		driver = "pgx"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Enterprise pages belong to no edition: their visits count from the
	// current edition's year on (the generator's fall in its last week).
	const currentFairs = `SELECT f.id FROM fairs f JOIN editions e ON e.id = f.edition_id WHERE e.is_current`
	currentStart := `substr(CAST(start_date AS TEXT), 1, 4)`
	var f seedFigures
	err = db.QueryRow(`SELECT
		(SELECT count(*) FROM talents WHERE category = 'overseas'),
		(SELECT count(*) FROM organizations WHERE kind = 'enterprise' AND status = 'approved'),
		(SELECT count(*) FROM organizations WHERE kind = 'enterprise' AND status = 'approved' AND global500),
		(SELECT count(*) FROM organizations WHERE kind = 'delegation' AND status = 'approved'),
		(SELECT count(*) FROM posts WHERE fair_id IN (`+currentFairs+`)),
		(SELECT count(*) FROM events WHERE edition_id IN (SELECT id FROM editions WHERE is_current)),
		(SELECT count(*) FROM applications WHERE post_id IN (SELECT id FROM posts WHERE fair_id IN (`+currentFairs+`))),
		(SELECT coalesce(sum(count), 0) FROM visits WHERE target_kind <> 'enterprise' AND target_id IN (SELECT id FROM posts WHERE fair_id IN (`+currentFairs+`))
			OR target_kind = 'enterprise' AND day >= (SELECT min(`+currentStart+`) FROM editions WHERE is_current))`).Scan(&f.overseas, &f.enterprises, &f.global500, &f.delegations, &f.posts, &f.events, &f.applications, &f.visits)
	if err != nil {
		t.Fatalf("count: %v", err)
	}
	return f
}

// sceneApps is how many applications the demo's scenes added to the
// current edition after the bulk load: the video interview's one
// (internal/gen/video.go), or none when the demo talent had applied to
// every post of the demo enterprise already.
func sceneApps(t *testing.T, f seedFigures, c *gen.Convention) int {
	t.Helper()
	n := f.applications - len(c.Applications)
	if n != 0 && n != 1 {
		t.Errorf("the current edition has %d applications, the convention %d: want the same or one more", f.applications, len(c.Applications))
	}
	return n
}

func tableCounts(t *testing.T, dsn string) store.TableCounts {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.TableCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func simulate(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"simulate", "-quiet"}, args...), &out, &errb)
	return out.String() + errb.String(), err
}

// TestSimulate fills SQLite at scale 1 (the 2017 convention) and PostgreSQL
// at a smaller scale, checks the database holds the generator's totals, and
// that a second run without -force refuses and writes nothing.
func TestSimulate(t *testing.T) {
	t.Run("sqlite/scale=1", func(t *testing.T) {
		dsn := filepath.Join(t.TempDir(), "sim.db")
		out, err := simulate(t, "-scale", "1", "-seed", "2017", "-db", dsn)
		if err != nil {
			t.Fatalf("simulate: %v\n%s", err, out)
		}
		f := countSeedFigures(t, dsn)
		// The published figures of the 2017 convention (shared/seed-figures.md).
		if f.overseas != 3500 {
			t.Errorf("overseas talents = %d, want 3500", f.overseas)
		}
		if f.enterprises != 354 || f.global500 != 50 {
			t.Errorf("enterprises = %d (%d Global 500), want 354 (50)", f.enterprises, f.global500)
		}
		if f.delegations != 378 {
			t.Errorf("delegations = %d, want 378", f.delegations)
		}
		if f.posts < 10000 {
			t.Errorf("posts = %d, want over 10,000", f.posts)
		}
		if f.events != 17 {
			t.Errorf("events = %d, want 17", f.events)
		}
		if f.applications < 30000 || f.applications > 36000 {
			t.Errorf("applications = %d, want about 33,000", f.applications)
		}
		if f.visits < 130000 {
			t.Errorf("visits = %d, want over 130,000", f.visits)
		}
		c := gen.Generate(2017, 1)
		want := c.Totals().WithPrevious()
		want.Applications += sceneApps(t, f, c)
		if got := tableCounts(t, dsn); got != want {
			t.Errorf("table counts\n got %+v\nwant %+v", got, want)
		}
		for _, s := range []string{"3500 overseas", "50 Global 500", "rows/s", "previous edition 2 (Overseas Talent Convention Guangzhou 2016): 25000 m²"} {
			if !strings.Contains(out, s) {
				t.Errorf("summary lacks %q:\n%s", s, out)
			}
		}
		refuses(t, dsn, "1")
	})
	t.Run("postgres/scale=0.1", func(t *testing.T) {
		dsn := storetest.NewPostgresDB(t)
		out, err := simulate(t, "-scale", "0.1", "-seed", "7", "-db", dsn)
		if err != nil {
			t.Fatalf("simulate: %v\n%s", err, out)
		}
		c := gen.Generate(7, 0.1)
		tt := c.Totals()
		f := countSeedFigures(t, dsn)
		scenes := sceneApps(t, f, c)
		if f.overseas != tt.Overseas || f.enterprises != tt.Enterprises || f.global500 != tt.Global500 ||
			f.delegations != tt.Delegations || f.posts != len(c.Posts) || f.events != len(c.Events) ||
			f.applications != len(c.Applications)+scenes || f.visits != tt.VisitCount {
			t.Errorf("database holds %+v, the convention %+v", f, tt)
		}
		want := tt.WithPrevious()
		want.Applications += scenes
		if got := tableCounts(t, dsn); got != want {
			t.Errorf("table counts\n got %+v\nwant %+v", got, want)
		}
		refuses(t, dsn, "0.1")
	})
}

// refuses runs simulate again without -force: it must fail with a clear
// message and leave every table as it was.
func refuses(t *testing.T, dsn, scale string) {
	t.Helper()
	before := tableCounts(t, dsn)
	out, err := simulate(t, "-scale", scale, "-seed", "9", "-db", dsn)
	if err == nil {
		t.Fatalf("second simulate without -force succeeded:\n%s", out)
	}
	if !strings.Contains(err.Error(), "already holds data") || !strings.Contains(err.Error(), "-force") {
		t.Errorf("refusal does not say why or what to do: %v", err)
	}
	if after := tableCounts(t, dsn); after != before {
		t.Errorf("refused simulate changed the database:\nbefore %+v\n after %+v", before, after)
	}
}
