package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/convene/convene/internal/model"
)

// APIToken is a personal API token as its owner sees it: never the token
// itself, which is shown once when made and kept only as its SHA-256.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	Prefix     string // the token's first characters, to tell tokens apart
	Scopes     []string
	CreatedAt  time.Time
	ExpiresAt  *time.Time
	RevokedAt  *time.Time
	LastUsedAt *time.Time
}

// Live reports whether the token may be used at now.
func (t APIToken) Live(now time.Time) bool {
	return t.RevokedAt == nil && (t.ExpiresAt == nil || t.ExpiresAt.After(now))
}

// maxTokensPerUser bounds a user's live tokens (a page lists them all).
const maxTokensPerUser = 50

// CreateAPIToken stores a token by its hash for t.UserID.
func (db *DB) CreateAPIToken(ctx context.Context, t *APIToken, hash string) error {
	t.CreatedAt = db.clock()
	return db.tx(ctx, func(tx txq) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL`, t.UserID).Scan(&n); err != nil {
			return err
		}
		if n >= maxTokensPerUser {
			return model.Errorf(model.Conflict, "err.tokens.too_many")
		}
		var err error
		t.ID, err = db.insertID(ctx, tx, `INSERT INTO api_tokens (user_id, name, hash, prefix, scopes, created_at, expires_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`, t.UserID, t.Name, hash, t.Prefix, list(t.Scopes).String(), t.CreatedAt, t.ExpiresAt)
		return err
	})
}

const tokenCols = `id, user_id, name, prefix, scopes, created_at, expires_at, revoked_at, last_used_at`

func scanToken(row interface{ Scan(...any) error }) (APIToken, error) {
	var t APIToken
	var exp, rev, used sql.NullTime
	err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, scanList(&t.Scopes), &t.CreatedAt, &exp, &rev, &used)
	t.ExpiresAt, t.RevokedAt, t.LastUsedAt = ptrTime(exp), ptrTime(rev), ptrTime(used)
	return t, err
}

func ptrTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time.UTC()
	return &v
}

// APITokens lists a user's tokens, newest first, revoked ones included.
func (db *DB) APITokens(ctx context.Context, userID int64) ([]APIToken, error) {
	return queryAll(ctx, db.r, scanToken, `SELECT `+tokenCols+` FROM api_tokens WHERE user_id = $1 ORDER BY id DESC LIMIT 200`, userID)
}

// RevokeAPIToken ends one of the user's tokens; revoking twice is a no-op,
// another user's token is not found.
func (db *DB) RevokeAPIToken(ctx context.Context, userID, id int64) error {
	res, err := db.w.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL`, db.clock(), id, userID)
	if err != nil {
		return db.mapErr(err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	var n int
	if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM api_tokens WHERE id = $1 AND user_id = $2`, id, userID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return notFound("token")
	}
	return nil
}

// TokenUser resolves a token's hash to the token and its user: one read by
// the unique hash, on every request, so a revocation made on any instance
// is refused by all at their next request. A revoked, expired or unknown
// token is unauthorized.
func (db *DB) TokenUser(ctx context.Context, hash string) (APIToken, model.User, error) {
	var u model.User
	var org sql.NullInt64
	var t APIToken
	var exp, rev, used sql.NullTime
	err := db.r.QueryRowContext(ctx, `SELECT k.id, k.user_id, k.name, k.prefix, k.scopes, k.created_at, k.expires_at, k.revoked_at, k.last_used_at,
		u.id, u.email, u.name, u.role, u.org_id, u.locale, u.created_at, COALESCE(t.id, 0)
		FROM api_tokens k JOIN users u ON u.id = k.user_id LEFT JOIN talents t ON t.user_id = u.id
		WHERE k.hash = $1`, hash).Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, scanList(&t.Scopes), &t.CreatedAt, &exp, &rev, &used,
		&u.ID, &u.Email, &u.Name, &u.Role, &org, &u.Locale, &u.CreatedAt, &u.TalentID)
	if err != nil {
		if err == sql.ErrNoRows {
			return t, u, model.Errorf(model.Unauthorized, "err.tokens.invalid")
		}
		return t, u, err
	}
	t.ExpiresAt, t.RevokedAt, t.LastUsedAt = ptrTime(exp), ptrTime(rev), ptrTime(used)
	if org.Valid {
		u.OrgID = &org.Int64
	}
	if !t.Live(db.clock()) {
		return t, u, model.Errorf(model.Unauthorized, "err.tokens.invalid")
	}
	return t, u, nil
}

// TouchAPIToken records a use, at most once a minute per token (a write
// per request would make every API read a write).
func (db *DB) TouchAPIToken(ctx context.Context, id int64) error {
	now := db.clock()
	_, err := db.w.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)`,
		now, id, now.Add(-time.Minute))
	return db.mapErr(err)
}
