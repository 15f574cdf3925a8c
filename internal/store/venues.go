package store

import (
	"context"

	"github.com/convene/convene/internal/model"
)

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
	id, err := db.insertID(ctx, db.w, `INSERT INTO areas (hall_id, kind, name, name_zh) VALUES ($1,$2,$3,$4) RETURNING id`, a.HallID, a.Kind, a.Name, a.NameZH)
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
