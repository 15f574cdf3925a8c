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
	return db.tx(ctx, func(tx txq) error {
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
	})
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

// CreateVenue adds a venue to an edition.
func (db *DB) CreateVenue(ctx context.Context, v *model.Venue) error {
	id, err := db.insertID(ctx, db.w, `INSERT INTO venues (edition_id, name, name_zh, address, area_m2) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
		v.EditionID, v.Name, v.NameZH, v.Address, v.AreaM2)
	v.ID = id
	return err
}

// UpdateVenue saves a venue.
func (db *DB) UpdateVenue(ctx context.Context, v *model.Venue) error {
	return db.execOne(ctx, db.w, "venue", `UPDATE venues SET name=$1, name_zh=$2, address=$3, area_m2=$4 WHERE id=$5`,
		v.Name, v.NameZH, v.Address, v.AreaM2, v.ID)
}

func scanVenue(row interface{ Scan(...any) error }) (model.Venue, error) {
	var v model.Venue
	err := row.Scan(&v.ID, &v.EditionID, &v.Name, &v.NameZH, &v.Address, &v.AreaM2)
	return v, err
}

// Venue returns one venue.
func (db *DB) Venue(ctx context.Context, id int64) (model.Venue, error) {
	v, err := scanVenue(db.r.QueryRowContext(ctx, `SELECT id, edition_id, name, name_zh, address, area_m2 FROM venues WHERE id = $1`, id))
	return v, one(err, "venue")
}

// ListVenues lists an edition's venues.
func (db *DB) ListVenues(ctx context.Context, editionID int64) ([]model.Venue, error) {
	return queryAll(ctx, db.r, scanVenue, `SELECT id, edition_id, name, name_zh, address, area_m2 FROM venues WHERE edition_id = $1 ORDER BY id`, editionID)
}

// CreateHall, CreateArea and CreateBooth build the exhibition plan.
func (db *DB) CreateHall(ctx context.Context, h *model.Hall) error {
	id, err := db.insertID(ctx, db.w, `INSERT INTO halls (venue_id, name) VALUES ($1,$2) RETURNING id`, h.VenueID, h.Name)
	h.ID = id
	return err
}

func (db *DB) CreateArea(ctx context.Context, a *model.Area) error {
	if !a.Kind.Valid() {
		return model.Errorf(model.Invalid, "err.invalid", "kind", "err.choice")
	}
	id, err := db.insertID(ctx, db.w, `INSERT INTO areas (hall_id, kind, name) VALUES ($1,$2,$3) RETURNING id`, a.HallID, a.Kind, a.Name)
	a.ID = id
	return err
}

func (db *DB) CreateBooth(ctx context.Context, b *model.Booth) error {
	id, err := db.insertID(ctx, db.w, `INSERT INTO booths (area_id, code, area_m2, x, y) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
		b.AreaID, b.Code, b.AreaM2, b.X, b.Y)
	b.ID = id
	return err
}

// BoothSummary is a count of booths and area per area kind, for an edition.
type BoothSummary struct {
	Kind   model.AreaKind
	Booths int
	AreaM2 float64
}

// BoothSummaries sums the exhibition plan of an edition per area kind.
func (db *DB) BoothSummaries(ctx context.Context, editionID int64) ([]BoothSummary, error) {
	return queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (BoothSummary, error) {
		var s BoothSummary
		return s, r.Scan(&s.Kind, &s.Booths, &s.AreaM2)
	}, `SELECT a.kind, count(*), sum(b.area_m2) FROM booths b JOIN areas a ON a.id = b.area_id
		JOIN halls h ON h.id = a.hall_id JOIN venues v ON v.id = h.venue_id
		WHERE v.edition_id = $1 GROUP BY a.kind ORDER BY a.kind`, editionID)
}

// queryAll runs a query and scans every row with scan.
func queryAll[T any](ctx context.Context, q queryer, scan func(interface{ Scan(...any) error }) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
