package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
)

// Dockings: a project meeting a counterpart (park, enterprise, investor,
// delegation). Meetings create them (CreateMeetingRequest); here they move
// through their stages: a party proposes, the other party confirms, an
// organizer may record a move on their behalf. Every move is a conditional
// update on the docking's version, so two confirmations racing leave one
// history; the events' unique (docking_id, seq) is the last guard.

// Sides of a docking.
const (
	SideOwner       = "owner"       // the project's owner, or a member of the delegation that brought it
	SideCounterpart = "counterpart" // a member of the counterpart organization
	SideOrganizer   = "organizer"
)

// DockingScope limits dockings to those a user is a party of: the
// projects they own, those their organization brought, and those their
// organization is the counterpart of. Zero values match nothing; nil
// (no scope) is the organizer's whole view.
type DockingScope struct {
	UserID int64
	OrgID  int64
}

// DockingFilter narrows boards and funnels.
type DockingFilter struct {
	EditionID    int64
	Party        *DockingScope
	Source       model.ProjectSource
	DelegationID int64    // the delegation that brought the project
	Fields       []string // any of these spellings, case aside (a vocabulary's key maps to several)
	Provinces    []string // of the bringing delegation; any of these spellings
}

// where adds the filter's conditions on d (dockings), p (projects) and po
// (the bringing organization).
func (f DockingFilter) where(c *conds) {
	if f.EditionID != 0 {
		c.add("p.edition_id = ?", f.EditionID)
	}
	if s := f.Party; s != nil {
		u, o := c.arg(s.UserID), c.arg(s.OrgID)
		c.where = append(c.where, "(p.owner_user_id = "+u+" OR p.org_id = "+o+" OR d.org_id = "+o+")")
	}
	if f.Source != "" {
		c.add("p.source = ?", f.Source)
	}
	if f.DelegationID != 0 {
		c.add("p.org_id = ?", f.DelegationID)
	}
	c.anyOf("lower(p.field)", f.Fields)
	c.anyOf("lower(po.province)", f.Provinces)
}

// dockWhere adds the filter's conditions on d (dockings) alone: the
// edition on the docking's own column, the other project conditions
// through a semi-join.
func (f DockingFilter) dockWhere(c *conds) {
	if s := f.Party; s != nil {
		u, o := c.arg(s.UserID), c.arg(s.OrgID)
		c.where = append(c.where, "(d.org_id = "+o+" OR d.project_id IN (SELECT id FROM projects WHERE owner_user_id = "+u+" OR org_id = "+o+"))")
	}
	if f.EditionID != 0 { // the docking's own copy of its project's edition
		c.add("d.edition_id = ?", f.EditionID)
	}
	g := f
	g.Party, g.EditionID = nil, 0
	var pc conds
	pc.args = c.args
	g.where(&pc)
	if len(pc.where) == 0 {
		return
	}
	join := ""
	if len(f.Provinces) > 0 {
		join = " LEFT JOIN organizations po ON po.id = p.org_id"
	}
	c.args = pc.args
	c.where = append(c.where, "d.project_id IN (SELECT p.id FROM projects p"+join+pc.sql()+")")
}

// DockingFacets counts, per stored spelling, the fields and provinces of
// the projects of the dockings f's party sees in f's edition (its other
// filters aside): what the board's and funnel's filters offer. The caller
// groups spellings of one value by its vocabulary.
func (db *DB) DockingFacets(ctx context.Context, f DockingFilter) (ProjectFacets, error) {
	var c conds
	DockingFilter{EditionID: f.EditionID, Party: f.Party}.dockWhere(&c)
	// One pass over the dockings for both lists (two, one per column, were
	// 10 of the board's 27 ms CPU at scale 1 on SQLite, issue 14).
	type pair struct {
		field, province string
		n               int
	}
	rows, err := queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (pair, error) {
		var p pair
		var prov sql.NullString
		err := row.Scan(&p.field, &prov, &p.n)
		p.province = prov.String
		return p, err
	}, `SELECT p.field, po.province, count(*) FROM dockings d JOIN projects p ON p.id = d.project_id
		LEFT JOIN organizations po ON po.id = p.org_id`+c.sql()+` GROUP BY p.field, po.province`, c.args...)
	if err != nil {
		return ProjectFacets{}, err
	}
	fields, provinces := map[string]int{}, map[string]int{}
	for _, r := range rows {
		if r.field != "" {
			fields[r.field] += r.n
		}
		if r.province != "" {
			provinces[r.province] += r.n
		}
	}
	return ProjectFacets{Fields: topFacets(fields), Provinces: topFacets(provinces)}, nil
}

