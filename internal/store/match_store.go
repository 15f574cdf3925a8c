package store

import (
	"context"
	"strconv"
	"time"

	"github.com/convene/convene/internal/model"
)

// MatchStore reads what the matching engine needs, compactly: only the
// fields a score uses, for every talent and the current edition's open
// posts, and the rows changed since a time, so a recommender can keep its
// derived index current by polling (internal/recommend).
type MatchStore interface {
	// MatchTalents returns the matching fields (and ID, UpdatedAt) of the
	// talents changed at or after since; every talent for the zero time.
	MatchTalents(ctx context.Context, since time.Time) ([]model.Talent, error)
	// MatchOpenPosts returns the matching fields of the edition's open posts.
	MatchOpenPosts(ctx context.Context, editionID int64) ([]MatchPost, error)
	// MatchPostsSince returns the posts of any edition and status changed at
	// or after since, so a poll sees closures and moves between editions.
	MatchPostsSince(ctx context.Context, since time.Time) ([]MatchPost, error)
	// PostCards and TalentCards return what a recommendation shows, by id,
	// in no set order; ids not found are left out.
	PostCards(ctx context.Context, ids []int64) ([]PostCard, error)
	TalentCards(ctx context.Context, ids []int64) ([]TalentCard, error)
}

// MatchPost is a post's matching fields and the edition of its fair.
type MatchPost struct {
	model.Post // ID, OrgID, FairID, Industry, Skills, MinDegree, MinExperience, City, Headcount, Languages, Status, UpdatedAt
	EditionID  int64
}

// PostCard is a post as a recommendation shows it.
type PostCard struct {
	ID                 int64
	Title, City        string
	Status             model.PostStatus
	OrgID              int64
	OrgName, OrgNameZH string
}

// TalentCard is a talent as a matched candidate shows it.
type TalentCard struct {
	ID         int64
	Name       string
	Degree     model.Degree
	Discipline string
	HasCV      bool
}

const matchTalentCols = `id, degree, discipline, skills, languages, years_experience, intent_china, preferred_cities, category, updated_at`

func scanMatchTalent(row interface{ Scan(...any) error }) (model.Talent, error) {
	var t model.Talent
	err := row.Scan(&t.ID, &t.Degree, &t.Discipline, scanList(&t.Skills), scanList(&t.Languages), &t.YearsExperience,
		&t.IntentChina, scanList(&t.PreferredCities), &t.Category, &t.UpdatedAt)
	return t, err
}

// MatchTalents implements MatchStore.
func (db *DB) MatchTalents(ctx context.Context, since time.Time) ([]model.Talent, error) {
	if since.IsZero() {
		return queryAll(ctx, db.r, scanMatchTalent, `SELECT `+matchTalentCols+` FROM talents ORDER BY id`)
	}
	return queryAll(ctx, db.r, scanMatchTalent, `SELECT `+matchTalentCols+` FROM talents WHERE updated_at >= $1 ORDER BY id`, since.UTC())
}

const matchPostCols = `p.id, p.org_id, p.fair_id, p.industry, p.skills, p.min_degree, p.min_experience, p.city, p.headcount, p.languages, p.status, p.updated_at, f.edition_id`

func scanMatchPost(row interface{ Scan(...any) error }) (MatchPost, error) {
	var p MatchPost
	err := row.Scan(&p.ID, &p.OrgID, &p.FairID, &p.Industry, scanList(&p.Skills), &p.MinDegree, &p.MinExperience, &p.City,
		&p.Headcount, scanList(&p.Languages), &p.Status, &p.UpdatedAt, &p.EditionID)
	return p, err
}

// MatchOpenPosts implements MatchStore.
func (db *DB) MatchOpenPosts(ctx context.Context, editionID int64) ([]MatchPost, error) {
	return queryAll(ctx, db.r, scanMatchPost, `SELECT `+matchPostCols+` FROM posts p JOIN fairs f ON f.id = p.fair_id
		WHERE f.edition_id = $1 AND p.status = 'open' ORDER BY p.id`, editionID)
}

// MatchPostsSince implements MatchStore.
func (db *DB) MatchPostsSince(ctx context.Context, since time.Time) ([]MatchPost, error) {
	return queryAll(ctx, db.r, scanMatchPost, `SELECT `+matchPostCols+` FROM posts p JOIN fairs f ON f.id = p.fair_id
		WHERE p.updated_at >= $1 ORDER BY p.id`, since.UTC())
}

// inIDs is the condition "col is one of ids" with the ids as the one
// parameter $n, so that the statement's text does not depend on how many
// there are: one prepared statement serves every list (SQLite also
// re-prepared a statement with a list of parameters on every run).
func (db *DB) inIDs(col string, n int, ids []int64) (string, any) {
	if db.dialect == postgresDialect {
		return col + " = ANY(" + ph(n) + ")", ids
	}
	b := make([]byte, 0, 8*len(ids)+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return col + " IN (SELECT value FROM json_each(" + ph(n) + "))", string(append(b, ']'))
}

// PostCards implements MatchStore.
func (db *DB) PostCards(ctx context.Context, ids []int64) ([]PostCard, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, arg := db.inIDs("p.id", 1, ids)
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (PostCard, error) {
		var c PostCard
		err := row.Scan(&c.ID, &c.Title, &c.City, &c.Status, &c.OrgID, &c.OrgName, &c.OrgNameZH)
		return c, err
	}, `SELECT p.id, p.title, p.city, p.status, o.id, o.name, o.name_zh
		FROM posts p JOIN organizations o ON o.id = p.org_id WHERE `+in, arg)
}

// TalentCards implements MatchStore.
func (db *DB) TalentCards(ctx context.Context, ids []int64) ([]TalentCard, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, arg := db.inIDs("id", 1, ids)
	return queryAll(ctx, db.r, func(row interface{ Scan(...any) error }) (TalentCard, error) {
		var c TalentCard
		err := row.Scan(&c.ID, &c.Name, &c.Degree, &c.Discipline, &c.HasCV)
		return c, err
	}, `SELECT id, name, degree, discipline, cv_file <> '' FROM talents WHERE `+in, arg)
}
