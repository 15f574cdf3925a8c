package store

import (
	"context"
	"database/sql"

	"github.com/convene/convene/internal/model"
)

// AuditEntries lists the newest audit entries.
func (db *DB) AuditEntries(ctx context.Context, limit int) ([]model.AuditEntry, error) {
	limit, _ = page(limit, 0)
	return queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (model.AuditEntry, error) {
		var a model.AuditEntry
		var u sql.NullInt64
		err := r.Scan(&a.ID, &u, &a.Action, &a.Subject, &a.Detail, &a.At)
		if u.Valid {
			a.UserID = &u.Int64
		}
		return a, err
	}, `SELECT id, user_id, action, subject, detail, at FROM audit_log ORDER BY id DESC LIMIT `+itoa(limit))
}

// audit records who changed what, inside the caller's transaction.
func (db *DB) audit(ctx context.Context, tx txq, by int64, action, subject string, id int64, detail string) error {
	var who any
	if by != 0 {
		who = by
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (user_id, action, subject, detail, at) VALUES ($1,$2,$3,$4,$5)`,
		who, action, subject+":"+itoa(int(id)), detail, db.clock())
	return db.mapErr(err)
}
