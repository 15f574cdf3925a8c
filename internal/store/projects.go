package store

import (
	"context"
	"database/sql"

	"github.com/convene/convene/internal/model"
)

const projectCols = `id, edition_id, source, owner_user_id, org_id, title, title_zh, summary, field, stage, funding_sought, created_at`

func scanProject(row interface{ Scan(...any) error }) (model.Project, error) {
	var p model.Project
	var owner, org sql.NullInt64
	err := row.Scan(&p.ID, &p.EditionID, &p.Source, &owner, &org, &p.Title, &p.TitleZH, &p.Summary, &p.Field, &p.Stage, &p.FundingSought, &p.CreatedAt)
	if owner.Valid {
		p.OwnerUserID = &owner.Int64
	}
	if org.Valid {
		p.OrgID = &org.Int64
	}
	return p, err
}

// CreateProject adds a project to an edition.
func (db *DB) CreateProject(ctx context.Context, p *model.Project) error {
	p.CreatedAt = db.clock()
	if p.Stage == "" {
		p.Stage = "idea"
	}
	id, err := db.insertID(ctx, db.w, `INSERT INTO projects (edition_id, source, owner_user_id, org_id, title, title_zh, summary, field, stage, funding_sought, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
		p.EditionID, p.Source, p.OwnerUserID, p.OrgID, p.Title, p.TitleZH, p.Summary, p.Field, p.Stage, p.FundingSought, p.CreatedAt)
	p.ID = id
	return err
}

// ProjectFilter narrows ListProjects; zero fields match all.
type ProjectFilter struct {
	EditionID   int64
	OrgID       int64
	OwnerUserID int64
	Limit       int
	Offset      int
}

// ListProjects lists projects, newest first.
func (db *DB) ListProjects(ctx context.Context, f ProjectFilter) ([]model.Project, error) {
	var c conds
	for _, w := range []struct {
		col string
		v   int64
	}{{"edition_id", f.EditionID}, {"org_id", f.OrgID}, {"owner_user_id", f.OwnerUserID}} {
		if w.v != 0 {
			c.add(w.col+" = ?", w.v)
		}
	}
	limit, offset := page(f.Limit, f.Offset)
	return queryAll(ctx, db.r, scanProject, `SELECT `+projectCols+` FROM projects`+c.sql()+` ORDER BY id DESC LIMIT `+itoa(limit)+` OFFSET `+itoa(offset), c.args...)
}
