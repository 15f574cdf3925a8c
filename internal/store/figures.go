package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/convene/convene/internal/model"
)

// Figures are a job fair's numbers (or an edition's, over all its fairs).
type Figures struct {
	FairID       int64 // 0: the whole edition
	Posts        int64
	Enterprises  int64 // organizations with at least one post
	Applications int64
	ByChannel    map[model.Channel]int64
	CVs          int64 // talents with a CV who applied
	Visits       int64
}

// figureQueries are the fair figures, each a named query over
// $1 = edition id and $2 = fair id (0: every fair of the edition). Visits
// count the post and scan-page visits of the fair's posts; the edition's
// visits add the enterprise pages of organizations posting in it.
var figureQueries = map[string]string{
	"fair.posts": `SELECT count(*) FROM posts p JOIN fairs f ON f.id = p.fair_id
		WHERE f.edition_id = $1 AND ($2 = 0 OR f.id = $2)`,
	"fair.enterprises": `SELECT count(DISTINCT p.org_id) FROM posts p JOIN fairs f ON f.id = p.fair_id
		WHERE f.edition_id = $1 AND ($2 = 0 OR f.id = $2)`,
	"fair.applications": `SELECT count(*) FROM applications a JOIN posts p ON p.id = a.post_id JOIN fairs f ON f.id = p.fair_id
		WHERE f.edition_id = $1 AND ($2 = 0 OR f.id = $2)`,
	"fair.cvs": `SELECT count(DISTINCT a.talent_id) FROM applications a JOIN posts p ON p.id = a.post_id JOIN fairs f ON f.id = p.fair_id
		JOIN talents t ON t.id = a.talent_id
		WHERE f.edition_id = $1 AND ($2 = 0 OR f.id = $2) AND t.cv_file <> ''`,
	"fair.visits": `SELECT coalesce(sum(v.count), 0) FROM visits v
		WHERE (v.target_kind IN ('post', 'scan') AND v.target_id IN
			(SELECT p.id FROM posts p JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = $1 AND ($2 = 0 OR f.id = $2)))
		   OR ($2 = 0 AND v.target_kind = 'enterprise' AND v.target_id IN
			(SELECT p.org_id FROM posts p JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = $1))`,
}

// channelQuery is the named query "fair.applications_by_channel".
const channelQuery = `SELECT a.channel, count(*) FROM applications a JOIN posts p ON p.id = a.post_id JOIN fairs f ON f.id = p.fair_id
	WHERE f.edition_id = $1 AND ($2 = 0 OR f.id = $2) GROUP BY a.channel`

// FigureNames lists the named figure queries, for documentation and tests.
func FigureNames() []string {
	return []string{"fair.posts", "fair.enterprises", "fair.applications", "fair.applications_by_channel", "fair.cvs", "fair.visits"}
}

// FairFigures computes one fair's figures, or the edition's when fairID is 0.
func (db *DB) FairFigures(ctx context.Context, editionID, fairID int64) (Figures, error) {
	fg := Figures{FairID: fairID, ByChannel: map[model.Channel]int64{}}
	for name, dst := range map[string]*int64{"fair.posts": &fg.Posts, "fair.enterprises": &fg.Enterprises,
		"fair.applications": &fg.Applications, "fair.cvs": &fg.CVs, "fair.visits": &fg.Visits} {
		if err := db.r.QueryRowContext(ctx, figureQueries[name], editionID, fairID).Scan(dst); err != nil {
			return fg, err
		}
	}
	rows, err := db.r.QueryContext(ctx, channelQuery, editionID, fairID)
	if err != nil {
		return fg, err
	}
	defer rows.Close()
	for rows.Next() {
		var ch model.Channel
		var n int64
		if err := rows.Scan(&ch, &n); err != nil {
			return fg, err
		}
		fg.ByChannel[ch] = n
	}
	return fg, rows.Err()
}

