package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/convene/convene/internal/model"
)

// Participants: the engine sees people, never organizations. A talent is
// their user; on an organization's side the participant is the member who
// made or accepted the request. Availability is stated per person, a person
// can sit at one table at a time, and two recruiters of one enterprise can
// interview in parallel, which a one-team-per-organization model would forbid.
// A person who states no availability windows is available in every slot
// (the engine's reading of an empty list); one who states windows is
// available only in them.

func requestProblem(field, key string) error {
	return model.Errorf(model.Invalid, "err.invalid", field, key)
}

// firstMember is the member who stands for an organization until one of
// its members answers.
func firstMember(ctx context.Context, q queryer, orgID int64) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM users WHERE org_id = $1 ORDER BY id LIMIT 1`, orgID).Scan(&id)
	return id, err
}

// CreateMeetingRequest checks that the caller is one side of the
// application or project and records the request to the other side. A
// negotiation creates its docking when there is none yet.
func (db *DB) CreateMeetingRequest(ctx context.Context, in MeetingRequestInput) (model.MeetingRequest, error) {
	r := model.MeetingRequest{Kind: in.Kind, FromUserID: in.ByUserID, Video: in.Video, Priority: in.Priority, Status: model.RequestPending}
	if r.Priority == 0 {
		r.Priority = 1
	}
	if r.Priority < 1 || r.Priority > 10 {
		return r, requestProblem("priority", "err.meetings.priority")
	}
	var toOrg *int64
	err := db.tx(ctx, func(tx txq) error {
		me, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = $1`, in.ByUserID))
		if err != nil {
			return one(err, "user")
		}
		switch in.Kind {
		case model.MeetingInterview:
			var talentUser, postOrg int64
			err := tx.QueryRowContext(ctx, `SELECT t.user_id, p.org_id, f.edition_id FROM applications a
				JOIN talents t ON t.id = a.talent_id JOIN posts p ON p.id = a.post_id JOIN fairs f ON f.id = p.fair_id
				WHERE a.id = $1`, in.ApplicationID).Scan(&talentUser, &postOrg, &r.EditionID)
			if errors.Is(err, sql.ErrNoRows) {
				return requestProblem("application_id", "err.meetings.unknown_application")
			}
			if err != nil {
				return err
			}
			r.ApplicationID = &in.ApplicationID
			switch {
			case me.ID == talentUser:
				o := postOrg
				toOrg = &o
				if r.ToUserID, err = firstMember(ctx, tx, postOrg); err != nil {
					return requestProblem("application_id", "err.meetings.no_member")
				}
			case me.OrgID != nil && *me.OrgID == postOrg:
				r.ToUserID = talentUser
			default:
				return requestProblem("application_id", "err.meetings.not_a_side")
			}
		case model.MeetingNegotiation:
			var owner, projOrg sql.NullInt64
			err := tx.QueryRowContext(ctx, `SELECT owner_user_id, org_id, edition_id FROM projects WHERE id = $1`, in.ProjectID).Scan(&owner, &projOrg, &r.EditionID)
			if errors.Is(err, sql.ErrNoRows) {
				return requestProblem("project_id", "err.meetings.unknown_project")
			}
			if err != nil {
				return err
			}
			if err := liveProject(ctx, tx, in.ProjectID); err != nil {
				return err
			}
			projectSide := (owner.Valid && owner.Int64 == me.ID) || (projOrg.Valid && me.OrgID != nil && *me.OrgID == projOrg.Int64)
			var other int64
			if projectSide {
				other = in.OrgID
				var kind string
				err := tx.QueryRowContext(ctx, `SELECT kind FROM organizations WHERE id = $1`, other).Scan(&kind)
				if errors.Is(err, sql.ErrNoRows) || (projOrg.Valid && other == projOrg.Int64) {
					return requestProblem("org_id", "err.meetings.unknown_org")
				}
				if err != nil {
					return err
				}
				o := other
				toOrg = &o
				if r.ToUserID, err = firstMember(ctx, tx, other); err != nil {
					return requestProblem("org_id", "err.meetings.no_member")
				}
			} else {
				if me.OrgID == nil || (in.OrgID != 0 && in.OrgID != *me.OrgID) {
					return requestProblem("project_id", "err.meetings.not_a_side")
				}
				other = *me.OrgID
				if owner.Valid {
					r.ToUserID = owner.Int64
				} else {
					o := projOrg.Int64
					toOrg = &o
					if r.ToUserID, err = firstMember(ctx, tx, o); err != nil {
						return requestProblem("project_id", "err.meetings.no_member")
					}
				}
			}
			// Insert-if-absent in one statement (the pair is unique), then
			// read: two first requests at once share one docking.
			if _, err := tx.ExecContext(ctx, `INSERT INTO dockings (project_id, org_id, stage, updated_at, edition_id)
				VALUES ($1,$2,'requested',$3,(SELECT edition_id FROM projects WHERE id = $1)) ON CONFLICT (project_id, org_id) DO NOTHING`, in.ProjectID, other, db.clock()); err != nil {
				return db.mapErr(err)
			}
			var dock int64
			if err := tx.QueryRowContext(ctx, `SELECT id FROM dockings WHERE project_id = $1 AND org_id = $2`, in.ProjectID, other).Scan(&dock); err != nil {
				return err
			}
			r.DockingID = &dock
		default:
			return requestProblem("kind", "err.choice")
		}
		if r.ToUserID == me.ID {
			return requestProblem("kind", "err.meetings.not_a_side")
		}
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM meeting_requests WHERE from_user_id = $1 AND kind = $2
			AND (application_id = $3 OR docking_id = $4) AND status <> 'declined' AND cancelled_at IS NULL`,
			me.ID, r.Kind, r.ApplicationID, r.DockingID).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return model.Errorf(model.Conflict, "err.meetings.duplicate")
		}
		r.CreatedAt = db.clock()
		r.ID, err = db.insertID(ctx, tx, `INSERT INTO meeting_requests (edition_id, kind, from_user_id, to_user_id, to_org_id,
			application_id, docking_id, video, priority, status, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'pending',$10) RETURNING id`,
			r.EditionID, r.Kind, r.FromUserID, r.ToUserID, toOrg, r.ApplicationID, r.DockingID, r.Video, r.Priority, r.CreatedAt)
		if model.ErrorCode(err) == model.Conflict {
			// The count above raced another request: the unique partial
			// indexes of migration 0006 (one open request per requester
			// and subject) keep the second out.
			return model.Errorf(model.Conflict, "err.meetings.duplicate")
		}
		if err != nil {
			return err
		}
		return db.meetingNotify(ctx, tx, r.ToUserID, toOrg, "meetings.notice.requested", "meetings.kind."+string(r.Kind), me.Name)
	})
	return r, err
}

// meetingNotify writes a notification for a user, or for every member of
// an organization that has not answered yet.
func (db *DB) meetingNotify(ctx context.Context, tx txq, userID int64, orgID *int64, key string, args ...string) error {
	b, _ := json.Marshal(args)
	var err error
	if orgID != nil {
		_, err = tx.ExecContext(ctx, `INSERT INTO notifications (user_id, key, args, created_at) SELECT id, $1, $2, $3 FROM users WHERE org_id = $4`, key, string(b), db.clock(), *orgID)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO notifications (user_id, key, args, created_at) VALUES ($1,$2,$3,$4)`, userID, key, string(b), db.clock())
	}
	return db.mapErr(err)
}

