package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/convene/convene/internal/model"
)

// CreateEditionFrom adds an edition with the structure of an earlier one
// copied in, all in one transaction: venues, halls, areas and booths (the
// floor plan), fairs with their remote sessions, contests' set-up (no
// entries, judges or scores) and events (no registrations), their times
// moved by the gap between the two editions' start dates. Posts, people,
// projects and everything that happened stay with the old edition.
func (db *DB) CreateEditionFrom(ctx context.Context, e *model.Edition, fromID, by int64) error {
	return db.tx(ctx, func(tx txq) error {
		from, err := scanEdition(tx.QueryRowContext(ctx, `SELECT `+editionCols+` FROM editions WHERE id = $1`, fromID))
		if err != nil {
			return model.Errorf(model.Invalid, "err.invalid", "copy_from", "err.not_found.edition")
		}
		if err := db.createEdition(ctx, tx, e, by); err != nil {
			return err
		}
		c := editionCopy{db: db, tx: tx, from: fromID, to: e.ID, shift: e.StartDate.Sub(from.StartDate)}
		for _, step := range []func(context.Context) error{c.floorPlan, c.fairs, c.contests, c.events} {
			if err := step(ctx); err != nil {
				return err
			}
		}
		return db.audit(ctx, tx, by, "edition.copy", "edition", e.ID, from.Slug)
	})
}

// editionCopy copies one edition's structure into another inside tx. Each
// step reads its rows whole before writing (PostgreSQL's connection
// cannot interleave a read and a write).
type editionCopy struct {
	db       *DB
	tx       txq
	from, to int64
	shift    time.Duration
	venueIDs map[int64]int64 // old id → new id
	fairIDs  map[int64]int64
}

func (c *editionCopy) insert(ctx context.Context, query string, args ...any) (int64, error) {
	return c.db.insertID(ctx, c.tx, query, args...)
}

func (c *editionCopy) floorPlan(ctx context.Context) error {
	type venue struct {
		id, area          int64
		name, zh, address string
	}
	vs, err := queryAll(ctx, c.tx, func(r interface{ Scan(...any) error }) (venue, error) {
		var v venue
		return v, r.Scan(&v.id, &v.name, &v.zh, &v.address, &v.area)
	}, `SELECT id, name, name_zh, address, area_m2 FROM venues WHERE edition_id = $1 ORDER BY id`, c.from)
	if err != nil {
		return err
	}
	c.venueIDs = map[int64]int64{}
	for _, v := range vs {
		if c.venueIDs[v.id], err = c.insert(ctx, `INSERT INTO venues (edition_id, name, name_zh, address, area_m2) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
			c.to, v.name, v.zh, v.address, v.area); err != nil {
			return err
		}
	}
	type hall struct {
		id, venue int64
		name      string
	}
	hs, err := queryAll(ctx, c.tx, func(r interface{ Scan(...any) error }) (hall, error) {
		var h hall
		return h, r.Scan(&h.id, &h.venue, &h.name)
	}, `SELECT h.id, h.venue_id, h.name FROM halls h JOIN venues v ON v.id = h.venue_id WHERE v.edition_id = $1 ORDER BY h.id`, c.from)
	if err != nil {
		return err
	}
	halls := map[int64]int64{}
	for _, h := range hs {
		if halls[h.id], err = c.insert(ctx, `INSERT INTO halls (venue_id, name) VALUES ($1,$2) RETURNING id`, c.venueIDs[h.venue], h.name); err != nil {
			return err
		}
	}
	type area struct {
		id, hall           int64
		kind, name, nameZH string
	}
	as, err := queryAll(ctx, c.tx, func(r interface{ Scan(...any) error }) (area, error) {
		var a area
		return a, r.Scan(&a.id, &a.hall, &a.kind, &a.name, &a.nameZH)
	}, `SELECT a.id, a.hall_id, a.kind, a.name, a.name_zh FROM areas a JOIN halls h ON h.id = a.hall_id JOIN venues v ON v.id = h.venue_id
		WHERE v.edition_id = $1 ORDER BY a.id`, c.from)
	if err != nil {
		return err
	}
	areas := map[int64]int64{}
	for _, a := range as {
		if areas[a.id], err = c.insert(ctx, `INSERT INTO areas (hall_id, kind, name, name_zh) VALUES ($1,$2,$3,$4) RETURNING id`, halls[a.hall], a.kind, a.name, a.nameZH); err != nil {
			return err
		}
	}
	type booth struct {
		area                      int64
		code, kind                string
		m2, w, d                  float64
		x, y                      int64
		corner, entrance, blocked bool
	}
	bs, err := queryAll(ctx, c.tx, func(r interface{ Scan(...any) error }) (booth, error) {
		var b booth
		return b, r.Scan(&b.area, &b.code, &b.m2, &b.x, &b.y, &b.kind, &b.w, &b.d, &b.corner, &b.entrance, &b.blocked)
	}, `SELECT b.area_id, b.code, b.area_m2, b.x, b.y, b.kind, b.w, b.d, b.corner, b.entrance, b.blocked
		FROM booths b JOIN areas a ON a.id = b.area_id JOIN halls h ON h.id = a.hall_id JOIN venues v ON v.id = h.venue_id
		WHERE v.edition_id = $1 ORDER BY b.id`, c.from)
	if err != nil {
		return err
	}
	for _, b := range bs {
		if _, err := c.tx.ExecContext(ctx, `INSERT INTO booths (area_id, code, area_m2, x, y, kind, w, d, corner, entrance, blocked) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
			areas[b.area], b.code, b.m2, b.x, b.y, b.kind, b.w, b.d, b.corner, b.entrance, b.blocked); err != nil {
			return c.db.mapErr(err)
		}
	}
	return nil
}

