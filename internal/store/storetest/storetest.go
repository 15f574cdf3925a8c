// Package storetest gives tests real databases: a SQLite file and, when
// CONVENE_TEST_POSTGRES names a server, a PostgreSQL database of their own
// that is dropped afterwards. With CI=true a missing or unreachable
// PostgreSQL fails the test instead of skipping it.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/convene/convene/internal/store"
)

// Backend opens a fresh, migrated database of one kind.
type Backend struct {
	Name string
	Open func(tb testing.TB) *store.DB
}

// Backends returns SQLite and, when available, PostgreSQL.
func Backends(tb testing.TB) []Backend {
	b := []Backend{{Name: "sqlite", Open: SQLite}}
	if PostgresURL(tb) != "" {
		b = append(b, Backend{Name: "postgres", Open: Postgres})
	}
	return b
}

// PostgresURL returns the server URL, or "" when PostgreSQL tests should be
// skipped; under CI it fails instead.
func PostgresURL(tb testing.TB) string {
	u := os.Getenv("CONVENE_TEST_POSTGRES")
	if u == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("CI=true but CONVENE_TEST_POSTGRES is unset: PostgreSQL tests must run in CI")
		}
		tb.Logf("CONVENE_TEST_POSTGRES unset: PostgreSQL skipped")
	}
	return u
}

// SQLite opens a migrated SQLite database in a temporary file.
func SQLite(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "convene.db"))
	if err != nil {
		tb.Fatalf("open sqlite: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Postgres creates a migrated database of its own on the test server and
// drops it when the test ends. It is copied from a template migrated once
// per schema (see template): a fresh database plus every migration cost
// about 2.6 s a test on this machine's PostgreSQL, a copy 0.8 s.
func Postgres(tb testing.TB) *store.DB {
	tb.Helper()
	u := newPostgresDB(tb, template(tb))
	db, err := store.Open(context.Background(), u)
	if err != nil {
		tb.Fatalf("open postgres: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// NewPostgresDB creates an empty database on the test server and returns its
// URL; it is dropped at cleanup.
func NewPostgresDB(tb testing.TB) string {
	tb.Helper()
	return newPostgresDB(tb, "")
}

// newPostgresDB creates a database, a copy of tmpl when it is not "", and
// returns its URL; it is dropped at cleanup.
func newPostgresDB(tb testing.TB, tmpl string) string {
	tb.Helper()
	base := PostgresURL(tb)
	if base == "" {
		tb.Skip("no PostgreSQL")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	name := "convene_test_" + randomHex()
	create := "CREATE DATABASE " + name
	if tmpl != "" {
		create += " TEMPLATE " + tmpl
	}
	if err := execRetry(ctx, admin, create); err != nil {
		tb.Fatalf("postgres at CONVENE_TEST_POSTGRES unreachable or refused: %v", err)
	}
	tb.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer a.Close()
		if _, err := a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			tb.Logf("drop %s: %v", name, err)
		}
	})
	return withDB(tb, base, name)
}

var tmpl struct {
	once sync.Once
	name string
	err  error
}

// template returns the name of a migrated database to copy. It is named
// by store.MigrationsDigest, so test processes (and runs) with the same
// migrations share it and a changed migration makes a new one; it is
// never dropped (older ones stay until dropped by hand, a few MB each).
// store.Open writes nothing but the schema (secrets are made on first
// use), so copies share no keys. It is built under a private name and
// renamed when complete, so a copy never sees half a schema.
func template(tb testing.TB) string {
	tb.Helper()
	base := PostgresURL(tb)
	if base == "" {
		tb.Skip("no PostgreSQL")
	}
	tmpl.once.Do(func() { tmpl.name, tmpl.err = makeTemplate(tb, base) })
	if tmpl.err != nil {
		tb.Fatalf("postgres template: %v", tmpl.err)
	}
	return tmpl.name
}

func makeTemplate(tb testing.TB, base string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	name := "convene_tmpl_" + store.MigrationsDigest()[:16]
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	exists := func() (bool, error) {
		var n int
		err := admin.QueryRowContext(ctx, `SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n)
		return n > 0, err
	}
	if ok, err := exists(); err != nil || ok {
		return name, err
	}
	work := name + "_" + randomHex()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+work); err != nil {
		return "", err
	}
	defer admin.Exec("DROP DATABASE IF EXISTS " + work + " WITH (FORCE)") // when another process won
	db, err := store.Open(ctx, withDB(tb, base, work))
	if err != nil {
		return "", err
	}
	db.Close()
	if err := execRetry(ctx, admin, "ALTER DATABASE "+work+" RENAME TO "+name); err != nil {
		if ok, _ := exists(); ok {
			return name, nil // another process renamed its own first
		}
		return "", err
	}
	return name, nil
}

// execRetry runs a statement that PostgreSQL refuses while a session that
// has just closed is still leaving the source database (55006,
// object_in_use), retrying for a few seconds.
func execRetry(ctx context.Context, db *sql.DB, stmt string) error {
	for i := 0; ; i++ {
		_, err := db.ExecContext(ctx, stmt)
		var pe *pgconn.PgError
		if err == nil || !errors.As(err, &pe) || pe.Code != "55006" || i == 50 {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func randomHex() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// withDB returns base with its database replaced by name.
func withDB(tb testing.TB, base, name string) string {
	pu, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("CONVENE_TEST_POSTGRES: %v", err)
	}
	pu.Path = "/" + name
	return fmt.Sprint(pu)
}

// Cases are store behaviours by name, each checked on a fresh database.
type Cases map[string]func(t *testing.T, db *store.DB)

// With are cases that each start from a world (users, an edition, …)
// built on the case's own database.
type With[W any] map[string]func(t *testing.T, db *store.DB, w W)

// RunWith is Run for cases that start from a world.
func RunWith[W any](t *testing.T, world func(testing.TB, *store.DB) W, cases With[W]) {
	c := make(Cases, len(cases))
	for name, fn := range cases {
		c[name] = func(t *testing.T, db *store.DB) { fn(t, db, world(t, db)) }
	}
	Run(t, c)
}

// Run checks every case on each backend, each case in parallel with the
// others (up to go test's -parallel): cases own their databases, and they
// spend most of their time waiting on commits, not on the CPU.
func Run(t *testing.T, cases Cases) {
	for _, b := range Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			for _, name := range slices.Sorted(maps.Keys(cases)) {
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					cases[name](t, b.Open(t))
				})
			}
		})
	}
}
