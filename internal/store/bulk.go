package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/convene/convene/internal/model"
)

// Bulk loading writes a whole generated convention (hundreds of thousands of
// rows at scale 10) in one transaction with multi-row INSERT statements.
//
// Rows carry ids the caller assigns instead of ids read back with RETURNING:
// neither database promises that a multi-row INSERT ... RETURNING yields ids
// in VALUES order, and with ids known up front children reference parents
// without a round trip per row. The caller reads MaxIDs inside the load and
// numbers rows above them. On PostgreSQL the load locks the tables against
// other writers and moves each identity sequence past the highest id before
// committing, so ordinary inserts afterwards continue the numbering; SQLite
// picks max(id)+1 by itself.

// Values per statement. SQLite allows up to 32766 variables, but it treats
// each $N as a named parameter and finds names by a linear scan, so a
// statement costs O(values²) to prepare and bind: at 18,000 values a scale-1
// load took 28 s, at 200 values 1.4 s (measured, docs/benchmarks.md).
// PostgreSQL (limit 65535) gains nothing past about 2,000 values, where the
// round trip per statement no longer shows.
const (
	sqliteVars   = 200
	postgresVars = 2000
)

// bulkTables are the tables with identity ids a bulk load may fill, in
// foreign-key order.
var bulkTables = []string{"editions", "venues", "halls", "areas", "booths", "fairs", "remote_sessions", "events",
	"organizations", "users", "talents", "posts", "applications", "projects", "contests", "entries", "dockings", "exhibits"}

// IDs holds the highest id of each table a bulk load fills (0 when empty).
type IDs struct {
	Editions, Venues, Halls, Areas, Booths, Fairs, RemoteSessions, Events int64
	Organizations, Users, Talents, Posts, Applications, Projects          int64
	Contests, Entries, Dockings, Exhibits                                 int64
}

// TableCounts counts rows per table.
type TableCounts struct {
	Editions, Venues, Halls, Areas, Booths, Fairs, RemoteSessions, Events int
	Organizations, Users, Talents, Posts, Applications, Visits, Projects  int
	Contests, ContestJudges, Entries, Scores, Dockings, Exhibits          int
}

// IsEmpty reports whether the database holds no edition, organization or
// account: a loader refuses to mix a generated convention into real data
// unless told to.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT CASE WHEN EXISTS (SELECT 1 FROM editions) OR EXISTS (SELECT 1 FROM organizations)
		OR EXISTS (SELECT 1 FROM users) THEN 1 ELSE 0 END`).Scan(&n)
	return n == 0, err
}

// TableCounts counts the rows of every table a bulk load fills.
func (db *DB) TableCounts(ctx context.Context) (TableCounts, error) {
	var c TableCounts
	dst := []*int{&c.Editions, &c.Venues, &c.Halls, &c.Areas, &c.Booths, &c.Fairs, &c.RemoteSessions, &c.Events,
		&c.Organizations, &c.Users, &c.Talents, &c.Posts, &c.Applications, &c.Visits, &c.Projects,
		&c.Contests, &c.ContestJudges, &c.Entries, &c.Scores, &c.Dockings, &c.Exhibits}
	tables := []string{"editions", "venues", "halls", "areas", "booths", "fairs", "remote_sessions", "events",
		"organizations", "users", "talents", "posts", "applications", "visits", "projects",
		"contests", "contest_judges", "entries", "scores", "dockings", "exhibits"}
	sel := make([]string, len(tables))
	args := make([]any, len(dst))
	for i, t := range tables {
		sel[i] = "(SELECT count(*) FROM " + t + ")"
		args[i] = dst[i]
	}
	err := db.r.QueryRowContext(ctx, `SELECT `+strings.Join(sel, ", ")).Scan(args...)
	return c, err
}

// VisitTotal sums the visit counts of one target kind ("" for all).
func (db *DB) VisitTotal(ctx context.Context, kind string) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT coalesce(sum(count), 0) FROM visits WHERE $1 = '' OR target_kind = $1`, kind).Scan(&n)
	return n, err
}

// Bulk writes rows inside one BulkLoad transaction.
type Bulk struct {
	db   *DB
	ctx  context.Context
	tx   *sql.Tx
	args []any
}

// BulkLoad runs fn in one write transaction: the load lands whole or not at
// all. It holds the writer for its whole length, so it is meant for an
// offline load (convene demo, a benchmark), not for a busy server.
//
// On PostgreSQL the loaded tables are then vacuumed and analyzed, as
// autovacuum would do soon after in a deployment: without statistics the
// planner guessed, and without the visibility map VACUUM sets an
// index-only scan (posts_fair_org) visits the table for every row.
func (db *DB) BulkLoad(ctx context.Context, fn func(b *Bulk) error) error {
	if err := db.bulkLoad(ctx, fn); err != nil {
		return err
	}
	if db.dialect == postgresDialect {
		if _, err := db.w.ExecContext(ctx, `VACUUM (ANALYZE) `+strings.Join(bulkTables, ", ")+`, visits, contest_judges, scores`); err != nil {
			return fmt.Errorf("bulk vacuum: %w", err)
		}
	}
	return nil
}

