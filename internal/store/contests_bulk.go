package store

import (
	"time"
)

// ContestRun is how far a generated contest got: its state, whether its
// scores are published, who decided and when, tracks, rounds and size.
type ContestRun struct {
	State      string
	Published  bool
	DecidedBy  *int64
	DecidedAt  time.Time
	OpensAt    time.Time
	ClosesAt   time.Time
	Tracks     []Track
	Rounds     []Round
	SelectN, K int
}

// ContestRun sets a bulk-loaded contest's run (inside the load): the
// contest's state and set-up, its entries' owners (the projects' owners)
// and entry times, and an assignment for every judge × entry pair that has
// scores, submitted at the close.
func (b *Bulk) ContestRun(contestID int64, run ContestRun) error {
	if _, err := b.tx.ExecContext(b.ctx, `UPDATE contests SET state = $2, published = $3, decided_by = $4, decided_at = $5,
		opens_at = $6, closes_at = $7, tracks = $8, rounds = $9, select_n = $10, k = $11 WHERE id = $1`,
		contestID, run.State, run.Published, run.DecidedBy, run.DecidedAt, run.OpensAt, run.ClosesAt,
		jsonText(nonNil(run.Tracks)), jsonText(nonNil(run.Rounds)), run.SelectN, run.K); err != nil {
		return b.db.mapErr(err)
	}
	if _, err := b.tx.ExecContext(b.ctx, `UPDATE entries SET owner_user_id = (SELECT owner_user_id FROM projects p WHERE p.id = entries.project_id),
		created_at = $2, decided_by = $3 WHERE contest_id = $1`, contestID, run.OpensAt, run.DecidedBy); err != nil {
		return b.db.mapErr(err)
	}
	if _, err := b.tx.ExecContext(b.ctx, `INSERT INTO judge_assignments (entry_id, judge_id)
		SELECT s.entry_id, s.judge_id FROM scores s JOIN entries e ON e.id = s.entry_id WHERE e.contest_id = $1
		GROUP BY s.entry_id, s.judge_id`, contestID); err != nil {
		return b.db.mapErr(err)
	}
	_, err := b.tx.ExecContext(b.ctx, `UPDATE judge_assignments SET submitted_at = $2 WHERE entry_id IN (SELECT id FROM entries WHERE contest_id = $1)`,
		contestID, run.ClosesAt)
	return b.db.mapErr(err)
}

// Policies inserts policies (ids from the database).
func (b *Bulk) Policies(ps []Policy) error {
	return b.insert("policies", cols("edition_id, subject, name, name_zh, benefit, benefit_zh, amount_yuan, rules, created_by, created_at"), len(ps), func(i int, a []any) []any {
		p := &ps[i]
		return append(a, p.EditionID, p.Subject, p.Name, p.NameZH, p.Benefit, p.BenefitZH, p.AmountYuan, jsonText(p.Rules), p.CreatedBy, p.CreatedAt)
	})
}
