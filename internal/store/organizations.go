package store

import (
	"context"

	"github.com/convene/convene/internal/model"
)

const orgCols = `id, kind, name, name_zh, status, industry, size, global500, province, is_foreign, created_at`

func scanOrg(row interface{ Scan(...any) error }) (model.Organization, error) {
	var o model.Organization
	err := row.Scan(orgDests(&o)...)
	return o, err
}

// orgDests are the Scan destinations of orgCols.
func orgDests(o *model.Organization) []any {
	return []any{&o.ID, &o.Kind, &o.Name, &o.NameZH, &o.Status, &o.Industry, &o.Size, &o.Global500, &o.Province, &o.Foreign, &o.CreatedAt}
}

// CreateOrganization adds a validated organization as given (organizers and
// the demo create approved ones directly).
func (db *DB) CreateOrganization(ctx context.Context, o *model.Organization) error {
	o.CreatedAt = db.clock()
	id, err := db.insertID(ctx, db.w, `INSERT INTO organizations (kind, name, name_zh, status, industry, size, global500, province, is_foreign, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
		o.Kind, o.Name, o.NameZH, o.Status, o.Industry, o.Size, o.Global500, o.Province, o.Foreign, o.CreatedAt)
	o.ID = id
	return err
}

// UpdateOrganization saves an organization's profile, as an organizer may;
// status is changed only by SetOrgStatus.
func (db *DB) UpdateOrganization(ctx context.Context, o *model.Organization) error {
	return db.execOne(ctx, db.w, "organization", `UPDATE organizations SET name=$1, name_zh=$2, industry=$3, size=$4, global500=$5, province=$6, is_foreign=$7 WHERE id=$8`,
		o.Name, o.NameZH, o.Industry, o.Size, o.Global500, o.Province, o.Foreign, o.ID)
}

// UpdateOwnOrganization saves the profile as its members may: an approved
// organization keeps the names it was approved under (the names its booth
// QR and posts show everyone), so a rename is refused, in the same
// statement, and an approval landing at the same moment cannot let one
// through. A pending or rejected one may still correct its names.
func (db *DB) UpdateOwnOrganization(ctx context.Context, o *model.Organization) error {
	res, err := db.w.ExecContext(ctx, `UPDATE organizations SET name=$1, name_zh=$2, industry=$3, size=$4, province=$5, is_foreign=$6
		WHERE id=$7 AND (status <> 'approved' OR (name = $1 AND name_zh = $2))`,
		o.Name, o.NameZH, o.Industry, o.Size, o.Province, o.Foreign, o.ID)
	if err != nil {
		return db.mapErr(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	if _, err := db.Organization(ctx, o.ID); err != nil {
		return err
	}
	return model.Errorf(model.Invalid, "err.invalid", "name", "err.org_rename_locked")
}

// Organization returns one organization.
func (db *DB) Organization(ctx context.Context, id int64) (model.Organization, error) {
	o, err := scanOrg(db.r.QueryRowContext(ctx, `SELECT `+orgCols+` FROM organizations WHERE id = $1`, id))
	return o, one(err, "organization")
}

// SetOrgStatus approves or rejects an organization and records who did it.
// Rejecting an organization (a pending one, or an approved one: that is a
// suspension) closes its open posts in the same transaction, so no talent
// applies to it afterwards; its access to personal data ends with the
// status (docs/security.md).
func (db *DB) SetOrgStatus(ctx context.Context, id int64, s model.OrgStatus, by int64) error {
	if !s.Valid() {
		return model.Errorf(model.Invalid, "err.choice")
	}
	return db.tx(ctx, func(tx txq) error {
		if err := db.execOne(ctx, tx, "organization", `UPDATE organizations SET status = $1 WHERE id = $2`, s, id); err != nil {
			return err
		}
		if s != model.OrgApproved {
			if _, err := tx.ExecContext(ctx, `UPDATE posts SET status = 'closed', updated_at = $1 WHERE org_id = $2 AND status = 'open'`, db.clock(), id); err != nil {
				return db.mapErr(err)
			}
		}
		return db.audit(ctx, tx, by, "org."+string(s), "organization", id, "")
	})
}

// OrgApproved reports whether an organization is approved: what its access
// to personal data and its public actions depend on.
func (db *DB) OrgApproved(ctx context.Context, id int64) (bool, error) {
	var st model.OrgStatus
	err := db.r.QueryRowContext(ctx, `SELECT status FROM organizations WHERE id = $1`, id).Scan(&st)
	return st == model.OrgApproved, one(err, "organization")
}

// OrgFilter narrows ListOrganizations.
type OrgFilter struct {
	Kind   model.OrgKind
	Status model.OrgStatus
	Query  string
	// PostingIn keeps organizations with a post in a fair of this edition
	// (the figure "enterprises posting").
	PostingIn int64
	Limit     int
	Offset    int
}

// ListOrganizations lists organizations, newest first.
func (db *DB) ListOrganizations(ctx context.Context, f OrgFilter) ([]model.Organization, error) {
	var c conds
	if f.Kind != "" {
		c.add("kind = ?", f.Kind)
	}
	if f.Status != "" {
		c.add("status = ?", f.Status)
	}
	if f.PostingIn != 0 {
		c.add("id IN (SELECT p.org_id FROM posts p JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = ?)", f.PostingIn)
	}
	c.search(f.Query, "name", "name_zh", "province")
	limit, offset := page(f.Limit, f.Offset)
	return queryAll(ctx, db.r, scanOrg, `SELECT `+orgCols+` FROM organizations`+c.sql()+` ORDER BY id DESC LIMIT `+itoa(limit)+` OFFSET `+itoa(offset), c.args...)
}
