package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/convene/convene/internal/model"
)

// RunRequest is an accepted request as a schedule run sees it: its two
// people and, when it has a meeting, where and whether it is published.
type RunRequest struct {
	ID, From, To     int64
	Priority         int
	Video            bool
	Kind             model.MeetingKind
	SlotID, TableID  int64 // 0 when the request has no meeting
	Published, Draft bool
}

// AcceptedRequests lists the edition's accepted, not cancelled requests
// with their meetings, for a schedule run (internal/scheduling).
func (db *DB) AcceptedRequests(ctx context.Context, editionID int64) ([]RunRequest, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (RunRequest, error) {
		var r RunRequest
		var pub sql.NullBool
		var slot, table sql.NullInt64
		err := row.Scan(&r.ID, &r.From, &r.To, &r.Priority, &r.Video, &r.Kind, &slot, &table, &pub)
		r.SlotID, r.TableID = slot.Int64, table.Int64
		r.Published = pub.Valid && pub.Bool
		r.Draft = pub.Valid && !pub.Bool
		return r, err
	}, `SELECT r.id, r.from_user_id, r.to_user_id, r.priority, r.video, r.kind, m.slot_id, m.table_id, m.published
		FROM meeting_requests r LEFT JOIN meetings m ON m.request_id = r.id
		WHERE r.edition_id = $1 AND r.status = 'accepted' AND r.cancelled_at IS NULL ORDER BY r.id`, editionID)
}

// Placement is a request's meeting: a slot at a table.
type Placement struct{ RequestID, SlotID, TableID int64 }

