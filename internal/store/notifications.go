package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"
)

// Notification is a message for a user, kept as a catalog key and its
// arguments so it is said in the reader's language when shown. Arguments
// that are catalog keys themselves (app.interview) are translated too.
type Notification struct {
	ID        int64
	UserID    int64
	Key       string
	Args      []string
	CreatedAt time.Time
	Read      bool
}

func (db *DB) notify(ctx context.Context, tx txq, userID int64, key string, args ...string) error {
	b, _ := json.Marshal(args)
	_, err := tx.ExecContext(ctx, `INSERT INTO notifications (user_id, key, args, created_at) VALUES ($1,$2,$3,$4)`, userID, key, string(b), db.clock())
	return db.mapErr(err)
}

// Notifications lists a user's latest notifications, newest first.
func (db *DB) Notifications(ctx context.Context, userID int64, limit int) ([]Notification, error) {
	limit, _ = page(limit, 0)
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (Notification, error) {
		var n Notification
		var args string
		var read sql.NullTime
		err := row.Scan(&n.ID, &n.UserID, &n.Key, &args, &n.CreatedAt, &read)
		if err == nil {
			json.Unmarshal([]byte(args), &n.Args)
		}
		n.Read = read.Valid
		return n, err
	}, `SELECT id, user_id, key, args, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY id DESC LIMIT `+itoa(limit), userID)
}
