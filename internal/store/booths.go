package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"github.com/convene/convene/internal/model"
)

// Booth states on the floor plan.
const (
	BoothAvailable = "available"
	BoothHeld      = "held"
	BoothAssigned  = "assigned"
	BoothBlocked   = "blocked"
)

// Exhibition is an edition's allocation state: the published lottery seed,
// open → drawn (a run's drafts exist) → published, self-service booking,
// the hold given to waitlist offers and the confirmation deadline.
type Exhibition struct {
	EditionID   int64
	Seed        int64
	Status      string // open, drawn, published
	SelfService bool
	HoldSeconds int
	ConfirmBy   *time.Time
	RunAt       *time.Time
	PublishedAt *time.Time
	// RequestDeadline closes requests to exhibitors (nil: open until
	// publication); the organizer's own actions are not bound by it.
	RequestDeadline *time.Time
}

// RequestsClosed reports whether exhibitors can no longer file requests at now.
func (e Exhibition) RequestsClosed(now time.Time) bool {
	return e.Status == "published" || (e.RequestDeadline != nil && !now.Before(*e.RequestDeadline))
}

// PlanBooth is a booth with its place in the venue and its state.
type PlanBooth struct {
	ID                        int64
	VenueID, HallID, AreaID   int64
	VenueName, HallName, Area string
	AreaZH                    string // the area's Chinese name, if any
	AreaKind                  model.AreaKind
	Code                      string
	M2                        float64
	X, Y                      int
	W, D                      float64 // metres; zero in old rows: m²/3 × 3
	Kind                      string
	Corner, Entrance, Blocked bool
	State                     string // available, held, assigned, blocked
	OrgID, RequestID          int64  // holder, if any
	Status                    string // assignment status: draft, assigned, confirmed, offered, booked
	HoldUntil                 *time.Time
	Locked                    bool
}

// Size returns the booth's width and depth, deriving them from m² when
// the plan gave none (generated plans: 3 m deep).
func (b PlanBooth) Size() (w, d float64) {
	if b.W > 0 && b.D > 0 {
		return b.W, b.D
	}
	return b.M2 / 3, 3
}

// BoothExhibition returns the edition's exhibition state; an edition that
// has none yet reads as open with seed 0 (nothing is written).
func (db *DB) BoothExhibition(ctx context.Context, editionID int64) (Exhibition, error) {
	e := Exhibition{EditionID: editionID, Status: "open", HoldSeconds: 86400}
	var confirm, run, pub, deadline sql.NullTime
	err := db.r.QueryRowContext(ctx, `SELECT seed, status, self_service, hold_seconds, confirm_by, run_at, published_at, request_deadline
		FROM exhibitions WHERE edition_id = $1`, editionID).Scan(&e.Seed, &e.Status, &e.SelfService, &e.HoldSeconds, &confirm, &run, &pub, &deadline)
	if err == sql.ErrNoRows {
		return e, nil
	}
	e.ConfirmBy, e.RunAt, e.PublishedAt, e.RequestDeadline = ptime(confirm), ptime(run), ptime(pub), ptime(deadline)
	return e, err
}

