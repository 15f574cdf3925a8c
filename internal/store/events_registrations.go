package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/convene/convene/internal/model"
)

// Registration statuses. Registered and offered rows hold a seat; the
// waitlist is the waitlisted rows in id (arrival) order; an offered seat
// not taken before its hold ends becomes expired and passes on.
const (
	RegRegistered = "registered"
	RegWaitlisted = "waitlisted"
	RegOffered    = "offered"
	RegCancelled  = "cancelled"
	RegExpired    = "expired"
)

// Registration is one person's place for an event.
type Registration struct {
	ID, EventID, UserID int64
	Status              string
	HoldUntil           *time.Time
	Position            int // on the waitlist, from 1; 0 otherwise
	CreatedAt           time.Time
	Name, Email         string // for the organizer's list
}

// lockEvent serializes seat changes of one event: a row lock on
// PostgreSQL; SQLite's one writer already does. It returns capacity and hold.
func (db *DB) lockEvent(ctx context.Context, tx txq, eventID int64) (capacity, hold int, err error) {
	q := `SELECT capacity, hold_seconds FROM events WHERE id = $1`
	if db.dialect == postgresDialect {
		q += ` FOR UPDATE`
	}
	err = tx.QueryRowContext(ctx, q, eventID).Scan(&capacity, &hold)
	return capacity, hold, one(err, "event")
}

