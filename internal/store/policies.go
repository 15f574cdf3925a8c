package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/convene/convene/internal/judging"
	"github.com/convene/convene/internal/model"
)

// Policy is a benefit (the innovative-plan grant, a certification, a
// subsidy) for talents or projects that meet its rules.
type Policy struct {
	ID                 int64
	EditionID          int64
	Subject            string // talent or project
	Name, NameZH       string
	Benefit, BenefitZH string
	AmountYuan         int64
	Rules              []judging.Rule
	CreatedBy          *int64
	CreatedAt          time.Time
}

// Compile validates the rules (judging.Compile) and returns the policy
// ready to evaluate; a bad rule is an invalid error on "rules" whose key
// says what is wrong (err.policy.unknown_field, err.policy.type, …).
func (p *Policy) Compile() (judging.Policy, error) {
	cp, err := judging.Compile(p.ID, p.Rules)
	var re *judging.RuleError
	if errors.As(err, &re) {
		return cp, model.Errorf(model.Invalid, "err.policy."+re.Reason, "rules", "err.policy."+re.Reason)
	}
	return cp, err
}

// Validate checks a policy before it is saved: names, subject, amount and
// every rule.
func (p *Policy) Validate() error {
	pr := model.Problems{}
	p.Name, p.NameZH = strings.TrimSpace(p.Name), strings.TrimSpace(p.NameZH)
	if p.Name == "" || len(p.Name) > 200 {
		pr.Add("name", "err.required")
	}
	if p.Subject != "talent" && p.Subject != "project" {
		pr.Add("subject", "err.choice")
	}
	if p.AmountYuan < 0 {
		pr.Add("amount_yuan", "err.range")
	}
	if err := pr.Err(); err != nil {
		return err
	}
	_, err := p.Compile()
	return err
}

const policyCols = `id, edition_id, subject, name, name_zh, benefit, benefit_zh, amount_yuan, rules, created_by, created_at`

func scanPolicy(r interface{ Scan(...any) error }) (Policy, error) {
	var p Policy
	var rules string
	var by sql.NullInt64
	err := r.Scan(&p.ID, &p.EditionID, &p.Subject, &p.Name, &p.NameZH, &p.Benefit, &p.BenefitZH, &p.AmountYuan, &rules, &by, &p.CreatedAt)
	if err == nil {
		json.Unmarshal([]byte(rules), &p.Rules)
	}
	if by.Valid {
		p.CreatedBy = &by.Int64
	}
	return p, err
}

