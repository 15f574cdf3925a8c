package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
)

// Exhibits: what stands on a booth (expert programs, research
// achievements), searchable, with contact messages relayed to the owner,
// whose address no page shows.

// ExhibitView is an exhibit as the catalogue and its page show it: no
// contact address.
type ExhibitView struct {
	ID                 int64
	Title, TitleZH     string
	Summary, SummaryZH string
	Field              string
	Media              string
	BoothCode          string
	HostID             int64
	Host, HostZH       string
	OwnerUserID        int64
	OwnerName          string
	ProjectID          int64
}

const exhibitSQL = `SELECT e.id, e.title, e.title_zh, e.summary, e.summary_zh, e.field, e.media, COALESCE(b.code, ''),
	e.org_id, o.name, o.name_zh, COALESCE(e.owner_user_id, 0), COALESCE(u.name, ''), COALESCE(e.project_id, 0)
FROM exhibits e JOIN organizations o ON o.id = e.org_id
LEFT JOIN booths b ON b.id = e.booth_id
LEFT JOIN users u ON u.id = e.owner_user_id`

func scanExhibit(row interface{ Scan(...any) error }) (ExhibitView, error) {
	var x ExhibitView
	err := row.Scan(&x.ID, &x.Title, &x.TitleZH, &x.Summary, &x.SummaryZH, &x.Field, &x.Media, &x.BoothCode,
		&x.HostID, &x.Host, &x.HostZH, &x.OwnerUserID, &x.OwnerName, &x.ProjectID)
	return x, err
}

// ExhibitFilter narrows the catalogue.
type ExhibitFilter struct {
	Query       string
	Field       string
	Fields      []string // any of these spellings (a vocabulary term's), lower-cased
	HostID      int64
	OwnerUserID int64
	Limit       int
	Offset      int
}

// Exhibits lists the catalogue, by id.
func (db *DB) Exhibits(ctx context.Context, f ExhibitFilter) ([]ExhibitView, error) {
	var c conds
	c.search(f.Query, "e.title", "e.title_zh", "e.summary", "e.summary_zh", "e.field")
	if f.Field != "" {
		c.add("e.field = ?", f.Field)
	}
	c.anyOf("lower(e.field)", f.Fields)
	if f.HostID != 0 {
		c.add("e.org_id = ?", f.HostID)
	}
	if f.OwnerUserID != 0 {
		c.add("e.owner_user_id = ?", f.OwnerUserID)
	}
	limit, offset := page(f.Limit, f.Offset)
	return queryAll(ctx, db.r, scanExhibit, exhibitSQL+c.sql()+` ORDER BY e.id LIMIT `+itoa(limit)+` OFFSET `+itoa(offset), c.args...)
}

// ExhibitFields counts the exhibits of each stored spelling of a field,
// for the filter (which folds spellings into the vocabulary's terms).
func (db *DB) ExhibitFields(ctx context.Context) ([]FacetCount, error) {
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (FacetCount, error) {
		var c FacetCount
		return c, row.Scan(&c.Value, &c.N)
	}, `SELECT field, count(*) FROM exhibits WHERE field <> '' GROUP BY field ORDER BY field`)
}

// Exhibit is one exhibit.
func (db *DB) Exhibit(ctx context.Context, id int64) (ExhibitView, error) {
	x, err := scanExhibit(db.r.QueryRowContext(ctx, exhibitSQL+` WHERE e.id = $1`, id))
	return x, one(err, "exhibit")
}

// ExhibitInput is a new exhibit; it must have an owner.
type ExhibitInput struct {
	BoothID            int64
	HostOrgID          int64
	OwnerUserID        int64
	ProjectID          int64
	Title, TitleZH     string
	Summary, SummaryZH string
	Field              string
	Media              string
}