func ptime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// SetBoothExhibition creates or updates the seed, the hold, self-service
// and the request deadline (nil removes it); the seed cannot change once a
// draw exists.
func (db *DB) SetBoothExhibition(ctx context.Context, e Exhibition, by int64) error {
	if e.HoldSeconds <= 0 {
		return model.Errorf(model.Invalid, "err.invalid", "hold_seconds", "err.invalid")
	}
	return db.tx(ctx, func(tx txq) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO exhibitions (edition_id, seed, hold_seconds, self_service) VALUES ($1,$2,$3,$4)
			ON CONFLICT (edition_id) DO NOTHING`, e.EditionID, e.Seed, e.HoldSeconds, e.SelfService); err != nil {
			return db.mapErr(err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE exhibitions SET seed = $2 WHERE edition_id = $1 AND status = 'open'`, e.EditionID, e.Seed); err != nil {
			return db.mapErr(err)
		}
		var deadline any
		if e.RequestDeadline != nil {
			deadline = e.RequestDeadline.UTC()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE exhibitions SET hold_seconds = $2, self_service = $3, request_deadline = $4 WHERE edition_id = $1`,
			e.EditionID, e.HoldSeconds, e.SelfService, deadline); err != nil {
			return db.mapErr(err)
		}
		detail := fmt.Sprintf("seed=%d hold=%ds self_service=%t", e.Seed, e.HoldSeconds, e.SelfService)
		if e.RequestDeadline != nil {
			detail += " deadline=" + e.RequestDeadline.UTC().Format(time.RFC3339)
		}
		return db.audit(ctx, tx, by, "booth.settings", "edition", e.EditionID, detail)
	})
}

const planCols = `b.id, v.id, h.id, a.id, v.name, h.name, a.name, a.name_zh, a.kind, b.code, b.area_m2, b.x, b.y, b.w, b.d, b.kind,
	b.corner, b.entrance, b.blocked, COALESCE(s.org_id, 0), COALESCE(s.request_id, 0), COALESCE(s.status, ''), s.hold_until, COALESCE(s.locked, false)`

const planFrom = ` FROM booths b JOIN areas a ON a.id = b.area_id JOIN halls h ON h.id = a.hall_id JOIN venues v ON v.id = h.venue_id
	LEFT JOIN booth_assignments s ON s.booth_id = b.id`

// PlanBooths lists an edition's booths with their state at now. A held
// booth is one offered to the waitlist whose hold has not run out; an
// expired offer shows as available (ExpireBoothHolds clears it on the next
// write).
func (db *DB) PlanBooths(ctx context.Context, editionID int64, now time.Time) ([]PlanBooth, error) {
	return queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (PlanBooth, error) {
		var b PlanBooth
		var hold sql.NullTime
		err := r.Scan(&b.ID, &b.VenueID, &b.HallID, &b.AreaID, &b.VenueName, &b.HallName, &b.Area, &b.AreaZH, &b.AreaKind, &b.Code, &b.M2,
			&b.X, &b.Y, &b.W, &b.D, &b.Kind, &b.Corner, &b.Entrance, &b.Blocked, &b.OrgID, &b.RequestID, &b.Status, &hold, &b.Locked)
		b.HoldUntil = ptime(hold)
		switch {
		case b.Blocked:
			b.State = BoothBlocked
		case b.Status == "offered" && b.HoldUntil != nil && b.HoldUntil.After(now):
			b.State = BoothHeld
		case b.Status == "" || b.Status == "offered":
			b.State, b.OrgID, b.RequestID, b.Status = BoothAvailable, 0, 0, ""
		default:
			b.State = BoothAssigned
		}
		return b, err
	}, `SELECT `+planCols+planFrom+` WHERE v.edition_id = $1 ORDER BY v.id, h.id, a.id, b.code`, editionID)
}

// PlanRow is one booth of an imported plan.
type PlanRow struct {
	Line                      int // the file's row, for messages
	Hall, Area                string
	AreaZH                    string // optional; kept when the area is created
	AreaKind                  model.AreaKind
	Code                      string
	M2                        float64
	X, Y                      int
	W, D                      float64
	Kind                      string
	Corner, Entrance, Blocked bool
}

// ImportPlan adds the rows' booths to a venue in one transaction, creating
// halls and areas by name; a row that breaks a rule (a code taken in the
// venue, a bad kind) saves nothing. Geometry (overlaps, areas) is checked by
// the caller through the engine before.
func (db *DB) ImportPlan(ctx context.Context, venueID int64, rows []PlanRow, by int64) (int, error) {
	n := 0
	err := db.tx(ctx, func(tx txq) error {
		halls, areas := map[string]int64{}, map[[2]string]int64{}
		for _, r := range rows {
			h, ok := halls[r.Hall]
			if !ok {
				err := tx.QueryRowContext(ctx, `SELECT id FROM halls WHERE venue_id = $1 AND name = $2`, venueID, r.Hall).Scan(&h)
				if err == sql.ErrNoRows {
					h, err = db.insertID(ctx, tx, `INSERT INTO halls (venue_id, name) VALUES ($1,$2) RETURNING id`, venueID, r.Hall)
				}
				if err != nil {
					return db.mapErr(err)
				}
				halls[r.Hall] = h
			}
			k := [2]string{r.Hall, r.Area}
			a, ok := areas[k]
			if !ok {
				err := tx.QueryRowContext(ctx, `SELECT id FROM areas WHERE hall_id = $1 AND name = $2`, h, r.Area).Scan(&a)
				if err == sql.ErrNoRows {
					if !r.AreaKind.Valid() {
						return model.Errorf(model.Invalid, "booths.err_row", "row", itoa(r.Line))
					}
					a, err = db.insertID(ctx, tx, `INSERT INTO areas (hall_id, kind, name, name_zh) VALUES ($1,$2,$3,$4) RETURNING id`, h, r.AreaKind, r.Area, r.AreaZH)
				}
				if err != nil {
					return db.mapErr(err)
				}
				areas[k] = a
			}
			var taken int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM booths b JOIN areas a ON a.id = b.area_id JOIN halls h ON h.id = a.hall_id
				WHERE h.venue_id = $1 AND b.code = $2`, venueID, r.Code).Scan(&taken); err != nil {
				return err
			}
			if taken > 0 {
				return model.Errorf(model.Conflict, "booths.err_code_taken", "row", itoa(r.Line))
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO booths (area_id, code, area_m2, x, y, w, d, kind, corner, entrance, blocked)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`, a, r.Code, r.M2, r.X, r.Y, r.W, r.D, r.Kind, r.Corner, r.Entrance, r.Blocked); err != nil {
				return db.mapErr(err)
			}
			n++
		}
		return db.audit(ctx, tx, by, "booth.import", "venue", venueID, itoa(n)+" booths")
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// BoothRequest asks for booths in an area: Count booths or M2 m².
type BoothRequest struct {
	ID, EditionID, OrgID, AreaID int64
	OrgName, AreaName            string
	AreaNameZH                   string
	OrgKind                      string
	Group                        string // quota group: delegation or province
	Count                        int
	M2                           float64
	Kind                         string // '' any, standard, raw, island
	Priority                     int
	Entrance, Corner             bool
	Status                       string // pending, assigned, partial, waitlisted, withdrawn
	Waitlist                     int
	Outcome                      string // the engine's outcome as JSON
	CreatedAt                    time.Time
	// Avoid: organizations not wanted beside its booths (competitors),
	// each exhibiting in the edition (ExhibitingOrgs) and not the
	// requester. CreateBoothRequest reads only the IDs.
	Avoid []BoothOrg
}

// BoothOrg names an organization exhibiting in an edition.
type BoothOrg struct {
	ID           int64
	Name, NameZH string
}

// MaxAvoid is the most competitors one request may name.
const MaxAvoid = 20

// ExhibitingOrgs lists, by name, the organizations exhibiting in an
// edition (a live booth request or a booth), except one (the asker): the
// names a request may give as competitors. Names only: nothing about what
// each requested.
func (db *DB) ExhibitingOrgs(ctx context.Context, editionID, except int64) ([]BoothOrg, error) {
	return exhibitingOrgs(ctx, db.r, editionID, except)
}

func exhibitingOrgs(ctx context.Context, q queryer, editionID, except int64) ([]BoothOrg, error) {
	return queryAll(ctx, q, func(r interface{ Scan(...any) error }) (BoothOrg, error) {
		var o BoothOrg
		err := r.Scan(&o.ID, &o.Name, &o.NameZH)
		return o, err
	}, `SELECT o.id, o.name, o.name_zh FROM organizations o WHERE o.id <> $2 AND (
		EXISTS (SELECT 1 FROM booth_requests r WHERE r.org_id = o.id AND r.edition_id = $1 AND r.status <> 'withdrawn')
		OR EXISTS (SELECT 1 FROM booth_assignments a WHERE a.org_id = o.id AND a.edition_id = $1))
		ORDER BY o.name, o.id`, editionID, except)
}

// CreateBoothRequest files an exhibitor's request while the exhibition is
// not published and its request deadline has not passed. The deadline is
// read in the insert's transaction (on PostgreSQL under a share lock on the
// exhibition, so a deadline being moved waits for or is seen by it).
func (db *DB) CreateBoothRequest(ctx context.Context, r *BoothRequest) error {
	if (r.Count > 0) == (r.M2 > 0) || r.Count < 0 || r.M2 < 0 || r.Count > 500 || r.M2 > 100000 {
		return model.Errorf(model.Invalid, "err.invalid", "count", "booths.err_count_or_m2")
	}
	switch r.Kind {
	case "", "standard", "raw", "island":
	default:
		return model.Errorf(model.Invalid, "err.invalid", "kind", "err.choice")
	}
	avoid := map[int64]bool{}
	for _, o := range r.Avoid {
		if o.ID == r.OrgID {
			return model.Errorf(model.Invalid, "err.invalid", "avoid", "booths.err_avoid_self")
		}
		avoid[o.ID] = true
	}
	if len(avoid) > MaxAvoid {
		return model.Errorf(model.Invalid, "err.invalid", "avoid", "booths.err_avoid_many")
	}
	return db.tx(ctx, func(tx txq) error {
		if err := db.requestsOpen(ctx, tx, r.EditionID); err != nil {
			return err
		}
		var ok int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM areas a JOIN halls h ON h.id = a.hall_id JOIN venues v ON v.id = h.venue_id
			WHERE a.id = $1 AND v.edition_id = $2`, r.AreaID, r.EditionID).Scan(&ok); err != nil {
			return err
		}
		if ok == 0 {
			return model.Errorf(model.Invalid, "err.invalid", "area_id", "err.choice")
		}
		var err error
		r.Status, r.CreatedAt = "pending", db.clock()
		r.ID, err = db.insertID(ctx, tx, `INSERT INTO booth_requests (edition_id, org_id, area_id, grp, count, m2, kind, priority, entrance, corner, status, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'pending',$11) RETURNING id`,
			r.EditionID, r.OrgID, r.AreaID, r.Group, r.Count, r.M2, r.Kind, r.Priority, r.Entrance, r.Corner, r.CreatedAt)
		if err != nil || len(avoid) == 0 {
			return err
		}
		// Competitors: organizations exhibiting in this edition, read in
		// this transaction.
		orgs, err := exhibitingOrgs(ctx, tx, r.EditionID, r.OrgID)
		if err != nil {
			return err
		}
		known := map[int64]BoothOrg{}
		for _, o := range orgs {
			known[o.ID] = o
		}
		r.Avoid = r.Avoid[:0]
		for id := range avoid {
			o, ok := known[id]
			if !ok {
				return model.Errorf(model.Invalid, "err.invalid", "avoid", "booths.err_avoid_unknown")
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO booth_request_avoid (request_id, org_id) VALUES ($1, $2)`, r.ID, id); err != nil {
				return err
			}
			r.Avoid = append(r.Avoid, o)
		}
		sortOrgs(r.Avoid)
		return nil
	})
}

func sortOrgs(os []BoothOrg) {
	sort.Slice(os, func(i, j int) bool {
		if os[i].Name != os[j].Name {
			return os[i].Name < os[j].Name
		}
		return os[i].ID < os[j].ID
	})
}

// requestsOpen refuses a change to the edition's requests once the
// allocation is published or the request deadline has passed. It reads
// the exhibition in the caller's transaction, on PostgreSQL under a share
// lock, so a deadline being moved waits for or is seen by the change.
func (db *DB) requestsOpen(ctx context.Context, tx txq, editionID int64) error {
	var st string
	var deadline sql.NullTime
	q := `SELECT status, request_deadline FROM exhibitions WHERE edition_id = $1`
	if db.dialect == postgresDialect {
		q += ` FOR SHARE`
	}
	err := tx.QueryRowContext(ctx, q, editionID).Scan(&st, &deadline)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if st == "published" {
		return model.Errorf(model.Conflict, "booths.err_published")
	}
	if deadline.Valid && !db.clock().Before(deadline.Time) {
		return model.Errorf(model.Conflict, "booths.err_deadline")
	}
	return nil
}

// WithdrawBoothRequest withdraws one of an organization's own requests
// while requests are open: the booths a run drafted for it go back to the
// plan, and later runs do without it. Another organization's request, or
// one already withdrawn, is not found.
func (db *DB) WithdrawBoothRequest(ctx context.Context, editionID, orgID, requestID int64) error {
	return db.tx(ctx, func(tx txq) error {
		if err := db.requestsOpen(ctx, tx, editionID); err != nil {
			return err
		}
		if err := db.execOne(ctx, tx, "booth_request", `UPDATE booth_requests SET status = 'withdrawn', waitlist = 0
			WHERE id = $1 AND edition_id = $2 AND org_id = $3 AND status <> 'withdrawn'`, requestID, editionID, orgID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM booth_assignments WHERE request_id = $1`, requestID)
		return err
	})
}

