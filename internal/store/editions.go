package store

import (
	"context"

	"github.com/convene/convene/internal/model"
)

const editionCols = `id, slug, name, name_zh, city, start_date, end_date, time_zone, is_current`

func scanEdition(row interface{ Scan(...any) error }) (model.Edition, error) {
	var e model.Edition
	err := row.Scan(&e.ID, &e.Slug, &e.Name, &e.NameZH, &e.City, &e.StartDate, &e.EndDate, &e.TimeZone, &e.Current)
	e.StartDate, e.EndDate = e.StartDate.UTC(), e.EndDate.UTC()
	return e, err
}

// CreateEdition adds an edition; the first one becomes current.
func (db *DB) CreateEdition(ctx context.Context, e *model.Edition, by int64) error {
	return db.tx(ctx, func(tx txq) error { return db.createEdition(ctx, tx, e, by) })
}

func (db *DB) createEdition(ctx context.Context, tx txq, e *model.Edition, by int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM editions`).Scan(&n); err != nil {
		return err
	}
	e.Current = e.Current || n == 0
	if e.Current {
		if _, err := tx.ExecContext(ctx, `UPDATE editions SET is_current = false WHERE is_current`); err != nil {
			return err
		}
	}
	id, err := db.insertID(ctx, tx, `INSERT INTO editions (slug, name, name_zh, city, start_date, end_date, time_zone, is_current)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`, e.Slug, e.Name, e.NameZH, e.City, e.StartDate, e.EndDate, e.TimeZone, e.Current)
	if err != nil {
		if model.ErrorCode(err) == model.Conflict {
			return model.Errorf(model.Conflict, "err.conflict", "slug", "err.taken")
		}
		return err
	}
	e.ID = id
	return db.audit(ctx, tx, by, "edition.create", "edition", id, e.Slug)
}

// UpdateEdition saves an edition; making it current un-currents the others.
func (db *DB) UpdateEdition(ctx context.Context, e *model.Edition, by int64) error {
	return db.tx(ctx, func(tx txq) error {
		if e.Current {
			if _, err := tx.ExecContext(ctx, `UPDATE editions SET is_current = false WHERE is_current AND id <> $1`, e.ID); err != nil {
				return err
			}
		}
		err := db.execOne(ctx, tx, "edition", `UPDATE editions SET slug=$1, name=$2, name_zh=$3, city=$4, start_date=$5, end_date=$6, time_zone=$7, is_current=$8 WHERE id=$9`,
			e.Slug, e.Name, e.NameZH, e.City, e.StartDate, e.EndDate, e.TimeZone, e.Current, e.ID)
		if model.ErrorCode(err) == model.Conflict {
			return model.Errorf(model.Conflict, "err.conflict", "slug", "err.taken")
		}
		if err != nil {
			return err
		}
		return db.audit(ctx, tx, by, "edition.update", "edition", e.ID, e.Slug)
	})
}

// Edition returns one edition.
func (db *DB) Edition(ctx context.Context, id int64) (model.Edition, error) {
	e, err := scanEdition(db.r.QueryRowContext(ctx, `SELECT `+editionCols+` FROM editions WHERE id = $1`, id))
	return e, one(err, "edition")
}

// CurrentEdition returns the edition the home page shows.
func (db *DB) CurrentEdition(ctx context.Context) (model.Edition, error) {
	e, err := scanEdition(db.r.QueryRowContext(ctx, `SELECT `+editionCols+` FROM editions WHERE is_current`))
	return e, one(err, "edition")
}

// ListEditions lists editions, newest first.
func (db *DB) ListEditions(ctx context.Context) ([]model.Edition, error) {
	return queryAll(ctx, db.r, scanEdition, `SELECT `+editionCols+` FROM editions ORDER BY start_date DESC`)
}
