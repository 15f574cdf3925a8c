package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/convene/convene/internal/model"
)

// BoothDraft is one assignment of an allocation run.
type BoothDraft struct {
	BoothID, OrgID, RequestID int64
	Locked                    bool
}

// BoothOutcome is what a run says of one request.
type BoothOutcome struct {
	RequestID int64
	Status    string // assigned, partial, waitlisted
	Waitlist  int
	Outcome   string // JSON
}

// SaveBoothRun replaces the unlocked drafts with a run's in one
// transaction, records every request's outcome and marks the exhibition
// drawn. Refused once published.
func (db *DB) SaveBoothRun(ctx context.Context, editionID int64, drafts []BoothDraft, outcomes []BoothOutcome, by int64) error {
	now := db.clock()
	return db.tx(ctx, func(tx txq) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO exhibitions (edition_id) VALUES ($1) ON CONFLICT (edition_id) DO NOTHING`, editionID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE exhibitions SET status = 'drawn', run_at = $2 WHERE edition_id = $1 AND status IN ('open','drawn')`, editionID, now)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return model.Errorf(model.Conflict, "booths.err_published")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM booth_assignments WHERE edition_id = $1 AND status = 'draft' AND NOT locked`, editionID); err != nil {
			return err
		}
		for _, d := range drafts {
			if d.Locked {
				continue // already there
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO booth_assignments (booth_id, edition_id, org_id, request_id, status, via, locked, updated_at)
				VALUES ($1,$2,$3,$4,'draft','run',$5,$6)`, d.BoothID, editionID, d.OrgID, d.RequestID, false, now); err != nil {
				return db.mapErr(err)
			}
		}
		for _, o := range outcomes {
			if _, err := tx.ExecContext(ctx, `UPDATE booth_requests SET status = $2, waitlist = $3, outcome = $4 WHERE id = $1 AND edition_id = $5`,
				o.RequestID, o.Status, o.Waitlist, o.Outcome, editionID); err != nil {
				return err
			}
		}
		return db.audit(ctx, tx, by, "booth.run", "edition", editionID, fmt.Sprintf("%d booths drafted, %d requests", len(drafts), len(outcomes)))
	})
}

