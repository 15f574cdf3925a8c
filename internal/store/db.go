// Package store keeps Convene's data in SQLite (the embedded default) or
// PostgreSQL (production, several instances on one database). Both run the
// same SQL: placeholders are $N, inserts use RETURNING, upserts use
// ON CONFLICT; what differs lives in the migrations and in dialect.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
)

type dialect int

const (
	sqliteDialect dialect = iota
	postgresDialect
)

// DB is the store over database/sql, one type on both databases. Reads and writes may use different
// pools: SQLite allows one writer at a time, so writes queue on a single
// connection instead of failing with SQLITE_BUSY, while reads run in parallel.
type DB struct {
	r, w    *pool
	dialect dialect
	url     string
	now     func() time.Time
	applies *applyQueue // SQLite's group commit of applications; nil on PostgreSQL
	scans   *scanQueue  // the gates' scans, grouped and chunked (both databases)
}

// Open opens and migrates a database: a PostgreSQL URL (postgres:// or
// postgresql://) or else a SQLite file path (":memory:" for a private,
// in-process database).
func Open(ctx context.Context, dsn string) (*DB, error) {
	var (
		db  *DB
		err error
	)
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db, err = openPostgres(ctx, dsn)
	} else {
		db, err = openSQLite(ctx, dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Dialect names the database kind, for logs and figures.
func (db *DB) Dialect() string {
	if db.dialect == postgresDialect {
		return "postgres"
	}
	return "sqlite"
}

// Close closes both pools.
func (db *DB) Close() error {
	if db.applies != nil {
		db.applies.close()
	}
	if db.scans != nil {
		db.scans.close()
	}
	err := db.w.Close()
	if db.r != db.w {
		err = errors.Join(err, db.r.Close())
	}
	return err
}

// Ping checks the database answers; /healthz uses it.
func (db *DB) Ping(ctx context.Context) error { return db.r.PingContext(ctx) }

// SetClock replaces time.Now, for tests of expiry and windows.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

func (db *DB) clock() time.Time { return db.now().UTC().Truncate(time.Microsecond) }

// tx runs fn in a write transaction and commits it; any error rolls back.
func (db *DB) tx(ctx context.Context, fn func(txq) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", db.mapErr(err))
	}
	return nil
}

// queryer is what *sql.DB and *sql.Tx share.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// insertID runs an INSERT ... RETURNING id.
func (db *DB) insertID(ctx context.Context, q queryer, query string, args ...any) (int64, error) {
	var id int64
	if err := q.QueryRowContext(ctx, query, args...).Scan(&id); err != nil {
		return 0, db.mapErr(err)
	}
	return id, nil
}

// exec runs a statement that must touch exactly one row, else notFound.
func (db *DB) execOne(ctx context.Context, q queryer, what, query string, args ...any) error {
	res, err := q.ExecContext(ctx, query, args...)
	if err != nil {
		return db.mapErr(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound(what)
	}
	return nil
}

// oneRow reports conflict unless the statement touched a row: the loser of
// a conditional update on the expected state.
func oneRow(res sql.Result, conflict error) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return conflict
	}
	return nil
}

// like builds a case-insensitive substring pattern with LIKE's wildcards escaped.
func like(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + strings.ToLower(r.Replace(strings.TrimSpace(q))) + "%"
}

// page bounds a list request.
func page(limit, offset int) (int, int) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

// queryAll runs a query and scans every row with scan.
func queryAll[T any](ctx context.Context, q queryer, scan func(interface{ Scan(...any) error }) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

type txq = *sql.Tx

func ph(n int) string { return "$" + strconv.Itoa(n) }

func itoa(n int) string { return strconv.Itoa(n) }

// conds collects a list filter's conditions and their arguments: each "?"
// in a condition stands for its value as the next $N, so the filters of
// every list read as SQL and number their parameters in one place.
type conds struct {
	where []string
	args  []any
}

// add appends cond, every "?" in it standing for v.
func (c *conds) add(cond string, v any) {
	c.where = append(c.where, strings.ReplaceAll(cond, "?", c.arg(v)))
}

// arg adds v as the next parameter and returns its placeholder.
func (c *conds) arg(v any) string {
	c.args = append(c.args, v)
	return ph(len(c.args))
}

// search appends "any of cols contains q" (case-insensitive, LIKE's
// wildcards in q taken literally) when q is not blank.
func (c *conds) search(q string, cols ...string) {
	if strings.TrimSpace(q) == "" {
		return
	}
	any := make([]string, len(cols))
	for i, col := range cols {
		any[i] = "lower(" + col + `) LIKE ? ESCAPE '\'`
	}
	c.add("("+strings.Join(any, " OR ")+")", like(q))
}

// degrees appends "col IN (...)" over the degrees keep accepts.
func (c *conds) degrees(col string, keep func(model.Degree) bool) {
	var in []string
	for _, d := range model.Degrees {
		if keep(d) {
			in = append(in, c.arg(d))
		}
	}
	c.where = append(c.where, col+" IN ("+strings.Join(in, ",")+")")
}

// sql is " WHERE a AND b ...", or "" with no conditions.
func (c *conds) sql() string {
	if len(c.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.where, " AND ")
}

// list is a []string kept as a JSON array in a TEXT column, the same on both
// databases; the matching engine reads lists whole, so no join table is needed.
type list []string

func (l list) String() string {
	if l == nil {
		l = list{}
	}
	b, _ := json.Marshal([]string(l))
	return string(b)
}

// scanList returns a Scan destination that decodes a JSON array into *dst.
func scanList(dst *[]string) sql.Scanner { return (*listScanner)(dst) }

type listScanner []string

func (l *listScanner) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	case nil:
		*l = nil
		return nil
	}
	var out []string
	if err := json.Unmarshal(b, &out); err != nil {
		return err
	}
	*l = out
	return nil
}

// prefixed qualifies a column list: prefixed("p.", "id, title") is "p.id, p.title".
func prefixed(prefix, cols string) string {
	parts := strings.Split(cols, ", ")
	for i, c := range parts {
		parts[i] = prefix + c
	}
	return strings.Join(parts, ", ")
}
