package store

import (
	"context"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
)

// ReportSnapshot is a published post-convention report, frozen.
type ReportSnapshot struct {
	ID, EditionID    int64
	Version          int
	Figures          string // JSON: what the report was computed from
	PressZH, PressEN string
	PublishedBy      int64
	PublishedAt      time.Time
}

// maxPress bounds a press release (characters).
const maxPress = 20000

// PublishReport freezes a report as the edition's next version. Two
// organizers publishing at once both get a version: the number is taken
// in the transaction and the unique (edition, version) index turns a race
// into a conflict rather than a duplicate.
func (db *DB) PublishReport(ctx context.Context, s *ReportSnapshot) error {
	s.PressZH, s.PressEN = strings.TrimSpace(s.PressZH), strings.TrimSpace(s.PressEN)
	p := model.Problems{}
	if len([]rune(s.PressZH)) > maxPress {
		p.Add("press_zh", "err.too_long")
	}
	if len([]rune(s.PressEN)) > maxPress {
		p.Add("press_en", "err.too_long")
	}
	if s.Figures == "" {
		p.Add("figures", "err.required")
	}
	if err := p.Err(); err != nil {
		return err
	}
	s.PublishedAt = db.clock()
	return db.tx(ctx, func(tx txq) error {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) + 1 FROM report_snapshots WHERE edition_id = $1`, s.EditionID).Scan(&s.Version); err != nil {
			return err
		}
		var by any
		if s.PublishedBy != 0 {
			by = s.PublishedBy
		}
		id, err := db.insertID(ctx, tx, `INSERT INTO report_snapshots (edition_id, version, figures, press_zh, press_en, published_by, published_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, s.EditionID, s.Version, s.Figures, s.PressZH, s.PressEN, by, s.PublishedAt)
		if err != nil {
			return db.mapErr(err)
		}
		s.ID = id
		return db.audit(ctx, tx, s.PublishedBy, "report.publish", "edition", s.EditionID, "version "+itoa(s.Version))
	})
}

// LatestReport is the edition's newest published report.
func (db *DB) LatestReport(ctx context.Context, editionID int64) (ReportSnapshot, error) {
	var s ReportSnapshot
	var by *int64
	err := db.r.QueryRowContext(ctx, `SELECT id, edition_id, version, figures, press_zh, press_en, published_by, published_at
		FROM report_snapshots WHERE edition_id = $1 ORDER BY version DESC LIMIT 1`, editionID).
		Scan(&s.ID, &s.EditionID, &s.Version, &s.Figures, &s.PressZH, &s.PressEN, &by, &s.PublishedAt)
	if by != nil {
		s.PublishedBy = *by
	}
	return s, one(err, "report")
}
