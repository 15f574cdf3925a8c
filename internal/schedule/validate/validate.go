// Package validate checks a schedule against its instance from first
// principles. It shares only the input and output types with the engine,
// never its indices or helpers, so an engine bug cannot hide itself here.
package validate

import (
	"fmt"
	"slices"
	"time"

	"github.com/convene/convene/internal/schedule"
)

// Violation is one broken rule.
type Violation struct {
	Rule   string // e.g. "person_double_booked"
	Detail string
}

func (v Violation) String() string { return v.Rule + ": " + v.Detail }

type meeting struct {
	a     schedule.Assignment
	slot  schedule.Slot
	res   schedule.Resource
	req   schedule.Request
	valid bool
}

// Assignments checks that the assignments respect every hard constraint of
// the instance: known ids, each request at most once, kinds and venues,
// resources existing in the slot, availability for the whole slot, nobody
// and nothing in two overlapping slots, limits, venue changes and locks.
func Assignments(inst schedule.Instance, as []schedule.Assignment) []Violation {
	var out []Violation
	bad := func(rule, format string, args ...any) {
		out = append(out, Violation{rule, fmt.Sprintf(format, args...)})
	}
	slots := map[string]schedule.Slot{}
	for _, s := range inst.Slots {
		slots[s.ID] = s
	}
	res := map[string]schedule.Resource{}
	for _, r := range inst.Resources {
		res[r.ID] = r
	}
	reqs := map[string]schedule.Request{}
	for _, r := range inst.Requests {
		reqs[r.ID] = r
	}
	people := map[string]schedule.Participant{}
	for _, p := range inst.Participants {
		people[p.ID] = p
	}

	var ms []meeting
	seen := map[string]bool{}
	for _, a := range as {
		m := meeting{a: a}
		var ok1, ok2, ok3 bool
		m.slot, ok1 = slots[a.Slot]
		m.res, ok2 = res[a.Resource]
		m.req, ok3 = reqs[a.Request]
		if !ok1 || !ok2 || !ok3 {
			bad("unknown_id", "%+v", a)
			continue
		}
		if seen[a.Request] {
			bad("request_twice", "request %s placed more than once", a.Request)
		}
		seen[a.Request] = true
		if m.res.Kind != m.req.Kind {
			bad("kind", "request %s needs %s, resource %s is %s", a.Request, m.req.Kind, a.Resource, m.res.Kind)
		}
		if m.req.Venue != "" && m.req.Venue != m.res.Venue {
			bad("venue", "request %s limited to %s, resource %s in %s", a.Request, m.req.Venue, a.Resource, m.res.Venue)
		}
		if m.slot.Venue != "" && m.slot.Venue != m.res.Venue || m.slot.Area != "" && m.slot.Area != m.res.Area ||
			len(m.res.Slots) > 0 && !slices.Contains(m.res.Slots, m.slot.ID) {
			bad("resource_absent", "resource %s does not exist in slot %s", a.Resource, a.Slot)
		}
		for _, pid := range m.req.Participants {
			p, ok := people[pid]
			if !ok {
				bad("unknown_id", "participant %s", pid)
				continue
			}
			if !coveredBy(p.Available, m.slot.Start, m.slot.End) {
				bad("unavailable", "participant %s not available for slot %s (request %s)", pid, a.Slot, a.Request)
			}
		}
		m.valid = true
		ms = append(ms, m)
	}

	// Resources: no two meetings on one resource at overlapping times.
	byRes := map[string][]meeting{}
	for _, m := range ms {
		byRes[m.a.Resource] = append(byRes[m.a.Resource], m)
	}
	for _, id := range sortedKeys(byRes) {
		list := byRes[id]
		for i := range list {
			for j := i + 1; j < len(list); j++ {
				if list[i].a.Slot == list[j].a.Slot || overlap(list[i].slot, list[j].slot) {
					bad("resource_double_booked", "resource %s holds %s and %s at once", id, list[i].a.Request, list[j].a.Request)
				}
			}
		}
	}

	// People: overlaps, limits, venue changes.
	byPerson := map[string][]meeting{}
	for _, m := range ms {
		for _, pid := range m.req.Participants {
			byPerson[pid] = append(byPerson[pid], m)
		}
	}
	opt := inst.Options
	for _, pid := range sortedKeys(byPerson) {
		list := byPerson[pid]
		limit := people[pid].MaxMeetings
		if limit == 0 {
			limit = opt.MaxPerPerson
		}
		if limit > 0 && len(list) > limit {
			bad("limit", "participant %s has %d meetings, limit %d", pid, len(list), limit)
		}
		for i := range list {
			for j := i + 1; j < len(list); j++ {
				a, b := list[i], list[j]
				if a.a.Slot == b.a.Slot || overlap(a.slot, b.slot) {
					bad("person_double_booked", "participant %s in %s and %s at once", pid, a.a.Request, b.a.Request)
					continue
				}
				if a.res.Venue == "" || b.res.Venue == "" || a.res.Venue == b.res.Venue {
					continue
				}
				if b.slot.Start.Before(a.slot.Start) {
					a, b = b, a
				}
				gap := b.slot.Start.Sub(a.slot.End)
				if opt.TravelMinutes > 0 && gap < time.Duration(opt.TravelMinutes)*time.Minute {
					bad("travel", "participant %s changes venue in %v between %s and %s", pid, gap, a.a.Request, b.a.Request)
				}
				if opt.BufferBetweenVenues && !slotBetween(inst.Slots, a.slot.End, b.slot.Start) {
					bad("travel", "participant %s changes venue with no free slot between %s and %s", pid, a.a.Request, b.a.Request)
				}
			}
		}
	}

	// Locks: each locked assignment is kept exactly.
	placed := map[string]schedule.Assignment{}
	for _, a := range as {
		placed[a.Request] = a
	}
	for _, l := range inst.Locked {
		if got, ok := placed[l.Request]; !ok || got != l {
			bad("lock_moved", "locked %+v, got %+v", l, got)
		}
	}
	return out
}

// coveredBy reports whether the windows cover [start, end). No windows
// means available throughout, as the engine documents.
func coveredBy(win []schedule.Interval, start, end time.Time) bool {
	if len(win) == 0 {
		return true
	}
	w := slices.Clone(win)
	slices.SortFunc(w, func(a, b schedule.Interval) int { return a.Start.Compare(b.Start) })
	t := start
	for _, iv := range w {
		if iv.Start.After(t) {
			continue
		}
		if iv.End.After(t) {
			t = iv.End
		}
		if !t.Before(end) {
			return true
		}
	}
	return false
}

func overlap(a, b schedule.Slot) bool {
	return a.Start.Before(b.End) && b.Start.Before(a.End)
}

func slotBetween(slots []schedule.Slot, from, to time.Time) bool {
	for _, s := range slots {
		if !s.Start.Before(from) && !s.End.After(to) {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
