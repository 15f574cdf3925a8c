package store

import (
	"context"
	"database/sql"

	"github.com/convene/convene/internal/model"
)

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

// ApplicationsToOrg counts the applications to the organization's posts,
// of every edition: the number its members' home shows.
func (db *DB) ApplicationsToOrg(ctx context.Context, orgID int64) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM applications a JOIN posts p ON p.id = a.post_id WHERE p.org_id = $1`, orgID).Scan(&n)
	return n, err
}

// AppliedToOrg reports whether the talent applied to a post of the
// organization: what lets an enterprise read that talent's CV.
func (db *DB) AppliedToOrg(ctx context.Context, talentID, orgID int64) (bool, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM applications a JOIN posts p ON p.id = a.post_id
		WHERE a.talent_id = $1 AND p.org_id = $2`, talentID, orgID).Scan(&n)
	return n > 0, err
}

// ApplicationOf returns the talent's application to the post.
func (db *DB) ApplicationOf(ctx context.Context, talentID, postID int64) (model.Application, error) {
	a, err := scanApp(db.r.QueryRowContext(ctx, `SELECT `+appCols+` FROM applications WHERE talent_id = $1 AND post_id = $2`, talentID, postID))
	return a, one(err, "application")
}

// Application returns one application.
func (db *DB) Application(ctx context.Context, id int64) (model.Application, error) {
	a, err := scanApp(db.r.QueryRowContext(ctx, `SELECT `+appCols+` FROM applications WHERE id = $1`, id))
	return a, one(err, "application")
}

// ApplicationEvents is an application's history, oldest first: in id
// order, which for one application is the order the moves committed in
// (each move holds the application's row; a clock read before waiting for
// it can be earlier than the move before).
func (db *DB) ApplicationEvents(ctx context.Context, appID int64) ([]model.AppEvent, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (model.AppEvent, error) {
		var e model.AppEvent
		var by sql.NullInt64
		err := row.Scan(&e.ID, &e.ApplicationID, &e.From, &e.To, &by, &e.At)
		e.ByUserID = by.Int64
		return e, err
	}, `SELECT id, application_id, from_status, to_status, by_user_id, at FROM application_events WHERE application_id = $1 ORDER BY id`, appID)
}

// TalentApp is one of a talent's applications with the post and enterprise.
type TalentApp struct {
	model.Application
	PostTitle   string
	PostTitleZH string
	PostStatus  model.PostStatus
	OrgName     string
	OrgNameZH   string
}

// TalentApplications lists a talent's applications with post titles and
// enterprises, newest first.
func (db *DB) TalentApplications(ctx context.Context, talentID int64) ([]TalentApp, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (TalentApp, error) {
		var t TalentApp
		err := row.Scan(&t.ID, &t.TalentID, &t.PostID, &t.Channel, &t.Status, &t.CreatedAt, &t.UpdatedAt, &t.PostTitle, &t.PostStatus, &t.OrgName, &t.OrgNameZH, &t.PostTitleZH)
		return t, err
	}, `SELECT a.id, a.talent_id, a.post_id, a.channel, a.status, a.created_at, a.updated_at, p.title, p.status, o.name, o.name_zh, p.title_zh
		FROM applications a JOIN posts p ON p.id = a.post_id JOIN organizations o ON o.id = p.org_id
		WHERE a.talent_id = $1 ORDER BY a.id DESC`, talentID)
}
