package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/convene/convene/internal/model"
)

// Delegations: their members (accounts of the delegation's organization,
// invited by its lead) and their figures, one delegation's or all side by
// side by province.

// DelegationMember is a member as the delegation's page lists them.
type DelegationMember struct {
	model.User
	Lead      bool
	InvitedBy string
}

// DelegationLead is the delegation's lead: the member marked so, else its
// first member.
func (db *DB) DelegationLead(ctx context.Context, orgID int64) (int64, error) {
	return db.delegationLead(ctx, db.r, orgID)
}

func (db *DB) delegationLead(ctx context.Context, q queryer, orgID int64) (int64, error) {
	var id sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT COALESCE((SELECT user_id FROM delegation_members WHERE org_id = $1 AND lead),
		(SELECT min(id) FROM users WHERE org_id = $1))`, orgID).Scan(&id)
	return id.Int64, err
}

// DelegationMembers lists a delegation's members, the lead first.
func (db *DB) DelegationMembers(ctx context.Context, orgID int64) ([]DelegationMember, error) {
	lead, err := db.DelegationLead(ctx, orgID)
	if err != nil {
		return nil, err
	}
	l, err := queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (DelegationMember, error) {
		var m DelegationMember
		var org sql.NullInt64
		err := row.Scan(&m.ID, &m.Email, &m.Name, &m.Role, &org, &m.Locale, &m.CreatedAt, &m.InvitedBy)
		if org.Valid {
			m.OrgID = &org.Int64
		}
		m.Lead = m.ID == lead
		return m, err
	}, `SELECT u.id, u.email, u.name, u.role, u.org_id, u.locale, u.created_at, COALESCE(iu.name, '')
		FROM users u LEFT JOIN delegation_members dm ON dm.user_id = u.id LEFT JOIN users iu ON iu.id = dm.invited_by
		WHERE u.org_id = $1 ORDER BY CASE WHEN u.id = $2 THEN 0 ELSE 1 END, u.id LIMIT 200`, orgID, lead)
	return l, err
}

// InviteInput is a new member a lead invites.
type InviteInput struct {
	OrgID    int64
	ByUserID int64
	Email    string
	Name     string
	Locale   string
}

// InviteMember adds an account to the lead's delegation (the password's
// hash given); only the lead invites; an address already a member, or
// taken by another account, is refused and nothing is saved.
func (db *DB) InviteMember(ctx context.Context, in InviteInput, hash string) (model.User, error) {
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	in.Name = strings.TrimSpace(in.Name)
	p := model.Problems{}
	if !strings.Contains(in.Email, "@") || len(in.Email) > 200 {
		p.Add("email", "err.email")
	}
	if in.Name == "" || len(in.Name) > 200 {
		p.Add("name", "err.required")
	}
	if err := p.Err(); err != nil {
		return model.User{}, err
	}
	if in.Locale != "en" {
		in.Locale = "zh"
	}
	u := model.User{Email: in.Email, Name: in.Name, Role: model.RoleDelegation, OrgID: &in.OrgID, Locale: in.Locale}
	err := db.tx(ctx, func(tx txq) error {
		var kind model.OrgKind
		err := tx.QueryRowContext(ctx, `SELECT kind FROM organizations WHERE id = $1`, in.OrgID).Scan(&kind)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && kind != model.OrgDelegation) {
			return notFound("organization")
		}
		if err != nil {
			return err
		}
		lead, err := db.delegationLead(ctx, tx, in.OrgID)
		if err != nil {
			return err
		}
		if lead != in.ByUserID {
			return model.Errorf(model.Forbidden, "err.delegations.not_lead")
		}
		var existing sql.NullInt64
		err = tx.QueryRowContext(ctx, `SELECT org_id FROM users WHERE email = $1`, in.Email).Scan(&existing)
		switch {
		case err == nil && existing.Valid && existing.Int64 == in.OrgID:
			return model.Errorf(model.Conflict, "err.delegations.duplicate", "email", "err.delegations.duplicate")
		case err == nil:
			return model.Errorf(model.Conflict, "err.email_taken", "email", "err.email_taken")
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		now := db.clock()
		u.CreatedAt = now
		u.ID, err = db.insertID(ctx, tx, `INSERT INTO users (email, name, role, org_id, locale, password_hash, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`, u.Email, u.Name, u.Role, in.OrgID, u.Locale, hash, now)
		if model.ErrorCode(err) == model.Conflict {
			return model.Errorf(model.Conflict, "err.delegations.duplicate", "email", "err.delegations.duplicate")
		}
		if err != nil {
			return err
		}
		// The lead gets a row too, so the lead stays the lead.
		if _, err := tx.ExecContext(ctx, `INSERT INTO delegation_members (user_id, org_id, lead, created_at) VALUES ($1,$2,$3,$4)
			ON CONFLICT (user_id) DO NOTHING`, lead, in.OrgID, true, now); err != nil {
			return db.mapErr(err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO delegation_members (user_id, org_id, lead, invited_by, created_at) VALUES ($1,$2,$3,$4,$5)`,
			u.ID, in.OrgID, false, in.ByUserID, now)
		return db.mapErr(err)
	})
	return u, err
}