// CreatePolicy validates and saves a policy; a bad rule saves nothing.
func (db *DB) CreatePolicy(ctx context.Context, p *Policy, by int64) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.CreatedAt = db.clock()
	if by != 0 {
		p.CreatedBy = &by
	}
	return db.tx(ctx, func(tx txq) error {
		id, err := db.insertID(ctx, tx, `INSERT INTO policies (edition_id, subject, name, name_zh, benefit, benefit_zh, amount_yuan, rules, created_by, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
			p.EditionID, p.Subject, p.Name, p.NameZH, p.Benefit, p.BenefitZH, p.AmountYuan, jsonText(p.Rules), p.CreatedBy, p.CreatedAt)
		if err != nil {
			return err
		}
		p.ID = id
		return db.audit(ctx, tx, by, "policy.create", "policy", id, p.Name)
	})
}

// UpdatePolicy validates and saves a policy's new text and rules.
func (db *DB) UpdatePolicy(ctx context.Context, p *Policy, by int64) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.tx(ctx, func(tx txq) error {
		if err := db.execOne(ctx, tx, "policy", `UPDATE policies SET subject=$2, name=$3, name_zh=$4, benefit=$5, benefit_zh=$6, amount_yuan=$7, rules=$8 WHERE id=$1`,
			p.ID, p.Subject, p.Name, p.NameZH, p.Benefit, p.BenefitZH, p.AmountYuan, jsonText(p.Rules)); err != nil {
			return err
		}
		return db.audit(ctx, tx, by, "policy.update", "policy", p.ID, p.Name)
	})
}

// PolicyByID reads a policy.
func (db *DB) PolicyByID(ctx context.Context, id int64) (Policy, error) {
	p, err := scanPolicy(db.r.QueryRowContext(ctx, `SELECT `+policyCols+` FROM policies WHERE id = $1`, id))
	return p, one(err, "policy")
}

// ListPolicies lists an edition's policies.
func (db *DB) ListPolicies(ctx context.Context, editionID int64) ([]Policy, error) {
	return queryAll(ctx, db.r, scanPolicy, `SELECT `+policyCols+` FROM policies WHERE edition_id = $1 ORDER BY id`, editionID)
}

// results ranks an entry status for "the best result": selected beats
// not selected beats entered.
var results = map[string]int{"none": 0, "submitted": 1, "not_selected": 2, "finalist": 3, "selected": 4}

func better(a, b string) string {
	if results[b] > results[a] {
		return b
	}
	return a
}

func talentFacts(f judging.Facts, t model.Talent) {
	f["talent.degree"] = string(t.Degree)
	f["talent.years_experience"] = int64(t.YearsExperience)
	f["talent.overseas"] = t.Category == model.TalentOverseas
	f["talent.intent_china"] = string(t.IntentChina)
	f["talent.discipline"] = t.Discipline
}

// ProjectFacts are what policies may test about a project: its fields, its
// best contest result and its owner talent's fields.
func (db *DB) ProjectFacts(ctx context.Context, projectID int64) (judging.Facts, error) {
	p, err := db.LoadProject(ctx, projectID)
	if err != nil {
		return nil, err
	}
	f := judging.Facts{"project.field": p.Field, "project.stage": p.Stage, "project.source": string(p.Source),
		"project.funding_sought": p.FundingSought, "entry.result": "none"}
	if err := db.bestResult(ctx, f, `SELECT status FROM entries WHERE project_id = $1`, projectID); err != nil {
		return nil, err
	}
	if p.OwnerUserID != nil {
		if t, err := db.TalentByUser(ctx, *p.OwnerUserID); err == nil {
			talentFacts(f, t)
		}
	}
	return f, nil
}

// TalentFacts are what policies may test about a talent: the profile and
// the best contest result of the talent's projects.
func (db *DB) TalentFacts(ctx context.Context, userID int64) (judging.Facts, error) {
	t, err := db.TalentByUser(ctx, userID)
	if err != nil {
		return nil, err
	}
	f := judging.Facts{"entry.result": "none"}
	talentFacts(f, t)
	return f, db.bestResult(ctx, f, `SELECT e.status FROM entries e JOIN projects p ON p.id = e.project_id WHERE p.owner_user_id = $1`, userID)
}

// bestResult sets f's entry.result to the best of the entry statuses q
// returns for id.
func (db *DB) bestResult(ctx context.Context, f judging.Facts, q string, id int64) error {
	rows, err := db.r.QueryContext(ctx, q, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		f["entry.result"] = better(f["entry.result"].(string), s)
	}
	return rows.Err()
}

// Subject is a talent or project with its facts, for counting who meets
// which policy.
type Subject struct {
	ID    int64 // user id of a talent, project id of a project
	Name  string
	Facts judging.Facts
}

// ProjectSubjects returns the facts of an edition's projects that entered
// a contest (the ones project policies are about), in one pass.
func (db *DB) ProjectSubjects(ctx context.Context, editionID int64) ([]Subject, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT p.id, p.title, p.field, p.stage, p.source, p.funding_sought, e.status,
		t.degree, t.years_experience, t.category, t.intent_china, t.discipline
		FROM projects p JOIN entries e ON e.project_id = p.id LEFT JOIN talents t ON t.user_id = p.owner_user_id
		WHERE p.edition_id = $1 ORDER BY p.id`, editionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Subject
	for rows.Next() {
		var s Subject
		var field, stage, source, status string
		var funding int64
		var degree, category, intent, disc sql.NullString
		var years sql.NullInt64
		if err := rows.Scan(&s.ID, &s.Name, &field, &stage, &source, &funding, &status, &degree, &years, &category, &intent, &disc); err != nil {
			return nil, err
		}
		if n := len(out); n > 0 && out[n-1].ID == s.ID {
			out[n-1].Facts["entry.result"] = better(out[n-1].Facts["entry.result"].(string), status)
			continue
		}
		s.Facts = judging.Facts{"project.field": field, "project.stage": stage, "project.source": source,
			"project.funding_sought": funding, "entry.result": better("none", status)}
		if degree.Valid {
			s.Facts["talent.degree"] = degree.String
			s.Facts["talent.years_experience"] = years.Int64
			s.Facts["talent.overseas"] = category.String == string(model.TalentOverseas)
			s.Facts["talent.intent_china"] = intent.String
			s.Facts["talent.discipline"] = disc.String
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// TalentSubjects returns every talent's facts (with the best contest
// result of their projects), for counting who meets talent policies.
func (db *DB) TalentSubjects(ctx context.Context) ([]Subject, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT t.user_id, t.name, t.degree, t.years_experience, t.category, t.intent_china, t.discipline,
		COALESCE((SELECT max(CASE e.status WHEN 'selected' THEN 4 WHEN 'not_selected' THEN 2 ELSE 1 END)
			FROM entries e JOIN projects p ON p.id = e.project_id WHERE p.owner_user_id = t.user_id), 0)
		FROM talents t ORDER BY t.user_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Subject
	result := map[int]string{0: "none", 1: "submitted", 2: "not_selected", 4: "selected"}
	for rows.Next() {
		var s Subject
		var degree, category, intent, disc string
		var years int64
		var best int
		if err := rows.Scan(&s.ID, &s.Name, &degree, &years, &category, &intent, &disc, &best); err != nil {
			return nil, err
		}
		s.Facts = judging.Facts{"talent.degree": degree, "talent.years_experience": years, "talent.overseas": category == string(model.TalentOverseas),
			"talent.intent_china": intent, "talent.discipline": disc, "entry.result": result[best]}
		out = append(out, s)
	}
	return out, rows.Err()
}