// topFacets are the facetLimit most counted values, most first, then by
// value (the order the SQL gave when each list was its own query).
func topFacets(m map[string]int) []FacetCount {
	out := make([]FacetCount, 0, len(m))
	for v, n := range m {
		out = append(out, FacetCount{v, n})
	}
	slices.SortFunc(out, func(a, b FacetCount) int { return cmp.Or(cmp.Compare(b.N, a.N), strings.Compare(a.Value, b.Value)) })
	return out[:min(len(out), facetLimit)]
}

// ScopeOf is the docking scope of a user: nil for organizers (everything).
func ScopeOf(u *model.User) *DockingScope {
	if u.Role == model.RoleOrganizer {
		return nil
	}
	s := &DockingScope{UserID: u.ID, OrgID: -1}
	if u.OrgID != nil {
		s.OrgID = *u.OrgID
	}
	return s
}

// DockingCard is a docking as a board shows it.
type DockingCard struct {
	ID             int64
	ProjectID      int64
	Title, TitleZH string
	Source         model.ProjectSource
	Field          string
	Province       string
	BroughtBy      string // the bringing delegation's name, or ""
	CounterpartID  int64
	Counterpart    string
	CounterpartZH  string
	CounterKind    model.OrgKind
	DockState
	UpdatedAt time.Time
	Proposed  bool // a proposal waits for confirmation
}

const cardSQL = `SELECT d.id, d.project_id, p.title, p.title_zh, p.source, p.field, COALESCE(po.province, ''), COALESCE(po.name, ''),
	d.org_id, co.name, co.name_zh, co.kind, d.stage, d.stalled, d.updated_at, d.proposed_stage IS NOT NULL
FROM dockings d JOIN projects p ON p.id = d.project_id
LEFT JOIN organizations po ON po.id = p.org_id
JOIN organizations co ON co.id = d.org_id`

func scanCard(row interface{ Scan(...any) error }) (DockingCard, error) {
	var c DockingCard
	err := row.Scan(&c.ID, &c.ProjectID, &c.Title, &c.TitleZH, &c.Source, &c.Field, &c.Province, &c.BroughtBy,
		&c.CounterpartID, &c.Counterpart, &c.CounterpartZH, &c.CounterKind, &c.Stage, &c.Stalled, &c.UpdatedAt, &c.Proposed)
	return c, err
}

// BoardColumn is one stage's column: how many dockings are in it and the
// most recently changed ones.
type BoardColumn struct {
	Key   string
	Count int
	Cards []DockingCard
}

// columnSQL is a board column's key in SQL.
const columnSQL = `CASE WHEN d.stalled THEN 'stalled' ELSE d.stage END`

