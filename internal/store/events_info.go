package store

import (
	"context"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
)

// EventAudiences are who may register for an event.
var EventAudiences = []string{"all", "talents", "enterprises", "invitation"}

// EventInfo is an event with what 0009 added (abstracts, audience, the hold
// time) and its seat counts.
type EventInfo struct {
	model.Event
	Abstract, AbstractZH string
	Audience             string
	HoldSeconds          int
	Registered           int // registered or holding an offered seat
	Waitlisted           int
	Attended             int // registered people admitted at one of its doors (FillAttendance)
	WalkIns              int // people admitted at its doors without a registration (FillAttendance)
	Coaches, CoachSeats  int // a field study's coaches and the seats in each; 0: none
}

// NoShows are the registered who never came through its doors, once the
// event has ended (-1 before: not yet known).
func (e EventInfo) NoShows(now time.Time) int {
	if now.Before(e.EndsAt) {
		return -1
	}
	return max(0, e.Registered-e.Attended)
}

// Free is how many seats are left.
func (e EventInfo) Free() int { return max(0, e.Capacity-e.Registered) }

// ValidateEvent checks an event as organizers enter it.
func ValidateEvent(e EventInfo) error {
	p := model.Problems{}
	if !e.Kind.Valid() {
		p.Add("kind", "err.invalid")
	}
	if strings.TrimSpace(e.Title) == "" && strings.TrimSpace(e.TitleZH) == "" {
		p.Add("title", "err.required")
	}
	if len(e.Title) > 300 || len(e.TitleZH) > 300 || len(e.Abstract) > 5000 || len(e.AbstractZH) > 5000 || len(e.Room) > 300 {
		p.Add("title", "err.too_long")
	}
	if e.Capacity < 0 || e.Capacity > 1_000_000 {
		p.Add("capacity", "err.invalid")
	}
	switch {
	case e.Coaches < 0 || e.Coaches > 1000 || e.CoachSeats < 0 || e.CoachSeats > 1000:
		p.Add("coaches", "err.invalid")
	case (e.Coaches > 0 || e.CoachSeats > 0) && e.Kind != model.EventFieldStudy:
		p.Add("coaches", "err.events.coaches_field_study")
	case (e.Coaches > 0) != (e.CoachSeats > 0):
		p.Add("coach_seats", "err.events.coach_seats")
	case e.Coaches > 0 && e.Coaches*e.CoachSeats < e.Capacity:
		p.Add("coach_seats", "err.events.coach_room")
	}
	if !e.EndsAt.After(e.StartsAt) {
		p.Add("ends_at", "err.events.inverted")
	}
	ok := false
	for _, a := range EventAudiences {
		ok = ok || a == e.Audience
	}
	if !ok {
		p.Add("audience", "err.invalid")
	}
	if e.HoldSeconds < 1 || e.HoldSeconds > 30*24*3600 {
		p.Add("hold_minutes", "err.invalid")
	}
	return p.Err()
}

const eventInfoCols = `e.id, e.edition_id, e.kind, e.title, e.title_zh, e.topics, e.speakers, e.room, e.starts_at, e.ends_at, e.capacity,
	e.abstract, e.abstract_zh, e.audience, e.hold_seconds, e.coaches, e.coach_seats,
	(SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status IN ('registered','offered')),
	(SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted')`

func scanEventInfo(row interface{ Scan(...any) error }) (EventInfo, error) {
	var e EventInfo
	err := row.Scan(&e.ID, &e.EditionID, &e.Kind, &e.Title, &e.TitleZH, scanList(&e.Topics), scanList(&e.Speakers), &e.Room, &e.StartsAt, &e.EndsAt, &e.Capacity,
		&e.Abstract, &e.AbstractZH, &e.Audience, &e.HoldSeconds, &e.Coaches, &e.CoachSeats, &e.Registered, &e.Waitlisted)
	e.StartsAt, e.EndsAt = e.StartsAt.UTC(), e.EndsAt.UTC()
	return e, err
}

// EventInfos lists an edition's events with their seat counts, in time order.
func (db *DB) EventInfos(ctx context.Context, editionID int64) ([]EventInfo, error) {
	return queryAll(ctx, db.r, scanEventInfo, `SELECT `+eventInfoCols+` FROM events e WHERE e.edition_id = $1 ORDER BY e.starts_at, e.room, e.id`, editionID)
}

