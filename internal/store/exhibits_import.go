package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/postio"
)

// ImportExhibits adds a checked exhibit file's rows, shown by hostOrgID, in
// one transaction, all or none. Each row's owner must be an account and its
// booth, when it names one, a booth of the edition (by code, in any case;
// a code two venues share is refused as ambiguous). Every such problem
// comes back by row and column, as the file's own do, and nothing is saved.
func (db *DB) ImportExhibits(ctx context.Context, editionID, hostOrgID int64, rows []postio.ExhibitRow, by int64) error {
	if len(rows) == 0 {
		return model.Errorf(model.Invalid, "err.import")
	}
	return db.tx(ctx, func(tx txq) error {
		var st model.OrgStatus
		err := tx.QueryRowContext(ctx, `SELECT status FROM organizations WHERE id = $1`, hostOrgID).Scan(&st)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && st != model.OrgApproved) {
			return model.Errorf(model.Invalid, "err.invalid", "org_id", "err.choice")
		}
		if err != nil {
			return err
		}
		// Every row is looked up before any is written: PostgreSQL gives
		// up on a transaction at its first failed statement, so only
		// lookups can find every problem.
		owners, booths := map[string]int64{}, map[string]int64{}
		var errs postio.Errors
		for _, x := range rows {
			id, ok := owners[x.OwnerEmail]
			if !ok {
				err := tx.QueryRowContext(ctx, `SELECT id FROM users WHERE email = $1`, x.OwnerEmail).Scan(&id)
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return err
				}
				owners[x.OwnerEmail] = id
			}
			if id == 0 {
				errs = append(errs, postio.RowError{Row: x.Line, Column: "owner_email", Key: "err.exhibits.owner_unknown"})
			}
			if x.Booth == "" {
				continue
			}
			b, ok := booths[x.Booth]
			if !ok {
				if b, err = boothByCode(ctx, tx, editionID, x.Booth); err != nil {
					return err
				}
				booths[x.Booth] = b
			}
			switch b {
			case 0:
				errs = append(errs, postio.RowError{Row: x.Line, Column: "booth", Key: "err.exhibits.booth_unknown"})
			case -1:
				errs = append(errs, postio.RowError{Row: x.Line, Column: "booth", Key: "err.exhibits.booth_ambiguous"})
			}
		}
		if len(errs) > 0 {
			return errs.Invalid()
		}
		for _, x := range rows {
			_, err := db.insertID(ctx, tx, `INSERT INTO exhibits (booth_id, org_id, title, title_zh, field, contact, summary, summary_zh, owner_user_id)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`, nullID(booths[x.Booth]), hostOrgID, x.Title, x.TitleZH, x.Field, x.OwnerEmail,
				x.Summary, x.SummaryZH, owners[x.OwnerEmail])
			if err != nil {
				return rowFailed(x.Line, err)
			}
		}
		return db.audit(ctx, tx, by, "exhibit.import", "organization", hostOrgID, itoa(len(rows)))
	})
}

// boothByCode is the id of the edition's booth with this code: 0 when
// there is none, -1 when several venues have one.
func boothByCode(ctx context.Context, tx txq, editionID int64, code string) (int64, error) {
	ids, err := queryAll(ctx, tx, func(row interface{ Scan(...any) error }) (int64, error) {
		var id int64
		return id, row.Scan(&id)
	}, `SELECT b.id FROM booths b JOIN areas a ON a.id = b.area_id JOIN halls h ON h.id = a.hall_id JOIN venues v ON v.id = h.venue_id
		WHERE v.edition_id = $1 AND upper(b.code) = upper($2) ORDER BY b.id LIMIT 2`, editionID, code)
	switch {
	case err != nil:
		return 0, err
	case len(ids) == 0:
		return 0, nil
	case len(ids) > 1:
		return -1, nil
	}
	return ids[0], nil
}

// rowFailed says a write the database refused (a check, a race with
// another import) on the file's row, so the import's page lists it with
// the others; an error that is not the user's passes as it is.
func rowFailed(line int, err error) error {
	me := model.AsError(err)
	if me == nil || (me.Code != model.Invalid && me.Code != model.Conflict) {
		return err
	}
	return postio.Errors{{Row: line, Key: me.Key}}.Invalid()
}
