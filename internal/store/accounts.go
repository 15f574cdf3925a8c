package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/convene/convene/internal/model"
)

const userCols = `id, email, name, role, org_id, locale, created_at`

func scanUser(row interface{ Scan(...any) error }) (model.User, error) {
	var u model.User
	var org sql.NullInt64
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &org, &u.Locale, &u.CreatedAt)
	if org.Valid {
		u.OrgID = &org.Int64
	}
	return u, err
}

// Register creates an account, its organization (pending approval) and,
// for a talent, an empty profile, all in one transaction. The registration
// must be validated and hash computed by the caller.
func (db *DB) Register(ctx context.Context, r *model.Registration, hash string) (model.User, error) {
	now := db.clock()
	var u model.User
	err := db.tx(ctx, func(tx txq) error {
		var orgID *int64
		if r.Org != nil {
			o := r.Org
			o.Status = model.OrgPending
			id, err := db.insertID(ctx, tx, `INSERT INTO organizations (kind, name, name_zh, status, industry, size, global500, province, is_foreign, created_at)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
				o.Kind, o.Name, o.NameZH, o.Status, o.Industry, o.Size, o.Global500, o.Province, o.Foreign, now)
			if err != nil {
				return err
			}
			o.ID, o.CreatedAt = id, now
			orgID = &id
		}
		id, err := db.insertID(ctx, tx, `INSERT INTO users (email, name, role, org_id, locale, password_hash, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`, r.Email, r.Name, r.Role, orgID, r.Locale, hash, now)
		if err != nil {
			if model.ErrorCode(err) == model.Conflict {
				return model.Errorf(model.Conflict, "err.email_taken", "email", "err.email_taken")
			}
			return err
		}
		u = model.User{ID: id, Email: r.Email, Name: r.Name, Role: r.Role, OrgID: orgID, Locale: r.Locale, CreatedAt: now}
		if r.Role == model.RoleTalent {
			_, err = tx.ExecContext(ctx, `INSERT INTO talents (user_id, name, category, degree, updated_at) VALUES ($1,$2,'overseas','none',$3)`, id, r.Name, now)
			return db.mapErr(err)
		}
		return nil
	})
	return u, err
}

// CreateUser adds an account with a given role, for organizers setting up
// judges, gate staff and other organizers.
func (db *DB) CreateUser(ctx context.Context, u *model.User, hash string) error {
	u.CreatedAt = db.clock()
	id, err := db.insertID(ctx, db.w, `INSERT INTO users (email, name, role, org_id, locale, password_hash, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`, u.Email, u.Name, u.Role, u.OrgID, u.Locale, hash, u.CreatedAt)
	if err != nil {
		return err
	}
	u.ID = id
	return nil
}

// UserByEmail returns the account and its password hash.
func (db *DB) UserByEmail(ctx context.Context, email string) (model.User, string, error) {
	var hash string
	row := db.r.QueryRowContext(ctx, `SELECT `+userCols+`, password_hash FROM users WHERE email = $1`, email)
	var u model.User
	var org sql.NullInt64
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &org, &u.Locale, &u.CreatedAt, &hash)
	if org.Valid {
		u.OrgID = &org.Int64
	}
	return u, hash, one(err, "user")
}

// User returns an account by id.
func (db *DB) User(ctx context.Context, id int64) (model.User, error) {
	u, err := scanUser(db.r.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = $1`, id))
	return u, one(err, "user")
}

// SetLocale records the language a user chose.
func (db *DB) SetLocale(ctx context.Context, userID int64, locale string) error {
	if !model.ValidLocale(locale) {
		return model.Errorf(model.Invalid, "err.choice")
	}
	return db.execOne(ctx, db.w, "user", `UPDATE users SET locale = $1 WHERE id = $2`, locale, userID)
}

// CreateSession stores a session under the hash of its token.
func (db *DB) CreateSession(ctx context.Context, tokenHash string, userID int64, ttl time.Duration) error {
	now := db.clock()
	_, err := db.w.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1,$2,$3,$4)`,
		tokenHash, userID, now, now.Add(ttl))
	return db.mapErr(err)
}

// SessionUser returns the user of a live session.
func (db *DB) SessionUser(ctx context.Context, tokenHash string) (model.User, error) {
	var u model.User
	var org sql.NullInt64
	err := db.r.QueryRowContext(ctx, `SELECT u.id, u.email, u.name, u.role, u.org_id, u.locale, u.created_at, COALESCE(t.id, 0)
		FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN talents t ON t.user_id = u.id
		WHERE s.token_hash = $1 AND s.expires_at > $2`, tokenHash, db.clock()).
		Scan(&u.ID, &u.Email, &u.Name, &u.Role, &org, &u.Locale, &u.CreatedAt, &u.TalentID)
	if org.Valid {
		u.OrgID = &org.Int64
	}
	return u, one(err, "session")
}

// SessionLive reports whether a session (by its token's hash) still
// exists and has not expired: one primary-key read, for an instance that
// holds the resolved user in memory and must not outlive a sign-out made
// through another instance.
func (db *DB) SessionLive(ctx context.Context, tokenHash string) (bool, error) {
	_, live, err := db.SessionAccess(ctx, tokenHash)
	return live, err
}

// SessionAccess is SessionLive with what decides the user's access now
// (role and organization: two primary-key reads), so a cached session
// follows a change made through another instance at the next request.
func (db *DB) SessionAccess(ctx context.Context, tokenHash string) (model.User, bool, error) {
	var u model.User
	var org sql.NullInt64
	err := db.r.QueryRowContext(ctx, `SELECT u.role, u.org_id FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = $1 AND s.expires_at > $2`, tokenHash, db.clock()).Scan(&u.Role, &org)
	if errors.Is(err, sql.ErrNoRows) {
		return u, false, nil
	}
	if org.Valid {
		u.OrgID = &org.Int64
	}
	return u, err == nil, err
}

// DeleteUserSessions ends every session of a user but keep (a token hash,
// or "" for none): "sign out everywhere", and a password change.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64, keep string) (int64, error) {
	res, err := db.w.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, userID, keep)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// PasswordHash returns a user's password hash, to check the current
// password before a change.
func (db *DB) PasswordHash(ctx context.Context, userID int64) (string, error) {
	var h string
	err := db.r.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = $1`, userID).Scan(&h)
	return h, one(err, "user")
}

// ChangePassword replaces a user's password hash, conditionally on the
// hash the caller checked the old password against (two changes at once:
// one wins), and ends the user's other sessions in the same transaction.
func (db *DB) ChangePassword(ctx context.Context, userID int64, oldHash, newHash, keepSession string) error {
	return db.tx(ctx, func(tx txq) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3`, newHash, userID, oldHash)
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, model.Errorf(model.Conflict, "err.conflict")); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, userID, keepSession)
		return db.mapErr(err)
	})
}

// DeleteSession ends a session; ending one that is gone is not an error.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := db.w.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return err
}

// PurgeSessions drops expired sessions.
func (db *DB) PurgeSessions(ctx context.Context) (int64, error) {
	res, err := db.w.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, db.clock())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// LoginFailures counts the failures recorded for key in the current window.
func (db *DB) LoginFailures(ctx context.Context, key string, window time.Duration) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT failures FROM login_failures WHERE key = $1 AND window_start > $2`,
		key, db.clock().Add(-window)).Scan(&n)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return n, err
}

// RecordLoginFailure adds a failure for key, starting a new window when the
// old one has passed. Kept in the database so every instance sees it.
func (db *DB) RecordLoginFailure(ctx context.Context, key string, window time.Duration) error {
	now := db.clock()
	_, err := db.w.ExecContext(ctx, `INSERT INTO login_failures (key, window_start, failures) VALUES ($1, $2, 1)
		ON CONFLICT (key) DO UPDATE SET
		  failures = CASE WHEN login_failures.window_start > $3 THEN login_failures.failures + 1 ELSE 1 END,
		  window_start = CASE WHEN login_failures.window_start > $3 THEN login_failures.window_start ELSE $2 END`,
		key, now, now.Add(-window))
	return err
}

// ClearLoginFailures forgets failures after a successful sign-in.
func (db *DB) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := db.w.ExecContext(ctx, `DELETE FROM login_failures WHERE key = $1`, key)
	return err
}
