package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // also registers driver "pgx"
	_ "modernc.org/sqlite"           // driver "sqlite"
)

// modernc.org/sqlite is pure Go: the binary cross-compiles and builds with
// no C compiler, which the two-command start needs. Measured here against
// the cgo driver (mattn/go-sqlite3), an application-shaped insert in its own
// transaction takes 67 µs against 54 µs, a point read 12.9 µs against
// 8.0 µs (docs/benchmarks.md): a few tens of microseconds on requests that
// spend hundreds in HTTP and templates, so portability wins.

//go:embed migrations
var migrations embed.FS

// MigrationsDigest names the schema the embedded PostgreSQL migrations
// build: equal digests, equal schemas. Tests key a migrated template
// database on it, so a changed migration gets a template of its own.
func MigrationsDigest() string {
	h := sha256.New()
	files, _ := fs.Glob(migrations, "migrations/postgres/*.sql")
	sort.Strings(files)
	for _, f := range files {
		b, _ := migrations.ReadFile(f)
		fmt.Fprintf(h, "%s %d\n", f, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	memory := path == ":memory:"
	if !memory {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
	}
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)") // with WAL: durable across a process crash
	// Reads through a memory map instead of read() into each connection's
	// 2 MB page cache: the figures read most of a table, and at scale 10
	// (a 700 MB file) every figure at once took 2.0–2.4 s wall and 2.3 s
	// CPU against 2.8–3.3 s and 3.0–3.1 s (BenchmarkCompute, issue 19).
	// Writes still go through the WAL; 1 GiB is address space, not memory.
	q.Add("_pragma", "mmap_size(1073741824)")
	q.Add("_txlock", "immediate")
	if !memory {
		q.Add("_pragma", "journal_mode(WAL)")
	}
	dsn := "file:" + path + "?" + q.Encode()
	w, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	w.SetMaxOpenConns(1) // one writer; others wait in Go, not in busy loops
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	wp := newPool(w, true)
	db := &DB{r: wp, w: wp, dialect: sqliteDialect, url: path, now: time.Now}
	db.applies = newApplyQueue(db)
	db.scans = newScanQueue(db)
	if memory {
		return db, nil // one connection is the whole database
	}
	r, err := sql.Open("sqlite", dsn)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	db.r = newPool(r, true)
	return db, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	// JIT compiles a plan whose estimated cost is high. Our queries run in
	// milliseconds, and one misestimate (a delegation's own figures, six
	// outer joins) spent 660 ms compiling for 2 ms of work, on every run.
	// Off, unless the DSN asks for it.
	if _, set := cfg.RuntimeParams["jit"]; !set {
		cfg.RuntimeParams["jit"] = "off"
	}
	p := stdlib.OpenDB(*cfg)
	p.SetMaxOpenConns(20)
	p.SetMaxIdleConns(20)
	p.SetConnMaxIdleTime(5 * time.Minute)
	if err := p.PingContext(ctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	pp := newPool(p, false)
	db := &DB{r: pp, w: pp, dialect: postgresDialect, url: dsn, now: time.Now}
	db.scans = newScanQueue(db)
	return db, nil
}

// migrationLock is an arbitrary constant: the advisory lock that lets many
// instances start together on one PostgreSQL while one of them migrates.
const migrationLock = 7303_2017

// Migrate applies the embedded migrations not yet applied, in order, each
// in its own transaction.
func (db *DB) Migrate(ctx context.Context) error { return db.migrate(ctx, math.MaxInt64) }

// migrate applies the migrations up to version upTo (tests of a migration
// over data written before it stop short of it).
func (db *DB) migrate(ctx context.Context, upTo int64) error {
	dir := "migrations/sqlite"
	if db.dialect == postgresDialect {
		dir = "migrations/postgres"
	}
	files, err := fs.Glob(migrations, dir+"/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(files)

	conn, err := db.w.Conn(ctx) // the lock and the work share one session
	if err != nil {
		return err
	}
	defer conn.Close()
	if db.dialect == postgresDialect {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
			return fmt.Errorf("migrate lock: %w", err)
		}
		defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, migrationLock)
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, f := range files {
		v, err := strconv.ParseInt(strings.SplitN(filepath.Base(f), "_", 2)[0], 10, 64)
		if err != nil {
			return fmt.Errorf("migration %s: bad name", f)
		}
		var n int
		if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, v).Scan(&n); err != nil {
			return err
		}
		if n > 0 || v > upTo {
			continue
		}
		body, err := migrations.ReadFile(f)
		if err != nil {
			return err
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", f, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`, v, time.Now().UTC().Format(time.RFC3339)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", f, err)
		}
	}
	return nil
}

// Version is the highest applied migration.
func (db *DB) Version(ctx context.Context) (int64, error) {
	var v sql.NullInt64
	err := db.r.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v)
	return v.Int64, err
}

// inIDs is the condition "col is one of ids" with the ids as the one
// parameter $n, so that the statement's text does not depend on how many
// there are: one prepared statement serves every list (SQLite also
// re-prepared a statement with a list of parameters on every run).
func (db *DB) inIDs(col string, n int, ids []int64) (string, any) {
	if db.dialect == postgresDialect {
		return col + " = ANY(" + ph(n) + ")", ids
	}
	b := make([]byte, 0, 8*len(ids)+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return col + " IN (SELECT value FROM json_each(" + ph(n) + "))", string(append(b, ']'))
}
