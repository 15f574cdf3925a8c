package schedule

import (
	"fmt"
	"slices"
)

// Validate checks the instance for malformed values, unknown or duplicate
// ids, overlapping or inverted availability windows and locked assignments
// that break a constraint. It returns the first problem as an *Error, in
// input order, so the same input always reports the same problem.
func Validate(inst Instance) error {
	_, err := compile(inst)
	return err
}

// checkStatic covers everything that needs no index of slots and pools.
func checkStatic(inst Instance) (ids, error) {
	var x ids
	o := inst.Options
	if o.TravelMinutes < 0 {
		return x, errorf(CodeInvalid, "options.travel_minutes", "must not be negative")
	}
	if o.MaxPerPerson < 0 {
		return x, errorf(CodeInvalid, "options.max_per_person", "must not be negative")
	}
	if o.Effort < 0 || o.Effort > maxEffort {
		return x, errorf(CodeInvalid, "options.effort", "must be between 0 and %d", maxEffort)
	}
	x.slot = make(map[string]int32, len(inst.Slots))
	x.venues = map[string]bool{}
	for i, s := range inst.Slots {
		f := fmt.Sprintf("slots[%d]", i)
		if s.ID == "" {
			return x, errorf(CodeInvalid, f+".id", "must not be empty")
		}
		if _, dup := x.slot[s.ID]; dup {
			return x, errorf(CodeConflict, f+".id", "duplicate slot id %q", s.ID)
		}
		x.slot[s.ID] = int32(i)
		if s.Start.IsZero() || s.End.IsZero() {
			return x, errorf(CodeInvalid, f, "slot %q needs a start and an end", s.ID)
		}
		if !s.End.After(s.Start) {
			return x, errorf(CodeInvalid, f+".end", "slot %q ends before it starts", s.ID)
		}
		if s.Venue != "" {
			x.venues[s.Venue] = true
		}
	}
	x.res = make(map[string]int32, len(inst.Resources))
	for i, r := range inst.Resources {
		f := fmt.Sprintf("resources[%d]", i)
		if r.ID == "" {
			return x, errorf(CodeInvalid, f+".id", "must not be empty")
		}
		if _, dup := x.res[r.ID]; dup {
			return x, errorf(CodeConflict, f+".id", "duplicate resource id %q", r.ID)
		}
		x.res[r.ID] = int32(i)
		if r.Kind != KindTable && r.Kind != KindVideo {
			return x, errorf(CodeInvalid, f+".kind", "resource %q has unknown kind %q", r.ID, r.Kind)
		}
		seen := make(map[string]bool, len(r.Slots))
		for j, sid := range r.Slots {
			if _, ok := x.slot[sid]; !ok {
				return x, errorf(CodeNotFound, fmt.Sprintf("%s.slots[%d]", f, j), "unknown slot %q", sid)
			}
			if seen[sid] {
				return x, errorf(CodeConflict, fmt.Sprintf("%s.slots[%d]", f, j), "slot %q listed twice", sid)
			}
			seen[sid] = true
		}
		if r.Venue != "" {
			x.venues[r.Venue] = true
		}
	}
	x.person = make(map[string]int32, len(inst.Participants))
	for i, p := range inst.Participants {
		f := fmt.Sprintf("participants[%d]", i)
		if p.ID == "" {
			return x, errorf(CodeInvalid, f+".id", "must not be empty")
		}
		if _, dup := x.person[p.ID]; dup {
			return x, errorf(CodeConflict, f+".id", "duplicate participant id %q", p.ID)
		}
		x.person[p.ID] = int32(i)
		if p.MaxMeetings < 0 {
			return x, errorf(CodeInvalid, f+".max_meetings", "must not be negative")
		}
		for j, w := range p.Available {
			if w.Start.IsZero() || w.End.IsZero() {
				return x, errorf(CodeInvalid, fmt.Sprintf("%s.available[%d]", f, j), "window needs a start and an end")
			}
			if !w.End.After(w.Start) {
				return x, errorf(CodeInvalid, fmt.Sprintf("%s.available[%d]", f, j), "window of %q ends before it starts", p.ID)
			}
		}
		order := make([]int, len(p.Available))
		for j := range order {
			order[j] = j
		}
		slices.SortStableFunc(order, func(a, b int) int { return p.Available[a].Start.Compare(p.Available[b].Start) })
		for j := 1; j < len(order); j++ {
			prev, cur := p.Available[order[j-1]], p.Available[order[j]]
			if cur.Start.Before(prev.End) {
				return x, errorf(CodeConflict, fmt.Sprintf("%s.available[%d]", f, order[j]), "windows of %q overlap", p.ID)
			}
		}
	}
	x.req = make(map[string]int32, len(inst.Requests))
	for i, r := range inst.Requests {
		f := fmt.Sprintf("requests[%d]", i)
		if r.ID == "" {
			return x, errorf(CodeInvalid, f+".id", "must not be empty")
		}
		if _, dup := x.req[r.ID]; dup {
			return x, errorf(CodeConflict, f+".id", "duplicate request id %q", r.ID)
		}
		x.req[r.ID] = int32(i)
		if len(r.Participants) < 2 {
			return x, errorf(CodeInvalid, f+".participants", "request %q needs at least two participants", r.ID)
		}
		for j, pid := range r.Participants {
			if _, ok := x.person[pid]; !ok {
				return x, errorf(CodeNotFound, fmt.Sprintf("%s.participants[%d]", f, j), "unknown participant %q", pid)
			}
			if slices.Contains(r.Participants[:j], pid) {
				return x, errorf(CodeConflict, fmt.Sprintf("%s.participants[%d]", f, j), "participant %q listed twice", pid)
			}
		}
		if r.Priority < 1 {
			return x, errorf(CodeInvalid, f+".priority", "request %q needs a priority of at least 1", r.ID)
		}
		if r.Kind != KindTable && r.Kind != KindVideo {
			return x, errorf(CodeInvalid, f+".kind", "request %q has unknown kind %q", r.ID, r.Kind)
		}
		if r.Venue != "" && !x.venues[r.Venue] {
			return x, errorf(CodeNotFound, f+".venue", "unknown venue %q", r.Venue)
		}
	}
	for i, l := range inst.Locked {
		f := fmt.Sprintf("locked[%d]", i)
		if _, ok := x.req[l.Request]; !ok {
			return x, errorf(CodeNotFound, f+".request", "unknown request %q", l.Request)
		}
		if _, ok := x.slot[l.Slot]; !ok {
			return x, errorf(CodeNotFound, f+".slot", "unknown slot %q", l.Slot)
		}
		if _, ok := x.res[l.Resource]; !ok {
			return x, errorf(CodeNotFound, f+".resource", "unknown resource %q", l.Resource)
		}
	}
	return x, nil
}

const maxEffort = 1000

// ids maps input ids to their index; only compile and checkStatic use maps,
// everything after works on indices so map order never leaks into results.
type ids struct {
	slot, res, person, req map[string]int32
	venues                 map[string]bool
}
