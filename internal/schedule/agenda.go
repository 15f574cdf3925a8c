package schedule

import (
	"cmp"
	"slices"
	"time"
)

// AgendaItem is one meeting on a participant's agenda, with everything a
// page or an .ics event needs.
type AgendaItem struct {
	Request  string    `json:"request"`
	Slot     string    `json:"slot"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Resource string    `json:"resource"`
	Kind     Kind      `json:"kind"`
	Venue    string    `json:"venue,omitempty"`
	Area     string    `json:"area,omitempty"`
	With     []string  `json:"with"` // the other participants, in request order
	Priority int       `json:"priority"`
}

// Agenda lists the participant's meetings among the assignments in time
// order. Assignments naming unknown ids are skipped: the agenda is a view,
// not a check (see the validate package for that).
func Agenda(inst Instance, as []Assignment, participant string) []AgendaItem {
	slots := make(map[string]*Slot, len(inst.Slots))
	for i := range inst.Slots {
		slots[inst.Slots[i].ID] = &inst.Slots[i]
	}
	res := make(map[string]*Resource, len(inst.Resources))
	for i := range inst.Resources {
		res[inst.Resources[i].ID] = &inst.Resources[i]
	}
	reqs := make(map[string]*Request, len(inst.Requests))
	for i := range inst.Requests {
		reqs[inst.Requests[i].ID] = &inst.Requests[i]
	}
	var out []AgendaItem
	for _, a := range as {
		rq, s, r := reqs[a.Request], slots[a.Slot], res[a.Resource]
		if rq == nil || s == nil || r == nil || !slices.Contains(rq.Participants, participant) {
			continue
		}
		item := AgendaItem{Request: rq.ID, Slot: s.ID, Start: s.Start, End: s.End, Resource: r.ID, Kind: r.Kind,
			Venue: r.Venue, Area: r.Area, Priority: rq.Priority, With: []string{}}
		for _, p := range rq.Participants {
			if p != participant {
				item.With = append(item.With, p)
			}
		}
		out = append(out, item)
	}
	slices.SortStableFunc(out, func(a, b AgendaItem) int {
		if d := a.Start.Compare(b.Start); d != 0 {
			return d
		}
		return cmp.Compare(a.Request, b.Request)
	})
	return out
}
