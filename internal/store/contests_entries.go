package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"time"

	"github.com/convene/convene/internal/model"
)

// EntryRow is an entry with its project and contest names.
type EntryRow struct {
	model.Entry
	Track        string
	OwnerUserID  *int64
	CreatedAt    *time.Time
	ProjectTitle string
	ProjectZH    string
	ProjectOrgID *int64
	Field, Stage string
	ContestName  string
	ContestZH    string
	ContestState string
	Published    bool
	Round        int     // the last round the entry reached
	ContestRound int     // the contest's current round
	Rounds       []Round // the contest's named rounds
}

// Advanced says whether the entry is in the contest's current round; an
// entry that is not was left behind at the close of round e.Round.
func (e EntryRow) Advanced() bool { return e.Round >= e.ContestRound }

// RoundAt is the contest's named round n (1-based), or a zero Round.
func (e EntryRow) RoundAt(n int) Round {
	return Contest{Rounds: e.Rounds}.RoundAt(n)
}

const entryRowCols = `e.id, e.contest_id, e.project_id, e.status, e.grant_eligible, e.track, e.owner_user_id, e.created_at,
	p.title, p.title_zh, p.org_id, p.field, p.stage, c.name, c.name_zh, c.state, c.published, e.round, c.round, c.rounds`

const entryRowFrom = ` FROM entries e JOIN projects p ON p.id = e.project_id JOIN contests c ON c.id = e.contest_id`

func scanEntryRow(r interface{ Scan(...any) error }) (EntryRow, error) {
	var e EntryRow
	var owner, org sql.NullInt64
	var at sql.NullTime
	var rounds string
	err := r.Scan(&e.ID, &e.ContestID, &e.ProjectID, &e.Status, &e.GrantEligible, &e.Track, &owner, &at,
		&e.ProjectTitle, &e.ProjectZH, &org, &e.Field, &e.Stage, &e.ContestName, &e.ContestZH, &e.ContestState, &e.Published,
		&e.Round, &e.ContestRound, &rounds)
	json.Unmarshal([]byte(rounds), &e.Rounds)
	if owner.Valid {
		e.OwnerUserID = &owner.Int64
	}
	if org.Valid {
		e.ProjectOrgID = &org.Int64
	}
	if at.Valid {
		e.CreatedAt = &at.Time
	}
	return e, err
}