// DockingBoard is the board: every column with its count and at most
// perColumn cards, most recently changed first.
func (db *DB) DockingBoard(ctx context.Context, f DockingFilter, perColumn int) ([]BoardColumn, error) {
	if perColumn <= 0 || perColumn > 200 {
		perColumn = 30
	}
	var c conds
	f.dockWhere(&c)
	cols := make([]BoardColumn, len(BoardColumns))
	idx := map[string]int{}
	for i, k := range BoardColumns {
		cols[i].Key = k
		idx[k] = i
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+columnSQL+`, count(*) FROM dockings d`+c.sql()+` GROUP BY `+columnSQL, c.args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			rows.Close()
			return nil, err
		}
		if i, ok := idx[k]; ok {
			cols[i].Count = n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Each column's newest cards, through the (stage, updated_at) index.
	var cards []DockingCard
	for _, col := range BoardColumns {
		if cols[idx[col]].Count == 0 {
			continue
		}
		cc := conds{where: append([]string(nil), c.where...), args: append([]any(nil), c.args...)}
		if col == StageStalled {
			cc.where = append(cc.where, "d.stalled")
		} else {
			// stalled = false, not NOT stalled: an equality the board's
			// index (edition, stage, stalled, updated_at) reads in order.
			cc.add("d.stage = ?", col)
			cc.add("d.stalled = ?", false)
		}
		l, err := queryAll(ctx, db.r, scanCard, cardSQL+cc.sql()+` ORDER BY d.updated_at DESC, d.id DESC LIMIT `+itoa(perColumn), cc.args...)
		if err != nil {
			return nil, err
		}
		cards = append(cards, l...)
	}
	for _, cd := range cards {
		i := idx[cd.Column()]
		cols[i].Cards = append(cols[i].Cards, cd)
	}
	return cols, nil
}

// DockingEvent is one line of a docking's history.
type DockingEvent struct {
	Seq          int
	From, To     string
	ProposedBy   string // name, or "" when recorded without a proposal
	RecordedBy   string
	OnBehalf     bool
	Park, ParkZH string
	Note         string
	At           time.Time
}

// DockingView is a docking's page: the card, both parties, the open
// proposal, the history and the viewer's side.
type DockingView struct {
	DockingCard
	Version       int64
	Reached       model.DockingStage
	EditionID     int64
	OwnerUserID   int64 // 0 when a delegation owns the project
	OwnerName     string
	ProjectOrgID  int64
	ParkID        int64
	Park, ParkZH  string
	ProposedStage string
	ProposedSide  string
	ProposedBy    string
	ProposedNote  string
	ProposedPark  int64
	ProposedAt    *time.Time
	History       []DockingEvent
	Side          string // the viewer's: owner, counterpart, organizer
}

// dockRow is what a move reads inside its transaction.
type dockRow struct {
	id, version, projectID, counterpart int64
	owner, projOrg                      sql.NullInt64
	state                               DockState
	reached                             model.DockingStage
	propStage, propSide                 sql.NullString
	propBy, propPark                    sql.NullInt64
	propNote                            string
}

func (db *DB) readDock(ctx context.Context, q queryer, id int64) (dockRow, error) {
	var d dockRow
	err := q.QueryRowContext(ctx, `SELECT d.id, d.version, d.project_id, d.org_id, p.owner_user_id, p.org_id, d.stage, d.stalled, d.reached,
		d.proposed_stage, d.proposed_side, d.proposed_by, d.proposed_park, d.proposed_note
		FROM dockings d JOIN projects p ON p.id = d.project_id WHERE d.id = $1`, id).Scan(&d.id, &d.version, &d.projectID, &d.counterpart,
		&d.owner, &d.projOrg, &d.state.Stage, &d.state.Stalled, &d.reached, &d.propStage, &d.propSide, &d.propBy, &d.propPark, &d.propNote)
	return d, one(err, "docking")
}

// sideOf is the user's side of a docking, or "".
func (d dockRow) sideOf(u model.User) string {
	switch {
	case u.Role == model.RoleOrganizer:
		return SideOrganizer
	case d.owner.Valid && d.owner.Int64 == u.ID, d.projOrg.Valid && u.OrgID != nil && *u.OrgID == d.projOrg.Int64:
		return SideOwner
	case u.OrgID != nil && *u.OrgID == d.counterpart:
		return SideCounterpart
	}
	return ""
}

func (db *DB) user(ctx context.Context, q queryer, id int64) (model.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = $1`, id))
	return u, one(err, "user")
}

// Docking is one docking as the viewer may see it: to anyone who is not a
// party or an organizer it does not exist.
func (db *DB) Docking(ctx context.Context, id, viewerID int64) (DockingView, error) {
	var v DockingView
	u, err := db.user(ctx, db.r, viewerID)
	if err != nil {
		return v, err
	}
	d, err := db.readDock(ctx, db.r, id)
	if err != nil {
		return v, err
	}
	if v.Side = d.sideOf(u); v.Side == "" {
		return v, notFound("docking")
	}
	v.DockingCard, err = scanCard(db.r.QueryRowContext(ctx, cardSQL+` WHERE d.id = $1`, id))
	if err != nil {
		return v, one(err, "docking")
	}
	var park, propPark, propBy sql.NullInt64
	var propAt sql.NullTime
	var propStage, propSide sql.NullString
	err = db.r.QueryRowContext(ctx, `SELECT d.version, d.reached, p.edition_id, COALESCE(p.owner_user_id, 0), COALESCE(ou.name, ''), COALESCE(p.org_id, 0),
		d.park_org_id, COALESCE(pk.name, ''), COALESCE(pk.name_zh, ''), d.proposed_stage, d.proposed_side, d.proposed_by, COALESCE(pu.name, ''),
		d.proposed_note, d.proposed_park, d.proposed_at
		FROM dockings d JOIN projects p ON p.id = d.project_id LEFT JOIN users ou ON ou.id = p.owner_user_id
		LEFT JOIN organizations pk ON pk.id = d.park_org_id LEFT JOIN users pu ON pu.id = d.proposed_by WHERE d.id = $1`, id).Scan(
		&v.Version, &v.Reached, &v.EditionID, &v.OwnerUserID, &v.OwnerName, &v.ProjectOrgID, &park, &v.Park, &v.ParkZH,
		&propStage, &propSide, &propBy, &v.ProposedBy, &v.ProposedNote, &propPark, &propAt)
	if err != nil {
		return v, err
	}
	v.ParkID, v.ProposedStage, v.ProposedSide, v.ProposedPark = park.Int64, propStage.String, propSide.String, propPark.Int64
	if propAt.Valid {
		t := propAt.Time
		v.ProposedAt = &t
	}
	v.History, err = queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (DockingEvent, error) {
		var e DockingEvent
		err := row.Scan(&e.Seq, &e.From, &e.To, &e.ProposedBy, &e.RecordedBy, &e.OnBehalf, &e.Park, &e.ParkZH, &e.Note, &e.At)
		return e, err
	}, `SELECT e.seq, e.from_stage, e.to_stage, COALESCE(pu.name, ''), ru.name, e.on_behalf, COALESCE(pk.name, ''), COALESCE(pk.name_zh, ''), e.note, e.at
		FROM docking_events e JOIN users ru ON ru.id = e.recorded_by LEFT JOIN users pu ON pu.id = e.proposed_by
		LEFT JOIN organizations pk ON pk.id = e.park_org_id WHERE e.docking_id = $1 ORDER BY e.seq`, id)
	return v, err
}

// StageInput is a proposed or recorded move. Version is the docking's
// version the page showed: a move on a stale page is refused.
type StageInput struct {
	DockingID int64
	ByUserID  int64
	Version   int64
	Stage     string // a stage, or "stalled"
	Note      string
	ParkOrgID int64 // the park of a preliminary agreement
}

func staleDocking() error {
	return model.Errorf(model.Conflict, "err.docking.changed")
}

// checkPark accepts 0 or an organization that is a park.
func (db *DB) checkPark(ctx context.Context, q queryer, id int64) error {
	if id == 0 {
		return nil
	}
	var kind model.OrgKind
	err := q.QueryRowContext(ctx, `SELECT kind FROM organizations WHERE id = $1`, id).Scan(&kind)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && kind != model.OrgPark) {
		return model.Errorf(model.Invalid, "err.docking.park", "park_org_id", "err.docking.park")
	}
	return err
}

// defaultPark names the counterpart as the park of a preliminary
// agreement when the counterpart is a park and none was named.
func (db *DB) defaultPark(ctx context.Context, q queryer, d dockRow, in *StageInput) error {
	if in.Stage != string(model.DockPreliminary) || in.ParkOrgID != 0 {
		return nil
	}
	var kind model.OrgKind
	if err := q.QueryRowContext(ctx, `SELECT kind FROM organizations WHERE id = $1`, d.counterpart).Scan(&kind); err != nil {
		return err
	}
	if kind == model.OrgPark {
		in.ParkOrgID = d.counterpart
	}
	return nil
}

// partyDock reads the docking for a move by userID: the user, the docking
// and the user's side of it; one who has no side does not see it.
func (db *DB) partyDock(ctx context.Context, tx txq, userID, dockingID int64) (model.User, dockRow, string, error) {
	u, err := db.user(ctx, tx, userID)
	if err != nil {
		return u, dockRow{}, "", err
	}
	d, err := db.readDock(ctx, tx, dockingID)
	if err != nil {
		return u, d, "", err
	}
	side := d.sideOf(u)
	if side == "" {
		return u, d, "", notFound("docking")
	}
	return u, d, side, nil
}

// ProposeStage records a party's proposal (replacing an open one); the
// other party confirms it. Declining is the exception: either party
// declines on its own.
func (db *DB) ProposeStage(ctx context.Context, in StageInput) error {
	in.Note = strings.TrimSpace(in.Note)
	return db.tx(ctx, func(tx txq) error {
		u, d, side, err := db.partyDock(ctx, tx, in.ByUserID, in.DockingID)
		if err != nil {
			return err
		}
		if side == SideOrganizer {
			return model.Errorf(model.Forbidden, "err.docking.not_party")
		}
		if in.Version != d.version {
			return staleDocking()
		}
		if err := db.defaultPark(ctx, tx, d, &in); err != nil {
			return err
		}
		if err := db.checkPark(ctx, tx, in.ParkOrgID); err != nil {
			return err
		}
		if err := CheckMove(d.state, in.Stage, in.Note, in.ParkOrgID); err != nil {
			return err
		}
		if in.Stage == string(model.DockDeclined) {
			// Walking away needs no one's agreement: it applies at once
			// and the other party is told.
			return db.applyMove(ctx, tx, d, in, u.ID, false, side, u.Name)
		}
		res, err := tx.ExecContext(ctx, `UPDATE dockings SET proposed_stage = $1, proposed_side = $2, proposed_by = $3, proposed_note = $4,
			proposed_park = $5, proposed_at = $6, version = version + 1 WHERE id = $7 AND version = $8`,
			in.Stage, side, u.ID, in.Note, nullID(in.ParkOrgID), db.clock(), d.id, d.version)
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, staleDocking()); err != nil {
			return err
		}
		return db.dockNotify(ctx, tx, d, side, "docking.notice.proposed", "docking.stage."+in.Stage, u.Name)
	})
}

// dockNotify tells the other party of a docking.
func (db *DB) dockNotify(ctx context.Context, tx txq, d dockRow, side, key string, args ...string) error {
	if side != SideOwner {
		if d.owner.Valid {
			if err := db.meetingNotify(ctx, tx, d.owner.Int64, nil, key, args...); err != nil {
				return err
			}
		} else if d.projOrg.Valid {
			o := d.projOrg.Int64
			if err := db.meetingNotify(ctx, tx, 0, &o, key, args...); err != nil {
				return err
			}
		}
	}
	if side != SideCounterpart {
		o := d.counterpart
		return db.meetingNotify(ctx, tx, 0, &o, key, args...)
	}
	return nil
}

// ConfirmStage applies the open proposal: only the other party may confirm
// it, and only as the page showed it (version).
func (db *DB) ConfirmStage(ctx context.Context, dockingID, byUserID, version int64) error {
	return db.tx(ctx, func(tx txq) error {
		u, d, side, err := db.partyDock(ctx, tx, byUserID, dockingID)
		if err != nil {
			return err
		}
		if version != d.version || !d.propStage.Valid {
			return staleDocking()
		}
		if side == SideOrganizer || side == d.propSide.String {
			return model.Errorf(model.Forbidden, "err.docking.not_other_party")
		}
		in := StageInput{DockingID: d.id, ByUserID: u.ID, Stage: d.propStage.String, Note: d.propNote, ParkOrgID: d.propPark.Int64}
		return db.applyMove(ctx, tx, d, in, d.propBy.Int64, false, side, u.Name)
	})
}

// RejectProposal withdraws (the proposer) or turns down (the other party)
// the open proposal; the stage stays.
func (db *DB) RejectProposal(ctx context.Context, dockingID, byUserID, version int64) error {
	return db.tx(ctx, func(tx txq) error {
		_, d, side, err := db.partyDock(ctx, tx, byUserID, dockingID)
		if err != nil {
			return err
		}
		if side == SideOrganizer {
			return model.Errorf(model.Forbidden, "err.docking.not_party")
		}
		if version != d.version || !d.propStage.Valid {
			return staleDocking()
		}
		res, err := tx.ExecContext(ctx, `UPDATE dockings SET proposed_stage = NULL, proposed_side = NULL, proposed_by = NULL, proposed_note = '',
			proposed_park = NULL, proposed_at = NULL, version = version + 1 WHERE id = $1 AND version = $2`, d.id, d.version)
		if err != nil {
			return db.mapErr(err)
		}
		return oneRow(res, staleDocking())
	})
}

// RecordStage is an organizer recording a move on the parties' behalf.
func (db *DB) RecordStage(ctx context.Context, in StageInput) error {
	in.Note = strings.TrimSpace(in.Note)
	return db.tx(ctx, func(tx txq) error {
		u, err := db.user(ctx, tx, in.ByUserID)
		if err != nil {
			return err
		}
		if u.Role != model.RoleOrganizer {
			return model.Errorf(model.Forbidden, "err.forbidden")
		}
		d, err := db.readDock(ctx, tx, in.DockingID)
		if err != nil {
			return err
		}
		if in.Version != d.version {
			return staleDocking()
		}
		if err := db.defaultPark(ctx, tx, d, &in); err != nil {
			return err
		}
		return db.applyMove(ctx, tx, d, in, 0, true, SideOrganizer, u.Name)
	})
}

// applyMove checks and applies a move, clears the proposal and writes the
// history line; the update is conditional on the version read.
func (db *DB) applyMove(ctx context.Context, tx txq, d dockRow, in StageInput, proposedBy int64, onBehalf bool, side, name string) error {
	if err := db.checkPark(ctx, tx, in.ParkOrgID); err != nil {
		return err
	}
	if err := CheckMove(d.state, in.Stage, in.Note, in.ParkOrgID); err != nil {
		return err
	}
	next := d.state
	reached := d.reached
	switch in.Stage {
	case StageStalled:
		next.Stalled = true
	default:
		next = DockState{Stage: model.DockingStage(in.Stage)}
		if StageRank(next.Stage) > StageRank(reached) {
			reached = next.Stage
		}
	}
	now := db.clock()
	parkSet := "park_org_id"
	args := []any{next.Stage, next.Stalled, reached, now, d.id, d.version}
	if in.ParkOrgID != 0 {
		parkSet = "$7"
		args = append(args, in.ParkOrgID)
	}
	res, err := tx.ExecContext(ctx, `UPDATE dockings SET stage = $1, stalled = $2, reached = $3, updated_at = $4, park_org_id = `+parkSet+`,
		proposed_stage = NULL, proposed_side = NULL, proposed_by = NULL, proposed_note = '', proposed_park = NULL, proposed_at = NULL,
		version = version + 1 WHERE id = $5 AND version = $6`, args...)
	if err != nil {
		return db.mapErr(err)
	}
	if err := oneRow(res, staleDocking()); err != nil {
		return err
	}
	var seq int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(seq), 0) + 1 FROM docking_events WHERE docking_id = $1`, d.id).Scan(&seq); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO docking_events (docking_id, seq, from_stage, to_stage, proposed_by, recorded_by, on_behalf, park_org_id, note, at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`, d.id, seq, d.state.Column(), in.Stage, nullID(proposedBy), in.ByUserID, onBehalf,
		nullID(in.ParkOrgID), in.Note, now); err != nil {
		return db.mapErr(err)
	}
	return db.dockNotify(ctx, tx, d, side, "docking.notice.moved", "docking.stage."+in.Stage, name)
}

// DockingParks are the approved innovation parks, for naming the park of a
// preliminary agreement and choosing a counterpart.
func (db *DB) DockingParks(ctx context.Context) ([]model.Organization, error) {
	return queryAll(ctx, db.r, scanOrg, `SELECT `+orgCols+` FROM organizations WHERE kind = 'park' AND status = 'approved' ORDER BY name LIMIT 500`)
}

// DockingRequests are the negotiation requests of a docking (with their
// places once scheduled, as the viewer's agenda has them).
func (db *DB) DockingRequests(ctx context.Context, dockingID int64) ([]MeetingRequestView, error) {
	l, err := queryAll(ctx, db.r, scanRequestView, requestViewSQL+` WHERE r.docking_id = $1 ORDER BY r.id DESC LIMIT 50`, dockingID)
	if err != nil {
		return nil, err
	}
	// Their published places, as either side's agenda has them.
	for i := range l {
		if l[i].Status != model.RequestAccepted {
			continue
		}
		rows, err := db.AgendaOf(ctx, l[i].FromUserID)
		if err != nil {
			return nil, err
		}
		for j := range rows {
			if rows[j].RequestID == l[i].ID {
				l[i].Scheduled = &rows[j]
			}
		}
	}
	return l, nil
}

// SettleLoadedDockings completes dockings written by a bulk load (which
// writes stages only): a preliminary agreement with a park names it, a
// selected contest project's declined docking had its negotiation, and
// exhibits get their owners and projects. Running it twice changes nothing.
func (db *DB) SettleLoadedDockings(ctx context.Context) error {
	for _, q := range []string{
		`UPDATE dockings SET park_org_id = org_id WHERE stage = 'preliminary_agreement' AND park_org_id IS NULL
			AND org_id IN (SELECT id FROM organizations WHERE kind = 'park')`,
		`UPDATE dockings SET reached = 'negotiation' WHERE stage = 'declined' AND reached = 'requested'
			AND project_id IN (SELECT e.project_id FROM entries e WHERE e.status = 'selected')`,
		`UPDATE dockings SET reached = stage WHERE stage <> 'declined' AND reached = 'requested' AND stage <> 'requested'`,
	} {
		if _, err := db.w.ExecContext(ctx, q); err != nil {
			return db.mapErr(err)
		}
	}
	return db.LinkExhibitOwners(ctx)
}

// DockingRows lists every docking the filter matches, as cards with the
// park named, newest change first, for the pipeline's export.
func (db *DB) DockingRows(ctx context.Context, f DockingFilter) ([]DockingCard, error) {
	var c conds
	f.dockWhere(&c)
	return queryAll(ctx, db.r, scanCard, cardSQL+c.sql()+` ORDER BY d.updated_at DESC, d.id DESC LIMIT 100000`, c.args...)
}
