package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// RequestCancelled is how a cancelled request shows; the status column keeps
// "accepted" and the cancellation time says the rest.
const RequestCancelled RequestStatus = "cancelled"

// ScheduleKinds are what an organizer schedules in one run.
var ScheduleKinds = []string{"interview", "negotiation", "both"}

// LoadZone checks an IANA zone name; an empty or unknown one is a field problem.
func LoadZone(p Problems, field, tz string) *time.Location {
	if strings.TrimSpace(tz) == "" {
		p.Add(field, "err.required")
		return nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil || tz == "Local" {
		p.Add(field, "err.time_zone")
		return nil
	}
	return loc
}

// CheckWindows reports inverted and overlapping availability windows by
// field ("windows.N.ends_at"), so a form shows which row is wrong.
func CheckWindows(p Problems, ws []Availability) {
	order := make([]int, 0, len(ws))
	for i, w := range ws {
		if w.StartsAt.IsZero() || w.EndsAt.IsZero() {
			continue // the parser reported it
		}
		if !w.EndsAt.After(w.StartsAt) {
			p.Add(fmt.Sprintf("windows.%d.ends_at", i), "err.meetings.inverted")
			continue
		}
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(a, b int) int { return ws[a].StartsAt.Compare(ws[b].StartsAt) })
	for j := 1; j < len(order); j++ {
		if ws[order[j]].StartsAt.Before(ws[order[j-1]].EndsAt) {
			p.Add(fmt.Sprintf("windows.%d.starts_at", order[j]), "err.meetings.overlap")
		}
	}
}

// SlotPlan is one day of meeting slots: from Start to End, meetings of
// Length with Gap between them, skipping Breaks (lunch, a keynote).
type SlotPlan struct {
	Day    time.Time // date, in the edition's zone
	Start  time.Duration
	End    time.Duration
	Length time.Duration
	Gap    time.Duration
	Breaks [][2]time.Duration
}

// Slots generates the slot times in UTC. A slot that would cross a break
// starts after it.
func (sp SlotPlan) Slots(loc *time.Location) []Slot {
	y, m, d := sp.Day.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, loc)
	at := func(off time.Duration) time.Time {
		h, mi := int(off/time.Hour), int(off%time.Hour/time.Minute)
		return time.Date(day.Year(), day.Month(), day.Day(), h, mi, 0, 0, loc)
	}
	var out []Slot
	for t := sp.Start; t+sp.Length <= sp.End; {
		moved := false
		for _, b := range sp.Breaks {
			if t < b[1] && t+sp.Length > b[0] {
				t, moved = b[1], true
			}
		}
		if moved {
			continue
		}
		out = append(out, Slot{StartsAt: at(t).UTC(), EndsAt: at(t + sp.Length).UTC()})
		t += sp.Length + sp.Gap
	}
	return out
}

// Validate checks the plan's numbers by field.
func (sp SlotPlan) Validate(p Problems) {
	if sp.Length < 5*time.Minute || sp.Length > 4*time.Hour {
		p.Add("length", "err.meetings.length")
	}
	if sp.Gap < 0 || sp.Gap > 4*time.Hour {
		p.Add("gap", "err.meetings.gap")
	}
	if sp.End <= sp.Start {
		p.Add("end", "err.meetings.inverted")
	}
	for _, b := range sp.Breaks {
		if b[1] <= b[0] {
			p.Add("breaks", "err.meetings.inverted")
		}
	}
}
