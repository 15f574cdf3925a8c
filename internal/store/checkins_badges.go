package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/convene/convene/internal/model"
)

// Badge is a person's badge for an edition; the token it carries is signed
// from these fields (internal/badge), never stored.
type Badge struct {
	ID, EditionID, UserID int64
	Role                  string // badge.Role's name
	NotBefore, NotAfter   time.Time
	IssuedAt              time.Time
	RevokedAt             *time.Time
	Name, Email, OrgName  string
}

const badgeCols = `b.id, b.edition_id, b.user_id, b.role, b.not_before, b.not_after, b.issued_at, b.revoked_at, u.name, u.email, COALESCE(o.name, '')`

const badgeFrom = ` FROM badges b JOIN users u ON u.id = b.user_id LEFT JOIN organizations o ON o.id = u.org_id`

func scanBadge(row interface{ Scan(...any) error }) (Badge, error) {
	var b Badge
	var rev sql.NullTime
	err := row.Scan(&b.ID, &b.EditionID, &b.UserID, &b.Role, &b.NotBefore, &b.NotAfter, &b.IssuedAt, &rev, &b.Name, &b.Email, &b.OrgName)
	b.NotBefore, b.NotAfter, b.IssuedAt = b.NotBefore.UTC(), b.NotAfter.UTC(), b.IssuedAt.UTC()
	if rev.Valid {
		t := rev.Time.UTC()
		b.RevokedAt = &t
	}
	return b, err
}

// IssueBadge returns the person's current badge for the edition, creating
// it when there is none (the unique index keeps one current per person).
func (db *DB) IssueBadge(ctx context.Context, b *Badge) error {
	if _, err := db.w.ExecContext(ctx, `INSERT INTO badges (edition_id, user_id, role, not_before, not_after, issued_at)
		VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (edition_id, user_id) WHERE revoked_at IS NULL DO NOTHING`,
		b.EditionID, b.UserID, b.Role, b.NotBefore.UTC(), b.NotAfter.UTC(), db.clock()); err != nil {
		return db.mapErr(err)
	}
	cur, err := db.CurrentBadge(ctx, b.EditionID, b.UserID)
	*b = cur
	return err
}

// IssueBadges gives every account without a current badge one; roles maps
// an account's role to the badge's. It reports how many it issued.
func (db *DB) IssueBadges(ctx context.Context, editionID int64, roles map[model.Role]string, nbf, naf time.Time) (int, error) {
	total := 0
	err := db.tx(ctx, func(tx txq) error {
		for ar, br := range roles {
			res, err := tx.ExecContext(ctx, `INSERT INTO badges (edition_id, user_id, role, not_before, not_after, issued_at)
				SELECT $1, u.id, $2, $3, $4, $5 FROM users u WHERE u.role = $6
				AND NOT EXISTS (SELECT 1 FROM badges b WHERE b.edition_id = $1 AND b.user_id = u.id AND b.revoked_at IS NULL)`,
				editionID, br, nbf.UTC(), naf.UTC(), db.clock(), ar)
			if err != nil {
				return db.mapErr(err)
			}
			n, _ := res.RowsAffected()
			total += int(n)
		}
		return nil
	})
	return total, err
}

// CurrentBadge is the person's unrevoked badge for the edition.
func (db *DB) CurrentBadge(ctx context.Context, editionID, userID int64) (Badge, error) {
	b, err := scanBadge(db.r.QueryRowContext(ctx, `SELECT `+badgeCols+badgeFrom+` WHERE b.edition_id = $1 AND b.user_id = $2 AND b.revoked_at IS NULL`, editionID, userID))
	return b, one(err, "badge")
}

// BadgeByID is any badge, revoked or not.
func (db *DB) BadgeByID(ctx context.Context, id int64) (Badge, error) {
	b, err := scanBadge(db.r.QueryRowContext(ctx, `SELECT `+badgeCols+badgeFrom+` WHERE b.id = $1`, id))
	return b, one(err, "badge")
}

// Badges lists an edition's current badges by name (the badge sheet).
func (db *DB) Badges(ctx context.Context, editionID int64, limit int) ([]Badge, error) {
	return queryAll(ctx, db.r, scanBadge, `SELECT `+badgeCols+badgeFrom+` WHERE b.edition_id = $1 AND b.revoked_at IS NULL ORDER BY u.name, b.id LIMIT $2`, editionID, limit)
}

// ReissueBadge revokes the person's current badge (lost) and issues a new
// one with the same role and validity, in one transaction.
func (db *DB) ReissueBadge(ctx context.Context, editionID, userID int64) (Badge, error) {
	now := db.clock()
	err := db.tx(ctx, func(tx txq) error {
		var role string
		var nbf, naf time.Time
		if err := tx.QueryRowContext(ctx, `SELECT role, not_before, not_after FROM badges WHERE edition_id = $1 AND user_id = $2 AND revoked_at IS NULL`,
			editionID, userID).Scan(&role, &nbf, &naf); err != nil {
			return one(err, "badge")
		}
		if err := db.execOne(ctx, tx, "badge", `UPDATE badges SET revoked_at = $3 WHERE edition_id = $1 AND user_id = $2 AND revoked_at IS NULL`, editionID, userID, now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO badges (edition_id, user_id, role, not_before, not_after, issued_at) VALUES ($1,$2,$3,$4,$5,$6)`,
			editionID, userID, role, nbf.UTC(), naf.UTC(), now)
		return db.mapErr(err)
	})
	if err != nil {
		return Badge{}, err
	}
	return db.CurrentBadge(ctx, editionID, userID)
}

// RevokeBadge revokes one badge (no new one).
func (db *DB) RevokeBadge(ctx context.Context, id int64) error {
	return db.execOne(ctx, db.w, "badge", `UPDATE badges SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, id, db.clock())
}

// RevokedBadges is the edition's revocation list: badge ids.
func (db *DB) RevokedBadges(ctx context.Context, editionID int64) ([]int64, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (int64, error) {
		var id int64
		return id, row.Scan(&id)
	}, `SELECT id FROM badges WHERE edition_id = $1 AND revoked_at IS NOT NULL ORDER BY id`, editionID)
}
