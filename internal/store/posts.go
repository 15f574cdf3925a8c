package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/convene/convene/internal/model"
)

const postCols = `id, org_id, fair_id, session_id, title, description, industry, skills, min_degree, min_experience, city, salary_min, salary_max, headcount, languages, status, created_at, updated_at`

func scanPost(row interface{ Scan(...any) error }) (model.Post, error) {
	var p model.Post
	var sess sql.NullInt64
	err := row.Scan(postDests(&p, &sess)...)
	if sess.Valid {
		p.SessionID = &sess.Int64
	}
	return p, err
}

// postDests are the Scan destinations of postCols.
func postDests(p *model.Post, sess *sql.NullInt64) []any {
	return []any{&p.ID, &p.OrgID, &p.FairID, sess, &p.Title, &p.Description, &p.Industry, scanList(&p.Skills), &p.MinDegree,
		&p.MinExperience, &p.City, &p.SalaryMin, &p.SalaryMax, &p.Headcount, scanList(&p.Languages), &p.Status, &p.CreatedAt, &p.UpdatedAt}
}

var postDetailSQL = `SELECT ` + prefixed("p.", postCols) + `, ` + prefixed("o.", orgCols) + `, ` + prefixed("f.", fairCols) + `
	FROM posts p JOIN organizations o ON o.id = p.org_id JOIN fairs f ON f.id = p.fair_id WHERE p.id = $1`

// PostDetail returns a post with its organization and fair in one query:
// the scan landing's read.
func (db *DB) PostDetail(ctx context.Context, id int64) (model.Post, model.Organization, model.Fair, error) {
	var p model.Post
	var o model.Organization
	var f model.Fair
	var sess, venue sql.NullInt64
	dests := append(postDests(&p, &sess), orgDests(&o)...)
	err := db.r.QueryRowContext(ctx, postDetailSQL, id).Scan(append(dests, fairDests(&f, &venue)...)...)
	if sess.Valid {
		p.SessionID = &sess.Int64
	}
	if venue.Valid {
		f.VenueID = &venue.Int64
	}
	return p, o, f, one(err, "post")
}

// CreatePost adds a validated post.
func (db *DB) CreatePost(ctx context.Context, p *model.Post) error {
	now := db.clock()
	p.CreatedAt, p.UpdatedAt = now, now
	id, err := db.insertID(ctx, db.w, `INSERT INTO posts (org_id, fair_id, session_id, title, description, industry, skills, min_degree, min_experience, city, salary_min, salary_max, headcount, languages, status, created_at, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id`,
		p.OrgID, p.FairID, p.SessionID, p.Title, p.Description, p.Industry, list(p.Skills).String(), p.MinDegree, p.MinExperience,
		p.City, p.SalaryMin, p.SalaryMax, p.Headcount, list(p.Languages).String(), p.Status, now, now)
	p.ID = id
	return err
}

// Post returns one post.
func (db *DB) Post(ctx context.Context, id int64) (model.Post, error) {
	p, err := scanPost(db.r.QueryRowContext(ctx, `SELECT `+postCols+` FROM posts WHERE id = $1`, id))
	return p, one(err, "post")
}

// PostFilter narrows ListPosts.
type PostFilter struct {
	EditionID int64
	FairID    int64
	OrgID     int64
	Status    model.PostStatus
	Query     string
	Limit     int
	Offset    int
}

// ListPosts lists posts, newest first.
// With words in Query it is a full-text search (SearchPosts), best first.
func (db *DB) ListPosts(ctx context.Context, f PostFilter) ([]model.Post, error) {
	if strings.TrimSpace(f.Query) != "" {
		return db.SearchPosts(ctx, PostSearch{EditionID: f.EditionID, FairID: f.FairID, OrgID: f.OrgID, Status: f.Status, Query: f.Query, Limit: f.Limit, Offset: f.Offset})
	}
	var where []string
	var args []any
	if f.EditionID != 0 {
		args = append(args, f.EditionID)
		where = append(where, "fair_id IN (SELECT id FROM fairs WHERE edition_id = "+ph(len(args))+")")
	}
	if f.FairID != 0 {
		args = append(args, f.FairID)
		where = append(where, "fair_id = "+ph(len(args)))
	}
	if f.OrgID != 0 {
		args = append(args, f.OrgID)
		where = append(where, "org_id = "+ph(len(args)))
	}
	if f.Status != "" {
		args = append(args, f.Status)
		where = append(where, "status = "+ph(len(args)))
	}
	limit, offset := page(f.Limit, f.Offset)
	return queryAll(ctx, db.r, scanPost, `SELECT `+postCols+` FROM posts`+whereSQL(where)+` ORDER BY id DESC LIMIT `+itoa(limit)+` OFFSET `+itoa(offset), args...)
}