// BoothRequests lists an edition's requests (orgID > 0: one organization's),
// each with the competitors it named.
func (db *DB) BoothRequests(ctx context.Context, editionID, orgID int64) ([]BoothRequest, error) {
	reqs, err := db.boothRequests(ctx, editionID, orgID)
	if err != nil || len(reqs) == 0 {
		return reqs, err
	}
	type named struct {
		req int64
		org BoothOrg
	}
	avoid, err := queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (named, error) {
		var n named
		err := r.Scan(&n.req, &n.org.ID, &n.org.Name, &n.org.NameZH)
		return n, err
	}, `SELECT v.request_id, o.id, o.name, o.name_zh FROM booth_request_avoid v
		JOIN booth_requests r ON r.id = v.request_id JOIN organizations o ON o.id = v.org_id
		WHERE r.edition_id = $1 AND ($2 = 0 OR r.org_id = $2) AND r.status <> 'withdrawn' ORDER BY o.name, o.id`, editionID, orgID)
	if err != nil {
		return nil, err
	}
	at := make(map[int64]int, len(reqs))
	for i, q := range reqs {
		at[q.ID] = i
	}
	for _, n := range avoid {
		if i, ok := at[n.req]; ok {
			reqs[i].Avoid = append(reqs[i].Avoid, n.org)
		}
	}
	return reqs, nil
}