// CreateExhibit adds an exhibit.
func (db *DB) CreateExhibit(ctx context.Context, in ExhibitInput) (int64, error) {
	p := model.Problems{}
	if strings.TrimSpace(in.Title) == "" && strings.TrimSpace(in.TitleZH) == "" {
		p.Add("title", "err.required")
	}
	if in.OwnerUserID == 0 {
		p.Add("owner_user_id", "err.exhibits.owner")
	}
	if in.HostOrgID == 0 {
		p.Add("org_id", "err.required")
	}
	if err := p.Err(); err != nil {
		return 0, err
	}
	var email string
	if err := db.r.QueryRowContext(ctx, `SELECT email FROM users WHERE id = $1`, in.OwnerUserID).Scan(&email); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, model.Errorf(model.Invalid, "err.exhibits.owner", "owner_user_id", "err.exhibits.owner")
		}
		return 0, err
	}
	return db.insertID(ctx, db.w, `INSERT INTO exhibits (booth_id, org_id, title, title_zh, field, contact, summary, summary_zh, owner_user_id, project_id, media)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`, nullID(in.BoothID), in.HostOrgID, in.Title, in.TitleZH, in.Field, email,
		in.Summary, in.SummaryZH, in.OwnerUserID, nullID(in.ProjectID), in.Media)
}

// ExhibitMessage is a message relayed to an exhibit's owner.
type ExhibitMessage struct {
	ID         int64
	ExhibitID  int64
	Exhibit    string
	ExhibitZH  string
	FromUserID int64
	FromName   string
	FromOrg    string
	ReplyTo    string // the sender's address, which they chose to give
	Body       string
	DockingID  int64
	CreatedAt  time.Time
}

// MessageInput is a visitor's message to an exhibit's owner.
type MessageInput struct {
	ExhibitID  int64
	FromUserID int64 // 0 for a visitor who is not signed in
	FromName   string
	FromOrg    string
	ReplyTo    string
	Body       string
}

// RelayMessage stores a visitor's message for the exhibit's owner and
// notifies them; the owner's address stays unknown to the visitor.
func (db *DB) RelayMessage(ctx context.Context, in MessageInput) (int64, error) {
	in.Body, in.FromName, in.ReplyTo, in.FromOrg = strings.TrimSpace(in.Body), strings.TrimSpace(in.FromName), strings.TrimSpace(in.ReplyTo), strings.TrimSpace(in.FromOrg)
	p := model.Problems{}
	if in.Body == "" {
		p.Add("body", "err.required")
	} else if len(in.Body) > 4000 {
		p.Add("body", "err.too_long")
	}
	if in.FromName == "" {
		p.Add("from_name", "err.required")
	}
	if in.ReplyTo != "" && !strings.Contains(in.ReplyTo, "@") {
		p.Add("reply_to", "err.email")
	}
	if err := p.Err(); err != nil {
		return 0, err
	}
	var id int64
	err := db.tx(ctx, func(tx txq) error {
		var owner sql.NullInt64
		var title string
		err := tx.QueryRowContext(ctx, `SELECT owner_user_id, title FROM exhibits WHERE id = $1`, in.ExhibitID).Scan(&owner, &title)
		if err != nil {
			return one(err, "exhibit")
		}
		if !owner.Valid {
			return model.Errorf(model.Invalid, "err.exhibits.owner")
		}
		id, err = db.insertID(ctx, tx, `INSERT INTO exhibit_messages (exhibit_id, from_user_id, from_name, from_org, reply_to, body, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`, in.ExhibitID, nullID(in.FromUserID), in.FromName, in.FromOrg, in.ReplyTo, in.Body, db.clock())
		if err != nil {
			return err
		}
		return db.meetingNotify(ctx, tx, owner.Int64, nil, "exhibits.notice.message", title, in.FromName)
	})
	return id, err
}

// MessagesTo lists the messages relayed to an owner's exhibits, newest first.
func (db *DB) MessagesTo(ctx context.Context, ownerID int64) ([]ExhibitMessage, error) {
	return queryAll(ctx, db.r, scanMessage, messageSQL+` WHERE e.owner_user_id = $1 ORDER BY m.id DESC LIMIT 200`, ownerID)
}

