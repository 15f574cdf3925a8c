package store

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
)

// TestStatementCache: a repeated query is prepared once; past the bound,
// new queries still run, unprepared; PostgreSQL pools never cache.
func TestStatementCache(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	base := db.r.n.Load()
	for i := 0; i < 3; i++ {
		var n int
		if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE id > $1`, i).Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	if got := db.r.n.Load() - base; got != 1 {
		t.Fatalf("one query text made %d statements", got)
	}
	for i := 0; i < maxStmts+20; i++ {
		var n int
		if err := db.r.QueryRowContext(ctx, `SELECT `+strconv.Itoa(i)).Scan(&n); err != nil || n != i {
			t.Fatalf("query %d: %d, %v", i, n, err)
		}
	}
	if got := db.r.n.Load(); got != maxStmts {
		t.Fatalf("cache holds %d statements, bound is %d", got, maxStmts)
	}
	// A query that does not parse reports its error through the plain path.
	if _, err := db.r.ExecContext(ctx, `SELEKT 1`); err == nil {
		t.Fatal("bad SQL ran")
	}
	if p := newPool(db.r.DB, false); func() bool { _, ok := p.stmt(ctx, "SELECT 1"); return ok }() {
		t.Fatal("an uncached pool prepared a statement")
	}
}
