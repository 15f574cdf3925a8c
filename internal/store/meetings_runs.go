package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/schedule"
)

type runRequest struct {
	id, from, to     int64
	priority         int
	video            bool
	kind             model.MeetingKind
	slot, table      sql.NullInt64
	published, draft bool
}

func pid(userID int64) string { return "u" + strconv.FormatInt(userID, 10) }
func rid(id int64) string     { return "r" + strconv.FormatInt(id, 10) }
func sid(id int64) string     { return "s" + strconv.FormatInt(id, 10) }
func tid(id int64) string     { return "t" + strconv.FormatInt(id, 10) }

func unid(s string) int64 {
	n, _ := strconv.ParseInt(s[1:], 10, 64)
	return n
}

// RunSchedule places the edition's accepted requests of the kind
// ("interview", "negotiation" or "both") and keeps the result as drafts,
// replacing the drafts of an earlier run of those kinds. Published
// meetings, and drafts of kinds not in this run, are passed to the engine
// as locked: they stay where they are.
func (db *DB) RunSchedule(ctx context.Context, editionID int64, kind string, by int64) (ScheduleRun, error) {
	run := ScheduleRun{EditionID: editionID, Kind: kind}
	if !slices.Contains(model.ScheduleKinds, kind) {
		return run, requestProblem("kind", "err.choice")
	}
	in := func(k model.MeetingKind) bool { return kind == "both" || string(k) == kind }
	reqs, err := queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (runRequest, error) {
		var r runRequest
		var pub sql.NullBool
		err := row.Scan(&r.id, &r.from, &r.to, &r.priority, &r.video, &r.kind, &r.slot, &r.table, &pub)
		r.published = pub.Valid && pub.Bool
		r.draft = pub.Valid && !pub.Bool
		return r, err
	}, `SELECT r.id, r.from_user_id, r.to_user_id, r.priority, r.video, r.kind, m.slot_id, m.table_id, m.published
		FROM meeting_requests r LEFT JOIN meetings m ON m.request_id = r.id
		WHERE r.edition_id = $1 AND r.status = 'accepted' AND r.cancelled_at IS NULL ORDER BY r.id`, editionID)
	if err != nil {
		return run, err
	}
	slots, err := db.ListSlots(ctx, editionID)
	if err != nil {
		return run, err
	}
	tables, err := db.ListMeetingTables(ctx, editionID)
	if err != nil {
		return run, err
	}
	var inst schedule.Instance
	inst.Options.Seed = 2017
	slotByID := map[int64]model.Slot{}
	for _, s := range slots {
		slotByID[s.ID] = s
		inst.Slots = append(inst.Slots, schedule.Slot{ID: sid(s.ID), Start: s.StartsAt, End: s.EndsAt})
	}
	for _, t := range tables {
		r := schedule.Resource{ID: tid(t.ID), Kind: schedule.KindTable}
		if t.Video {
			r.Kind = schedule.KindVideo
		} else if t.VenueID != nil {
			r.Venue = "v" + strconv.FormatInt(*t.VenueID, 10)
		}
		inst.Resources = append(inst.Resources, r)
	}
	windows := map[int64][]schedule.Interval{}
	var people []int64
	for _, r := range reqs {
		locked := r.published || (r.draft && !in(r.kind))
		if !locked && !in(r.kind) {
			continue
		}
		for _, u := range []int64{r.from, r.to} {
			if _, ok := windows[u]; !ok {
				windows[u] = nil
				people = append(people, u)
			}
		}
		k := schedule.KindTable
		if r.video {
			k = schedule.KindVideo
		}
		inst.Requests = append(inst.Requests, schedule.Request{ID: rid(r.id), Participants: []string{pid(r.from), pid(r.to)}, Priority: r.priority, Kind: k})
		if locked && r.slot.Valid {
			inst.Locked = append(inst.Locked, schedule.Assignment{Request: rid(r.id), Slot: sid(r.slot.Int64), Resource: tid(r.table.Int64)})
			s := slotByID[r.slot.Int64]
			iv := schedule.Interval{Start: s.StartsAt, End: s.EndsAt}
			windows[r.from] = append(windows[r.from], iv)
			windows[r.to] = append(windows[r.to], iv)
		} else {
			run.Requests++
		}
	}
	for _, u := range people {
		ws, err := db.AvailabilityOf(ctx, u)
		if err != nil {
			return run, err
		}
		for _, w := range ws {
			windows[u] = append(windows[u], schedule.Interval{Start: w.StartsAt, End: w.EndsAt})
		}
		inst.Participants = append(inst.Participants, schedule.Participant{ID: pid(u), Available: mergeIntervals(windows[u])})
	}
	res, err := schedule.Schedule(inst)
	if err != nil {
		var se *schedule.Error
		if errors.As(err, &se) {
			return run, model.Errorf(model.Conflict, "err.meetings.engine", "kind", "err.meetings.engine")
		}
		return run, err
	}
	locked := map[string]bool{}
	for _, l := range inst.Locked {
		locked[l.Request] = true
	}
	names := map[int64]string{}
	for _, u := range people {
		var n string
		db.r.QueryRowContext(ctx, `SELECT name FROM users WHERE id = $1`, u).Scan(&n)
		names[u] = n
	}
	for _, up := range res.Unplaced {
		u := UnplacedRequest{RequestID: unid(up.Request), Code: string(up.Reason.Code)}
		if up.Reason.Participant != "" {
			u.Person = names[unid(up.Reason.Participant)]
		}
		if up.Reason.Slot != "" {
			u.SlotStart = slotByID[unid(up.Reason.Slot)].StartsAt
		}
		run.Unplaced = append(run.Unplaced, u)
	}
	run.Weight, run.Unserved, run.Gaps = res.Score.Weight, res.Score.Unserved, res.Score.Gaps
	run.CreatedAt = db.clock()
	unplaced, _ := json.Marshal(run.Unplaced)
	err = db.tx(ctx, func(tx txq) error {
		run.ID, err = db.insertID(ctx, tx, `INSERT INTO schedule_runs (edition_id, kind, by_user_id, requests, weight, unserved, gaps, unplaced, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`, editionID, kind, nullID(by), run.Requests, run.Weight, run.Unserved, run.Gaps, string(unplaced), run.CreatedAt)
		if err != nil {
			return err
		}
		for _, r := range reqs {
			if r.draft && in(r.kind) {
				if _, err := tx.ExecContext(ctx, `DELETE FROM meetings WHERE request_id = $1 AND NOT published`, r.id); err != nil {
					return db.mapErr(err)
				}
			}
		}
		for _, a := range res.Assignments {
			if locked[a.Request] {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO meetings (request_id, slot_id, table_id, published, run_id) VALUES ($1,$2,$3,$4,$5)`,
				unid(a.Request), unid(a.Slot), unid(a.Resource), false, run.ID); err != nil {
				return db.mapErr(err)
			}
			run.Placed++
		}
		_, err := tx.ExecContext(ctx, `UPDATE schedule_runs SET placed = $1 WHERE id = $2`, run.Placed, run.ID)
		return db.mapErr(err)
	})
	return run, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// mergeIntervals sorts windows and joins overlapping ones: the engine wants
// a person's windows disjoint.
func mergeIntervals(l []schedule.Interval) []schedule.Interval {
	slices.SortFunc(l, func(a, b schedule.Interval) int { return a.Start.Compare(b.Start) })
	var out []schedule.Interval
	for _, w := range l {
		if n := len(out); n > 0 && !w.Start.After(out[n-1].End) {
			if w.End.After(out[n-1].End) {
				out[n-1].End = w.End
			}
			continue
		}
		out = append(out, w)
	}
	return out
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
		if _, err := tx.ExecContext(ctx, `UPDATE schedule_runs SET published_at = $1 WHERE id = $2`, db.clock(), id); err != nil {
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