func (db *DB) boothRequests(ctx context.Context, editionID, orgID int64) ([]BoothRequest, error) {
	return queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (BoothRequest, error) {
		var q BoothRequest
		err := r.Scan(&q.ID, &q.EditionID, &q.OrgID, &q.AreaID, &q.OrgName, &q.OrgKind, &q.AreaName, &q.AreaNameZH, &q.Group, &q.Count, &q.M2, &q.Kind,
			&q.Priority, &q.Entrance, &q.Corner, &q.Status, &q.Waitlist, &q.Outcome, &q.CreatedAt)
		return q, err
	}, `SELECT r.id, r.edition_id, r.org_id, r.area_id, o.name, o.kind, a.name, a.name_zh, r.grp, r.count, r.m2, r.kind, r.priority, r.entrance, r.corner,
		r.status, r.waitlist, r.outcome, r.created_at
		FROM booth_requests r JOIN organizations o ON o.id = r.org_id JOIN areas a ON a.id = r.area_id
		WHERE r.edition_id = $1 AND ($2 = 0 OR r.org_id = $2) AND r.status <> 'withdrawn' ORDER BY r.area_id, r.id`, editionID, orgID)
}

// BoothQuota caps a group's share of an area.
type BoothQuota struct {
	Group   string
	AreaID  int64
	Percent float64
}

