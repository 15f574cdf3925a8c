package store

import (
	"context"
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
	PostTitleZH  string
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
		&r.PostTitle, &r.FairID, &r.OrgID, &r.TalentName, &r.TalentDegree, &cv, &r.PostTitleZH)
	r.TalentHasCV = cv != ""
	return r, err
}

// Inbox lists applications to posts, newest first.
func (db *DB) Inbox(ctx context.Context, f InboxFilter) ([]InboxRow, error) {
	var c conds
	if f.ID != 0 {
		c.add("a.id = ?", f.ID)
	}
	if f.OrgID != 0 {
		c.add("p.org_id = ?", f.OrgID)
	}
	if f.PostID != 0 {
		c.add("a.post_id = ?", f.PostID)
	}
	if f.FairID != 0 {
		c.add("p.fair_id = ?", f.FairID)
	}
	if f.Status != "" {
		c.add("a.status = ?", f.Status)
	}
	if f.MinDegree != "" {
		c.degrees("t.degree", func(d model.Degree) bool { return d.Rank() >= f.MinDegree.Rank() })
	}
	if !f.From.IsZero() {
		c.add("a.created_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		c.add("a.created_at < ?", f.To.UTC())
	}
	limit, offset := page(f.Limit, f.Offset)
	return queryAll(ctx, db.r, scanInbox, `SELECT a.id, a.talent_id, a.post_id, a.channel, a.status, a.created_at, a.updated_at,
		p.title, p.fair_id, p.org_id, t.name, t.degree, t.cv_file, p.title_zh
		FROM applications a JOIN posts p ON p.id = a.post_id JOIN talents t ON t.id = a.talent_id`+c.sql()+
		` ORDER BY a.id DESC LIMIT `+itoa(limit)+` OFFSET `+itoa(offset), c.args...)
}

// MoveApplications moves applications to status to, all or none: each must
// belong to a post of orgID and be allowed to move (model.AppStatus.CanMove).
// Each move is recorded in application_events, and the talent is notified
// with a message key and its arguments, to be said in the talent's language.
// Each update is conditional on the status read, so concurrent moves of one
// application make a legal history on every database: a move that lost the
// race is refused (or, when it was the same move, done once).
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
			// Conditional on the status just read: of two members moving
			// the same application at once, the second finds it moved and
			// re-checks from there (a row lock would do the same).
			res, err := tx.ExecContext(ctx, `UPDATE applications SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4`, to, now, id, from)
			if err != nil {
				return db.mapErr(err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				var cur model.AppStatus
				if err := tx.QueryRowContext(ctx, `SELECT status FROM applications WHERE id = $1`, id).Scan(&cur); err != nil {
					return one(err, "application")
				}
				if cur == to {
					continue // the same move by someone else: done once, told once
				}
				return model.Errorf(model.Conflict, "err.cannot_move", "status", "err.cannot_move")
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
