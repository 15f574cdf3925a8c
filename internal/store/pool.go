package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"
)

// pool is a *sql.DB that, for SQLite, keeps prepared statements: modernc's
// driver parses the SQL text again on every query, which profiling showed
// was a fifth of the server's CPU on the scan-and-apply path. pgx caches
// statements per connection itself, so PostgreSQL pools pass straight
// through. Transactions are not cached (a tx-bound statement dies with its
// transaction); they use the embedded *sql.DB's methods as before.
type pool struct {
	*sql.DB
	cache bool
	stmts sync.Map // query text → *sql.Stmt
	n     atomic.Int32
}

// maxStmts bounds the cache: queries with inlined LIMIT/OFFSET numbers have
// many spellings, and past the bound they simply run unprepared.
const maxStmts = 512

func newPool(db *sql.DB, cache bool) *pool { return &pool{DB: db, cache: cache} }

func (p *pool) stmt(ctx context.Context, query string) (*sql.Stmt, bool) {
	if !p.cache {
		return nil, false
	}
	if s, ok := p.stmts.Load(query); ok {
		return s.(*sql.Stmt), true
	}
	if p.n.Load() >= maxStmts {
		return nil, false
	}
	s, err := p.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil, false // the unprepared path reports the error
	}
	if old, loaded := p.stmts.LoadOrStore(query, s); loaded {
		s.Close()
		return old.(*sql.Stmt), true
	}
	p.n.Add(1)
	return s, true
}

func (p *pool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s, ok := p.stmt(ctx, query); ok {
		return s.QueryContext(ctx, args...)
	}
	return p.DB.QueryContext(ctx, query, args...)
}

func (p *pool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s, ok := p.stmt(ctx, query); ok {
		return s.QueryRowContext(ctx, args...)
	}
	return p.DB.QueryRowContext(ctx, query, args...)
}

func (p *pool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s, ok := p.stmt(ctx, query); ok {
		return s.ExecContext(ctx, args...)
	}
	return p.DB.ExecContext(ctx, query, args...)
}

// Close closes the cached statements, then the pool.
func (p *pool) Close() error {
	var errs []error
	p.stmts.Range(func(_, s any) bool {
		errs = append(errs, s.(*sql.Stmt).Close())
		return true
	})
	return errors.Join(append(errs, p.DB.Close())...)
}

// cached is the prepared statement for query, if the pool has one; it
// never prepares (a transaction may hold the pool's only connection).
func (p *pool) cached(query string) (*sql.Stmt, bool) {
	if !p.cache {
		return nil, false
	}
	s, ok := p.stmts.Load(query)
	if !ok {
		return nil, false
	}
	return s.(*sql.Stmt), true
}

// preparedTx runs a write transaction's statements through the writer
// pool's prepared statements where it has them (SQLite: modernc parses the
// SQL text again on every unprepared query, which was half the scan
// queue's time); a query it has none for runs unprepared and is noted in
// missed, for the caller to prepare once the transaction is over.
type preparedTx struct {
	*sql.Tx
	pool   *pool
	bound  map[string]*sql.Stmt
	missed []string
}

func (p *preparedTx) stmt(ctx context.Context, query string) *sql.Stmt {
	if s, ok := p.bound[query]; ok {
		return s
	}
	s, ok := p.pool.cached(query)
	if !ok {
		if p.pool.cache {
			p.missed = append(p.missed, query)
		}
		return nil
	}
	if p.bound == nil {
		p.bound = map[string]*sql.Stmt{}
	}
	b := p.Tx.StmtContext(ctx, s) // prepared on this connection: reused, not prepared again
	p.bound[query] = b
	return b
}

func (p *preparedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := p.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return p.Tx.QueryContext(ctx, query, args...)
}

func (p *preparedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := p.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return p.Tx.QueryRowContext(ctx, query, args...)
}

func (p *preparedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := p.stmt(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return p.Tx.ExecContext(ctx, query, args...)
}