// settleSeats, under the event's lock, expires holds past their time and
// offers every free seat to the next in line. It reports how many offers it
// made.
func (db *DB) settleSeats(ctx context.Context, tx txq, eventID int64, now time.Time) (int, error) {
	capacity, hold, err := db.lockEvent(ctx, tx, eventID)
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE event_registrations SET status = 'expired', updated_at = $2
		WHERE event_id = $1 AND status = 'offered' AND hold_until <= $2`, eventID, now); err != nil {
		return 0, db.mapErr(err)
	}
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM event_registrations WHERE event_id = $1 AND status IN ('registered','offered')`, eventID).Scan(&taken); err != nil {
		return 0, err
	}
	free := capacity - taken
	if free <= 0 {
		return 0, nil
	}
	res, err := tx.ExecContext(ctx, `UPDATE event_registrations SET status = 'offered', hold_until = $3, updated_at = $4
		WHERE id IN (SELECT id FROM event_registrations WHERE event_id = $1 AND status = 'waitlisted' ORDER BY id LIMIT $2)`,
		eventID, free, now.Add(time.Duration(hold)*time.Second), now)
	if err != nil {
		return 0, db.mapErr(err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// RegisterForEvent gives userID a seat when one is free (no one waiting ahead),
// else a place on the waitlist. A second live registration is a conflict.
func (db *DB) RegisterForEvent(ctx context.Context, eventID, userID int64) (Registration, error) {
	now := db.clock()
	var reg Registration
	err := db.tx(ctx, func(tx txq) error {
		if _, err := db.settleSeats(ctx, tx, eventID, now); err != nil {
			return err
		}
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM event_registrations WHERE event_id = $1 AND user_id = $2 AND status IN ('registered','waitlisted','offered')`,
			eventID, userID).Scan(&exists); err != nil {
			return err
		}
		if exists > 0 {
			return model.Errorf(model.Conflict, "err.events.already")
		}
		var capacity, taken, waiting int
		if err := tx.QueryRowContext(ctx, `SELECT e.capacity,
			(SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status IN ('registered','offered')),
			(SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted')
			FROM events e WHERE e.id = $1`, eventID).Scan(&capacity, &taken, &waiting); err != nil {
			return one(err, "event")
		}
		status := RegRegistered
		if taken >= capacity || waiting > 0 {
			status = RegWaitlisted
		}
		id, err := db.insertID(ctx, tx, `INSERT INTO event_registrations (event_id, user_id, status, created_at, updated_at) VALUES ($1,$2,$3,$4,$4) RETURNING id`,
			eventID, userID, status, now)
		if err != nil {
			return err
		}
		reg = Registration{ID: id, EventID: eventID, UserID: userID, Status: status, CreatedAt: now}
		if status == RegWaitlisted {
			reg.Position = waiting + 1
		}
		return nil
	})
	return reg, err
}

// CancelRegistration ends userID's live registration (a seat, an offer or a
// place in line); a freed seat is offered to the next in line.
func (db *DB) CancelRegistration(ctx context.Context, eventID, userID int64) error {
	now := db.clock()
	return db.tx(ctx, func(tx txq) error {
		if _, _, err := db.lockEvent(ctx, tx, eventID); err != nil {
			return err
		}
		if err := db.execOne(ctx, tx, "registration", `UPDATE event_registrations SET status = 'cancelled', hold_until = NULL, updated_at = $3
			WHERE event_id = $1 AND user_id = $2 AND status IN ('registered','waitlisted','offered')`, eventID, userID, now); err != nil {
			return err
		}
		_, err := db.settleSeats(ctx, tx, eventID, now)
		return err
	})
}

// AcceptOffer takes an offered seat while its hold lasts.
func (db *DB) AcceptOffer(ctx context.Context, eventID, userID int64) error {
	now := db.clock()
	// Holds that ended pass on first, committed even when this offer is one of them.
	if err := db.tx(ctx, func(tx txq) error { _, err := db.settleSeats(ctx, tx, eventID, now); return err }); err != nil {
		return err
	}
	return db.tx(ctx, func(tx txq) error {
		if _, err := db.settleSeats(ctx, tx, eventID, now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE event_registrations SET status = 'registered', hold_until = NULL, updated_at = $3
			WHERE event_id = $1 AND user_id = $2 AND status = 'offered' AND hold_until > $3`, eventID, userID, now)
		if err != nil {
			return db.mapErr(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return model.Errorf(model.Conflict, "err.events.no_offer")
		}
		return nil
	})
}

// SettleHolds passes on the seats of holds that ended for one event, or
// for every event when eventID is 0 (the sweeper). It writes only when a
// hold ended or a seat is free with people waiting.
func (db *DB) SettleHolds(ctx context.Context, eventID int64) (int, error) {
	now := db.clock()
	q := `SELECT DISTINCT e.id FROM events e JOIN event_registrations r ON r.event_id = e.id
		WHERE ((r.status = 'offered' AND r.hold_until <= $1) OR (r.status = 'waitlisted' AND
		e.capacity > (SELECT count(*) FROM event_registrations x WHERE x.event_id = e.id AND x.status IN ('registered','offered'))))`
	args := []any{now}
	if eventID != 0 {
		q += ` AND e.id = $2`
		args = append(args, eventID)
	}
	ids, err := queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (int64, error) {
		var id int64
		return id, row.Scan(&id)
	}, q, args...)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, id := range ids {
		err := db.tx(ctx, func(tx txq) error {
			n, err := db.settleSeats(ctx, tx, id, now)
			total += n
			return err
		})
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

func scanRegistration(row interface{ Scan(...any) error }) (Registration, error) {
	var r Registration
	var hold sql.NullTime
	err := row.Scan(&r.ID, &r.EventID, &r.UserID, &r.Status, &hold, &r.CreatedAt, &r.Position, &r.Name, &r.Email)
	if hold.Valid {
		t := hold.Time.UTC()
		r.HoldUntil = &t
	}
	r.CreatedAt = r.CreatedAt.UTC()
	return r, err
}

const registrationCols = `r.id, r.event_id, r.user_id, r.status, r.hold_until, r.created_at,
	CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*) FROM event_registrations w WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.id <= r.id) ELSE 0 END,
	u.name, u.email`

// RegistrationOf is userID's latest registration for an event (live or
// not), or a not-found error.
func (db *DB) RegistrationOf(ctx context.Context, eventID, userID int64) (Registration, error) {
	r, err := scanRegistration(db.r.QueryRowContext(ctx, `SELECT `+registrationCols+` FROM event_registrations r JOIN users u ON u.id = r.user_id
		WHERE r.event_id = $1 AND r.user_id = $2 ORDER BY r.id DESC LIMIT 1`, eventID, userID))
	if errors.Is(err, sql.ErrNoRows) {
		return r, notFound("registration")
	}
	return r, err
}

// Registrations lists an event's live registrations: seats and offers
// first, then the waitlist in order.
func (db *DB) Registrations(ctx context.Context, eventID int64) ([]Registration, error) {
	return queryAll(ctx, db.r, scanRegistration, `SELECT `+registrationCols+` FROM event_registrations r JOIN users u ON u.id = r.user_id
		WHERE r.event_id = $1 AND r.status IN ('registered','offered','waitlisted')
		ORDER BY CASE r.status WHEN 'waitlisted' THEN 1 ELSE 0 END, r.id`, eventID)
}

// MyRegistrations is a person's live registrations, by event id.
func (db *DB) MyRegistrations(ctx context.Context, userID int64) (map[int64]Registration, error) {
	l, err := queryAll(ctx, db.r, scanRegistration, `SELECT `+registrationCols+` FROM event_registrations r JOIN users u ON u.id = r.user_id
		WHERE r.user_id = $1 AND r.status IN ('registered','offered','waitlisted') ORDER BY r.id`, userID)
	m := make(map[int64]Registration, len(l))
	for _, r := range l {
		m[r.EventID] = r
	}
	return m, err
}

// SeatsTaken counts an event's seats held now: registrations, and offers
// whose hold has not ended (an ended hold's seat is free to pass on).
func (db *DB) SeatsTaken(ctx context.Context, eventID int64) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM event_registrations WHERE event_id = $1
		AND (status = 'registered' OR (status = 'offered' AND hold_until > $2))`, eventID, db.clock()).Scan(&n)
	return n, err
}

// Boarder is a registered person as a field study's boarding list shows
// them: name, and the organization they ride with (0 for none).
type Boarder struct {
	UserID             int64
	Name               string
	OrgID              int64
	OrgName, OrgNameZH string
}

// Boarders are an event's registered people in the order they registered.
func (db *DB) Boarders(ctx context.Context, eventID int64) ([]Boarder, error) {
	return boarders(ctx, db.r, eventID)
}

func boarders(ctx context.Context, q queryer, eventID int64) ([]Boarder, error) {
	return queryAll(ctx, q, func(row interface{ Scan(...any) error }) (Boarder, error) {
		var b Boarder
		return b, row.Scan(&b.UserID, &b.Name, &b.OrgID, &b.OrgName, &b.OrgNameZH)
	}, `SELECT u.id, u.name, COALESCE(o.id, 0), COALESCE(o.name, ''), COALESCE(o.name_zh, '')
		FROM event_registrations r JOIN users u ON u.id = r.user_id LEFT JOIN organizations o ON o.id = u.org_id
		WHERE r.event_id = $1 AND r.status = 'registered' ORDER BY r.id`, eventID)
}