const messageSQL = `SELECT m.id, m.exhibit_id, e.title, e.title_zh, COALESCE(m.from_user_id, 0), m.from_name, m.from_org, m.reply_to, m.body,
	COALESCE(m.docking_id, 0), m.created_at FROM exhibit_messages m JOIN exhibits e ON e.id = m.exhibit_id`

func scanMessage(row interface{ Scan(...any) error }) (ExhibitMessage, error) {
	var m ExhibitMessage
	err := row.Scan(&m.ID, &m.ExhibitID, &m.Exhibit, &m.ExhibitZH, &m.FromUserID, &m.FromName, &m.FromOrg, &m.ReplyTo, &m.Body, &m.DockingID, &m.CreatedAt)
	return m, err
}

// MessageToDocking turns a relayed message into a docking between the
// exhibit's project and the sender's organization (requested), once; only
// the owner may, and only for a signed-in sender with an organization.
func (db *DB) MessageToDocking(ctx context.Context, messageID, ownerID int64) (int64, error) {
	var dock int64
	err := db.tx(ctx, func(tx txq) error {
		var owner, project, from, done sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT e.owner_user_id, e.project_id, m.from_user_id, m.docking_id FROM exhibit_messages m
			JOIN exhibits e ON e.id = m.exhibit_id WHERE m.id = $1`, messageID).Scan(&owner, &project, &from, &done)
		if err != nil {
			return one(err, "message")
		}
		if !owner.Valid || owner.Int64 != ownerID {
			return notFound("message")
		}
		if done.Valid {
			return model.Errorf(model.Conflict, "err.exhibits.docked")
		}
		if !project.Valid {
			return model.Errorf(model.Invalid, "err.exhibits.no_project")
		}
		var org sql.NullInt64
		if from.Valid {
			if err := tx.QueryRowContext(ctx, `SELECT org_id FROM users WHERE id = $1`, from.Int64).Scan(&org); err != nil {
				return err
			}
		}
		if !org.Valid {
			return model.Errorf(model.Invalid, "err.exhibits.no_org")
		}
		if err := liveProject(ctx, tx, project.Int64); err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `SELECT id FROM dockings WHERE project_id = $1 AND org_id = $2`, project.Int64, org.Int64).Scan(&dock)
		if errors.Is(err, sql.ErrNoRows) {
			dock, err = db.insertID(ctx, tx, `INSERT INTO dockings (project_id, org_id, stage, updated_at, edition_id)
				VALUES ($1,$2,'requested',$3,(SELECT edition_id FROM projects WHERE id = $1)) RETURNING id`,
				project.Int64, org.Int64, db.clock())
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE exhibit_messages SET docking_id = $1 WHERE id = $2 AND docking_id IS NULL`, dock, messageID)
		if err != nil {
			return db.mapErr(err)
		}
		return oneRow(res, model.Errorf(model.Conflict, "err.exhibits.docked"))
	})
	return dock, err
}

// LinkExhibitOwners sets, for exhibits loaded without one, the owner from
// the contact address and the project the owner leads (expert program
// first); the generator's loads call it.
func (db *DB) LinkExhibitOwners(ctx context.Context) error {
	_, err := db.w.ExecContext(ctx, `UPDATE exhibits SET owner_user_id = (SELECT u.id FROM users u WHERE u.email = exhibits.contact)
		WHERE owner_user_id IS NULL AND contact <> ''`)
	if err != nil {
		return db.mapErr(err)
	}
	_, err = db.w.ExecContext(ctx, `UPDATE exhibits SET project_id = (SELECT p.id FROM projects p WHERE p.owner_user_id = exhibits.owner_user_id
		ORDER BY CASE WHEN p.source = 'expert_program' THEN 0 ELSE 1 END, p.id LIMIT 1) WHERE project_id IS NULL AND owner_user_id IS NOT NULL`)
	return db.mapErr(err)
}
