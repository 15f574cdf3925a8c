package gen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/convene/convene/internal/booth/boothrun"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// Exhibition demo (issue 15): every delegation asks for a block in its
// province's area and enterprises ask for booths in the job fair areas, so
// demand exceeds supply; each province's group gets 80% of its area; the
// allocation runs with a published seed and is published, so exhibitors
// see their booths, their outcomes and the waitlist.

// DemoBoothSeed is the demo's published lottery seed.
const DemoBoothSeed = 20171217

// maxDemoBoothRequests keeps the demo's load quick at large scales.
const maxDemoBoothRequests = 3000

// loadExhibition runs after the bulk load, through the store's operations
// and the allocation service, as the site does.
func loadExhibition(ctx context.Context, db *store.DB, c *Convention, editionID int64) error {
	if len(c.Booths) == 0 { // no floor plan, no exhibition
		return nil
	}
	plan, err := db.PlanBooths(ctx, editionID, time.Now())
	if err != nil || len(plan) == 0 {
		return err
	}
	// The database id of an organization is its convention id plus one
	// offset, read from any member.
	var offset int64
	for _, u := range c.Users {
		if u.OrgID == nil {
			continue
		}
		du, _, err := db.UserByEmail(ctx, u.Email)
		if err != nil || du.OrgID == nil {
			return fmt.Errorf("exhibition demo: %s: %v", u.Email, err)
		}
		offset = *du.OrgID - *u.OrgID
		break
	}
	type areaInfo struct {
		id     int64
		booths int
	}
	areas := map[string]areaInfo{} // by name
	var province []string
	for _, b := range plan {
		a, ok := areas[b.Area]
		if !ok && b.AreaKind == model.AreaProvince {
			province = append(province, b.Area)
		}
		a.id, a.booths = b.AreaID, a.booths+1
		areas[b.Area] = a
	}
	areaOf := func(prefix string) (areaInfo, bool) {
		for name, a := range areas {
			if strings.HasPrefix(name, prefix) {
				return a, true
			}
		}
		return areaInfo{}, false
	}
	if err := db.SetBoothExhibition(ctx, store.Exhibition{EditionID: editionID, Seed: DemoBoothSeed, HoldSeconds: 48 * 3600}, 0); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(uint64(c.Seed), 15))
	n := 0
	groups := map[string]int64{}
	lastOf := map[[2]any]int64{} // (area, industry) → the last enterprise that filed
	for _, o := range c.Orgs {
		if n >= maxDemoBoothRequests || o.Status != model.OrgApproved {
			continue
		}
		q := store.BoothRequest{EditionID: editionID, OrgID: o.ID + offset, Priority: r.IntN(3)}
		switch {
		case o.Kind == model.OrgDelegation:
			a, ok := areaOf(o.Province + " area")
			if !ok {
				continue
			}
			q.AreaID, q.Group, q.Count = a.id, o.Province, min(a.booths, 3+r.IntN(5))
			q.Entrance = r.IntN(3) == 0
			groups[o.Province] = a.id
		case o.Kind == model.OrgEnterprise:
			prefix := "High-skilled"
			if o.Global500 || r.IntN(2) == 0 {
				prefix = "Overseas Talent Job Fair"
			}
			a, ok := areaOf(prefix)
			if !ok {
				continue
			}
			q.AreaID, q.Count = a.id, 1+r.IntN(2)
			if o.Global500 {
				q.Priority, q.Count, q.Corner = 3, 2, true
			}
			// Every fourth enterprise keeps the last one of its industry
			// that filed in its area away from its booths.
			if k := [2]any{q.AreaID, o.Industry}; n%4 == 3 && lastOf[k] != 0 {
				q.Avoid = []store.BoothOrg{{ID: lastOf[k]}}
			}
			lastOf[[2]any{q.AreaID, o.Industry}] = q.OrgID
		default:
			continue
		}
		if err := db.CreateBoothRequest(ctx, &q); err != nil {
			return fmt.Errorf("exhibition demo: request: %w", err)
		}
		n++
	}
	for g, area := range groups {
		if err := db.SetBoothQuota(ctx, editionID, store.BoothQuota{Group: g, AreaID: area, Percent: 80}, 0); err != nil {
			return fmt.Errorf("exhibition demo: quota: %w", err)
		}
	}
	if _, err := boothrun.Run(ctx, db, editionID, 0); err != nil {
		return fmt.Errorf("exhibition demo: run: %w", err)
	}
	return db.PublishBooths(ctx, editionID, time.Now().Add(14*24*time.Hour), 0)
}