const requestViewSQL = `SELECT r.id, r.edition_id, r.kind, r.from_user_id, r.to_user_id, r.application_id, r.docking_id,
	r.video, r.priority, r.status, r.created_at, r.to_org_id, r.cancelled_at IS NOT NULL,
	fu.name, tu.name, COALESCE(o.name, ''), COALESCE(p.title, pr.title, '')
FROM meeting_requests r
JOIN users fu ON fu.id = r.from_user_id
JOIN users tu ON tu.id = r.to_user_id
LEFT JOIN applications a ON a.id = r.application_id
LEFT JOIN posts p ON p.id = a.post_id
LEFT JOIN dockings d ON d.id = r.docking_id
LEFT JOIN projects pr ON pr.id = d.project_id
LEFT JOIN organizations o ON o.id = COALESCE(r.to_org_id, tu.org_id, fu.org_id)
`

// sideSQL limits requests to those the user is a side of ($1 user, $2 org).
const sideSQL = ` (r.from_user_id = $1 OR r.to_user_id = $1 OR (r.to_org_id IS NOT NULL AND r.to_org_id = $2 AND r.status = 'pending'))`

func scanRequestView(row interface{ Scan(...any) error }) (MeetingRequestView, error) {
	var v MeetingRequestView
	var app, dock, toOrg sql.NullInt64
	err := row.Scan(&v.ID, &v.EditionID, &v.Kind, &v.FromUserID, &v.ToUserID, &app, &dock, &v.Video, &v.Priority, &v.Status,
		&v.CreatedAt, &toOrg, &v.Cancelled, &v.FromName, &v.ToName, &v.OrgName, &v.Subject)
	if app.Valid {
		v.ApplicationID = &app.Int64
	}
	if dock.Valid {
		v.DockingID = &dock.Int64
	}
	if toOrg.Valid {
		v.ToOrgID = &toOrg.Int64
	}
	if v.Cancelled {
		v.Status = model.RequestCancelled
	}
	return v, err
}