// DelegationFigures are one delegation's figures in an edition.
type DelegationFigures struct {
	OrgID        int64
	Name, NameZH string
	Province     string
	Foreign      bool
	Members      int
	Projects     int
	Dockings     int
	Negotiations int // reached a negotiation
	Agreements   int // reached a preliminary agreement
	Cooperative  int // reached a cooperative intention
	Contracts    int // reached a contract intention
	Signed       int
	Posts        int     // job demands: the delegation's posts in the edition's fairs
	Applications int     // applications received to them
	Exhibits     int     // exhibits it shows
	BoothAsks    int     // booth requests it made (not withdrawn)
	BoothM2      float64 // m² of booths it holds once published (assigned, confirmed, booked)
}

// DelegationsFigures are the figures of every delegation (orgID 0) or of
// one, ordered by province.
func (db *DB) DelegationsFigures(ctx context.Context, editionID, orgID int64) ([]DelegationFigures, error) {
	reach := func(i int) string {
		return `sum(CASE WHEN (` + furthestSQL + `) >= ` + itoa(i) + ` THEN 1 ELSE 0 END)`
	}
	// A delegation's own page asks for one: every aggregate is then
	// filtered by it, not totalled for every organization and joined after
	// (on PostgreSQL that read the edition's every application: seconds).
	one := func(col string) string {
		if orgID == 0 {
			return ""
		}
		return " AND " + col + " = $2"
	}
	where := func(col string) string {
		if orgID == 0 {
			return ""
		}
		return " WHERE " + col + " = $2"
	}
	q := `SELECT o.id, o.name, o.name_zh, o.province, o.is_foreign,
		(SELECT count(*) FROM users u WHERE u.org_id = o.id),
		COALESCE(pj.n, 0), COALESCE(dk.n, 0), COALESCE(dk.r1, 0), COALESCE(dk.r2, 0), COALESCE(dk.r3, 0), COALESCE(dk.r4, 0), COALESCE(dk.r5, 0),
		COALESCE(ps.n, 0), COALESCE(ap.n, 0), COALESCE(ex.n, 0),
		(SELECT count(*) FROM booth_requests br WHERE br.org_id = o.id AND br.edition_id = $1 AND br.status <> 'withdrawn'),
		(SELECT COALESCE(sum(b.area_m2), 0) FROM booth_assignments ba JOIN booths b ON b.id = ba.booth_id
			WHERE ba.org_id = o.id AND ba.edition_id = $1 AND ba.status IN ('assigned','confirmed','booked'))
	FROM organizations o
	LEFT JOIN (SELECT org_id, count(*) AS n FROM projects WHERE edition_id = $1 AND org_id IS NOT NULL` + one("org_id") + ` GROUP BY org_id) pj ON pj.org_id = o.id
	LEFT JOIN (SELECT p.org_id, count(*) AS n, ` + reach(1) + ` AS r1, ` + reach(2) + ` AS r2, ` + reach(3) + ` AS r3, ` + reach(4) + ` AS r4, ` + reach(5) + ` AS r5
		FROM dockings d JOIN projects p ON p.id = d.project_id WHERE p.edition_id = $1 AND p.org_id IS NOT NULL` + one("p.org_id") + ` GROUP BY p.org_id) dk ON dk.org_id = o.id
	LEFT JOIN (SELECT p.org_id, count(*) AS n FROM posts p JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = $1` + one("p.org_id") + ` GROUP BY p.org_id) ps ON ps.org_id = o.id
	LEFT JOIN (SELECT p.org_id, count(*) AS n FROM applications a JOIN posts p ON p.id = a.post_id JOIN fairs f ON f.id = p.fair_id
		WHERE f.edition_id = $1` + one("p.org_id") + ` GROUP BY p.org_id) ap ON ap.org_id = o.id
	LEFT JOIN (SELECT org_id, count(*) AS n FROM exhibits` + where("org_id") + ` GROUP BY org_id) ex ON ex.org_id = o.id
	WHERE o.kind = 'delegation' AND ($2 = 0 OR o.id = $2)
	ORDER BY o.province, o.name, o.id`
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (DelegationFigures, error) {
		var f DelegationFigures
		err := row.Scan(&f.OrgID, &f.Name, &f.NameZH, &f.Province, &f.Foreign, &f.Members, &f.Projects, &f.Dockings, &f.Negotiations,
			&f.Agreements, &f.Cooperative, &f.Contracts, &f.Signed, &f.Posts, &f.Applications, &f.Exhibits, &f.BoothAsks, &f.BoothM2)
		return f, err
	}, q, editionID, orgID)
}
