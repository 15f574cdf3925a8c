package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
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
	Coach         int      // a field study's boarding gate for this coach alone (1-based); 0: none
	LastSyncAt    *time.Time
	LastDevice    string
	LastQueue     int
}

const gateCols = `id, edition_id, name, roles, days, event_id, last_sync_at, last_device, last_queue, coach`

func scanGate(row interface{ Scan(...any) error }) (Gate, error) {
	var g Gate
	var ev sql.NullInt64
	var last sql.NullTime
	err := row.Scan(&g.ID, &g.EditionID, &g.Name, scanList(&g.Roles), scanList(&g.Days), &ev, &last, &g.LastDevice, &g.LastQueue, &g.Coach)
	if ev.Valid {
		g.EventID = &ev.Int64
	}
	if last.Valid {
		t := last.Time.UTC()
		g.LastSyncAt = &t
	}
	return g, err
}

// CreateGate adds a gate; names are unique per edition. A coach's gate
// belongs to a field study with at least that many coaches.
func (db *DB) CreateGate(ctx context.Context, g *Gate) error {
	if g.Name == "" || len(g.Name) > 100 {
		return model.Errorf(model.Invalid, "err.invalid", "name", "err.required")
	}
	if g.Coach != 0 {
		coaches := 0
		if g.EventID != nil {
			if err := db.r.QueryRowContext(ctx, `SELECT coaches FROM events WHERE id = $1`, *g.EventID).Scan(&coaches); err != nil && err != sql.ErrNoRows {
				return err
			}
		}
		if g.Coach < 0 || g.Coach > coaches {
			return model.Errorf(model.Invalid, "err.invalid", "coach", "err.gate.coach")
		}
	}
	q := `INSERT INTO gates (edition_id, name, roles, days, event_id) VALUES ($1,$2,$3,$4,$5) RETURNING id`
	args := []any{g.EditionID, g.Name, list(g.Roles).String(), list(g.Days).String(), g.EventID}
	if g.Coach != 0 {
		q = `INSERT INTO gates (edition_id, name, roles, days, event_id, coach) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`
		args = append(args, g.Coach)
	}
	id, err := db.insertID(ctx, db.w, q, args...)
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
	Coach      int    `json:"coach,omitempty"` // refused at a coach's gate: the coach to board
}

// RecordScans stores a gate's batch, each scan at most once (its nonce is
// unique). Per scan: refused when the token was refused, the badge is
// unknown or revoked, or the gate's event wants a registration; else
// admitted when the person has not entered that day, "already" when they
// have (at this gate, or at another: then OtherGate). first_entry marks the
// first per person, gate and day; duplicate marks every entry after the
// person's first that day. Concurrent calls share transactions and a big
// batch is stored in bounded ones (scanQueue); the answer comes after the
// whole batch has committed.
func (db *DB) RecordScans(ctx context.Context, gateID int64, device string, queue int, scans []ScanIn) ([]ScanOut, error) {
	return db.scans.record(ctx, gateID, device, queue, scans)
}

// recordChunk stores scans of one gate in tx, deciding each against what
// tx holds, and notes the gate's sync. The badges in the chunk are locked
// (PostgreSQL) in id order so concurrent transactions neither deadlock nor
// both count a first entry.
func (db *DB) recordChunk(ctx context.Context, tx queryer, gateID int64, device string, queue int, scans []ScanIn, out []ScanOut, now time.Time) error {
	var eventID sql.NullInt64
	var coach int
	if err := tx.QueryRowContext(ctx, `SELECT event_id, coach FROM gates WHERE id = $1`, gateID).Scan(&eventID, &coach); err != nil {
		return one(err, "gate")
	}
	b, err := db.prefetchScans(ctx, tx, gateID, scans)
	if err != nil {
		return err
	}
	b.event, b.seats, b.coach = eventID.Int64, -1, coach
	for i, s := range scans {
		o, err := db.recordScan(ctx, tx, gateID, eventID, device, s, now, b)
		if err != nil {
			return err
		}
		out[i] = o
	}
	_, err = tx.ExecContext(ctx, `UPDATE gates SET last_sync_at = $2, last_device = $3, last_queue = $4 WHERE id = $1`, gateID, now, device, queue)
	return db.mapErr(err)
}

// scanBatch is what a batch's scans need to know, read once: the badges
// (owner, revoked) and the people's first entries on the batch's days,
// kept current as the batch is stored.
type scanBatch struct {
	badges  map[int64]badgeState
	entries map[string][]gateEntry // person|day → first entries, in order
	gates   map[int64]string       // gate names
	event   int64                  // the gate's event (a door), 0 for the venue
	seats   int                    // the door's seats for walk-ins; -1 until read
	coach   int                    // a coach's gate: its coach (1-based); 0: none
	coachOf map[int64]int          // a coach's gate: the registered and their coach (0: no seat); nil until read
}

