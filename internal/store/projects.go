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
	var where []string
	var args []any
	for _, c := range []struct {
		col string
		v   int64
	}{{"edition_id", f.EditionID}, {"org_id", f.OrgID}, {"owner_user_id", f.OwnerUserID}} {
		if c.v != 0 {
			args = append(args, c.v)
			where = append(where, c.col+" = "+ph(len(args)))
		}
	}
	limit, offset := page(f.Limit, f.Offset)
	return queryAll(ctx, db.r, scanProject, `SELECT `+projectCols+` FROM projects`+whereSQL(where)+` ORDER BY id DESC LIMIT `+itoa(limit)+` OFFSET `+itoa(offset), args...)
}

// CreateEvent adds a summit, forum or activity.
func (db *DB) CreateEvent(ctx context.Context, e *model.Event) error {
	id, err := db.insertID(ctx, db.w, `INSERT INTO events (edition_id, kind, title, title_zh, topics, speakers, room, starts_at, ends_at, capacity)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
		e.EditionID, e.Kind, e.Title, e.TitleZH, list(e.Topics).String(), list(e.Speakers).String(), e.Room, e.StartsAt.UTC(), e.EndsAt.UTC(), e.Capacity)
	e.ID = id
	return err
}

func scanEvent(row interface{ Scan(...any) error }) (model.Event, error) {
	var e model.Event
	err := row.Scan(&e.ID, &e.EditionID, &e.Kind, &e.Title, &e.TitleZH, scanList(&e.Topics), scanList(&e.Speakers), &e.Room, &e.StartsAt, &e.EndsAt, &e.Capacity)
	e.StartsAt, e.EndsAt = e.StartsAt.UTC(), e.EndsAt.UTC()
	return e, err
}

// ListEvents lists an edition's events in time order.
func (db *DB) ListEvents(ctx context.Context, editionID int64) ([]model.Event, error) {
	return queryAll(ctx, db.r, scanEvent, `SELECT id, edition_id, kind, title, title_zh, topics, speakers, room, starts_at, ends_at, capacity
		FROM events WHERE edition_id = $1 ORDER BY starts_at, id`, editionID)
}

// Counts are the home page's live counters.
type Counts struct {
	Talents, Enterprises, Delegations, Posts, Applications, Projects, Events, Booths int
}

// Counts totals an edition (accounts and organizations are not per edition).
func (db *DB) Counts(ctx context.Context, editionID int64) (Counts, error) {
	var c Counts
	err := db.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM talents),
		(SELECT count(*) FROM organizations WHERE kind = 'enterprise' AND status = 'approved'),
		(SELECT count(*) FROM organizations WHERE kind = 'delegation' AND status = 'approved'),
		(SELECT count(*) FROM posts p JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = $1),
		(SELECT count(*) FROM applications a JOIN posts p ON p.id = a.post_id JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = $1),
		(SELECT count(*) FROM projects WHERE edition_id = $1),
		(SELECT count(*) FROM events WHERE edition_id = $1),
		(SELECT count(*) FROM booths b JOIN areas a ON a.id = b.area_id JOIN halls h ON h.id = a.hall_id JOIN venues v ON v.id = h.venue_id WHERE v.edition_id = $1)`,
		editionID).Scan(&c.Talents, &c.Enterprises, &c.Delegations, &c.Posts, &c.Applications, &c.Projects, &c.Events, &c.Booths)
	return c, err
}

// AuditEntries lists the newest audit entries.
func (db *DB) AuditEntries(ctx context.Context, limit int) ([]model.AuditEntry, error) {
	limit, _ = page(limit, 0)
	return queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (model.AuditEntry, error) {
		var a model.AuditEntry
		var u sql.NullInt64
		err := r.Scan(&a.ID, &u, &a.Action, &a.Subject, &a.Detail, &a.At)
		if u.Valid {
			a.UserID = &u.Int64
		}
		return a, err
	}, `SELECT id, user_id, action, subject, detail, at FROM audit_log ORDER BY id DESC LIMIT `+itoa(limit))
}