// SaveScheduleRun keeps a run in one transaction: the run and its figures,
// the draft meetings of the replaced requests removed, and a draft meeting
// for each placement. It sets the run's ID, CreatedAt and Placed.
func (db *DB) SaveScheduleRun(ctx context.Context, run *ScheduleRun, by int64, replaced []int64, places []Placement) error {
	run.CreatedAt = db.clock()
	run.Placed = len(places)
	unplaced, _ := json.Marshal(run.Unplaced)
	return db.tx(ctx, func(tx txq) error {
		var err error
		run.ID, err = db.insertID(ctx, tx, `INSERT INTO schedule_runs (edition_id, kind, by_user_id, requests, placed, weight, unserved, gaps, unplaced, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`, run.EditionID, run.Kind, nullID(by), run.Requests, run.Placed, run.Weight, run.Unserved, run.Gaps, string(unplaced), run.CreatedAt)
		if err != nil {
			return err
		}
		for _, id := range replaced {
			if _, err := tx.ExecContext(ctx, `DELETE FROM meetings WHERE request_id = $1 AND NOT published`, id); err != nil {
				return db.mapErr(err)
			}
		}
		for _, p := range places {
			if _, err := tx.ExecContext(ctx, `INSERT INTO meetings (request_id, slot_id, table_id, published, run_id) VALUES ($1,$2,$3,$4,$5)`,
				p.RequestID, p.SlotID, p.TableID, false, run.ID); err != nil {
				return db.mapErr(err)
			}
		}
		return nil
	})
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const runSQL = `SELECT id, edition_id, kind, requests, placed, weight, unserved, gaps, unplaced, created_at, published_at FROM schedule_runs`

func scanRun(row interface{ Scan(...any) error }) (ScheduleRun, error) {
	var r ScheduleRun
	var unplaced string
	var pub sql.NullTime
	err := row.Scan(&r.ID, &r.EditionID, &r.Kind, &r.Requests, &r.Placed, &r.Weight, &r.Unserved, &r.Gaps, &unplaced, &r.CreatedAt, &pub)
	if err == nil {
		json.Unmarshal([]byte(unplaced), &r.Unplaced)
	}
	if pub.Valid {
		t := pub.Time.UTC()
		r.PublishedAt = &t
	}
	return r, err
}

// ScheduleRunByID reads one run.
func (db *DB) ScheduleRunByID(ctx context.Context, id int64) (ScheduleRun, error) {
	r, err := scanRun(db.r.QueryRowContext(ctx, runSQL+` WHERE id = $1`, id))
	return r, one(err, "schedule_run")
}

// LatestScheduleRun is the edition's newest run.
func (db *DB) LatestScheduleRun(ctx context.Context, editionID int64) (ScheduleRun, error) {
	r, err := scanRun(db.r.QueryRowContext(ctx, runSQL+` WHERE edition_id = $1 ORDER BY id DESC LIMIT 1`, editionID))
	return r, one(err, "schedule_run")
}

// PublishScheduleRun publishes the drafts of the edition's latest run and
// tells both sides of each newly published meeting. An older run cannot be
// published: its drafts were replaced.
func (db *DB) PublishScheduleRun(ctx context.Context, id, by int64) (int, error) {
	n := 0
	err := db.tx(ctx, func(tx txq) error {
		run, err := scanRun(tx.QueryRowContext(ctx, runSQL+` WHERE id = $1`, id))
		if err != nil {
			return one(err, "schedule_run")
		}
		var latest int64
		if err := tx.QueryRowContext(ctx, `SELECT max(id) FROM schedule_runs WHERE edition_id = $1`, run.EditionID).Scan(&latest); err != nil {
			return err
		}
		if latest != id || run.PublishedAt != nil {
			return model.Errorf(model.Conflict, "err.meetings.stale_run")
		}
		// Claim the run first, conditionally: of two organizers publishing
		// at once, one publishes and the meetings are told once.
		res, err := tx.ExecContext(ctx, `UPDATE schedule_runs SET published_at = $1 WHERE id = $2 AND published_at IS NULL`, db.clock(), id)
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, model.Errorf(model.Conflict, "err.meetings.stale_run")); err != nil {
			return err
		}
		var tz string
		if err := tx.QueryRowContext(ctx, `SELECT time_zone FROM editions WHERE id = $1`, run.EditionID).Scan(&tz); err != nil {
			return err
		}
		loc, err := time.LoadLocation(tz)
		if err != nil {
			loc = time.UTC
		}
		type pub struct {
			req, from, to    int64
			kind             model.MeetingKind
			fromName, toName string
			start            time.Time
			code             string
		}
		rows, err := queryAll(ctx, tx, func(row interface{ Scan(...any) error }) (pub, error) {
			var p pub
			err := row.Scan(&p.req, &p.from, &p.to, &p.kind, &p.fromName, &p.toName, &p.start, &p.code)
			return p, err
		}, `SELECT r.id, r.from_user_id, r.to_user_id, r.kind, fu.name, tu.name, s.starts_at, t.code
			FROM meetings m JOIN meeting_requests r ON r.id = m.request_id JOIN users fu ON fu.id = r.from_user_id
			JOIN users tu ON tu.id = r.to_user_id JOIN slots s ON s.id = m.slot_id JOIN meeting_tables t ON t.id = m.table_id
			WHERE m.run_id = $1 AND NOT m.published ORDER BY r.id`, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET published = $1 WHERE run_id = $2 AND NOT published`, true, id); err != nil {
			return db.mapErr(err)
		}
		for _, p := range rows {
			at := p.start.In(loc).Format("2006-01-02 15:04 MST")
			k := "meetings.kind." + string(p.kind)
			if err := db.meetingNotify(ctx, tx, p.from, nil, "meetings.notice.scheduled", k, p.toName, at, p.code); err != nil {
				return err
			}
			if err := db.meetingNotify(ctx, tx, p.to, nil, "meetings.notice.scheduled", k, p.fromName, at, p.code); err != nil {
				return err
			}
		}
		n = len(rows)
		return db.audit(ctx, tx, by, "publish", "schedule_run", id, fmt.Sprintf("%d meetings", n))
	})
	return n, err
}

// ScheduleRun is one scheduling run and what it produced.
type ScheduleRun struct {
	ID          int64
	EditionID   int64
	Kind        string
	Requests    int
	Placed      int
	Weight      int64
	Unserved    int
	Gaps        int
	Unplaced    []UnplacedRequest
	CreatedAt   time.Time
	PublishedAt *time.Time
}

// UnplacedRequest is a request the engine left out, with its reason code
// and, when the reason names them, a person and a slot time.
type UnplacedRequest struct {
	RequestID   int64     `json:"request_id"`
	Code        string    `json:"code"`
	Person      string    `json:"person,omitempty"`
	SlotStart   time.Time `json:"slot_start,omitzero"`
	Description string    `json:"subject,omitempty"`
}
