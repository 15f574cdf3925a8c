package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
)

// InboxFilter narrows an enterprise's (or an organizer's) applications.
type InboxFilter struct {
	ID        int64 // one application
	OrgID     int64 // 0: every organization (organizers)
	PostID    int64
	FairID    int64
	Status    model.AppStatus
	MinDegree model.Degree // talents holding at least this degree
	From, To  time.Time    // created in [From, To)
	Limit     int
	Offset    int
}

// InboxRow is one application with what the inbox shows beside it.
type InboxRow struct {
	model.Application
	PostTitle    string
	FairID       int64
	OrgID        int64
	TalentName   string
	TalentDegree model.Degree
	TalentHasCV  bool
}

func scanInbox(row interface{ Scan(...any) error }) (InboxRow, error) {
	var r InboxRow
	var cv string
	err := row.Scan(&r.ID, &r.TalentID, &r.PostID, &r.Channel, &r.Status, &r.CreatedAt, &r.UpdatedAt,
		&r.PostTitle, &r.FairID, &r.OrgID, &r.TalentName, &r.TalentDegree, &cv)
	r.TalentHasCV = cv != ""
	return r, err
}

// Inbox lists applications to posts, newest first.
func (db *DB) Inbox(ctx context.Context, f InboxFilter) ([]InboxRow, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", ph(len(args))))
	}
	if f.ID != 0 {
		add("a.id = ?", f.ID)
	}
	if f.OrgID != 0 {
		add("p.org_id = ?", f.OrgID)
	}
	if f.PostID != 0 {
		add("a.post_id = ?", f.PostID)
	}
	if f.FairID != 0 {
		add("p.fair_id = ?", f.FairID)
	}
	if f.Status != "" {
		add("a.status = ?", f.Status)
	}
	if f.MinDegree != "" {
		var in []string
		for _, d := range model.Degrees {
			if d.Rank() >= f.MinDegree.Rank() {
				args = append(args, d)
				in = append(in, ph(len(args)))
			}
		}
		where = append(where, "t.degree IN ("+strings.Join(in, ",")+")")
	}
	if !f.From.IsZero() {
		add("a.created_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("a.created_at < ?", f.To.UTC())
	}
	limit, offset := page(f.Limit, f.Offset)
	return queryAll(ctx, db.r, scanInbox, `SELECT a.id, a.talent_id, a.post_id, a.channel, a.status, a.created_at, a.updated_at,
		p.title, p.fair_id, p.org_id, t.name, t.degree, t.cv_file
		FROM applications a JOIN posts p ON p.id = a.post_id JOIN talents t ON t.id = a.talent_id`+whereSQL(where)+
		` ORDER BY a.id DESC LIMIT `+itoa(limit)+` OFFSET `+itoa(offset), args...)
}

