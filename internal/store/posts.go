package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
)

const postCols = `id, org_id, fair_id, session_id, title, description, industry, skills, min_degree, min_experience, city, salary_min, salary_max, headcount, languages, status, created_at, updated_at, title_zh, description_zh`

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
		&p.MinExperience, &p.City, &p.SalaryMin, &p.SalaryMax, &p.Headcount, scanList(&p.Languages), &p.Status, &p.CreatedAt, &p.UpdatedAt, &p.TitleZH, &p.DescriptionZH}
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
	id, err := db.insertID(ctx, db.w, `INSERT INTO posts (org_id, fair_id, session_id, title, description, industry, skills, min_degree, min_experience, city, salary_min, salary_max, headcount, languages, status, created_at, updated_at, title_zh, description_zh)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19) RETURNING id`,
		p.OrgID, p.FairID, p.SessionID, p.Title, p.Description, p.Industry, list(p.Skills).String(), p.MinDegree, p.MinExperience,
		p.City, p.SalaryMin, p.SalaryMax, p.Headcount, list(p.Languages).String(), p.Status, now, now, p.TitleZH, p.DescriptionZH)
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
	var c conds
	if f.EditionID != 0 {
		c.add("fair_id IN (SELECT id FROM fairs WHERE edition_id = ?)", f.EditionID)
	}
	if f.FairID != 0 {
		c.add("fair_id = ?", f.FairID)
	}
	if f.OrgID != 0 {
		c.add("org_id = ?", f.OrgID)
	}
	if f.Status != "" {
		c.add("status = ?", f.Status)
	}
	limit, offset := page(f.Limit, f.Offset)
	return queryAll(ctx, db.r, scanPost, `SELECT `+postCols+` FROM posts`+c.sql()+` ORDER BY id DESC LIMIT `+itoa(limit)+` OFFSET `+itoa(offset), c.args...)
}

// UpdatePost saves a validated post of its organization: the post must
// belong to p.OrgID, else it is not found (an enterprise cannot reach
// another's post through the store either).
func (db *DB) UpdatePost(ctx context.Context, p *model.Post) error {
	p.UpdatedAt = db.clock()
	return db.execOne(ctx, db.w, "post", `UPDATE posts SET fair_id=$1, session_id=$2, title=$3, description=$4, industry=$5, skills=$6,
		min_degree=$7, min_experience=$8, city=$9, salary_min=$10, salary_max=$11, headcount=$12, languages=$13, status=$14, updated_at=$15,
		title_zh=$18, description_zh=$19 WHERE id=$16 AND org_id=$17`,
		p.FairID, p.SessionID, p.Title, p.Description, p.Industry, list(p.Skills).String(), p.MinDegree, p.MinExperience, p.City,
		p.SalaryMin, p.SalaryMax, p.Headcount, list(p.Languages).String(), p.Status, p.UpdatedAt, p.ID, p.OrgID, p.TitleZH, p.DescriptionZH)
}

// SetPostStatus closes or reopens an organization's post.
func (db *DB) SetPostStatus(ctx context.Context, orgID, postID int64, s model.PostStatus) error {
	if !s.Valid() {
		return model.Errorf(model.Invalid, "err.invalid", "status", "err.choice")
	}
	// Reopening needs an approved organization; the organization's row is
	// read under a share lock on PostgreSQL so a rejection committing at
	// the same moment (which closes the posts) cannot be undone by it.
	return db.tx(ctx, func(tx txq) error {
		lock := ""
		if db.dialect == postgresDialect {
			lock = " FOR SHARE"
		}
		var st model.OrgStatus
		if err := tx.QueryRowContext(ctx, `SELECT status FROM organizations WHERE id = $1`+lock, orgID).Scan(&st); err != nil {
			return one(err, "organization")
		}
		if s == model.PostOpen && st != model.OrgApproved {
			return model.Errorf(model.Forbidden, "err.org_not_approved")
		}
		return db.execOne(ctx, tx, "post", `UPDATE posts SET status=$1, updated_at=$2 WHERE id=$3 AND org_id=$4`, s, db.clock(), postID, orgID)
	})
}