// AssignBoothByHand gives a booth to a request as a locked draft (kept by
// later runs), taking it from any unlocked draft; requestID 0 unlocks and
// frees the booth. Only before publication.
func (db *DB) AssignBoothByHand(ctx context.Context, editionID, boothID, requestID, by int64) error {
	now := db.clock()
	return db.tx(ctx, func(tx txq) error {
		var st string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM exhibitions WHERE edition_id = $1`, editionID).Scan(&st); err != nil && err != sql.ErrNoRows {
			return err
		}
		if st == "published" {
			return model.Errorf(model.Conflict, "booths.err_published")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM booth_assignments WHERE booth_id = $1 AND edition_id = $2 AND status = 'draft'`, boothID, editionID); err != nil {
			return err
		}
		if err := db.audit(ctx, tx, by, "booth.assign", "booth", boothID, "request "+itoa(int(requestID))); err != nil {
			return err
		}
		if requestID == 0 {
			return nil
		}
		var org int64
		if err := tx.QueryRowContext(ctx, `SELECT r.org_id FROM booth_requests r JOIN booths b ON b.area_id = r.area_id
			WHERE r.id = $1 AND b.id = $2 AND r.edition_id = $3 AND NOT b.blocked`, requestID, boothID, editionID).Scan(&org); err != nil {
			if err == sql.ErrNoRows {
				return model.Errorf(model.Invalid, "booths.err_wrong_area")
			}
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO booth_assignments (booth_id, edition_id, org_id, request_id, status, via, locked, updated_at)
			VALUES ($1,$2,$3,$4,'draft','hand',$5,$6)`, boothID, editionID, org, requestID, true, now)
		return db.mapErr(err)
	})
}

// PublishBooths turns the drafts into assignments and sets the deadline by
// which exhibitors confirm or release. Only a drawn exhibition publishes,
// once.
func (db *DB) PublishBooths(ctx context.Context, editionID int64, confirmBy time.Time, by int64) error {
	now := db.clock()
	return db.tx(ctx, func(tx txq) error {
		res, err := tx.ExecContext(ctx, `UPDATE exhibitions SET status = 'published', published_at = $2, confirm_by = $3
			WHERE edition_id = $1 AND status = 'drawn'`, editionID, now, confirmBy.UTC())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return model.Errorf(model.Conflict, "booths.err_not_drawn")
		}
		_, err = tx.ExecContext(ctx, `UPDATE booth_assignments SET status = 'assigned', updated_at = $2 WHERE edition_id = $1 AND status = 'draft'`, editionID, now)
		if err != nil {
			return err
		}
		if err := db.audit(ctx, tx, by, "booth.publish", "edition", editionID, "confirm by "+confirmBy.UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		// Every member of an organization that asked is told its outcome.
		type told struct {
			org int64
			n   int
		}
		deadline := confirmBy.UTC().Format("2006-01-02 15:04") + " UTC"
		for _, q := range []struct{ key, sql string }{
			{"booths.notice.assigned", `SELECT org_id, count(*) FROM booth_assignments WHERE edition_id = $1 AND status = 'assigned' GROUP BY org_id ORDER BY org_id`},
			{"booths.notice.waitlisted", `SELECT org_id, min(waitlist) FROM booth_requests WHERE edition_id = $1 AND status = 'waitlisted' AND waitlist > 0 GROUP BY org_id ORDER BY org_id`},
		} {
			ts, err := queryAll(ctx, tx, func(r interface{ Scan(...any) error }) (told, error) {
				var t told
				return t, r.Scan(&t.org, &t.n)
			}, q.sql, editionID)
			if err != nil {
				return err
			}
			for _, t := range ts {
				args := []string{itoa(t.n)}
				if q.key == "booths.notice.assigned" {
					args = append(args, deadline)
				}
				if err := db.meetingNotify(ctx, tx, 0, &t.org, q.key, args...); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// ConfirmBooth confirms an assigned booth, or accepts a waitlist offer
// within its hold.
func (db *DB) ConfirmBooth(ctx context.Context, orgID, boothID int64) error {
	now := db.clock()
	return db.tx(ctx, func(tx txq) error {
		res, err := tx.ExecContext(ctx, `UPDATE booth_assignments SET status = 'confirmed', hold_until = NULL, updated_at = $3
			WHERE booth_id = $1 AND org_id = $2 AND (status = 'assigned' OR (status = 'offered' AND hold_until > $3))`, boothID, orgID, now)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return model.Errorf(model.Conflict, "booths.err_not_yours")
		}
		// A request served from the waitlist leaves it when it has all it asked for.
		_, err = tx.ExecContext(ctx, `UPDATE booth_requests SET status = 'assigned', waitlist = 0 WHERE id = (SELECT request_id FROM booth_assignments WHERE booth_id = $1)
			AND count > 0 AND count <= (SELECT count(*) FROM booth_assignments s WHERE s.request_id = booth_requests.id AND s.status IN ('assigned','confirmed'))`, boothID)
		return err
	})
}

// ReleaseBooth gives a booth back (an assignment, a confirmed booth, a
// booking or an offer) and offers it to the first fitting request on its
// area's waitlist, with the exhibition's hold. It returns the organization
// offered the booth, or 0.
func (db *DB) ReleaseBooth(ctx context.Context, editionID, orgID, boothID int64) (int64, error) {
	now := db.clock()
	var next int64
	err := db.tx(ctx, func(tx txq) error {
		var reqID sql.NullInt64
		var st string
		err := tx.QueryRowContext(ctx, `SELECT request_id, status FROM booth_assignments WHERE booth_id = $1 AND org_id = $2 AND edition_id = $3 AND status <> 'draft'`,
			boothID, orgID, editionID).Scan(&reqID, &st)
		if err == sql.ErrNoRows {
			return model.Errorf(model.Conflict, "booths.err_not_yours")
		}
		if err != nil {
			return err
		}
		if err := db.execOne(ctx, tx, "booth", `DELETE FROM booth_assignments WHERE booth_id = $1 AND org_id = $2 AND status = $3`, boothID, orgID, st); err != nil {
			return model.Errorf(model.Conflict, "booths.err_not_yours")
		}
		if st == "offered" && reqID.Valid { // declining an offer leaves the waitlist
			if _, err := tx.ExecContext(ctx, `UPDATE booth_requests SET waitlist = 0 WHERE id = $1`, reqID.Int64); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO booth_releases (booth_id, edition_id, org_id, reason, at) VALUES ($1,$2,$3,'released',$4)`,
			boothID, editionID, orgID, now); err != nil {
			return err
		}
		next, err = db.offerNext(ctx, tx, editionID, boothID, orgID, now)
		return err
	})
	return next, err
}