// MoveApplications moves applications to status to, all or none: each must
// belong to a post of orgID and be allowed to move (model.AppStatus.CanMove).
// Each move is recorded in application_events, and the talent is notified
// with a message key and its arguments, to be said in the talent's language.
func (db *DB) MoveApplications(ctx context.Context, orgID int64, ids []int64, to model.AppStatus, by int64) error {
	if !to.Valid() || to == model.AppApplied || to == model.AppWithdrawn {
		return model.Errorf(model.Invalid, "err.invalid", "status", "err.choice")
	}
	if len(ids) == 0 || len(ids) > 500 {
		return model.Errorf(model.Invalid, "err.invalid", "ids", "err.required")
	}
	return db.tx(ctx, func(tx txq) error {
		now := db.clock()
		var byID any
		if by != 0 {
			byID = by
		}
		for _, id := range ids {
			var from model.AppStatus
			var owner, userID int64
			var title string
			err := tx.QueryRowContext(ctx, `SELECT a.status, p.org_id, p.title, t.user_id FROM applications a
				JOIN posts p ON p.id = a.post_id JOIN talents t ON t.id = a.talent_id WHERE a.id = $1`, id).Scan(&from, &owner, &title, &userID)
			if err != nil {
				return one(err, "application")
			}
			if owner != orgID {
				return model.Errorf(model.Forbidden, "err.forbidden")
			}
			if from == to {
				continue
			}
			if !from.CanMove(to) {
				return model.Errorf(model.Conflict, "err.cannot_move", "status", "err.cannot_move")
			}
			if _, err := tx.ExecContext(ctx, `UPDATE applications SET status = $1, updated_at = $2 WHERE id = $3`, to, now, id); err != nil {
				return db.mapErr(err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO application_events (application_id, from_status, to_status, by_user_id, at) VALUES ($1,$2,$3,$4,$5)`,
				id, from, to, byID, now); err != nil {
				return db.mapErr(err)
			}
			if err := db.notify(ctx, tx, userID, "note.app_status", title, "app."+string(to)); err != nil {
				return err
			}
		}
		return nil
	})
}

// Application returns one application.
func (db *DB) Application(ctx context.Context, id int64) (model.Application, error) {
	a, err := scanApp(db.r.QueryRowContext(ctx, `SELECT `+appCols+` FROM applications WHERE id = $1`, id))
	return a, one(err, "application")
}

// ApplicationEvents is an application's history, oldest first.
func (db *DB) ApplicationEvents(ctx context.Context, appID int64) ([]model.AppEvent, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (model.AppEvent, error) {
		var e model.AppEvent
		var by sql.NullInt64
		err := row.Scan(&e.ID, &e.ApplicationID, &e.From, &e.To, &by, &e.At)
		e.ByUserID = by.Int64
		return e, err
	}, `SELECT id, application_id, from_status, to_status, by_user_id, at FROM application_events WHERE application_id = $1 ORDER BY at, id`, appID)
}

// Notification is a message for a user, kept as a catalog key and its
// arguments so it is said in the reader's language when shown. Arguments
// that are catalog keys themselves (app.interview) are translated too.
type Notification struct {
	ID        int64
	UserID    int64
	Key       string
	Args      []string
	CreatedAt time.Time
	Read      bool
}

func (db *DB) notify(ctx context.Context, tx txq, userID int64, key string, args ...string) error {
	b, _ := json.Marshal(args)
	_, err := tx.ExecContext(ctx, `INSERT INTO notifications (user_id, key, args, created_at) VALUES ($1,$2,$3,$4)`, userID, key, string(b), db.clock())
	return db.mapErr(err)
}

// Notifications lists a user's latest notifications, newest first.
func (db *DB) Notifications(ctx context.Context, userID int64, limit int) ([]Notification, error) {
	limit, _ = page(limit, 0)
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (Notification, error) {
		var n Notification
		var args string
		var read sql.NullTime
		err := row.Scan(&n.ID, &n.UserID, &n.Key, &args, &n.CreatedAt, &read)
		if err == nil {
			json.Unmarshal([]byte(args), &n.Args)
		}
		n.Read = read.Valid
		return n, err
	}, `SELECT id, user_id, key, args, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY id DESC LIMIT `+itoa(limit), userID)
}

// TalentApp is one of a talent's applications with the post and enterprise.
type TalentApp struct {
	model.Application
	PostTitle  string
	PostStatus model.PostStatus
	OrgName    string
	OrgNameZH  string
}

// TalentApplications lists a talent's applications with post titles and
// enterprises, newest first.
func (db *DB) TalentApplications(ctx context.Context, talentID int64) ([]TalentApp, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (TalentApp, error) {
		var t TalentApp
		err := row.Scan(&t.ID, &t.TalentID, &t.PostID, &t.Channel, &t.Status, &t.CreatedAt, &t.UpdatedAt, &t.PostTitle, &t.PostStatus, &t.OrgName, &t.OrgNameZH)
		return t, err
	}, `SELECT a.id, a.talent_id, a.post_id, a.channel, a.status, a.created_at, a.updated_at, p.title, p.status, o.name, o.name_zh
		FROM applications a JOIN posts p ON p.id = a.post_id JOIN organizations o ON o.id = p.org_id
		WHERE a.talent_id = $1 ORDER BY a.id DESC`, talentID)
}
