package store

import (
	"context"
	"time"

	"github.com/convene/convene/internal/model"
)

const talentCols = `id, user_id, name, category, residence, nationality, degree, discipline, skills, languages, years_experience, intent_china, preferred_cities, phone, cv_file, updated_at`

func scanTalent(row interface{ Scan(...any) error }) (model.Talent, error) {
	var t model.Talent
	err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Category, &t.Residence, &t.Nationality, &t.Degree, &t.Discipline,
		scanList(&t.Skills), scanList(&t.Languages), &t.YearsExperience, &t.IntentChina, scanList(&t.PreferredCities), &t.Phone, &t.CVFile, &t.UpdatedAt)
	return t, err
}

// TalentByUser returns a talent account's profile.
func (db *DB) TalentByUser(ctx context.Context, userID int64) (model.Talent, error) {
	t, err := scanTalent(db.r.QueryRowContext(ctx, `SELECT `+talentCols+` FROM talents WHERE user_id = $1`, userID))
	return t, one(err, "talent")
}

// Talent returns a profile by id.
func (db *DB) Talent(ctx context.Context, id int64) (model.Talent, error) {
	t, err := scanTalent(db.r.QueryRowContext(ctx, `SELECT `+talentCols+` FROM talents WHERE id = $1`, id))
	return t, one(err, "talent")
}

// UpdateTalent saves a validated profile (looked up by user id).
func (db *DB) UpdateTalent(ctx context.Context, t *model.Talent) error {
	t.UpdatedAt = db.clock()
	return db.execOne(ctx, db.w, "talent", `UPDATE talents SET name=$1, category=$2, residence=$3, nationality=$4, degree=$5, discipline=$6,
		skills=$7, languages=$8, years_experience=$9, intent_china=$10, preferred_cities=$11, phone=$12, cv_file=$13, updated_at=$14 WHERE user_id=$15`,
		t.Name, t.Category, t.Residence, t.Nationality, t.Degree, t.Discipline, list(t.Skills).String(), list(t.Languages).String(),
		t.YearsExperience, t.IntentChina, list(t.PreferredCities).String(), t.Phone, t.CVFile, t.UpdatedAt, t.UserID)
}

// TalentFilter narrows ListTalents and CountTalents. The edition fields
// give the talents an edition's figures count (internal/figures): those
// registered before it closed, those who applied to its posts, those who
// applied to its video fair's.
type TalentFilter struct {
	Category   model.TalentCategory
	Degree     model.Degree
	Intent     model.Intent
	Residence  string
	Discipline string
	HasCV      bool
	Before     time.Time // registered before this instant (zero: any time)
	AppliedIn  int64     // applied to a post of this edition
	VideoIn    int64     // applied to a post of this edition's video fair
	Query      string
	Limit      int
	Offset     int
}

func (f TalentFilter) conds() conds {
	var c conds
	if f.Category != "" {
		c.add("category = ?", f.Category)
	}
	if f.Degree != "" {
		c.add("degree = ?", f.Degree)
	}
	if f.Intent != "" {
		c.add("intent_china = ?", f.Intent)
	}
	if f.Residence != "" {
		c.add("residence = ?", f.Residence)
	}
	if f.Discipline != "" {
		c.add("discipline = ?", f.Discipline)
	}
	if f.HasCV {
		c.where = append(c.where, "cv_file <> ''")
	}
	if !f.Before.IsZero() {
		c.add("user_id IN (SELECT id FROM users WHERE created_at < ?)", f.Before.UTC())
	}
	if f.AppliedIn != 0 {
		c.add("id IN (SELECT a.talent_id FROM applications a WHERE a.post_id IN ("+
			"SELECT p.id FROM posts p JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = ?))", f.AppliedIn)
	}
	if f.VideoIn != 0 {
		c.add("id IN (SELECT a.talent_id FROM applications a WHERE a.post_id IN ("+
			"SELECT p.id FROM posts p JOIN fairs f ON f.id = p.fair_id WHERE f.edition_id = ? AND f.kind = 'video'))", f.VideoIn)
	}
	c.search(f.Query, "name", "discipline", "skills")
	return c
}

// ListTalents lists profiles, newest first.
func (db *DB) ListTalents(ctx context.Context, f TalentFilter) ([]model.Talent, error) {
	c := f.conds()
	limit, offset := page(f.Limit, f.Offset)
	return queryAll(ctx, db.r, scanTalent, `SELECT `+talentCols+` FROM talents`+c.sql()+` ORDER BY id DESC LIMIT `+itoa(limit)+` OFFSET `+itoa(offset), c.args...)
}

// CountTalents counts the profiles ListTalents would list on every page.
func (db *DB) CountTalents(ctx context.Context, f TalentFilter) (int, error) {
	c := f.conds()
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM talents`+c.sql(), c.args...).Scan(&n)
	return n, err
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

// MatchTalents returns the matching fields (and ID, UpdatedAt) of the
// talents changed at or after since; every talent for the zero time.
func (db *DB) MatchTalents(ctx context.Context, since time.Time) ([]model.Talent, error) {
	if since.IsZero() {
		return queryAll(ctx, db.r, scanMatchTalent, `SELECT `+matchTalentCols+` FROM talents ORDER BY id`)
	}
	return queryAll(ctx, db.r, scanMatchTalent, `SELECT `+matchTalentCols+` FROM talents WHERE updated_at >= $1 ORDER BY id`, since.UTC())
}

// TalentCards returns what a matched candidate shows of talents, by id, in
// no set order; ids not found are left out.
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
