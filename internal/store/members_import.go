package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/postio"
)

// ImportMembers adds a checked member file's rows to a delegation as
// accounts, as a lead's invitation does (hashes[i] is row i's first
// password's hash), in one transaction, all or none. An address already a
// member, or taken by another account, is refused on its row with every
// other such row, and nothing is saved. A row marked lead becomes the
// delegation's lead; without one the lead stays. The organizer importing
// is recorded as the one who invited.
func (db *DB) ImportMembers(ctx context.Context, orgID int64, rows []postio.MemberRow, hashes []string, by int64) ([]model.User, error) {
	if len(rows) == 0 || len(hashes) != len(rows) {
		return nil, model.Errorf(model.Invalid, "err.import")
	}
	var out []model.User
	err := db.tx(ctx, func(tx txq) error {
		var kind model.OrgKind
		err := tx.QueryRowContext(ctx, `SELECT kind FROM organizations WHERE id = $1`, orgID).Scan(&kind)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && kind != model.OrgDelegation) {
			return model.Errorf(model.Invalid, "err.invalid", "org_id", "err.choice")
		}
		if err != nil {
			return err
		}
		// Every address is looked up before any account is written:
		// PostgreSQL gives up on a transaction at its first failed
		// statement, so only lookups can find every problem.
		var errs postio.Errors
		newLead := false
		for _, m := range rows {
			var org sql.NullInt64
			err := tx.QueryRowContext(ctx, `SELECT org_id FROM users WHERE email = $1`, m.Email).Scan(&org)
			switch {
			case err == nil && org.Valid && org.Int64 == orgID:
				errs = append(errs, postio.RowError{Row: m.Line, Column: "email", Key: "err.delegations.duplicate"})
			case err == nil:
				errs = append(errs, postio.RowError{Row: m.Line, Column: "email", Key: "err.email_taken"})
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
			newLead = newLead || m.Lead
		}
		if len(errs) > 0 {
			return errs.Invalid()
		}
		now := db.clock()
		lead, err := db.delegationLead(ctx, tx, orgID)
		if err != nil {
			return err
		}
		if newLead {
			// At most one lead a delegation (a unique index): the old one
			// steps down first.
			if _, err := tx.ExecContext(ctx, `UPDATE delegation_members SET lead = $2 WHERE org_id = $1 AND lead`, orgID, false); err != nil {
				return db.mapErr(err)
			}
		} else if lead != 0 {
			// The lead gets a row too, so the lead stays the lead.
			if _, err := tx.ExecContext(ctx, `INSERT INTO delegation_members (user_id, org_id, lead, created_at) VALUES ($1,$2,$3,$4)
				ON CONFLICT (user_id) DO NOTHING`, lead, orgID, true, now); err != nil {
				return db.mapErr(err)
			}
		}
		for i, m := range rows {
			u := model.User{Email: m.Email, Name: m.Name, Role: model.RoleDelegation, OrgID: &orgID, Locale: m.Locale, CreatedAt: now}
			if u.ID, err = db.insertID(ctx, tx, `INSERT INTO users (email, name, role, org_id, locale, password_hash, created_at)
				VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`, u.Email, u.Name, u.Role, orgID, u.Locale, hashes[i], now); err != nil {
				if model.ErrorCode(err) == model.Conflict { // taken since the lookup, by another instance
					return postio.Errors{{Row: m.Line, Column: "email", Key: "err.email_taken"}}.Invalid()
				}
				return rowFailed(m.Line, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO delegation_members (user_id, org_id, lead, invited_by, created_at) VALUES ($1,$2,$3,$4,$5)`,
				u.ID, orgID, m.Lead, nullID(by), now); err != nil {
				return rowFailed(m.Line, db.mapErr(err))
			}
			out = append(out, u)
		}
		return db.audit(ctx, tx, by, "delegation.import", "organization", orgID, itoa(len(rows)))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