func (c *editionCopy) fairs(ctx context.Context) error {
	type fair struct {
		id             int64
		kind, name, zh string
		venue          sql.NullInt64
	}
	fs, err := queryAll(ctx, c.tx, func(r interface{ Scan(...any) error }) (fair, error) {
		var f fair
		return f, r.Scan(&f.id, &f.kind, &f.name, &f.zh, &f.venue)
	}, `SELECT id, kind, name, name_zh, venue_id FROM fairs WHERE edition_id = $1 ORDER BY id`, c.from)
	if err != nil {
		return err
	}
	c.fairIDs = map[int64]int64{}
	for _, f := range fs {
		var venue any
		if f.venue.Valid {
			venue = c.venueIDs[f.venue.Int64]
		}
		if c.fairIDs[f.id], err = c.insert(ctx, `INSERT INTO fairs (edition_id, kind, name, name_zh, venue_id) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
			c.to, f.kind, f.name, f.zh, venue); err != nil {
			return err
		}
	}
	ss, err := queryAll(ctx, c.tx, scanSession, `SELECT s.id, s.fair_id, s.location, s.time_zone, s.starts_at, s.ends_at
		FROM remote_sessions s JOIN fairs f ON f.id = s.fair_id WHERE f.edition_id = $1 ORDER BY s.id`, c.from)
	if err != nil {
		return err
	}
	for _, s := range ss {
		if _, err := c.tx.ExecContext(ctx, `INSERT INTO remote_sessions (fair_id, location, time_zone, starts_at, ends_at) VALUES ($1,$2,$3,$4,$5)`,
			c.fairIDs[s.FairID], s.Location, s.TimeZone, s.StartsAt.Add(c.shift), s.EndsAt.Add(c.shift)); err != nil {
			return c.db.mapErr(err)
		}
	}
	return nil
}

// contests copies each contest's set-up as a new contest taking entries.
func (c *editionCopy) contests(ctx context.Context) error {
	cs, err := queryAll(ctx, c.tx, scanContest, `SELECT `+contestCols+` FROM contests WHERE edition_id = $1 ORDER BY id`, c.from)
	if err != nil {
		return err
	}
	for _, x := range cs {
		if _, err := c.insert(ctx, `INSERT INTO contests (edition_id, name, name_zh, rubric, tracks, rounds, opens_at, closes_at, select_n, k, tie_break, grant_yuan, grant_min_score, eligible, show_contacts)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id`,
			c.to, x.Name, x.NameZH, jsonText(x.Rubric), jsonText(nonNil(x.Tracks)), jsonText(nonNil(x.Rounds)), nullTime(c.moved(x.OpensAt)), nullTime(c.moved(x.ClosesAt)),
			x.SelectN, x.K, x.TieBreak, x.GrantYuan, x.GrantMinScore, jsonText(nonNil(x.Eligible)), x.ShowContacts); err != nil {
			return err
		}
	}
	return nil
}

func (c *editionCopy) moved(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	m := t.Add(c.shift)
	return &m
}

func (c *editionCopy) events(ctx context.Context) error {
	es, err := queryAll(ctx, c.tx, scanEventInfo, `SELECT `+eventInfoCols+` FROM events e WHERE e.edition_id = $1 ORDER BY e.id`, c.from)
	if err != nil {
		return err
	}
	for _, e := range es {
		e.EditionID, e.StartsAt, e.EndsAt = c.to, e.StartsAt.Add(c.shift), e.EndsAt.Add(c.shift)
		if err := c.db.insertEvent(ctx, c.tx, &e); err != nil {
			return err
		}
	}
	return nil
}
