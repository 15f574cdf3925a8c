package store

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
)

// changesChannel is the PostgreSQL channel instances tell each other of
// their changes on.
const changesChannel = "convene_changes"

// MaxChangePayload is the most a notification carries (PostgreSQL's limit
// is 8,000 bytes); a sender splits or summarizes above it.
const MaxChangePayload = 7900

// ErrNoPeers: the database has no other instances to tell (SQLite: one
// file, one process).
var ErrNoPeers = errors.New("store: no other instances on this database")

// PublishChanges tells every instance listening on this database of a
// batch of changes, after they committed (one NOTIFY per batch, outside
// the changes' transactions, so commits never queue on it).
func (db *DB) PublishChanges(ctx context.Context, payload string) error {
	if db.dialect != postgresDialect {
		return ErrNoPeers
	}
	_, err := db.w.ExecContext(ctx, `SELECT pg_notify($1, $2)`, changesChannel, payload)
	return err
}

// ListenChanges calls fn with every batch any instance publishes (this
// one's included) until ctx ends or the connection fails; the caller
// reconnects. ready is called once the listener is subscribed.
func (db *DB) ListenChanges(ctx context.Context, ready func(), fn func(payload string)) error {
	if db.dialect != postgresDialect {
		return ErrNoPeers
	}
	conn, err := pgx.Connect(ctx, db.url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+changesChannel); err != nil {
		return err
	}
	if ready != nil {
		ready()
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		fn(n.Payload)
	}
}