// ImportPosts adds validated posts in one transaction: all or none.
func (db *DB) ImportPosts(ctx context.Context, posts []model.Post) error {
	return db.tx(ctx, func(tx txq) error {
		now := db.clock()
		for i := range posts {
			p := &posts[i]
			p.CreatedAt, p.UpdatedAt = now, now
			id, err := db.insertID(ctx, tx, `INSERT INTO posts (org_id, fair_id, session_id, title, description, industry, skills, min_degree, min_experience, city, salary_min, salary_max, headcount, languages, status, created_at, updated_at, title_zh, description_zh)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19) RETURNING id`,
				p.OrgID, p.FairID, p.SessionID, p.Title, p.Description, p.Industry, list(p.Skills).String(), p.MinDegree, p.MinExperience,
				p.City, p.SalaryMin, p.SalaryMax, p.Headcount, list(p.Languages).String(), p.Status, now, now, p.TitleZH, p.DescriptionZH)
			if err != nil {
				return err
			}
			p.ID = id
		}
		return nil
	})
}

// MatchPost is a post's matching fields and the edition of its fair.
type MatchPost struct {
	model.Post // ID, OrgID, FairID, Industry, Skills, MinDegree, MinExperience, City, Headcount, Languages, Status, UpdatedAt
	EditionID  int64
}

// PostCard is a post as a recommendation shows it.
type PostCard struct {
	ID                 int64
	Title, TitleZH     string
	City               string
	Status             model.PostStatus
	OrgID              int64
	OrgName, OrgNameZH string
}

const matchPostCols = `p.id, p.org_id, p.fair_id, p.industry, p.skills, p.min_degree, p.min_experience, p.city, p.headcount, p.languages, p.status, p.updated_at, f.edition_id`

func scanMatchPost(row interface{ Scan(...any) error }) (MatchPost, error) {
	var p MatchPost
	err := row.Scan(&p.ID, &p.OrgID, &p.FairID, &p.Industry, scanList(&p.Skills), &p.MinDegree, &p.MinExperience, &p.City,
		&p.Headcount, scanList(&p.Languages), &p.Status, &p.UpdatedAt, &p.EditionID)
	return p, err
}

// MatchOpenPosts returns the matching fields of the edition's open posts
// (internal/recommend reads them compactly: only the fields a score uses).
func (db *DB) MatchOpenPosts(ctx context.Context, editionID int64) ([]MatchPost, error) {
	return queryAll(ctx, db.r, scanMatchPost, `SELECT `+matchPostCols+` FROM posts p JOIN fairs f ON f.id = p.fair_id
		WHERE f.edition_id = $1 AND p.status = 'open' ORDER BY p.id`, editionID)
}

// MatchPostsSince returns the posts of any edition and status changed at
// or after since, so a poll sees closures and moves between editions.
func (db *DB) MatchPostsSince(ctx context.Context, since time.Time) ([]MatchPost, error) {
	return queryAll(ctx, db.r, scanMatchPost, `SELECT `+matchPostCols+` FROM posts p JOIN fairs f ON f.id = p.fair_id
		WHERE p.updated_at >= $1 ORDER BY p.id`, since.UTC())
}

// PostCards returns what a recommendation shows of posts, by id, in no set
// order; ids not found are left out.
func (db *DB) PostCards(ctx context.Context, ids []int64) ([]PostCard, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, arg := db.inIDs("p.id", 1, ids)
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (PostCard, error) {
		var c PostCard
		err := row.Scan(&c.ID, &c.Title, &c.City, &c.Status, &c.OrgID, &c.OrgName, &c.OrgNameZH, &c.TitleZH)
		return c, err
	}, `SELECT p.id, p.title, p.city, p.status, o.id, o.name, o.name_zh, p.title_zh
		FROM posts p JOIN organizations o ON o.id = p.org_id WHERE `+in, arg)
}