// EnterContest enters an owner's project into a contest: only while the
// contest takes entries (state and window, checked in the same statement),
// only the owner's own project, one entry per project and per owner (unique
// indexes: a second try, even a concurrent one, is refused with
// err.contest.entered).
func (db *DB) EnterContest(ctx context.Context, contestID, projectID, ownerID int64, track string) (model.Entry, error) {
	e := model.Entry{ContestID: contestID, ProjectID: projectID, Status: model.EntrySubmitted}
	err := db.tx(ctx, func(tx txq) error {
		c, err := scanContest(tx.QueryRowContext(ctx, `SELECT `+contestCols+` FROM contests WHERE id = $1`, contestID))
		if err != nil {
			return one(err, "contest")
		}
		if track == "" && len(c.Tracks) > 0 {
			return model.Errorf(model.Invalid, "err.invalid", "track", "err.choice")
		}
		if track != "" {
			ok := false
			for _, t := range c.Tracks {
				ok = ok || t.Key == track
			}
			if !ok {
				return model.Errorf(model.Invalid, "err.invalid", "track", "err.choice")
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM projects WHERE id = $1 AND edition_id = $3 AND `+ownedBy("$2"), projectID, ownerID, c.EditionID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return model.ErrNotFound("project")
		}
		if err := liveProject(ctx, tx, projectID); err != nil {
			return err
		}
		if len(c.Eligible) > 0 {
			var src string
			if err := tx.QueryRowContext(ctx, `SELECT source FROM projects WHERE id = $1`, projectID).Scan(&src); err != nil {
				return err
			}
			if !slices.Contains(c.Eligible, src) {
				return model.Errorf(model.Invalid, "err.contest.not_eligible", "project_id", "err.contest.not_eligible")
			}
		}
		now := db.clock()
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO entries (contest_id, project_id, status, track, owner_user_id, created_at)
			SELECT $1, $2, 'submitted', $3, $4, $5 WHERE EXISTS (SELECT 1 FROM contests WHERE id = $1 AND state = 'entry'
				AND (opens_at IS NULL OR opens_at <= $5) AND (closes_at IS NULL OR closes_at > $5))
			RETURNING id`, contestID, projectID, track, ownerID, now).Scan(&id)
		if err == sql.ErrNoRows {
			return model.Errorf(model.Conflict, "err.contest.not_open")
		}
		if err != nil {
			if model.ErrorCode(db.mapErr(err)) == model.Conflict {
				return model.Errorf(model.Conflict, "err.contest.entered")
			}
			return db.mapErr(err)
		}
		e.ID = id
		return nil
	})
	return e, err
}

// WithdrawEntry removes an owner's entry before the deadline.
func (db *DB) WithdrawEntry(ctx context.Context, entryID, ownerID int64) error {
	res, err := db.w.ExecContext(ctx, `DELETE FROM entries WHERE id = $1 AND owner_user_id = $2
		AND EXISTS (SELECT 1 FROM contests c WHERE c.id = entries.contest_id AND c.state = 'entry' AND (c.closes_at IS NULL OR c.closes_at > $3))`,
		entryID, ownerID, db.clock())
	if err != nil {
		return db.mapErr(err)
	}
	return oneRow(res, model.Errorf(model.Conflict, "err.contest.not_open"))
}

// ContestEntries lists a contest's entries, oldest first.
func (db *DB) ContestEntries(ctx context.Context, contestID int64) ([]EntryRow, error) {
	return queryAll(ctx, db.r, scanEntryRow, `SELECT `+entryRowCols+entryRowFrom+` WHERE e.contest_id = $1 ORDER BY e.id`, contestID)
}

// EntryByID reads one entry with its names.
func (db *DB) EntryByID(ctx context.Context, id int64) (EntryRow, error) {
	e, err := scanEntryRow(db.r.QueryRowContext(ctx, `SELECT `+entryRowCols+entryRowFrom+` WHERE e.id = $1`, id))
	return e, one(err, "entry")
}

// ownedBy is the SQL condition that a project (of the query's projects
// row) belongs to user u: its owner, or a member of the delegation that
// brought it.
func ownedBy(u string) string {
	return `(owner_user_id = ` + u + ` OR (org_id IS NOT NULL AND org_id = (SELECT org_id FROM users WHERE id = ` + u + ` AND role = 'delegation')))`
}

// OwnerEntries lists the entries of an owner's projects (a talent's own,
// or a delegation member's delegation's).
func (db *DB) OwnerEntries(ctx context.Context, ownerID int64) ([]EntryRow, error) {
	return queryAll(ctx, db.r, scanEntryRow, `SELECT `+entryRowCols+entryRowFrom+` WHERE p.id IN (SELECT id FROM projects WHERE `+ownedBy("$1")+`) ORDER BY e.id DESC`, ownerID)
}

// ProjectEntries lists a project's entries.
func (db *DB) ProjectEntries(ctx context.Context, projectID int64) ([]EntryRow, error) {
	return queryAll(ctx, db.r, scanEntryRow, `SELECT `+entryRowCols+entryRowFrom+` WHERE e.project_id = $1 ORDER BY e.id DESC`, projectID)
}

// LoadProject reads a project.
func (db *DB) LoadProject(ctx context.Context, id int64) (model.Project, error) {
	p, err := scanProject(db.r.QueryRowContext(ctx, `SELECT `+projectCols+` FROM projects WHERE id = $1`, id))
	return p, one(err, "project")
}
