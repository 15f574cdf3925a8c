package gen

import (
	"context"
	"fmt"
	"time"

	"github.com/convene/convene/internal/badge"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// Check-in demo (issue 16): badges for the demo's logins, two gates to try
// (the gate agent's login scans there), and registrations: the CIS forum
// full with people waiting, the field study full with the demo talent first
// in line, the demo talent registered for the opening summit.

// demoForum and demoFieldStudy are the events filled in the demo.
const (
	demoForum      = "CIS Countries Talent Exchange Forum"
	demoFieldStudy = "Field Study: Guangzhou Science City and International Bio Island"
	demoSummit     = "Opening Ceremony and Global Talent Summit"
	demoWaiting    = 5
)

// DemoGates are the venue's gates the demo creates; DemoDoor is the
// opening summit's door, where the registered go in and others walk in
// while seats remain.
var DemoGates = []string{"North Gate", "South Gate"}

const DemoDoor = "Summit Hall Door"

// loadCheckin runs after the bulk load, through the store's own
// operations, so registrations take the same path as on the site.
func loadCheckin(ctx context.Context, db *store.DB, c *Convention, editionID int64) error {
	if len(c.Logins) == 0 {
		return nil
	}
	ed, err := db.CurrentEdition(ctx)
	if err != nil || ed.ID != editionID {
		ed.ID, ed.StartDate, ed.EndDate = editionID, c.Edition.StartDate, c.Edition.EndDate
	}
	nbf, naf := badge.Window(ed.StartDate, ed.EndDate, time.Now())
	users := map[model.Role]int64{}
	var offset int64 // database id − the convention's id, alike for every user
	for _, l := range c.Logins {
		u, _, err := db.UserByEmail(ctx, l.Email)
		if err != nil {
			return fmt.Errorf("checkin demo: login %s: %w", l.Email, err)
		}
		users[l.Role] = u.ID
		for i := range c.Users {
			if c.Users[i].Email == l.Email {
				offset = u.ID - c.Users[i].ID
			}
		}
		b := store.Badge{EditionID: editionID, UserID: u.ID, Role: badge.AccountRoles[string(u.Role)].String(), NotBefore: nbf, NotAfter: naf}
		if err := db.IssueBadge(ctx, &b); err != nil {
			return fmt.Errorf("checkin demo: badge: %w", err)
		}
	}
	for _, name := range DemoGates {
		if err := db.CreateGate(ctx, &store.Gate{EditionID: editionID, Name: name}); err != nil {
			return fmt.Errorf("checkin demo: gate: %w", err)
		}
	}
	evs, err := db.EventInfos(ctx, editionID)
	if err != nil {
		return err
	}
	byTitle := map[string]store.EventInfo{}
	for _, e := range evs {
		byTitle[e.Title] = e
	}
	if e, ok := byTitle[demoFieldStudy]; ok && e.Coaches == 0 && e.Capacity > 0 { // its coaches, for the boarding lists
		e.CoachSeats = 45
		e.Coaches = (e.Capacity + e.CoachSeats - 1) / e.CoachSeats
		if err := db.SaveEvent(ctx, &e); err != nil {
			return fmt.Errorf("checkin demo: coaches: %w", err)
		}
	}
	if e, ok := byTitle[demoSummit]; ok {
		if err := db.CreateGate(ctx, &store.Gate{EditionID: editionID, Name: DemoDoor, EventID: &e.ID}); err != nil {
			return fmt.Errorf("checkin demo: door: %w", err)
		}
	}
	talent := users[model.RoleTalent]
	// Other talents, in a fixed order, fill the events.
	var others []int64
	for _, t := range c.Talents {
		if id := t.UserID + offset; id != talent {
			others = append(others, id)
		}
	}
	fill := func(title string, before, after []int64) error {
		e, ok := byTitle[title]
		if !ok {
			return nil
		}
		n := 0
		for _, u := range before {
			if _, err := db.RegisterForEvent(ctx, e.ID, u); err != nil {
				return err
			}
		}
		for _, u := range others {
			if n >= e.Capacity-len(before) {
				break
			}
			if _, err := db.RegisterForEvent(ctx, e.ID, u); err != nil {
				return err
			}
			n++
		}
		for _, u := range after {
			if _, err := db.RegisterForEvent(ctx, e.ID, u); err != nil {
				return err
			}
		}
		return nil
	}
	if talent != 0 {
		if err := fill(demoSummit, []int64{talent}, nil); err != nil {
			return fmt.Errorf("checkin demo: %w", err)
		}
	}
	wait := others[min(len(others), 300):min(len(others), 300+demoWaiting)]
	if err := fill(demoForum, nil, wait); err != nil {
		return fmt.Errorf("checkin demo: %w", err)
	}
	if talent != 0 {
		if err := fill(demoFieldStudy, nil, []int64{talent}); err != nil {
			return fmt.Errorf("checkin demo: %w", err)
		}
	}
	return nil
}