// Apply records a talent's application to an open post. Applying twice is
// one application: the existing one comes back with created == false.
func (db *DB) Apply(ctx context.Context, talentID, postID int64, ch model.Channel) (a model.Application, created bool, err error) {
	if !ch.Valid() {
		return a, false, model.Errorf(model.Invalid, "err.invalid", "channel", "err.choice")
	}
	// One statement: the scan's hot path (applySQL). On SQLite concurrent
	// applications commit together (applyqueue.go).
	now := db.clock()
	var id int64
	if db.applies != nil {
		if id, err = db.applies.insert(ctx, talentID, postID, ch, now); err == nil && id == 0 {
			err = sql.ErrNoRows
		}
	} else {
		err = db.w.QueryRowContext(ctx, applySQL, talentID, postID, ch, now).Scan(&id)
	}
	switch {
	case err == nil:
		return model.Application{ID: id, TalentID: talentID, PostID: postID, Channel: ch, Status: model.AppApplied, CreatedAt: now, UpdatedAt: now}, true, nil
	case err != sql.ErrNoRows:
		return a, false, db.mapErr(err)
	}
	if a, err = db.ApplicationOf(ctx, talentID, postID); !model.IsNotFound(err) {
		return a, false, err
	}
	var status model.PostStatus
	if err := db.r.QueryRowContext(ctx, `SELECT status FROM posts WHERE id = $1`, postID).Scan(&status); err != nil {
		return a, false, one(err, "post")
	}
	return a, false, model.Errorf(model.Conflict, "err.post_closed")
}

const appCols = `id, talent_id, post_id, channel, status, created_at, updated_at`

func scanApp(row interface{ Scan(...any) error }) (model.Application, error) {
	var a model.Application
	err := row.Scan(&a.ID, &a.TalentID, &a.PostID, &a.Channel, &a.Status, &a.CreatedAt, &a.UpdatedAt)
	return a, err
}

// AppliedPosts maps each post a talent has applied to to the application's status.
func (db *DB) AppliedPosts(ctx context.Context, talentID int64) (map[int64]model.AppStatus, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT post_id, status FROM applications WHERE talent_id = $1`, talentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64]model.AppStatus{}
	for rows.Next() {
		var id int64
		var st model.AppStatus
		if err := rows.Scan(&id, &st); err != nil {
			return nil, err
		}
		m[id] = st
	}
	return m, rows.Err()
}

// ApplicationsOfTalent lists a talent's applications, newest first.
func (db *DB) ApplicationsOfTalent(ctx context.Context, talentID int64) ([]model.Application, error) {
	return queryAll(ctx, db.r, scanApp, `SELECT `+appCols+` FROM applications WHERE talent_id = $1 ORDER BY id DESC`, talentID)
}

// ApplicationsOfOrg lists the applications to an organization's posts.
func (db *DB) ApplicationsOfOrg(ctx context.Context, orgID int64, limit, offset int) ([]model.Application, error) {
	limit, offset = page(limit, offset)
	return queryAll(ctx, db.r, scanApp, `SELECT a.id, a.talent_id, a.post_id, a.channel, a.status, a.created_at, a.updated_at
		FROM applications a JOIN posts p ON p.id = a.post_id WHERE p.org_id = $1 ORDER BY a.id DESC LIMIT `+itoa(limit)+` OFFSET `+itoa(offset), orgID)
}
