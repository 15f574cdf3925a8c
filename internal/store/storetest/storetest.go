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
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

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

// Postgres creates a database of its own on the test server, migrates it,
// and drops it when the test ends.
func Postgres(tb testing.TB) *store.DB {
	tb.Helper()
	u := NewPostgresDB(tb)
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
	var rnd [6]byte
	rand.Read(rnd[:])
	name := "convene_test_" + hex.EncodeToString(rnd[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
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
	pu, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("CONVENE_TEST_POSTGRES: %v", err)
	}
	pu.Path = "/" + name
	return fmt.Sprint(pu)
}

// Cases are store behaviours by name, each checked on a fresh database.
type Cases map[string]func(t *testing.T, db *store.DB)

// Run checks every case on each backend, in name order.
func Run(t *testing.T, cases Cases) {
	for _, b := range Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			for _, name := range slices.Sorted(maps.Keys(cases)) {
				t.Run(name, func(t *testing.T) { cases[name](t, b.Open(t)) })
			}
		})
	}
}