func (db *DB) bulkLoad(ctx context.Context, fn func(b *Bulk) error) error {
	return db.tx(ctx, func(tx txq) error {
		b := &Bulk{db: db, ctx: ctx, tx: tx}
		if db.dialect == postgresDialect {
			// Readers go on; other writers wait, so the ids read by MaxIDs stay free.
			if _, err := tx.ExecContext(ctx, `LOCK TABLE `+strings.Join(bulkTables, ", ")+`, visits, contest_judges, scores IN SHARE ROW EXCLUSIVE MODE`); err != nil {
				return fmt.Errorf("bulk lock: %w", err)
			}
		}
		if err := fn(b); err != nil {
			return err
		}
		if db.dialect == postgresDialect {
			for _, t := range bulkTables {
				// Explicit ids do not advance an identity sequence; move it past them.
				if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), max(id)) FROM `+t+` HAVING max(id) IS NOT NULL`); err != nil {
					return fmt.Errorf("bulk sequence %s: %w", t, err)
				}
			}
		}
		return nil
	})
}

// MaxIDs reads the highest id of every table the load fills.
func (b *Bulk) MaxIDs() (IDs, error) {
	var m IDs
	dst := []any{&m.Editions, &m.Venues, &m.Halls, &m.Areas, &m.Booths, &m.Fairs, &m.RemoteSessions, &m.Events,
		&m.Organizations, &m.Users, &m.Talents, &m.Posts, &m.Applications, &m.Projects, &m.Contests, &m.Entries, &m.Dockings, &m.Exhibits}
	sel := make([]string, len(bulkTables))
	for i, t := range bulkTables {
		sel[i] = "(SELECT coalesce(max(id), 0) FROM " + t + ")"
	}
	err := b.tx.QueryRowContext(b.ctx, `SELECT `+strings.Join(sel, ", ")).Scan(dst...)
	return m, err
}

// insert writes n rows into table in multi-row INSERT statements; row
// appends the values of row i to args in the order of cols.
func (b *Bulk) insert(table string, cols []string, n int, row func(i int, args []any) []any) error {
	if n == 0 {
		return nil
	}
	vars := sqliteVars
	if b.db.dialect == postgresDialect {
		vars = postgresVars
	}
	per := max(vars/len(cols), 1)
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	for start := 0; start < n; start += per {
		k := min(per, n-start)
		args := b.args[:0]
		for i := start; i < start+k; i++ {
			args = row(i, args)
		}
		if len(args) != k*len(cols) {
			return fmt.Errorf("bulk %s: %d values for %d rows of %d columns", table, len(args), k, len(cols))
		}
		var err error
		if k == per {
			if full == nil {
				// Every full batch has the same text: parse and plan it once.
				if full, err = b.tx.PrepareContext(b.ctx, insertSQL(table, cols, k)); err != nil {
					return fmt.Errorf("bulk %s: %w", table, err)
				}
			}
			_, err = full.ExecContext(b.ctx, args...)
		} else {
			_, err = b.tx.ExecContext(b.ctx, insertSQL(table, cols, k), args...)
		}
		clear(args) // drop references to the rows' strings
		b.args = args[:0]
		if err != nil {
			return fmt.Errorf("bulk %s: %w", table, b.db.mapErr(err))
		}
	}
	return nil
}

// insertSQL builds INSERT INTO table (cols) VALUES ($1,...),(...) for rows rows.
func insertSQL(table string, cols []string, rows int) string {
	var sb strings.Builder
	sb.Grow(40 + rows*len(cols)*7)
	sb.WriteString("INSERT INTO ")
	sb.WriteString(table)
	sb.WriteString(" (")
	sb.WriteString(strings.Join(cols, ", "))
	sb.WriteString(") VALUES ")
	n := 0
	for r := range rows {
		if r > 0 {
			sb.WriteByte(',')
		}
		sb.WriteByte('(')
		for c := range cols {
			if c > 0 {
				sb.WriteByte(',')
			}
			n++
			sb.WriteString(ph(n))
		}
		sb.WriteByte(')')
	}
	return sb.String()
}

func cols(s string) []string { return strings.Split(s, ", ") }

// Editions inserts editions; one marked current takes over from the old current one.
func (b *Bulk) Editions(es []model.Edition) error {
	for _, e := range es {
		if e.Current {
			if _, err := b.tx.ExecContext(b.ctx, `UPDATE editions SET is_current = false WHERE is_current`); err != nil {
				return err
			}
		}
	}
	return b.insert("editions", cols(editionCols), len(es), func(i int, a []any) []any {
		e := &es[i]
		return append(a, e.ID, e.Slug, e.Name, e.NameZH, e.City, e.StartDate, e.EndDate, e.TimeZone, e.Current)
	})
}

// Venues inserts venues.
func (b *Bulk) Venues(vs []model.Venue) error {
	return b.insert("venues", cols("id, edition_id, name, name_zh, address, area_m2"), len(vs), func(i int, a []any) []any {
		v := &vs[i]
		return append(a, v.ID, v.EditionID, v.Name, v.NameZH, v.Address, v.AreaM2)
	})
}

// Halls inserts halls.
func (b *Bulk) Halls(hs []model.Hall) error {
	return b.insert("halls", cols("id, venue_id, name"), len(hs), func(i int, a []any) []any {
		return append(a, hs[i].ID, hs[i].VenueID, hs[i].Name)
	})
}

// Areas inserts exhibition areas.
func (b *Bulk) Areas(as []model.Area) error {
	return b.insert("areas", cols("id, hall_id, kind, name, name_zh"), len(as), func(i int, a []any) []any {
		return append(a, as[i].ID, as[i].HallID, as[i].Kind, as[i].Name, as[i].NameZH)
	})
}

// Booths inserts booths.
func (b *Bulk) Booths(bs []model.Booth) error {
	return b.insert("booths", cols("id, area_id, code, area_m2, x, y"), len(bs), func(i int, a []any) []any {
		x := &bs[i]
		return append(a, x.ID, x.AreaID, x.Code, x.AreaM2, x.X, x.Y)
	})
}

// Fairs inserts job fairs.
func (b *Bulk) Fairs(fs []model.Fair) error {
	return b.insert("fairs", cols(fairCols), len(fs), func(i int, a []any) []any {
		f := &fs[i]
		return append(a, f.ID, f.EditionID, f.Kind, f.Name, f.NameZH, f.VenueID)
	})
}

// RemoteSessions inserts video fairs' remote sessions.
func (b *Bulk) RemoteSessions(ss []model.RemoteSession) error {
	return b.insert("remote_sessions", cols("id, fair_id, location, time_zone, starts_at, ends_at"), len(ss), func(i int, a []any) []any {
		s := &ss[i]
		return append(a, s.ID, s.FairID, s.Location, s.TimeZone, s.StartsAt.UTC(), s.EndsAt.UTC())
	})
}

// Events inserts summits, forums and activities.
func (b *Bulk) Events(es []model.Event) error {
	return b.insert("events", cols("id, edition_id, kind, title, title_zh, topics, speakers, room, starts_at, ends_at, capacity"), len(es), func(i int, a []any) []any {
		e := &es[i]
		return append(a, e.ID, e.EditionID, e.Kind, e.Title, e.TitleZH, list(e.Topics).String(), list(e.Speakers).String(),
			e.Room, e.StartsAt.UTC(), e.EndsAt.UTC(), e.Capacity)
	})
}

// Organizations inserts organizations as given (status included).
func (b *Bulk) Organizations(os []model.Organization) error {
	return b.insert("organizations", cols(orgCols), len(os), func(i int, a []any) []any {
		o := &os[i]
		return append(a, o.ID, o.Kind, o.Name, o.NameZH, o.Status, o.Industry, o.Size, o.Global500, o.Province, o.Foreign, o.CreatedAt)
	})
}

// Users inserts accounts that all share one password hash.
func (b *Bulk) Users(us []model.User, hash string) error {
	return b.insert("users", cols("id, email, name, role, org_id, locale, password_hash, created_at"), len(us), func(i int, a []any) []any {
		u := &us[i]
		return append(a, u.ID, u.Email, u.Name, u.Role, u.OrgID, u.Locale, hash, u.CreatedAt)
	})
}

// Talents inserts talent profiles.
func (b *Bulk) Talents(ts []model.Talent) error {
	return b.insert("talents", cols(talentCols), len(ts), func(i int, a []any) []any {
		t := &ts[i]
		return append(a, t.ID, t.UserID, t.Name, t.Category, t.Residence, t.Nationality, t.Degree, t.Discipline,
			list(t.Skills).String(), list(t.Languages).String(), t.YearsExperience, t.IntentChina, list(t.PreferredCities).String(),
			t.Phone, t.CVFile, t.UpdatedAt)
	})
}

// Posts inserts posts.
func (b *Bulk) Posts(ps []model.Post) error {
	return b.insert("posts", cols(postCols), len(ps), func(i int, a []any) []any {
		p := &ps[i]
		return append(a, p.ID, p.OrgID, p.FairID, p.SessionID, p.Title, p.Description, p.Industry, list(p.Skills).String(),
			p.MinDegree, p.MinExperience, p.City, p.SalaryMin, p.SalaryMax, p.Headcount, list(p.Languages).String(),
			p.Status, p.CreatedAt, p.UpdatedAt, p.TitleZH, p.DescriptionZH)
	})
}

// Applications inserts applications.
func (b *Bulk) Applications(as []model.Application) error {
	return b.insert("applications", cols(appCols), len(as), func(i int, a []any) []any {
		x := &as[i]
		return append(a, x.ID, x.TalentID, x.PostID, x.Channel, x.Status, x.CreatedAt, x.UpdatedAt)
	})
}

// Visits inserts visit counts.
func (b *Bulk) Visits(vs []VisitCount) error {
	return b.insert("visits", cols("target_kind, target_id, day, channel, count"), len(vs), func(i int, a []any) []any {
		v := &vs[i]
		return append(a, v.TargetKind, v.TargetID, v.Day, v.Channel, v.Count)
	})
}

// Projects inserts projects.
func (b *Bulk) Projects(ps []model.Project) error {
	return b.insert("projects", cols(projectCols), len(ps), func(i int, a []any) []any {
		p := ps[i]
		projectDefaults(&p)
		return append(a, p.ID, p.EditionID, p.Source, p.OwnerUserID, p.OrgID, p.Title, p.TitleZH, p.Summary, p.Field,
			p.Stage, p.FundingSought, p.CreatedAt, p.WithdrawnAt, p.SummaryZH, p.Team, p.IPStatus, p.Visibility, p.DeckFile)
	})
}

// Contests inserts contests; the rubric is kept as a JSON array of criteria.
func (b *Bulk) Contests(cs []model.Contest) error {
	rubrics := make([]string, len(cs))
	for i, c := range cs {
		r := c.Rubric
		if r == nil {
			r = []model.Criterion{}
		}
		j, err := json.Marshal(r)
		if err != nil {
			return err
		}
		rubrics[i] = string(j)
	}
	return b.insert("contests", cols("id, edition_id, name, name_zh, rubric, grant_yuan, grant_min_score"), len(cs), func(i int, a []any) []any {
		c := &cs[i]
		return append(a, c.ID, c.EditionID, c.Name, c.NameZH, rubrics[i], c.GrantYuan, c.GrantMinScore)
	})
}

// ContestJudges names the judges of a contest.
func (b *Bulk) ContestJudges(contestID int64, userIDs []int64) error {
	return b.insert("contest_judges", cols("contest_id, user_id"), len(userIDs), func(i int, a []any) []any {
		return append(a, contestID, userIDs[i])
	})
}

// Entries inserts contest entries.
func (b *Bulk) Entries(es []model.Entry) error {
	return b.insert("entries", cols("id, contest_id, project_id, status, grant_eligible"), len(es), func(i int, a []any) []any {
		e := &es[i]
		return append(a, e.ID, e.ContestID, e.ProjectID, e.Status, e.GrantEligible)
	})
}

// Scores inserts judges' rubric scores.
func (b *Bulk) Scores(ss []model.Score) error {
	return b.insert("scores", cols("entry_id, judge_id, criterion, value"), len(ss), func(i int, a []any) []any {
		s := &ss[i]
		return append(a, s.EntryID, s.JudgeID, s.Criterion, s.Value)
	})
}

// Dockings inserts project dockings, each in its project's edition.
func (b *Bulk) Dockings(ds []model.Docking) error {
	err := b.insert("dockings", cols("id, project_id, org_id, stage, updated_at"), len(ds), func(i int, a []any) []any {
		d := &ds[i]
		return append(a, d.ID, d.ProjectID, d.OrgID, d.Stage, d.UpdatedAt)
	})
	if err == nil {
		_, err = b.tx.ExecContext(b.ctx, `UPDATE dockings SET edition_id = (SELECT edition_id FROM projects WHERE projects.id = dockings.project_id)
			WHERE edition_id IS NULL`)
	}
	return err
}

// Exhibits inserts what stands on booths.
func (b *Bulk) Exhibits(es []model.Exhibit) error {
	return b.insert("exhibits", cols("id, booth_id, org_id, title, title_zh, field, contact"), len(es), func(i int, a []any) []any {
		e := &es[i]
		var booth *int64
		if e.BoothID != 0 {
			booth = &e.BoothID
		}
		return append(a, e.ID, booth, e.OrgID, e.Title, e.TitleZH, e.Field, e.Contact)
	})
}

// Audit records the load in the audit log.
func (b *Bulk) Audit(by int64, action, subject string, id int64, detail string) error {
	return b.db.audit(b.ctx, b.tx, by, action, subject, id, detail)
}