// EditionFigures returns the edition's figures first, then each fair's.
func (db *DB) EditionFigures(ctx context.Context, editionID int64) ([]Figures, error) {
	fairs, err := db.ListFairs(ctx, editionID)
	if err != nil {
		return nil, err
	}
	out := make([]Figures, 0, len(fairs)+1)
	for _, id := range append([]int64{0}, ids(fairs)...) {
		fg, err := db.FairFigures(ctx, editionID, id)
		if err != nil {
			return nil, err
		}
		out = append(out, fg)
	}
	return out, nil
}

func ids(fs []model.Fair) []int64 {
	out := make([]int64, len(fs))
	for i, f := range fs {
		out[i] = f.ID
	}
	return out
}

// Counts are the home page's live counters.
type Counts struct {
	Talents, Enterprises, Delegations, Posts, Applications, Projects, Events, Booths int
}

// Counts totals an edition (accounts and organizations are not per edition).
func (db *DB) Counts(ctx context.Context, editionID int64) (Counts, error) {
	var c Counts
	err := db.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM talents),
		(SELECT count(*) FROM organizations WHERE kind = 'enterprise' AND status = 'approved'),
		(SELECT count(*) FROM organizations WHERE kind = 'delegation' AND status = 'approved'),
		(SELECT count(*) FROM posts p JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = $1),
		(SELECT count(*) FROM applications a JOIN posts p ON p.id = a.post_id JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = $1),
		(SELECT count(*) FROM projects WHERE edition_id = $1),
		(SELECT count(*) FROM events WHERE edition_id = $1),
		(SELECT count(*) FROM booths b JOIN areas a ON a.id = b.area_id JOIN halls h ON h.id = a.hall_id JOIN venues v ON v.id = h.venue_id WHERE v.edition_id = $1)`,
		editionID).Scan(&c.Talents, &c.Enterprises, &c.Delegations, &c.Posts, &c.Applications, &c.Projects, &c.Events, &c.Booths)
	return c, err
}

// Edition figures (issue 19): every figure the dashboard, the report and the
// API show is one of these named queries. Each answers rows of (key, value):
// a single figure has one row with the key "", a breakdown one row per key.
// The arguments are named by Args: e = the edition id, c = the edition's
// close (the instant after its last day: accounts and organizations are
// not per edition, so they count when registered before it), s = its first
// instant, f and t = the edition's season of days ('YYYY-MM-DD'): after
// the previous edition's last day, up to its own last day (enterprise pages
// belong to no edition, so their visits count by day). internal/figures holds each query's definition in both languages.

// FigureQuery is one named figure query.
type FigureQuery struct {
	SQL  string
	Args string // letters from "ecsft", in the order of $1, $2, …
}

// FigureArgs are the values a figure query can take.
type FigureArgs struct {
	EditionID    int64
	Close, Start time.Time
	From, To     string // the season's days: From exclusive, To inclusive
}

// editionPosts is the edition's posts, as a sub-select over p.
const editionPosts = `SELECT p.id FROM posts p JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = $1`

// hourSQL buckets a timestamp column by UTC hour ("2017-12-17 01"). On
// SQLite the driver stores a time as Go writes it in UTC ("2017-12-16
// 09:30:00 +0000 UTC"), which strftime does not read (it answered NULL,
// and every application fell in one bucket ""): the hour is its first 13
// characters.
func (db *DB) hourSQL(col string) string {
	if db.dialect == postgresDialect {
		return `to_char(` + col + ` AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')`
	}
	return `substr(` + col + `, 1, 13)`
}

// seq keeps SQLite from searching an index on col where a figure reads
// most of a table: a search fetches each row from the table at random, and
// once the database outgrows SQLite's page cache (2 MB) nearly every fetch
// is a read from the file. At scale 10 (BenchmarkFigure, 2 busy cores)
// applications by channel took 6.2 s through applications_post, 0.6 s in
// one pass over the table. Where a covering index holds every column a
// figure reads (migration 0017), searching it is cheaper still and needs
// no seq. PostgreSQL plans such reads itself.
func (db *DB) seq(col string) string {
	if db.dialect == postgresDialect {
		return col
	}
	return "+" + col
}

