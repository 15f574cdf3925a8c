package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/convene/convene/internal/model"
)

// Gate is a door where gate staff scan badges.
type Gate struct {
	ID, EditionID int64
	Name          string
	Roles         []string // badge roles admitted; empty: all
	Days          []string // "2006-01-02" in the edition's zone; empty: all
	EventID       *int64   // only those registered for this event
	LastSyncAt    *time.Time
	LastDevice    string
	LastQueue     int
}

const gateCols = `id, edition_id, name, roles, days, event_id, last_sync_at, last_device, last_queue`

func scanGate(row interface{ Scan(...any) error }) (Gate, error) {
	var g Gate
	var ev sql.NullInt64
	var last sql.NullTime
	err := row.Scan(&g.ID, &g.EditionID, &g.Name, scanList(&g.Roles), scanList(&g.Days), &ev, &last, &g.LastDevice, &g.LastQueue)
	if ev.Valid {
		g.EventID = &ev.Int64
	}
	if last.Valid {
		t := last.Time.UTC()
		g.LastSyncAt = &t
	}
	return g, err
}

// CreateGate adds a gate; names are unique per edition.
func (db *DB) CreateGate(ctx context.Context, g *Gate) error {
	if g.Name == "" || len(g.Name) > 100 {
		return model.Errorf(model.Invalid, "err.invalid", "name", "err.required")
	}
	id, err := db.insertID(ctx, db.w, `INSERT INTO gates (edition_id, name, roles, days, event_id) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
		g.EditionID, g.Name, list(g.Roles).String(), list(g.Days).String(), g.EventID)
	g.ID = id
	return err
}

// Gates lists an edition's gates by name.
func (db *DB) Gates(ctx context.Context, editionID int64) ([]Gate, error) {
	return queryAll(ctx, db.r, scanGate, `SELECT `+gateCols+` FROM gates WHERE edition_id = $1 ORDER BY name, id`, editionID)
}

// GateByID is one gate.
func (db *DB) GateByID(ctx context.Context, id int64) (Gate, error) {
	g, err := scanGate(db.r.QueryRowContext(ctx, `SELECT `+gateCols+` FROM gates WHERE id = $1`, id))
	return g, one(err, "gate")
}

// Scan results.
const (
	ScanAdmitted = "admitted"
	ScanAlready  = "already"
	ScanRefused  = "refused"
)

// Sync statuses of one scan in a batch.
const (
	SyncCreated  = "created"  // stored now
	SyncReplayed = "replayed" // this nonce with this content was stored before: nothing new
	SyncConflict = "conflict" // this nonce was stored with other content: refused
)

// ScanIn is one scan as the check-in service hands it over, its token
// already verified (or refused, with Refused naming why).
type ScanIn struct {
	Nonce        string
	Hash         string // of the scan's content (gate, token, time): tells a replay from a reused nonce
	BadgeID      int64  // 0 when the token did not verify
	UserID       int64
	Refused      string // "" or why: malformed, signature, key, expired, not_yet, edition, role, day
	ScannedAt    time.Time
	Day          string // ScannedAt's date in the edition's zone
	DeviceResult string // what the gate showed
	Offline      bool   // queued on the device while offline
}

// ScanOut is the server's word on one scan.
type ScanOut struct {
	Nonce      string `json:"nonce"`
	Sync       string `json:"sync"`
	Result     string `json:"result"`
	Reason     string `json:"reason"`
	FirstEntry bool   `json:"first_entry"`
	Duplicate  bool   `json:"duplicate"`
	OtherGate  string `json:"other_gate,omitempty"`
}

// RecordScans stores a gate's batch in one transaction, each scan at most
// once (its nonce is unique). Per scan: refused when the token was refused,
// the badge is unknown or revoked, or the gate's event wants a
// registration; else admitted when the person has not entered that day,
// "already" when they have (at this gate, or at another: then OtherGate).
// first_entry marks the first per person, gate and day; duplicate marks
// every entry after the person's first that day. The badges in the batch are
// locked (PostgreSQL) in id order so concurrent batches neither deadlock nor
// both count a first entry.
func (db *DB) RecordScans(ctx context.Context, gateID int64, device string, queue int, scans []ScanIn) ([]ScanOut, error) {
	now := db.clock()
	out := make([]ScanOut, len(scans))
	err := db.tx(ctx, func(tx txq) error {
		var eventID sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT event_id FROM gates WHERE id = $1`, gateID).Scan(&eventID); err != nil {
			return one(err, "gate")
		}
		if db.dialect == postgresDialect {
			var ids []int64
			for _, s := range scans {
				if s.BadgeID != 0 {
					ids = append(ids, s.BadgeID)
				}
			}
			if len(ids) > 0 {
				rows, err := tx.QueryContext(ctx, `SELECT id FROM badges WHERE id = ANY($1) ORDER BY id FOR UPDATE`, ids)
				if err != nil {
					return err
				}
				rows.Close()
			}
		}
		for i, s := range scans {
			o, err := db.recordScan(ctx, tx, gateID, eventID, device, s, now)
			if err != nil {
				return err
			}
			out[i] = o
		}
		_, err := tx.ExecContext(ctx, `UPDATE gates SET last_sync_at = $2, last_device = $3, last_queue = $4 WHERE id = $1`, gateID, now, device, queue)
		return db.mapErr(err)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (db *DB) storedScan(ctx context.Context, tx txq, s ScanIn) (ScanOut, bool, error) {
	var hash string
	o := ScanOut{Nonce: s.Nonce}
	err := tx.QueryRowContext(ctx, `SELECT content_hash, result, reason, first_entry, duplicate FROM checkins WHERE nonce = $1`, s.Nonce).
		Scan(&hash, &o.Result, &o.Reason, &o.FirstEntry, &o.Duplicate)
	if err == sql.ErrNoRows {
		return o, false, nil
	}
	if err != nil {
		return o, false, err
	}
	o.Sync = SyncReplayed
	if hash != s.Hash {
		o = ScanOut{Nonce: s.Nonce, Sync: SyncConflict, Result: ScanRefused, Reason: "nonce"}
	}
	return o, true, nil
}

func (db *DB) recordScan(ctx context.Context, tx txq, gateID int64, eventID sql.NullInt64, device string, s ScanIn, now time.Time) (ScanOut, error) {
	if o, found, err := db.storedScan(ctx, tx, s); err != nil || found {
		return o, err
	}
	o := ScanOut{Nonce: s.Nonce, Sync: SyncCreated, Result: ScanRefused, Reason: s.Refused}
	var badgeID, userID any
	if s.BadgeID != 0 {
		badgeID, userID = s.BadgeID, s.UserID
	}
	if o.Reason == "" {
		var owner int64
		var revoked sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT user_id, revoked_at FROM badges WHERE id = $1`, s.BadgeID).Scan(&owner, &revoked)
		switch {
		case err == sql.ErrNoRows || (err == nil && owner != s.UserID):
			o.Reason = "unknown"
		case err != nil:
			return o, err
		case revoked.Valid:
			o.Reason = "revoked"
		}
	}
	if o.Reason == "" && eventID.Valid {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM event_registrations WHERE event_id = $1 AND user_id = $2 AND status = 'registered'`,
			eventID.Int64, s.UserID).Scan(&n); err != nil {
			return o, err
		}
		if n == 0 {
			o.Reason = "not_registered"
		}
	}
	if o.Reason == "" {
		rows, err := tx.QueryContext(ctx, `SELECT c.gate_id, g.name FROM checkins c JOIN gates g ON g.id = c.gate_id
			WHERE c.user_id = $1 AND c.day = $2 AND c.first_entry ORDER BY c.id`, s.UserID, s.Day)
		if err != nil {
			return o, err
		}
		same, other := false, ""
		for rows.Next() {
			var gid int64
			var name string
			if err := rows.Scan(&gid, &name); err != nil {
				rows.Close()
				return o, err
			}
			if gid == gateID {
				same = true
			} else if other == "" {
				other = name
			}
		}
		rows.Close()
		o.FirstEntry = !same
		o.Duplicate = same || other != ""
		o.Result = ScanAdmitted
		if o.Duplicate {
			o.Result = ScanAlready
			o.Reason = "same_gate"
			if !same {
				o.Reason, o.OtherGate = "other_gate", other
			}
		}
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO checkins (gate_id, device, nonce, content_hash, badge_id, user_id, day, scanned_at, received_at,
		result, reason, device_result, offline, first_entry, duplicate) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
		ON CONFLICT (nonce) DO NOTHING RETURNING id`,
		gateID, device, s.Nonce, s.Hash, badgeID, userID, s.Day, s.ScannedAt.UTC(), now, o.Result, o.Reason, s.DeviceResult, s.Offline, o.FirstEntry, o.Duplicate).Scan(&id)
	if err == sql.ErrNoRows { // the same nonce, committed meanwhile by another batch
		so, _, err := db.storedScan(ctx, tx, s)
		return so, err
	}
	return o, db.mapErr(err)
}

// GateStat is one gate as the organizer's view shows it.
type GateStat struct {
	Gate
	Scans, LastMinute, FirstEntries, Duplicates, Refused int
}

// GateStats sums every gate of the edition: scans in all and in the last
// minute (by arrival), first entries, duplicates, refusals.
func (db *DB) GateStats(ctx context.Context, editionID int64) ([]GateStat, error) {
	since := db.clock().Add(-time.Minute)
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (GateStat, error) {
		var s GateStat
		var ev sql.NullInt64
		var last sql.NullTime
		err := row.Scan(&s.ID, &s.EditionID, &s.Name, scanList(&s.Roles), scanList(&s.Days), &ev, &last, &s.LastDevice, &s.LastQueue,
			&s.Scans, &s.LastMinute, &s.FirstEntries, &s.Duplicates, &s.Refused)
		if ev.Valid {
			s.EventID = &ev.Int64
		}
		if last.Valid {
			t := last.Time.UTC()
			s.LastSyncAt = &t
		}
		return s, err
	}, `SELECT g.id, g.edition_id, g.name, g.roles, g.days, g.event_id, g.last_sync_at, g.last_device, g.last_queue,
		(SELECT count(*) FROM checkins c WHERE c.gate_id = g.id),
		(SELECT count(*) FROM checkins c WHERE c.gate_id = g.id AND c.received_at > $2),
		(SELECT count(*) FROM checkins c WHERE c.gate_id = g.id AND c.first_entry),
		(SELECT count(*) FROM checkins c WHERE c.gate_id = g.id AND c.duplicate),
		(SELECT count(*) FROM checkins c WHERE c.gate_id = g.id AND c.result = 'refused')
		FROM gates g WHERE g.edition_id = $1 ORDER BY g.name, g.id`, editionID, since)
}

// Checkin is one stored scan, for the organizer's list of duplicates.
type Checkin struct {
	ID         int64
	GateName   string
	Name       string
	ScannedAt  time.Time
	Result     string
	Reason     string
	Offline    bool
	FirstEntry bool
	Duplicate  bool
}

// RecentCheckins lists an edition's latest scans (duplicates only when dupOnly).
func (db *DB) RecentCheckins(ctx context.Context, editionID int64, dupOnly bool, limit int) ([]Checkin, error) {
	cond := ""
	if dupOnly {
		cond = " AND c.duplicate"
	}
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (Checkin, error) {
		var c Checkin
		err := row.Scan(&c.ID, &c.GateName, &c.Name, &c.ScannedAt, &c.Result, &c.Reason, &c.Offline, &c.FirstEntry, &c.Duplicate)
		c.ScannedAt = c.ScannedAt.UTC()
		return c, err
	}, `SELECT c.id, g.name, COALESCE(u.name, ''), c.scanned_at, c.result, c.reason, c.offline, c.first_entry, c.duplicate
		FROM checkins c JOIN gates g ON g.id = c.gate_id LEFT JOIN users u ON u.id = c.user_id
		WHERE g.edition_id = $1`+cond+` ORDER BY c.id DESC LIMIT $2`, editionID, limit)
}
