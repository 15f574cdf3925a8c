package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/convene/convene/internal/model"
)

// SetAvailability replaces the user's availability windows. Windows must
// not be inverted or overlap; the caller converts them to UTC.
func (db *DB) SetAvailability(ctx context.Context, userID int64, ws []model.Availability) error {
	p := model.Problems{}
	model.CheckWindows(p, ws)
	if err := p.Err(); err != nil {
		return err
	}
	return db.tx(ctx, func(tx txq) error {
		// Replace-all is a read-then-write: two saves at once would each
		// delete the old windows and both insert. The user's row, locked
		// on PostgreSQL (SQLite has one writer), serializes them.
		if db.dialect == postgresDialect {
			if _, err := tx.ExecContext(ctx, `SELECT id FROM users WHERE id = $1 FOR UPDATE`, userID); err != nil {
				return db.mapErr(err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM availability WHERE user_id = $1`, userID); err != nil {
			return db.mapErr(err)
		}
		for _, w := range ws {
			if _, err := tx.ExecContext(ctx, `INSERT INTO availability (user_id, starts_at, ends_at) VALUES ($1,$2,$3)`,
				userID, w.StartsAt.UTC(), w.EndsAt.UTC()); err != nil {
				return db.mapErr(err)
			}
		}
		return nil
	})
}

// AvailabilityOf lists the user's windows in time order.
func (db *DB) AvailabilityOf(ctx context.Context, userID int64) ([]model.Availability, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (model.Availability, error) {
		var a model.Availability
		err := row.Scan(&a.UserID, &a.StartsAt, &a.EndsAt)
		a.StartsAt, a.EndsAt = a.StartsAt.UTC(), a.EndsAt.UTC()
		return a, err
	}, `SELECT user_id, starts_at, ends_at FROM availability WHERE user_id = $1 ORDER BY starts_at`, userID)
}

// AddSlots adds meeting slots to an edition; a slot starting when one
// already starts is skipped. It returns how many were added.
func (db *DB) AddSlots(ctx context.Context, editionID int64, slots []model.Slot) (int, error) {
	n := 0
	err := db.tx(ctx, func(tx txq) error {
		for _, s := range slots {
			res, err := tx.ExecContext(ctx, `INSERT INTO slots (edition_id, starts_at, ends_at) VALUES ($1,$2,$3) ON CONFLICT (edition_id, starts_at) DO NOTHING`,
				editionID, s.StartsAt.UTC(), s.EndsAt.UTC())
			if err != nil {
				return db.mapErr(err)
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		return nil
	})
	return n, err
}

// ListSlots lists an edition's slots in time order.
func (db *DB) ListSlots(ctx context.Context, editionID int64) ([]model.Slot, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (model.Slot, error) {
		var s model.Slot
		err := row.Scan(&s.ID, &s.EditionID, &s.StartsAt, &s.EndsAt)
		s.StartsAt, s.EndsAt = s.StartsAt.UTC(), s.EndsAt.UTC()
		return s, err
	}, `SELECT id, edition_id, starts_at, ends_at FROM slots WHERE edition_id = $1 ORDER BY starts_at`, editionID)
}

// CreateMeetingTable adds a table at a venue of the edition, or a video
// room (in a remote session of the edition's video fair, or on its own with
// a time zone).
func (db *DB) CreateMeetingTable(ctx context.Context, t *model.Table, timeZone string) error {
	p := model.Problems{}
	t.Code = strings.TrimSpace(t.Code)
	if t.Code == "" || len(t.Code) > 20 {
		p.Add("code", "err.required")
	}
	if t.VenueID != nil {
		var ed int64
		err := db.r.QueryRowContext(ctx, `SELECT edition_id FROM venues WHERE id = $1`, *t.VenueID).Scan(&ed)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && ed != t.EditionID) {
			p.Add("venue_id", "err.meetings.unknown_venue")
		} else if err != nil {
			return err
		}
	}
	if t.SessionID != nil {
		var ed int64
		err := db.r.QueryRowContext(ctx, `SELECT f.edition_id FROM remote_sessions s JOIN fairs f ON f.id = s.fair_id WHERE s.id = $1`, *t.SessionID).Scan(&ed)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && ed != t.EditionID) {
			p.Add("session_id", "err.meetings.unknown_session")
		} else if err != nil {
			return err
		}
		t.Video = true
	}
	if t.Video && t.SessionID == nil && timeZone != "" {
		model.LoadZone(p, "time_zone", timeZone)
	}
	if !t.Video && t.VenueID == nil {
		p.Add("venue_id", "err.required")
	}
	if !t.Video {
		timeZone = ""
	}
	if err := p.Err(); err != nil {
		return err
	}
	var err error
	t.ID, err = db.insertID(ctx, db.w, `INSERT INTO meeting_tables (edition_id, venue_id, session_id, code, video, time_zone) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
		t.EditionID, t.VenueID, t.SessionID, t.Code, t.Video, timeZone)
	if model.ErrorCode(err) == model.Conflict {
		return model.Errorf(model.Conflict, "err.conflict", "code", "err.meetings.code_taken")
	}
	return err
}

const tableViewSQL = `SELECT t.id, t.edition_id, t.venue_id, t.session_id, t.code, t.video,
	COALESCE(v.name, ''), COALESCE(rs.time_zone, t.time_zone)
FROM meeting_tables t LEFT JOIN venues v ON v.id = t.venue_id LEFT JOIN remote_sessions rs ON rs.id = t.session_id`

func scanTableView(row interface{ Scan(...any) error }) (TableView, error) {
	var t TableView
	var venue, session sql.NullInt64
	err := row.Scan(&t.ID, &t.EditionID, &venue, &session, &t.Code, &t.Video, &t.VenueName, &t.TimeZone)
	if venue.Valid {
		t.VenueID = &venue.Int64
	}
	if session.Valid {
		t.SessionID = &session.Int64
	}
	return t, err
}

// ListMeetingTables lists an edition's tables and rooms by code.
func (db *DB) ListMeetingTables(ctx context.Context, editionID int64) ([]TableView, error) {
	return queryAll(ctx, db.r, scanTableView, tableViewSQL+` WHERE t.edition_id = $1 ORDER BY t.video, t.code`, editionID)
}

// TableView is a table or video room with its venue and zone.
type TableView struct {
	model.Table
	VenueName string
	TimeZone  string // video rooms: the session's or the room's zone
}