// offerNext offers a free booth to the first request on its area's
// waitlist that it fits and that holds no other offer, passing over the
// organization that just gave it up.
func (db *DB) offerNext(ctx context.Context, tx txq, editionID, boothID, skipOrg int64, now time.Time) (int64, error) {
	var hold int
	if err := tx.QueryRowContext(ctx, `SELECT hold_seconds FROM exhibitions WHERE edition_id = $1`, editionID).Scan(&hold); err != nil {
		return 0, err
	}
	var reqID, org int64
	err := tx.QueryRowContext(ctx, `SELECT r.id, r.org_id FROM booth_requests r JOIN booths b ON b.area_id = r.area_id
		WHERE b.id = $1 AND r.edition_id = $2 AND r.status IN ('waitlisted','partial') AND r.waitlist > 0 AND NOT b.blocked
		AND (r.kind = '' OR r.kind = b.kind) AND (r.count > 0 OR r.m2 >= b.area_m2)
		AND r.org_id <> $3 AND NOT EXISTS (SELECT 1 FROM booth_assignments s WHERE s.request_id = r.id AND s.status = 'offered')
		ORDER BY r.waitlist, r.id LIMIT 1`, boothID, editionID, skipOrg).Scan(&reqID, &org)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	until := now.Add(time.Duration(hold) * time.Second)
	_, err = tx.ExecContext(ctx, `INSERT INTO booth_assignments (booth_id, edition_id, org_id, request_id, status, via, hold_until, updated_at)
		VALUES ($1,$2,$3,$4,'offered','waitlist',$5,$6)`, boothID, editionID, org, reqID, until, now)
	if err != nil {
		return org, db.mapErr(err)
	}
	var code string
	if err := tx.QueryRowContext(ctx, `SELECT code FROM booths WHERE id = $1`, boothID).Scan(&code); err != nil {
		return org, err
	}
	o := org
	return org, db.meetingNotify(ctx, tx, 0, &o, "booths.notice.offered", code, until.UTC().Format("2006-01-02 15:04")+" UTC")
}