// EventInfo is one event with its seat counts.
func (db *DB) EventInfo(ctx context.Context, id int64) (EventInfo, error) {
	e, err := scanEventInfo(db.r.QueryRowContext(ctx, `SELECT `+eventInfoCols+` FROM events e WHERE e.id = $1`, id))
	return e, one(err, "event")
}

// SaveEvent creates (ID 0) or updates an event with its 0009 fields.
func (db *DB) SaveEvent(ctx context.Context, e *EventInfo) error {
	if err := ValidateEvent(*e); err != nil {
		return err
	}
	if e.ID == 0 {
		return db.insertEvent(ctx, db.w, e)
	}
	// A larger capacity offers the new seats to the waitlist at once.
	return db.tx(ctx, func(tx txq) error {
		if err := db.execOne(ctx, tx, "event", `UPDATE events SET kind=$2, title=$3, title_zh=$4, topics=$5, speakers=$6, room=$7, starts_at=$8, ends_at=$9,
			capacity=$10, abstract=$11, abstract_zh=$12, audience=$13, hold_seconds=$14, coaches=$15, coach_seats=$16 WHERE id=$1`,
			e.ID, e.Kind, e.Title, e.TitleZH, list(e.Topics).String(), list(e.Speakers).String(), e.Room, e.StartsAt.UTC(), e.EndsAt.UTC(), e.Capacity,
			e.Abstract, e.AbstractZH, e.Audience, e.HoldSeconds, e.Coaches, e.CoachSeats); err != nil {
			return err
		}
		_, err := db.settleSeats(ctx, tx, e.ID, db.clock())
		return err
	})
}

func (db *DB) insertEvent(ctx context.Context, q queryer, e *EventInfo) error {
	id, err := db.insertID(ctx, q, `INSERT INTO events (edition_id, kind, title, title_zh, topics, speakers, room, starts_at, ends_at, capacity, abstract, abstract_zh, audience, hold_seconds,
		coaches, coach_seats) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16) RETURNING id`,
		e.EditionID, e.Kind, e.Title, e.TitleZH, list(e.Topics).String(), list(e.Speakers).String(), e.Room, e.StartsAt.UTC(), e.EndsAt.UTC(), e.Capacity,
		e.Abstract, e.AbstractZH, e.Audience, e.HoldSeconds, e.Coaches, e.CoachSeats)
	e.ID = id
	return err
}

// ImportEvents adds checked events in one transaction: all or none.
func (db *DB) ImportEvents(ctx context.Context, evs []EventInfo, by int64) error {
	for _, e := range evs {
		if err := ValidateEvent(e); err != nil {
			return err
		}
	}
	return db.tx(ctx, func(tx txq) error {
		for i := range evs {
			if err := db.insertEvent(ctx, tx, &evs[i]); err != nil {
				return db.mapErr(err)
			}
		}
		if len(evs) == 0 {
			return nil
		}
		return db.audit(ctx, tx, by, "event.import", "edition", evs[0].EditionID, itoa(len(evs)))
	})
}

// eventDay is an instant's date in the edition's zone.
func eventDay(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01-02") }

// FillAttendance sets the events' Attended and WalkIns from their doors'
// first entries, in one query for the lot (only the organizer's list
// shows them: the agenda and event pages do not pay for it).
func (db *DB) FillAttendance(ctx context.Context, evs []EventInfo) error {
	if len(evs) == 0 {
		return nil
	}
	type att struct{ event, came, walkIns int64 }
	l, err := queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (att, error) {
		var a att
		return a, r.Scan(&a.event, &a.came, &a.walkIns)
	}, `SELECT g.event_id, count(DISTINCT r.user_id), count(DISTINCT CASE WHEN c.reason = 'walk_in' THEN c.user_id END)
		FROM checkins c JOIN gates g ON g.id = c.gate_id
		LEFT JOIN event_registrations r ON r.event_id = g.event_id AND r.user_id = c.user_id AND r.status = 'registered'
		WHERE g.edition_id = $1 AND g.event_id IS NOT NULL AND c.first_entry GROUP BY g.event_id`, evs[0].EditionID)
	if err != nil {
		return err
	}
	by := map[int64]att{}
	for _, a := range l {
		by[a.event] = a
	}
	for i := range evs {
		a := by[evs[i].ID]
		evs[i].Attended, evs[i].WalkIns = int(a.came), int(a.walkIns)
	}
	return nil
}
