package store

import (
	"context"
	"database/sql"

	"github.com/convene/convene/internal/model"
)

const projectCols = `id, edition_id, source, owner_user_id, org_id, title, title_zh, summary, field, stage, funding_sought, created_at, withdrawn_at, summary_zh, team, ip_status, visibility, deck_file`

func scanProject(row interface{ Scan(...any) error }) (model.Project, error) {
	var p model.Project
	var owner, org sql.NullInt64
	var out sql.NullTime
	err := row.Scan(&p.ID, &p.EditionID, &p.Source, &owner, &org, &p.Title, &p.TitleZH, &p.Summary, &p.Field, &p.Stage, &p.FundingSought, &p.CreatedAt, &out,
		&p.SummaryZH, &p.Team, &p.IPStatus, &p.Visibility, &p.DeckFile)
	if out.Valid {
		t := out.Time.UTC()
		p.WithdrawnAt = &t
	}
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
	return db.tx(ctx, func(tx txq) error {
		return db.insertProject(ctx, tx, p)
	})
}

func (db *DB) insertProject(ctx context.Context, tx txq, p *model.Project) error {
	p.CreatedAt = db.clock()
	projectDefaults(p)
	id, err := db.insertID(ctx, tx, `INSERT INTO projects (edition_id, source, owner_user_id, org_id, title, title_zh, summary, field, stage, funding_sought, created_at,
			summary_zh, team, ip_status, visibility)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id`,
		p.EditionID, p.Source, p.OwnerUserID, p.OrgID, p.Title, p.TitleZH, p.Summary, p.Field, p.Stage, p.FundingSought, p.CreatedAt,
		p.SummaryZH, p.Team, p.IPStatus, p.Visibility)
	p.ID = id
	return err
}

// projectDefaults fills what a project made without its form (imports,
// generated conventions, tests) leaves empty, as Validate would.
func projectDefaults(p *model.Project) {
	if p.Stage == "" {
		p.Stage = "idea"
	}
	if p.IPStatus == "" {
		p.IPStatus = model.IPNone
	}
	if p.Visibility == "" {
		p.Visibility = model.VisibilityPublic
	}
}

// UpdateProject saves a project's details (not its source, owner or
// edition) once Validate passes: its owner, a member of the delegation that
// brought it, or an organizer may, in one conditional statement, so an edit
// and a withdrawal at once never leave a withdrawn project edited. Anyone
// else finds no project; a withdrawn one is a conflict. Bad input changes
// nothing.
func (db *DB) UpdateProject(ctx context.Context, p *model.Project, byUserID int64) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.tx(ctx, func(tx txq) error {
		u, err := db.user(ctx, tx, byUserID)
		if err != nil {
			return err
		}
		// A person's project may change between a talent team's and an
		// expert program's; a delegation's or a contest's keeps its source.
		q, args := mayEdit(`UPDATE projects SET title = $2, title_zh = $3, summary = $4, summary_zh = $5, field = $6, stage = $7,
			funding_sought = $8, team = $9, ip_status = $10, visibility = $11,
			source = CASE WHEN source IN ('talent','expert_program') AND $12 IN ('talent','expert_program') THEN $12 ELSE source END
			WHERE id = $1 AND withdrawn_at IS NULL`, u,
			p.ID, p.Title, p.TitleZH, p.Summary, p.SummaryZH, p.Field, p.Stage, p.FundingSought, p.Team, p.IPStatus, p.Visibility, string(p.Source))
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return db.mapErr(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return refusedEdit(ctx, tx, p.ID, u)
		}
		return db.audit(ctx, tx, u.ID, "project.update", "project", p.ID, "")
	})
}

// mayEdit narrows a statement on projects (q, its WHERE last, with args)
// to those u may change: an organizer any, anyone else the projects
// ownedBy them.
func mayEdit(q string, u model.User, args ...any) (string, []any) {
	if u.Role == model.RoleOrganizer {
		return q, args
	}
	return q + ` AND ` + ownedBy(ph(len(args)+1)), append(args, u.ID)
}

// refusedEdit says why a change of a project by u touched no row: u may
// not see it (not found) or it was withdrawn (a conflict).
func refusedEdit(ctx context.Context, tx txq, projectID int64, u model.User) error {
	var out sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT withdrawn_at FROM projects WHERE id = $1 AND (`+ownedBy("$2")+` OR $3)`,
		projectID, u.ID, u.Role == model.RoleOrganizer).Scan(&out)
	if err != nil {
		return one(err, "project")
	}
	return model.Errorf(model.Conflict, "err.project.withdrawn")
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

// WithdrawProject takes a project out of the convention: from then on it
// enters no contest and starts no docking (what happened before stays).
// Its owner, a member of the delegation that brought it, or an organizer
// may; withdrawing twice is a conflict.
func (db *DB) WithdrawProject(ctx context.Context, projectID, byUserID int64) error {
	return db.tx(ctx, func(tx txq) error {
		u, err := db.user(ctx, tx, byUserID)
		if err != nil {
			return err
		}
		q, args := mayEdit(`UPDATE projects SET withdrawn_at = $2 WHERE id = $1 AND withdrawn_at IS NULL`, u, projectID, db.clock())
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return db.mapErr(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return refusedEdit(ctx, tx, projectID, u)
		}
		return db.audit(ctx, tx, u.ID, "project.withdraw", "project", projectID, "")
	})
}

// liveProject holds the project's row until the transaction ends and
// refuses a withdrawn one: a docking or an entry and a withdrawal at once
// serialize on the row, so none is made for a project already withdrawn.
func liveProject(ctx context.Context, tx txq, projectID int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE projects SET withdrawn_at = withdrawn_at WHERE id = $1 AND withdrawn_at IS NULL`, projectID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return model.Errorf(model.Conflict, "err.project.withdrawn")
	}
	return nil
}

// ImportProjects adds checked projects in one transaction, all or none,
// each brought by an existing organization.
func (db *DB) ImportProjects(ctx context.Context, ps []model.Project, by int64) error {
	return db.tx(ctx, func(tx txq) error {
		for i := range ps {
			if err := db.insertProject(ctx, tx, &ps[i]); err != nil {
				return db.mapErr(err)
			}
		}
		return db.audit(ctx, tx, by, "project.import", "edition", ps[0].EditionID, itoa(len(ps)))
	})
}

// SelectedProjects are an edition's projects selected in a decided contest
// and not withdrawn: the ones counterparts (parks, investors, enterprises)
// ask to meet, as the model convention's 107 selected projects went to
// docking.
func (db *DB) SelectedProjects(ctx context.Context, editionID int64) ([]model.Project, error) {
	return queryAll(ctx, db.r, scanProject, `SELECT `+projectCols+` FROM projects p WHERE p.edition_id = $1 AND p.withdrawn_at IS NULL
		AND EXISTS (SELECT 1 FROM entries e JOIN contests c ON c.id = e.contest_id WHERE e.project_id = p.id AND e.status = 'selected' AND c.state = 'decided')
		ORDER BY p.id LIMIT 500`, editionID)
}