// FigureQueries returns the named figure queries in the database's dialect.
func (db *DB) FigureQueries() map[string]FigureQuery {
	talents := `FROM talents t JOIN users u ON u.id = t.user_id WHERE u.created_at < $1`
	return map[string]FigureQuery{
		"talents.by_category":           {`SELECT t.category, count(*) ` + talents + ` GROUP BY t.category`, "c"},
		"talents.overseas_by_degree":    {`SELECT t.degree, count(*) ` + talents + ` AND t.category = 'overseas' GROUP BY t.degree`, "c"},
		"talents.overseas_by_intent":    {`SELECT t.intent_china, count(*) ` + talents + ` AND t.category = 'overseas' GROUP BY t.intent_china`, "c"},
		"talents.overseas_by_residence": {`SELECT t.residence, count(*) ` + talents + ` AND t.category = 'overseas' GROUP BY t.residence`, "c"},
		"talents.by_discipline":         {`SELECT t.discipline, count(*) ` + talents + ` GROUP BY t.discipline`, "c"},
		"enterprises.by_global500": {`SELECT CASE WHEN global500 THEN 'global500' ELSE 'other' END, count(*) FROM organizations
			WHERE kind = 'enterprise' AND status = 'approved' AND created_at < $1 GROUP BY 1`, "c"},
		// Through posts_fair_org, not one pass: posts are wide rows, and
		// reading them all took longer at both scales (scale 1: 51 ms
		// against 33 ms through posts_fair).
		"enterprises.posting": {`SELECT '', count(DISTINCT p.org_id) FROM posts p JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = $1`, "e"},
		"delegations.by_province": {`SELECT CASE WHEN is_foreign THEN 'foreign' ELSE province END, count(*) FROM organizations
			WHERE kind = 'delegation' AND status = 'approved' AND created_at < $1 GROUP BY 1`, "c"},
		"posts.by_fair": {`SELECT f.kind, count(*) FROM posts p JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = $1 GROUP BY f.kind`, "e"},
		"applications.by_channel": {`SELECT a.channel, count(*) FROM applications a WHERE a.post_id IN (` + editionPosts + `)
			GROUP BY a.channel`, "e"},
		"applications.by_hour": {`SELECT ` + db.hourSQL("a.created_at") + `, count(*) FROM applications a WHERE a.post_id IN (` + editionPosts + `)
			AND ` + db.seq("a.created_at") + ` >= $2 AND ` + db.seq("a.created_at") + ` < $3 GROUP BY 1`, "esc"},
		"cvs.overseas": {`SELECT '', count(*) FROM talents t WHERE t.category = 'overseas' AND t.cv_file <> '' AND t.id IN
			(SELECT a.talent_id FROM applications a WHERE a.post_id IN (` + editionPosts + `))`, "e"},
		// Two sums added, not one pass with OR, which made SQLite merge
		// both index searches' rows before grouping: at scale 10
		// (BenchmarkFigure, issue 19) 700 → 550 ms on SQLite, 360 → 380 ms
		// on PostgreSQL, whose four-at-a-time queries hide it.
		"visits.by_channel": {`SELECT channel, sum(n) FROM (
			SELECT v.channel, sum(v.count) AS n FROM visits v
			 WHERE v.target_kind IN ('post', 'scan') AND v.target_id IN (` + editionPosts + `) GROUP BY v.channel
			UNION ALL
			SELECT v.channel, sum(v.count) FROM visits v
			 WHERE v.target_kind = 'enterprise' AND v.day > $2 AND v.day <= $3 GROUP BY v.channel) s
			GROUP BY channel`, "eft"},
		// The video fair's applications are few: found through the index.
		"video.talents_by_degree": {`SELECT t.degree, count(*) FROM talents t WHERE t.id IN
			(SELECT a.talent_id FROM applications a WHERE a.post_id IN
			 (SELECT p.id FROM posts p JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = $1 AND f.kind = 'video')) GROUP BY t.degree`, "e"},
		"video.sessions": {`SELECT s.location, count(*) FROM remote_sessions s JOIN fairs f ON f.id = s.fair_id WHERE f.edition_id = $1 GROUP BY s.location`, "e"},
		"projects.by_source": {`SELECT CASE WHEN p.source = 'delegation' AND o.is_foreign THEN 'delegation_foreign' ELSE p.source END, count(*)
			FROM projects p LEFT JOIN organizations o ON o.id = p.org_id WHERE p.edition_id = $1 GROUP BY 1`, "e"},
		"contest.entries_by_status": {`SELECT e.status, count(*) FROM entries e JOIN contests c ON c.id = e.contest_id WHERE c.edition_id = $1 GROUP BY e.status`, "e"},
		"contest.grant_eligible":    {`SELECT '', count(*) FROM entries e JOIN contests c ON c.id = e.contest_id WHERE c.edition_id = $1 AND e.grant_eligible`, "e"},
		"dockings.by_stage": {`SELECT d.stage, count(*) FROM dockings d WHERE ` + db.seq("d.project_id") + ` IN (SELECT id FROM projects WHERE edition_id = $1)
			GROUP BY ` + db.seq("d.stage"), "e"},
		"exhibition.venue_m2": {`SELECT name, area_m2 FROM venues WHERE edition_id = $1`, "e"},
		"exhibition.booths_by_area": {`SELECT a.kind, count(*) FROM booths b JOIN areas a ON a.id = b.area_id JOIN halls h ON h.id = a.hall_id JOIN venues v ON v.id = h.venue_id
			WHERE v.edition_id = $1 GROUP BY a.kind`, "e"},
		"exhibition.booth_m2_by_area": {`SELECT a.kind, sum(b.area_m2) FROM booths b JOIN areas a ON a.id = b.area_id JOIN halls h ON h.id = a.hall_id JOIN venues v ON v.id = h.venue_id
			WHERE v.edition_id = $1 GROUP BY a.kind`, "e"},
		"exhibition.exhibits": {`SELECT '', count(*) FROM exhibits x JOIN booths b ON b.id = x.booth_id JOIN areas a ON a.id = b.area_id JOIN halls h ON h.id = a.hall_id JOIN venues v ON v.id = h.venue_id
			WHERE v.edition_id = $1`, "e"},
		"events.by_kind":       {`SELECT kind, count(*) FROM events WHERE edition_id = $1 GROUP BY kind`, "e"},
		"events.registrations": {`SELECT r.status, count(*) FROM event_registrations r JOIN events e ON e.id = r.event_id WHERE e.edition_id = $1 GROUP BY r.status`, "e"},
		"checkins.by_gate_day": {`SELECT g.name || ' ' || c.day, count(*) FROM checkins c JOIN gates g ON g.id = c.gate_id
			WHERE g.edition_id = $1 AND c.result = 'admitted' AND c.first_entry GROUP BY g.name, c.day`, "e"},
		"checkins.by_hour": {`SELECT ` + db.hourSQL("c.scanned_at") + `, count(*) FROM checkins c JOIN gates g ON g.id = c.gate_id
			WHERE g.edition_id = $1 AND c.result = 'admitted' AND c.first_entry GROUP BY 1`, "e"},
		"contest.grant_yuan": {`SELECT name, grant_yuan FROM contests WHERE edition_id = $1`, "e"},
		"checkins.people":    {`SELECT '', count(DISTINCT c.user_id) FROM checkins c JOIN gates g ON g.id = c.gate_id WHERE g.edition_id = $1 AND c.result = 'admitted'`, "e"},
	}
}