func (db *DB) userOrg(ctx context.Context, q queryer, userID int64) (int64, error) {
	var org sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT org_id FROM users WHERE id = $1`, userID).Scan(&org)
	return org.Int64, one(err, "user")
}

// MeetingRequest is one request the user is a side of; to anyone else it
// does not exist.
func (db *DB) MeetingRequest(ctx context.Context, id, userID int64) (MeetingRequestView, error) {
	org, err := db.userOrg(ctx, db.r, userID)
	if err != nil {
		return MeetingRequestView{}, err
	}
	v, err := scanRequestView(db.r.QueryRowContext(ctx, requestViewSQL+` WHERE r.id = $3 AND`+sideSQL, userID, org, id))
	if err != nil {
		return v, one(err, "meeting_request")
	}
	return v, db.attachPlaces(ctx, userID, []*MeetingRequestView{&v})
}

// MeetingRequestsOf lists the requests the user sent or may answer, newest first.
func (db *DB) MeetingRequestsOf(ctx context.Context, userID int64) ([]MeetingRequestView, error) {
	org, err := db.userOrg(ctx, db.r, userID)
	if err != nil {
		return nil, err
	}
	l, err := queryAll(ctx, db.r, scanRequestView, requestViewSQL+` WHERE`+sideSQL+` ORDER BY r.id DESC LIMIT 200`, userID, org)
	if err != nil {
		return nil, err
	}
	ptrs := make([]*MeetingRequestView, len(l))
	for i := range l {
		ptrs[i] = &l[i]
	}
	return l, db.attachPlaces(ctx, userID, ptrs)
}

// attachPlaces fills Scheduled from the user's published agenda.
func (db *DB) attachPlaces(ctx context.Context, userID int64, vs []*MeetingRequestView) error {
	rows, err := db.AgendaOf(ctx, userID)
	if err != nil {
		return err
	}
	by := map[int64]*AgendaRow{}
	for i := range rows {
		by[rows[i].RequestID] = &rows[i]
	}
	for _, v := range vs {
		v.Scheduled = by[v.ID]
	}
	return nil
}

// sideRequest reads, inside tx, a request the user is a side of (or that
// is addressed to their organization), with the user's organization.
func (db *DB) sideRequest(ctx context.Context, tx txq, id, userID int64) (MeetingRequestView, int64, error) {
	org, err := db.userOrg(ctx, tx, userID)
	if err != nil {
		return MeetingRequestView{}, 0, err
	}
	v, err := scanRequestView(tx.QueryRowContext(ctx, requestViewSQL+` WHERE r.id = $3 AND`+sideSQL, userID, org, id))
	return v, org, one(err, "meeting_request")
}

func notYours() error {
	return model.Errorf(model.Forbidden, "err.meetings.not_yours", "id", "err.meetings.not_yours")
}

// AnswerMeetingRequest accepts or declines a pending request addressed to
// the user (or to their organization: the member who accepts becomes the
// participant). The requester cannot answer their own request.
func (db *DB) AnswerMeetingRequest(ctx context.Context, id, userID int64, accept bool) error {
	return db.tx(ctx, func(tx txq) error {
		v, org, err := db.sideRequest(ctx, tx, id, userID)
		if err != nil {
			return err
		}
		mine := v.ToUserID == userID || (v.ToOrgID != nil && *v.ToOrgID == org)
		if !mine || v.FromUserID == userID {
			return notYours()
		}
		if v.Status != model.RequestPending {
			return model.Errorf(model.Conflict, "err.meetings.answered")
		}
		st, key := model.RequestDeclined, "meetings.notice.declined"
		if accept {
			st, key = model.RequestAccepted, "meetings.notice.accepted"
		}
		// Conditional on still pending: of two members answering at once,
		// one wins and only the winner's answer is told.
		res, err := tx.ExecContext(ctx, `UPDATE meeting_requests SET status = $1, to_user_id = $2, decided_at = $3
			WHERE id = $4 AND status = 'pending' AND cancelled_at IS NULL`, st, userID, db.clock(), id)
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, model.Errorf(model.Conflict, "err.meetings.answered")); err != nil {
			return err
		}
		if v.DockingID != nil {
			stage := model.DockNegotiation
			if !accept {
				stage = model.DockDeclined
			}
			if _, err := tx.ExecContext(ctx, `UPDATE dockings SET stage = $1, updated_at = $2 WHERE id = $3 AND stage = 'requested'`, stage, db.clock(), *v.DockingID); err != nil {
				return db.mapErr(err)
			}
		}
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM users WHERE id = $1`, userID).Scan(&name); err != nil {
			return err
		}
		return db.meetingNotify(ctx, tx, v.FromUserID, nil, key, "meetings.kind."+string(v.Kind), name)
	})
}

