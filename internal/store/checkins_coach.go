package store

import (
	"context"
	"strconv"

	"github.com/convene/convene/internal/seating"
)

// BoardingGroups are a field study's registered people as the coaches
// seat them: an organization's members together, everyone else alone, in
// registration order. The boarding list and a coach's gate both use it.
func BoardingGroups(bs []Boarder) []seating.Group {
	var groups []seating.Group
	at := map[int64]int{} // organization → its group
	for _, b := range bs {
		if b.OrgID == 0 {
			groups = append(groups, seating.Group{Key: "u" + strconv.FormatInt(b.UserID, 10), Members: []int64{b.UserID}})
			continue
		}
		i, ok := at[b.OrgID]
		if !ok {
			i = len(groups)
			at[b.OrgID] = i
			groups = append(groups, seating.Group{Key: "o" + strconv.FormatInt(b.OrgID, 10)})
		}
		groups[i].Members = append(groups[i].Members, b.UserID)
	}
	return groups
}

// coachPlan reads a field study's boarding lists in q: each registered
// person and their coach (1-based), 0 for one no coach has a seat for.
func (db *DB) coachPlan(ctx context.Context, q queryer, eventID int64) (map[int64]int, error) {
	var n, seats int
	if err := q.QueryRowContext(ctx, `SELECT coaches, coach_seats FROM events WHERE id = $1`, eventID).Scan(&n, &seats); err != nil {
		return nil, one(err, "event")
	}
	bs, err := boarders(ctx, q, eventID)
	if err != nil {
		return nil, err
	}
	coaches, left := seating.Coaches(BoardingGroups(bs), n, seats)
	plan := make(map[int64]int, len(bs))
	for i, c := range coaches {
		for _, u := range c {
			plan[u] = i + 1
		}
	}
	for _, u := range left {
		plan[u] = 0
	}
	return plan, nil
}