// FigureRow is one row of a figure: a key ("" for a single figure) and
// its value.
type FigureRow struct {
	Key   string
	Value float64
}

// Figure runs the named figure query for a.
func (db *DB) Figure(ctx context.Context, name string, a FigureArgs) ([]FigureRow, error) {
	q, ok := db.FigureQueries()[name]
	if !ok {
		return nil, model.Errorf(model.NotFound, "err.not_found.figure")
	}
	args := make([]any, 0, len(q.Args))
	for _, c := range q.Args {
		switch c {
		case 'e':
			args = append(args, a.EditionID)
		case 'c':
			args = append(args, a.Close.UTC())
		case 's':
			args = append(args, a.Start.UTC())
		case 'f':
			args = append(args, a.From)
		case 't':
			args = append(args, a.To)
		}
	}
	rows, err := db.r.QueryContext(ctx, q.SQL, args...)
	if err != nil {
		return nil, fmt.Errorf("figure %s: %w", name, err)
	}
	defer rows.Close()
	var out []FigureRow
	for rows.Next() {
		var r FigureRow
		var key sql.NullString
		var v sql.NullFloat64
		if err := rows.Scan(&key, &v); err != nil {
			return nil, fmt.Errorf("figure %s: %w", name, err)
		}
		r.Key, r.Value = key.String, v.Float64
		out = append(out, r)
	}
	return out, rows.Err()
}

