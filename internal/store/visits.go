package store

import (
	"context"
	"fmt"

	"github.com/convene/convene/internal/model"
)

// AddVisits adds counts (VisitCount is in bulk.go; Day is in the edition's
// time zone, "2006-01-02"): one upsert per key, all in one transaction, so a
// batch of a second's visits costs one commit.
func (db *DB) AddVisits(ctx context.Context, vs []VisitCount) error {
	if len(vs) == 0 {
		return nil
	}
	return db.tx(ctx, func(tx txq) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO visits (target_kind, target_id, day, channel, count) VALUES ($1,$2,$3,$4,$5)
			ON CONFLICT (target_kind, target_id, day, channel) DO UPDATE SET count = visits.count + excluded.count`)
		if err != nil {
			return db.mapErr(err)
		}
		defer st.Close()
		for _, v := range vs {
			if _, err := st.ExecContext(ctx, v.TargetKind, v.TargetID, v.Day, v.Channel, v.Count); err != nil {
				return fmt.Errorf("visit %s %d: %w", v.TargetKind, v.TargetID, db.mapErr(err))
			}
		}
		return nil
	})
}

// Visits lists a target's counts, by day then channel.
func (db *DB) Visits(ctx context.Context, kind string, targetID int64) ([]VisitCount, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (VisitCount, error) {
		var v VisitCount
		err := row.Scan(&v.TargetKind, &v.TargetID, &v.Day, &v.Channel, &v.Count)
		return v, err
	}, `SELECT target_kind, target_id, day, channel, count FROM visits WHERE target_kind = $1 AND target_id = $2 ORDER BY day, channel`, kind, targetID)
}

// VisitCount is one row of the visits table: views of a target on a day
// through a channel.
type VisitCount struct {
	TargetKind string
	TargetID   int64
	Day        string
	Channel    model.Channel
	Count      int
}
