// Package scheduling is the schedule run as a service: it reads an
// edition's accepted meeting requests, slots, tables and availability from
// the store, asks the engine (internal/schedule) to place them and writes
// the result back as drafts. The store keeps the SQL, the engine the
// solving; this package only translates between them.
package scheduling

import (
	"context"
	"errors"
	"slices"
	"strconv"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/schedule"
	"github.com/convene/convene/internal/store"
)

// The engine names things by strings; a letter keeps the kinds apart.
func pid(userID int64) string { return "u" + strconv.FormatInt(userID, 10) }
func rid(id int64) string     { return "r" + strconv.FormatInt(id, 10) }
func sid(id int64) string     { return "s" + strconv.FormatInt(id, 10) }
func tid(id int64) string     { return "t" + strconv.FormatInt(id, 10) }

func unid(s string) int64 {
	n, _ := strconv.ParseInt(s[1:], 10, 64)
	return n
}

// Run places the edition's accepted requests of the kind ("interview",
// "negotiation" or "both") and keeps the result as drafts, replacing the
// drafts of an earlier run of those kinds. Published meetings, and drafts
// of kinds not in this run, are passed to the engine as locked: they stay
// where they are.
func Run(ctx context.Context, db *store.DB, editionID int64, kind string, by int64) (store.ScheduleRun, error) {
	run := store.ScheduleRun{EditionID: editionID, Kind: kind}
	if !slices.Contains(model.ScheduleKinds, kind) {
		return run, model.Errorf(model.Invalid, "err.invalid", "kind", "err.choice")
	}
	in := func(k model.MeetingKind) bool { return kind == "both" || string(k) == kind }
	reqs, err := db.AcceptedRequests(ctx, editionID)
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
	// What this run keeps in place (published, or drafts of other kinds),
	// by table and slot: a room keeps what it holds, even outside hours set
	// later.
	held := map[[2]int64]bool{}
	for _, r := range reqs {
		if r.SlotID != 0 && (r.Published || r.Draft && !in(r.Kind)) {
			held[[2]int64{r.TableID, r.SlotID}] = true
		}
	}
	sessions := map[int64]model.RemoteSession{}
	for _, t := range tables {
		r := schedule.Resource{ID: tid(t.ID), Kind: schedule.KindTable}
		if t.Video {
			r.Kind = schedule.KindVideo
		} else if t.VenueID != nil {
			r.Venue = "v" + strconv.FormatInt(*t.VenueID, 10)
		}
		if t.SessionID != nil {
			// A remote session's room exists only in the session's hours
			// (Singapore's afternoon is not Tokyo's).
			rs, ok := sessions[*t.SessionID]
			if !ok {
				if rs, err = db.RemoteSession(ctx, *t.SessionID); err != nil {
					return run, err
				}
				sessions[*t.SessionID] = rs
			}
			for _, s := range slots {
				if !s.StartsAt.Before(rs.StartsAt) && !s.EndsAt.After(rs.EndsAt) || held[[2]int64{t.ID, s.ID}] {
					r.Slots = append(r.Slots, sid(s.ID))
				}
			}
			if len(r.Slots) == 0 {
				continue // no slot in its hours: the room takes no meeting
			}
		}
		inst.Resources = append(inst.Resources, r)
	}
	windows := map[int64][]schedule.Interval{}
	var people []int64
	for _, r := range reqs {
		locked := r.Published || (r.Draft && !in(r.Kind))
		if !locked && !in(r.Kind) {
			continue
		}
		for _, u := range []int64{r.From, r.To} {
			if _, ok := windows[u]; !ok {
				windows[u] = nil
				people = append(people, u)
			}
		}
		k := schedule.KindTable
		if r.Video {
			k = schedule.KindVideo
		}
		inst.Requests = append(inst.Requests, schedule.Request{ID: rid(r.ID), Participants: []string{pid(r.From), pid(r.To)}, Priority: r.Priority, Kind: k})
		if locked && r.SlotID != 0 {
			inst.Locked = append(inst.Locked, schedule.Assignment{Request: rid(r.ID), Slot: sid(r.SlotID), Resource: tid(r.TableID)})
			s := slotByID[r.SlotID]
			iv := schedule.Interval{Start: s.StartsAt, End: s.EndsAt}
			windows[r.From] = append(windows[r.From], iv)
			windows[r.To] = append(windows[r.To], iv)
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
		inst.Participants = append(inst.Participants, schedule.Participant{ID: pid(u), Available: schedule.MergeWindows(windows[u])})
	}
	res, err := schedule.Schedule(inst)
	if err != nil {
		var se *schedule.Error
		if errors.As(err, &se) {
			return run, model.Errorf(model.Conflict, "err.meetings.engine", "kind", "err.meetings.engine")
		}
		return run, err
	}
	names := map[int64]string{}
	for _, u := range people {
		usr, _ := db.User(ctx, u) // a name only labels a reason; "" will do
		names[u] = usr.Name
	}
	for _, up := range res.Unplaced {
		u := store.UnplacedRequest{RequestID: unid(up.Request), Code: string(up.Reason.Code)}
		if up.Reason.Participant != "" {
			u.Person = names[unid(up.Reason.Participant)]
		}
		if up.Reason.Slot != "" {
			u.SlotStart = slotByID[unid(up.Reason.Slot)].StartsAt
		}
		run.Unplaced = append(run.Unplaced, u)
	}
	run.Weight, run.Unserved, run.Gaps = res.Score.Weight, res.Score.Unserved, res.Score.Gaps

	var replaced []int64
	for _, r := range reqs {
		if r.Draft && in(r.Kind) {
			replaced = append(replaced, r.ID)
		}
	}
	locked := map[string]bool{}
	for _, l := range inst.Locked {
		locked[l.Request] = true
	}
	var places []store.Placement
	for _, a := range res.Assignments {
		if !locked[a.Request] {
			places = append(places, store.Placement{RequestID: unid(a.Request), SlotID: unid(a.Slot), TableID: unid(a.Resource)})
		}
	}
	err = db.SaveScheduleRun(ctx, &run, by, replaced, places)
	return run, err
}