// CancelMeetingRequest lets either side withdraw a request or cancel an
// accepted meeting; a scheduled meeting is removed and the other side told.
func (db *DB) CancelMeetingRequest(ctx context.Context, id, userID int64) error {
	return db.tx(ctx, func(tx txq) error {
		v, _, err := db.sideRequest(ctx, tx, id, userID)
		if err != nil {
			return err
		}
		if v.FromUserID != userID && v.ToUserID != userID {
			return notYours()
		}
		if v.Status == model.RequestCancelled || v.Status == model.RequestDeclined {
			return model.Errorf(model.Conflict, "err.meetings.answered")
		}
		res, err := tx.ExecContext(ctx, `UPDATE meeting_requests SET cancelled_at = $1, cancelled_by = $2
			WHERE id = $3 AND cancelled_at IS NULL AND status <> 'declined'`, db.clock(), userID, id)
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, model.Errorf(model.Conflict, "err.meetings.answered")); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM meetings WHERE request_id = $1`, id); err != nil {
			return db.mapErr(err)
		}
		other, name := v.ToUserID, v.FromName
		if other == userID {
			other, name = v.FromUserID, v.ToName
		}
		return db.meetingNotify(ctx, tx, other, nil, "meetings.notice.cancelled", "meetings.kind."+string(v.Kind), name)
	})
}

// MeetingRequestInput asks for an interview (ApplicationID) or a
// negotiation (ProjectID, and OrgID: the park, enterprise or investor the
// project side wants to meet; a member of such an organization leaves it
// zero: their own organization is the other side).
type MeetingRequestInput struct {
	Kind          model.MeetingKind
	ByUserID      int64
	ApplicationID int64
	ProjectID     int64
	OrgID         int64
	Video         bool
	Priority      int
}

// MeetingRequestView is a request with the names a page shows and, once
// scheduled, its place.
type MeetingRequestView struct {
	model.MeetingRequest
	ToOrgID   *int64
	Cancelled bool
	FromName  string
	ToName    string
	OrgName   string // the organization on the other side of a talent, or the answering one
	Subject   string // post title or project title
	Scheduled *AgendaRow
}