type badgeState struct {
	owner   int64
	revoked bool
}

type gateEntry struct {
	gate  int64
	name  string
	event int64 // the gate's event, 0 for a venue gate
}

func entryKey(user int64, day string) string { return strconv.FormatInt(user, 10) + "|" + day }

// prefetchScans reads, in three statements, what the batch's scans are
// checked against. On PostgreSQL the badges are locked in id order, so
// concurrent batches of one person neither deadlock nor both count a first
// entry (SQLite's one writer serializes them anyway).
func (db *DB) prefetchScans(ctx context.Context, tx queryer, gateID int64, scans []ScanIn) (*scanBatch, error) {
	b := &scanBatch{badges: map[int64]badgeState{}, entries: map[string][]gateEntry{}, gates: map[int64]string{}}
	var ids, users []int64
	seenU := map[int64]bool{}
	minDay, maxDay := "", ""
	for _, s := range scans {
		if s.BadgeID == 0 {
			continue
		}
		if _, ok := b.badges[s.BadgeID]; !ok {
			b.badges[s.BadgeID] = badgeState{}
			ids = append(ids, s.BadgeID)
		}
		if !seenU[s.UserID] {
			seenU[s.UserID] = true
			users = append(users, s.UserID)
		}
		if minDay == "" || s.Day < minDay {
			minDay = s.Day
		}
		if s.Day > maxDay {
			maxDay = s.Day
		}
	}
	if len(ids) == 0 {
		return b, nil
	}
	slices.Sort(ids)
	cond, arg := db.inIDs("id", 1, ids)
	q := `SELECT id, user_id, revoked_at IS NOT NULL FROM badges WHERE ` + cond + ` ORDER BY id`
	if db.dialect == postgresDialect {
		q += ` FOR UPDATE`
	}
	rows, err := tx.QueryContext(ctx, q, arg)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var st badgeState
		if err := rows.Scan(&id, &st.owner, &st.revoked); err != nil {
			rows.Close()
			return nil, err
		}
		b.badges[id] = st
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	cond, arg = db.inIDs("c.user_id", 1, users)
	rows, err = tx.QueryContext(ctx, `SELECT c.user_id, c.day, c.gate_id, g.name, COALESCE(g.event_id, 0) FROM checkins c JOIN gates g ON g.id = c.gate_id
		WHERE `+cond+` AND c.day >= $2 AND c.day <= $3 AND c.first_entry ORDER BY c.id`, arg, minDay, maxDay)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var u int64
		var day string
		var e gateEntry
		if err := rows.Scan(&u, &day, &e.gate, &e.name, &e.event); err != nil {
			return nil, err
		}
		k := entryKey(u, day)
		b.entries[k] = append(b.entries[k], e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM gates WHERE id = $1`, gateID).Scan(&name); err != nil {
		return nil, one(err, "gate")
	}
	b.gates[gateID] = name
	return b, nil
}

func (db *DB) storedScan(ctx context.Context, tx queryer, s ScanIn) (ScanOut, bool, error) {
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

// recordScan decides one scan from the batch's knowledge and inserts it
// unless its nonce is already stored (then it answers the stored scan, or
// refuses a nonce reused with other content).
func (db *DB) recordScan(ctx context.Context, tx queryer, gateID int64, eventID sql.NullInt64, device string, s ScanIn, now time.Time, b *scanBatch) (ScanOut, error) {
	o := ScanOut{Nonce: s.Nonce, Sync: SyncCreated, Result: ScanRefused, Reason: s.Refused}
	var badgeID, userID any
	if s.BadgeID != 0 {
		badgeID, userID = s.BadgeID, s.UserID
	}
	if o.Reason == "" {
		st := b.badges[s.BadgeID]
		switch {
		case st.owner == 0 || st.owner != s.UserID:
			o.Reason = "unknown"
		case st.revoked:
			o.Reason = "revoked"
		}
	}
	walkIn := false
	if o.Reason == "" && eventID.Valid && b.coach > 0 {
		// A coach's gate boards its own passengers: the boarding list's.
		if b.coachOf == nil {
			var err error
			if b.coachOf, err = db.coachPlan(ctx, tx, b.event); err != nil {
				return o, err
			}
		}
		c, ok := b.coachOf[s.UserID]
		switch {
		case !ok:
			o.Reason = "not_registered"
		case c == 0:
			o.Reason = "no_seat"
		case c != b.coach:
			o.Reason, o.Coach = "board_coach", c
		}
	} else if o.Reason == "" && eventID.Valid {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM event_registrations WHERE event_id = $1 AND user_id = $2 AND status = 'registered'`,
			eventID.Int64, s.UserID).Scan(&n); err != nil {
			return o, err
		}
		if n == 0 && !b.entered(s.UserID, s.Day) {
			// Not registered and not yet in: a walk-in while seats remain.
			if err := db.doorSeats(ctx, tx, b); err != nil {
				return o, err
			}
			switch {
			case b.seats == -2:
				o.Reason = "not_registered" // an invitation-only event takes no walk-ins
			case b.seats == 0:
				o.Reason = "full"
			default:
				walkIn = true
			}
		}
	}
	key := ""
	if o.Reason == "" {
		key = entryKey(s.UserID, s.Day)
		same, other := false, ""
		for _, e := range b.entries[key] {
			if e.event != b.event { // venue gates and event doors keep their own entries
				continue
			}
			if e.gate == gateID {
				same = true
			} else if other == "" {
				other = e.name
			}
		}
		o.FirstEntry = !same
		o.Duplicate = same || other != ""
		o.Result = ScanAdmitted
		if o.Duplicate {
			o.Result = ScanAlready
			o.Reason = "same_gate"
			if !same {
				o.Reason, o.OtherGate = "other_gate", other
			}
		} else if walkIn {
			o.Reason = "walk_in"
		}
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO checkins (gate_id, device, nonce, content_hash, badge_id, user_id, day, scanned_at, received_at,
		result, reason, device_result, offline, first_entry, duplicate) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
		ON CONFLICT (nonce) DO NOTHING RETURNING id`,
		gateID, device, s.Nonce, s.Hash, badgeID, userID, s.Day, s.ScannedAt.UTC(), now, o.Result, o.Reason, s.DeviceResult, s.Offline, o.FirstEntry, o.Duplicate).Scan(&id)
	if err == sql.ErrNoRows { // this nonce was stored before (a replay, or a reuse)
		so, _, err := db.storedScan(ctx, tx, s)
		return so, err
	}
	if err != nil {
		return o, db.mapErr(err)
	}
	if o.FirstEntry {
		b.entries[key] = append(b.entries[key], gateEntry{gate: gateID, name: b.gates[gateID], event: b.event})
		if walkIn {
			b.seats--
		}
	}
	return o, nil
}

// entered tells whether the person already has a first entry on day at
// this batch's kind of gate (the same event's doors, or the venue's gates).
func (b *scanBatch) entered(user int64, day string) bool {
	for _, e := range b.entries[entryKey(user, day)] {
		if e.event == b.event {
			return true
		}
	}
	return false
}

// doorSeats reads, once a batch, the seats an event's door may still give
// walk-ins: its capacity less the registered (or holding an offer) and
// the walk-ins already admitted; -2 when the event is by invitation. On
// PostgreSQL the event's row is locked, so two doors of one event never
// give the last seat twice (SQLite's one writer serializes them).
func (db *DB) doorSeats(ctx context.Context, tx queryer, b *scanBatch) error {
	if b.seats != -1 {
		return nil
	}
	q := `SELECT capacity, audience FROM events WHERE id = $1`
	if db.dialect == postgresDialect {
		q += ` FOR UPDATE`
	}
	var capacity int
	var audience string
	if err := tx.QueryRowContext(ctx, q, b.event).Scan(&capacity, &audience); err != nil {
		return one(err, "event")
	}
	if audience == "invitation" {
		b.seats = -2
		return nil
	}
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM event_registrations WHERE event_id = $1 AND status IN ('registered','offered')) +
		(SELECT count(*) FROM checkins c JOIN gates g ON g.id = c.gate_id WHERE g.event_id = $1 AND c.first_entry AND c.reason = 'walk_in')`,
		b.event).Scan(&taken); err != nil {
		return err
	}
	b.seats = max(0, capacity-taken)
	return nil
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
		err := row.Scan(&s.ID, &s.EditionID, &s.Name, scanList(&s.Roles), scanList(&s.Days), &ev, &last, &s.LastDevice, &s.LastQueue, &s.Coach,
			&s.Scans, &s.LastMinute, &s.FirstEntries, &s.Duplicates, &s.Refused)
		if ev.Valid {
			s.EventID = &ev.Int64
		}
		if last.Valid {
			t := last.Time.UTC()
			s.LastSyncAt = &t
		}
		return s, err
	}, `SELECT g.id, g.edition_id, g.name, g.roles, g.days, g.event_id, g.last_sync_at, g.last_device, g.last_queue, g.coach,
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