// ExpireBoothHolds ends the offers whose hold has run out (their requests
// leave the waitlist) and passes each booth to the next in line. It returns
// how many offers expired.
func (db *DB) ExpireBoothHolds(ctx context.Context, editionID int64) (int, error) {
	now := db.clock()
	n := 0
	err := db.tx(ctx, func(tx txq) error {
		type off struct{ booth, org, req int64 }
		offs, err := queryAll(ctx, tx, func(r interface{ Scan(...any) error }) (off, error) {
			var o off
			var req sql.NullInt64
			err := r.Scan(&o.booth, &o.org, &req)
			o.req = req.Int64
			return o, err
		}, `SELECT booth_id, org_id, request_id FROM booth_assignments WHERE edition_id = $1 AND status = 'offered' AND hold_until <= $2 ORDER BY booth_id`, editionID, now)
		if err != nil {
			return err
		}
		for _, o := range offs {
			res, err := tx.ExecContext(ctx, `DELETE FROM booth_assignments WHERE booth_id = $1 AND status = 'offered' AND hold_until <= $2`, o.booth, now)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k != 1 {
				continue
			}
			n++
			if _, err := tx.ExecContext(ctx, `UPDATE booth_requests SET waitlist = 0 WHERE id = $1`, o.req); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO booth_releases (booth_id, edition_id, org_id, reason, at) VALUES ($1,$2,$3,'expired',$4)`,
				o.booth, editionID, o.org, now); err != nil {
				return err
			}
			if _, err := db.offerNext(ctx, tx, editionID, o.booth, o.org, now); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// BookBooth is first-come self-service booking after publication, when the
// organizer has opened it: the booth's primary key in booth_assignments
// lets exactly one booking win.
func (db *DB) BookBooth(ctx context.Context, editionID, orgID, boothID int64) error {
	now := db.clock()
	return db.tx(ctx, func(tx txq) error {
		var st string
		var self bool
		err := tx.QueryRowContext(ctx, `SELECT status, self_service FROM exhibitions WHERE edition_id = $1`, editionID).Scan(&st, &self)
		if err == sql.ErrNoRows || (err == nil && (st != "published" || !self)) {
			return model.Errorf(model.Conflict, "booths.err_not_open")
		}
		if err != nil {
			return err
		}
		var ok int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM booths b JOIN areas a ON a.id = b.area_id JOIN halls h ON h.id = a.hall_id
			JOIN venues v ON v.id = h.venue_id WHERE b.id = $1 AND v.edition_id = $2 AND NOT b.blocked`, boothID, editionID).Scan(&ok); err != nil {
			return err
		}
		if ok == 0 {
			return notFound("booth")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM booth_assignments WHERE booth_id = $1 AND status = 'offered' AND hold_until <= $2`, boothID, now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO booth_assignments (booth_id, edition_id, org_id, status, via, updated_at)
			VALUES ($1,$2,$3,'booked','self',$4) ON CONFLICT (booth_id) DO NOTHING`, boothID, editionID, orgID, now)
		if err != nil {
			return db.mapErr(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return model.Errorf(model.Conflict, "booths.err_taken")
		}
		return nil
	})
}

// BoothAreaFigure sums one area: supply, demand and what the run and the
// waitlist gave.
type BoothAreaFigure struct {
	VenueID                 int64
	VenueName, Area         string
	AreaZH                  string
	AreaID                  int64
	Booths                  int
	M2                      float64
	RequestedM2, AssignedM2 float64
	Requests, Waitlisted    int
}

// DemandRatio is requested over supplied m².
func (f BoothAreaFigure) DemandRatio() float64 {
	if f.M2 == 0 {
		return 0
	}
	return f.RequestedM2 / f.M2
}

// BoothFigures sums an edition's exhibition per area (count requests count
// as the area's average booth), and how many booths the waitlist gave.
func (db *DB) BoothFigures(ctx context.Context, editionID int64) (areas []BoothAreaFigure, fromWaitlist int, err error) {
	areas, err = queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (BoothAreaFigure, error) {
		var f BoothAreaFigure
		return f, r.Scan(&f.VenueID, &f.VenueName, &f.AreaID, &f.Area, &f.AreaZH, &f.Booths, &f.M2, &f.AssignedM2)
	}, `SELECT v.id, v.name, a.id, a.name, a.name_zh, count(b.id), COALESCE(sum(b.area_m2), 0),
		COALESCE(sum(CASE WHEN s.status IN ('draft','assigned','confirmed','booked') THEN b.area_m2 ELSE 0 END), 0)
		FROM areas a JOIN halls h ON h.id = a.hall_id JOIN venues v ON v.id = h.venue_id
		LEFT JOIN booths b ON b.area_id = a.id LEFT JOIN booth_assignments s ON s.booth_id = b.id
		WHERE v.edition_id = $1 GROUP BY v.id, v.name, a.id, a.name, a.name_zh ORDER BY v.id, a.id`, editionID)
	if err != nil {
		return nil, 0, err
	}
	idx := map[int64]int{}
	for i, f := range areas {
		idx[f.AreaID] = i
	}
	reqs, err := db.BoothRequests(ctx, editionID, 0)
	if err != nil {
		return nil, 0, err
	}
	for _, r := range reqs {
		i, ok := idx[r.AreaID]
		if !ok {
			continue
		}
		f := &areas[i]
		f.Requests++
		if r.Count > 0 && f.Booths > 0 {
			f.RequestedM2 += float64(r.Count) * f.M2 / float64(f.Booths)
		} else {
			f.RequestedM2 += r.M2
		}
		if r.Waitlist > 0 && (r.Status == "waitlisted" || r.Status == "partial") {
			f.Waitlisted++
		}
	}
	err = db.r.QueryRowContext(ctx, `SELECT count(*) FROM booth_assignments WHERE edition_id = $1 AND via = 'waitlist' AND status = 'confirmed'`, editionID).Scan(&fromWaitlist)
	return areas, fromWaitlist, err
}
