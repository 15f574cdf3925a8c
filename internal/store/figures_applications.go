package store

import (
	"context"
	"database/sql"
	"fmt"
)

// ApplicationFigureNames are the figures that read the edition's
// applications: ApplicationFigures computes them together.
var ApplicationFigureNames = []string{"applications.by_channel", "applications.by_hour", "cvs.overseas"}

// ApplicationFigures computes the figures of ApplicationFigureNames in one
// query, with the same rows as Figure gives each: the edition's
// applications are found once (the edition's posts hashed, the
// applications read) and the three counts are taken from that one set.
// Run one by one, each read every application (~530,000 at scale 10, both
// editions) and hashed the edition's ~100,000 posts: 1.5 s of
// Compute's 4 s on PostgreSQL at scale 10 (issue 19, docs/benchmarks.md).
// A WITH referred to three times is computed once on both databases.
func (db *DB) ApplicationFigures(ctx context.Context, a FigureArgs) (map[string][]FigureRow, error) {
	hour := db.hourSQL("x.created_at")
	q := `WITH x AS (SELECT a.channel, a.created_at, a.talent_id FROM applications a WHERE a.post_id IN (` + editionPosts + `))
		SELECT 'applications.by_channel', x.channel, count(*) FROM x GROUP BY x.channel
		UNION ALL
		SELECT 'applications.by_hour', ` + hour + `, count(*) FROM x WHERE x.created_at >= $2 AND x.created_at < $3 GROUP BY ` + hour + `
		UNION ALL
		SELECT 'cvs.overseas', '', count(*) FROM talents t WHERE t.category = 'overseas' AND t.cv_file <> '' AND t.id IN (SELECT x.talent_id FROM x)`
	rows, err := db.r.QueryContext(ctx, q, a.EditionID, a.Start.UTC(), a.Close.UTC())
	if err != nil {
		return nil, fmt.Errorf("application figures: %w", err)
	}
	defer rows.Close()
	out := make(map[string][]FigureRow, len(ApplicationFigureNames))
	for rows.Next() {
		var name string
		var key sql.NullString
		var v sql.NullFloat64
		if err := rows.Scan(&name, &key, &v); err != nil {
			return nil, fmt.Errorf("application figures: %w", err)
		}
		out[name] = append(out[name], FigureRow{Key: key.String, Value: v.Float64})
	}
	return out, rows.Err()
}
