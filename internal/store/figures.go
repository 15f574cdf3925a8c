package store

import (
	"context"

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