// LatestChange is a cheap stamp of the live figures' tables: it changes
// when an application, a check-in, a docking, a post or a talent is added
// (or a docking moves), on any instance. Each max(id) is an index lookup;
// dockings' max(updated_at) reads a few thousand rows (well under a
// millisecond at scale 1).
func (db *DB) LatestChange(ctx context.Context) (string, error) {
	var a, c, d, p, t int64
	var du sql.NullString
	err := db.r.QueryRowContext(ctx, `SELECT
		(SELECT coalesce(max(id), 0) FROM applications), (SELECT coalesce(max(id), 0) FROM checkins),
		(SELECT coalesce(max(id), 0) FROM dockings), (SELECT coalesce(max(id), 0) FROM posts),
		(SELECT coalesce(max(id), 0) FROM talents), (SELECT CAST(max(updated_at) AS TEXT) FROM dockings)`).
		Scan(&a, &c, &d, &p, &t, &du)
	return fmt.Sprintf("%d.%d.%d.%d.%d.%s", a, c, d, p, t, du.String), err
}

// VideoFair is what the video fair's matching rate is computed from: the
// talents who applied to one of its posts (those attending it) and its
// open posts' matching fields.
func (db *DB) VideoFair(ctx context.Context, editionID int64) ([]model.Talent, []MatchPost, error) {
	ts, err := queryAll(ctx, db.r, scanTalent, `SELECT `+talentCols+` FROM talents WHERE id IN
		(SELECT a.talent_id FROM applications a JOIN posts p ON p.id = a.post_id JOIN fairs f ON f.id = p.fair_id
		 WHERE f.edition_id = $1 AND f.kind = 'video') ORDER BY id`, editionID)
	if err != nil {
		return nil, nil, err
	}
	// Only what matching reads, of open posts (no others can match): the
	// whole rows, descriptions and all, were a third of the rate's time at
	// scale 10 (issue 19).
	ps, err := queryAll(ctx, db.r, scanMatchPost, `SELECT `+matchPostCols+` FROM posts p JOIN fairs f ON f.id = p.fair_id
		WHERE f.edition_id = $1 AND f.kind = 'video' AND p.status = 'open' ORDER BY p.id`, editionID)
	return ts, ps, err
}

// PreviousEdition is the edition that started last before e, or a
// not-found error when e is the first.
func (db *DB) PreviousEdition(ctx context.Context, e model.Edition) (model.Edition, error) {
	p, err := scanEdition(db.r.QueryRowContext(ctx, `SELECT `+editionCols+` FROM editions WHERE start_date < $1 ORDER BY start_date DESC LIMIT 1`, e.StartDate))
	return p, one(err, "edition")
}