// SetBoothQuota sets (Percent > 0) or removes (0) a quota; the quotas of
// an area must not sum over 100%.
func (db *DB) SetBoothQuota(ctx context.Context, editionID int64, q BoothQuota, by int64) error {
	if q.Group == "" || q.Percent < 0 || q.Percent > 100 {
		return model.Errorf(model.Invalid, "err.invalid", "percent", "booths.err_percent")
	}
	return db.tx(ctx, func(tx txq) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM booth_quotas WHERE edition_id = $1 AND grp = $2 AND area_id = $3`, editionID, q.Group, q.AreaID); err != nil {
			return err
		}
		if err := db.audit(ctx, tx, by, "booth.quota", "area", q.AreaID, fmt.Sprintf("%s %g%%", q.Group, q.Percent)); err != nil {
			return err
		}
		if q.Percent == 0 {
			return nil
		}
		var sum float64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(sum(percent), 0) FROM booth_quotas WHERE edition_id = $1 AND area_id = $2`, editionID, q.AreaID).Scan(&sum); err != nil {
			return err
		}
		if sum+q.Percent > 100+1e-9 {
			return model.Errorf(model.Invalid, "booths.err_quota_sum", "percent", "booths.err_quota_sum")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO booth_quotas (edition_id, grp, area_id, percent) VALUES ($1,$2,$3,$4)`, editionID, q.Group, q.AreaID, q.Percent)
		return db.mapErr(err)
	})
}

// BoothQuotas lists an edition's quotas.
func (db *DB) BoothQuotas(ctx context.Context, editionID int64) ([]BoothQuota, error) {
	return queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (BoothQuota, error) {
		var q BoothQuota
		return q, r.Scan(&q.Group, &q.AreaID, &q.Percent)
	}, `SELECT grp, area_id, percent FROM booth_quotas WHERE edition_id = $1 ORDER BY area_id, grp`, editionID)
}

// MaxBoothPriority bounds the priority points an organizer gives a request
// (years exhibited, size, sponsorship, early contract); the engine weighs a
// served unit by booth.PrioBase plus them.
const MaxBoothPriority = 100

// SetBoothPriority sets a request's priority points for the next run, by
// the organizer and before publication; the change is audited.
func (db *DB) SetBoothPriority(ctx context.Context, editionID, requestID int64, priority int, by int64) error {
	if priority < 0 || priority > MaxBoothPriority {
		return model.Errorf(model.Invalid, "err.invalid", "priority", "booths.err_priority")
	}
	return db.tx(ctx, func(tx txq) error {
		var st string
		q := `SELECT status FROM exhibitions WHERE edition_id = $1`
		if db.dialect == postgresDialect {
			q += ` FOR SHARE` // a publication under way is waited for
		}
		if err := tx.QueryRowContext(ctx, q, editionID).Scan(&st); err != nil && err != sql.ErrNoRows {
			return err
		}
		if st == "published" {
			return model.Errorf(model.Conflict, "booths.err_published")
		}
		var old int
		err := tx.QueryRowContext(ctx, `SELECT priority FROM booth_requests WHERE id = $1 AND edition_id = $2 AND status <> 'withdrawn'`,
			requestID, editionID).Scan(&old)
		if err == sql.ErrNoRows {
			return model.Errorf(model.Invalid, "err.invalid", "request_id", "booths.err_no_request")
		}
		if err != nil {
			return err
		}
		if err := db.execOne(ctx, tx, "booth_request", `UPDATE booth_requests SET priority = $2 WHERE id = $1`, requestID, priority); err != nil {
			return err
		}
		return db.audit(ctx, tx, by, "booth.priority", "booth_request", requestID, itoa(old)+"→"+itoa(priority))
	})
}
