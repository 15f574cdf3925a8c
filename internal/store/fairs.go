package store

import (
	"context"
	"database/sql"

	"github.com/convene/convene/internal/model"
)

const fairCols = `id, edition_id, kind, name, name_zh, venue_id`

func scanFair(row interface{ Scan(...any) error }) (model.Fair, error) {
	var f model.Fair
	var venue sql.NullInt64
	err := row.Scan(fairDests(&f, &venue)...)
	if venue.Valid {
		f.VenueID = &venue.Int64
	}
	return f, err
}

// fairDests are the Scan destinations of fairCols.
func fairDests(f *model.Fair, venue *sql.NullInt64) []any {
	return []any{&f.ID, &f.EditionID, &f.Kind, &f.Name, &f.NameZH, venue}
}

// CreateFair adds a job fair to an edition.
func (db *DB) CreateFair(ctx context.Context, f *model.Fair) error {
	id, err := db.insertID(ctx, db.w, `INSERT INTO fairs (edition_id, kind, name, name_zh, venue_id) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
		f.EditionID, f.Kind, f.Name, f.NameZH, f.VenueID)
	f.ID = id
	return err
}

// UpdateFair saves a fair.
func (db *DB) UpdateFair(ctx context.Context, f *model.Fair) error {
	return db.execOne(ctx, db.w, "fair", `UPDATE fairs SET kind=$1, name=$2, name_zh=$3, venue_id=$4 WHERE id=$5`,
		f.Kind, f.Name, f.NameZH, f.VenueID, f.ID)
}

// Fair returns one fair.
func (db *DB) Fair(ctx context.Context, id int64) (model.Fair, error) {
	f, err := scanFair(db.r.QueryRowContext(ctx, `SELECT `+fairCols+` FROM fairs WHERE id = $1`, id))
	return f, one(err, "fair")
}

// ListFairs lists an edition's fairs.
func (db *DB) ListFairs(ctx context.Context, editionID int64) ([]model.Fair, error) {
	return queryAll(ctx, db.r, scanFair, `SELECT `+fairCols+` FROM fairs WHERE edition_id = $1 ORDER BY id`, editionID)
}

// CreateRemoteSession adds a remote parallel session to a video fair.
func (db *DB) CreateRemoteSession(ctx context.Context, s *model.RemoteSession) error {
	f, err := db.Fair(ctx, s.FairID)
	if err != nil {
		return err
	}
	if f.Kind != model.FairVideo {
		return model.Errorf(model.Invalid, "err.not_video_fair")
	}
	id, err := db.insertID(ctx, db.w, `INSERT INTO remote_sessions (fair_id, location, time_zone, starts_at, ends_at) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
		s.FairID, s.Location, s.TimeZone, s.StartsAt.UTC(), s.EndsAt.UTC())
	s.ID = id
	return err
}

func scanSession(row interface{ Scan(...any) error }) (model.RemoteSession, error) {
	var s model.RemoteSession
	err := row.Scan(&s.ID, &s.FairID, &s.Location, &s.TimeZone, &s.StartsAt, &s.EndsAt)
	s.StartsAt, s.EndsAt = s.StartsAt.UTC(), s.EndsAt.UTC()
	return s, err
}

// ListRemoteSessions lists a fair's remote sessions by start.
func (db *DB) ListRemoteSessions(ctx context.Context, fairID int64) ([]model.RemoteSession, error) {
	return queryAll(ctx, db.r, scanSession, `SELECT id, fair_id, location, time_zone, starts_at, ends_at FROM remote_sessions WHERE fair_id = $1 ORDER BY starts_at, id`, fairID)
}

// RemoteSession returns one remote session.
func (db *DB) RemoteSession(ctx context.Context, id int64) (model.RemoteSession, error) {
	s, err := scanSession(db.r.QueryRowContext(ctx, `SELECT id, fair_id, location, time_zone, starts_at, ends_at FROM remote_sessions WHERE id = $1`, id))
	return s, one(err, "remote_session")
}

// FairSessions is a fair with its remote sessions (video fairs have them).
type FairSessions struct {
	model.Fair
	Sessions []model.RemoteSession
}

// FairsWithSessions lists an edition's fairs, each video fair with its
// remote sessions: what the home page, the edition page and the post form
// show.
func (db *DB) FairsWithSessions(ctx context.Context, editionID int64) ([]FairSessions, error) {
	fairs, err := db.ListFairs(ctx, editionID)
	if err != nil {
		return nil, err
	}
	out := make([]FairSessions, len(fairs))
	for i, f := range fairs {
		out[i].Fair = f
		if f.Kind == model.FairVideo {
			if out[i].Sessions, err = db.ListRemoteSessions(ctx, f.ID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
