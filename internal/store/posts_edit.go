package store

import (
	"context"

	"github.com/convene/convene/internal/model"
)

// UpdatePost saves a validated post of its organization: the post must
// belong to p.OrgID, else it is not found (an enterprise cannot reach
// another's post through the store either).
func (db *DB) UpdatePost(ctx context.Context, p *model.Post) error {
	p.UpdatedAt = db.clock()
	return db.execOne(ctx, db.w, "post", `UPDATE posts SET fair_id=$1, session_id=$2, title=$3, description=$4, industry=$5, skills=$6,
		min_degree=$7, min_experience=$8, city=$9, salary_min=$10, salary_max=$11, headcount=$12, languages=$13, status=$14, updated_at=$15
		WHERE id=$16 AND org_id=$17`,
		p.FairID, p.SessionID, p.Title, p.Description, p.Industry, list(p.Skills).String(), p.MinDegree, p.MinExperience, p.City,
		p.SalaryMin, p.SalaryMax, p.Headcount, list(p.Languages).String(), p.Status, p.UpdatedAt, p.ID, p.OrgID)
}

// SetPostStatus closes or reopens an organization's post.
func (db *DB) SetPostStatus(ctx context.Context, orgID, postID int64, s model.PostStatus) error {
	if !s.Valid() {
		return model.Errorf(model.Invalid, "err.invalid", "status", "err.choice")
	}
	return db.execOne(ctx, db.w, "post", `UPDATE posts SET status=$1, updated_at=$2 WHERE id=$3 AND org_id=$4`, s, db.clock(), postID, orgID)
}

// ImportPosts adds validated posts in one transaction: all or none.
func (db *DB) ImportPosts(ctx context.Context, posts []model.Post) error {
	return db.tx(ctx, func(tx txq) error {
		now := db.clock()
		for i := range posts {
			p := &posts[i]
			p.CreatedAt, p.UpdatedAt = now, now
			id, err := db.insertID(ctx, tx, `INSERT INTO posts (org_id, fair_id, session_id, title, description, industry, skills, min_degree, min_experience, city, salary_min, salary_max, headcount, languages, status, created_at, updated_at)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id`,
				p.OrgID, p.FairID, p.SessionID, p.Title, p.Description, p.Industry, list(p.Skills).String(), p.MinDegree, p.MinExperience,
				p.City, p.SalaryMin, p.SalaryMax, p.Headcount, list(p.Languages).String(), p.Status, now, now)
			if err != nil {
				return err
			}
			p.ID = id
		}
		return nil
	})
}

// RemoteSession returns one remote session.
func (db *DB) RemoteSession(ctx context.Context, id int64) (model.RemoteSession, error) {
	s, err := scanSession(db.r.QueryRowContext(ctx, `SELECT id, fair_id, location, time_zone, starts_at, ends_at FROM remote_sessions WHERE id = $1`, id))
	return s, one(err, "remote_session")
}
