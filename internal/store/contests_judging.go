package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
)

// Conflict is an entry × judge pair that must not meet, and why: declared
// by the judge, set by the organizer, or derived (same organization as
// the project's, or the judge owns it).
type Conflict struct {
	EntryID, JudgeID int64
	Reason           string // declared, organizer, same_org, owner
	Note             string
}

// ContestConflicts lists the declared and the derived conflicts of a
// contest's entries with its panel.
func (db *DB) ContestConflicts(ctx context.Context, contestID int64) ([]Conflict, error) {
	return queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (Conflict, error) {
		var c Conflict
		return c, r.Scan(&c.EntryID, &c.JudgeID, &c.Reason, &c.Note)
	}, `SELECT k.entry_id, k.judge_id, k.reason, k.note FROM judge_conflicts k JOIN entries e ON e.id = k.entry_id WHERE e.contest_id = $1
		UNION ALL
		SELECT e.id, u.id, 'same_org', '' FROM entries e JOIN projects p ON p.id = e.project_id
			JOIN contest_judges cj ON cj.contest_id = e.contest_id JOIN users u ON u.id = cj.user_id
			WHERE e.contest_id = $1 AND u.org_id IS NOT NULL AND u.org_id = p.org_id
			AND NOT EXISTS (SELECT 1 FROM judge_conflicts k WHERE k.entry_id = e.id AND k.judge_id = u.id)
		UNION ALL
		SELECT e.id, cj.user_id, 'owner', '' FROM entries e JOIN projects p ON p.id = e.project_id
			JOIN contest_judges cj ON cj.contest_id = e.contest_id
			WHERE e.contest_id = $1 AND p.owner_user_id = cj.user_id
			AND NOT EXISTS (SELECT 1 FROM judge_conflicts k WHERE k.entry_id = e.id AND k.judge_id = cj.user_id)`, contestID)
}

// notConflicted is the SQL guard that a pair ($entry, $judge) has no
// conflict, declared or derived.
const notConflicted = `NOT EXISTS (SELECT 1 FROM judge_conflicts k WHERE k.entry_id = %E AND k.judge_id = %J)
	AND NOT EXISTS (SELECT 1 FROM entries e2 JOIN projects p2 ON p2.id = e2.project_id JOIN users u2 ON u2.id = %J
		WHERE e2.id = %E AND (p2.owner_user_id = u2.id OR (u2.org_id IS NOT NULL AND u2.org_id = p2.org_id)))`

func guard(entry, judge string) string {
	return strings.NewReplacer("%E", entry, "%J", judge).Replace(notConflicted)
}

// DeclareConflict records a judge's (or the organizer's) conflict with an
// entry, with the round it was declared in, and drops the judge's
// assignment and draft scores for it in that round (an earlier round's
// stay, locked), unless the contest is closed. The conflict stands for
// every later round.
func (db *DB) DeclareConflict(ctx context.Context, entryID, judgeID int64, reason, note string, by int64) error {
	return db.tx(ctx, func(tx txq) error {
		res, err := tx.ExecContext(ctx, `UPDATE contests SET state = state WHERE id = (SELECT contest_id FROM entries WHERE id = $1) AND state IN ('entry','judging')`, entryID)
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, model.Errorf(model.Conflict, "err.contest.state")); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM contest_judges cj JOIN entries e ON e.contest_id = cj.contest_id WHERE e.id = $1 AND cj.user_id = $2`, entryID, judgeID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return model.ErrNotFound("entry")
		}
		var round int
		if err := tx.QueryRowContext(ctx, `SELECT c.round FROM contests c JOIN entries e ON e.contest_id = c.id WHERE e.id = $1`, entryID).Scan(&round); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO judge_conflicts (entry_id, judge_id, reason, note, created_at, round) VALUES ($1,$2,$3,$4,$5,$6)
			ON CONFLICT (entry_id, judge_id) DO UPDATE SET note = excluded.note`, entryID, judgeID, reason, note, db.clock(), round); err != nil {
			return db.mapErr(err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM scores WHERE entry_id = $1 AND judge_id = $2 AND round = $3`, entryID, judgeID, round); err != nil {
			return db.mapErr(err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM judge_assignments WHERE entry_id = $1 AND judge_id = $2 AND round = $3`, entryID, judgeID, round); err != nil {
			return db.mapErr(err)
		}
		return db.audit(ctx, tx, by, "contest.conflict", "entry", entryID, itoa(int(judgeID))+" "+reason)
	})
}

// Pair is an entry and a judge.
type Pair struct{ EntryID, JudgeID int64 }

// ContestAssignments lists who scores what in a contest's current round.
func (db *DB) ContestAssignments(ctx context.Context, contestID int64) ([]Pair, error) {
	return queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (Pair, error) {
		var p Pair
		return p, r.Scan(&p.EntryID, &p.JudgeID)
	}, `SELECT a.entry_id, a.judge_id FROM judge_assignments a JOIN entries e ON e.id = a.entry_id JOIN contests c ON c.id = e.contest_id AND c.round = a.round
		WHERE e.contest_id = $1 ORDER BY a.entry_id, a.judge_id`, contestID)
}

// SaveAssignment replaces the current round's assignment with pairs and
// opens judging (entries stop). Pairs a judge already scored are kept; a
// pair with a conflict, a judge off the panel or an entry not in the round
// is refused, and nothing saved.
func (db *DB) SaveAssignment(ctx context.Context, contestID int64, pairs []Pair, by int64) error {
	return db.tx(ctx, func(tx txq) error {
		res, err := tx.ExecContext(ctx, `UPDATE contests SET state = 'judging' WHERE id = $1 AND state IN ('entry','judging')`, contestID)
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, model.Errorf(model.Conflict, "err.contest.state")); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM judge_assignments WHERE entry_id IN (SELECT id FROM entries WHERE contest_id = $1)
			AND round = (SELECT round FROM contests WHERE id = $1)
			AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.entry_id = judge_assignments.entry_id AND s.judge_id = judge_assignments.judge_id AND s.round = judge_assignments.round)`, contestID); err != nil {
			return db.mapErr(err)
		}
		for _, p := range pairs {
			if err := db.assignOne(ctx, tx, contestID, p); err != nil {
				return err
			}
		}
		return db.audit(ctx, tx, by, "contest.assign", "contest", contestID, itoa(len(pairs))+" pairs")
	})
}

// assignOne adds a pair in the contest's current round; the entry must be
// in that round.
func (db *DB) assignOne(ctx context.Context, tx txq, contestID int64, p Pair) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO judge_assignments (entry_id, judge_id, round)
		SELECT $1, $2, c.round FROM contests c WHERE c.id = $3
		AND EXISTS (SELECT 1 FROM entries WHERE id = $1 AND contest_id = $3 AND round = c.round)
		AND EXISTS (SELECT 1 FROM contest_judges WHERE contest_id = $3 AND user_id = $2)
		AND `+guard("$1", "$2")+`
		ON CONFLICT DO NOTHING`, p.EntryID, p.JudgeID, contestID)
	if err != nil {
		return db.mapErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var have int
		tx.QueryRowContext(ctx, `SELECT count(*) FROM judge_assignments WHERE entry_id = $1 AND judge_id = $2 AND round = (SELECT round FROM contests WHERE id = $3)`, p.EntryID, p.JudgeID, contestID).Scan(&have)
		if have == 0 {
			return model.Errorf(model.Invalid, "err.contest.conflicted", "judge_id", "err.contest.conflicted")
		}
	}
	return nil
}

// lockJudging holds the contest's row for the transaction, which must
// find judging open (a conflict otherwise).
func (db *DB) lockJudging(ctx context.Context, tx txq, contestID int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE contests SET state = state WHERE id = $1 AND state = 'judging'`, contestID)
	if err != nil {
		return db.mapErr(err)
	}
	return oneRow(res, model.Errorf(model.Conflict, "err.contest.state"))
}

// Assign adds one pair by hand (judging must be open).
func (db *DB) Assign(ctx context.Context, contestID int64, p Pair, by int64) error {
	return db.tx(ctx, func(tx txq) error {
		if err := db.lockJudging(ctx, tx, contestID); err != nil {
			return err
		}
		if err := db.assignOne(ctx, tx, contestID, p); err != nil {
			return err
		}
		return db.audit(ctx, tx, by, "contest.assign_one", "entry", p.EntryID, itoa(int(p.JudgeID)))
	})
}

// Unassign removes a pair the judge has not scored in the current round
// (judging open).
func (db *DB) Unassign(ctx context.Context, contestID int64, p Pair, by int64) error {
	return db.tx(ctx, func(tx txq) error {
		if err := db.lockJudging(ctx, tx, contestID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM judge_assignments WHERE entry_id = $1 AND judge_id = $2
			AND entry_id IN (SELECT id FROM entries WHERE contest_id = $3)
			AND round = (SELECT round FROM contests WHERE id = $3)
			AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.entry_id = $1 AND s.judge_id = $2 AND s.round = judge_assignments.round)`, p.EntryID, p.JudgeID, contestID)
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, model.Errorf(model.Conflict, "err.contest.scored")); err != nil {
			return err
		}
		return db.audit(ctx, tx, by, "contest.unassign", "entry", p.EntryID, itoa(int(p.JudgeID)))
	})
}

// Sheet is a judge's view of one assigned entry in one round: the project
// and the judge's own scores (never another judge's).
type Sheet struct {
	EntryID      int64
	ContestID    int64
	Round        int
	ProjectTitle string
	ProjectZH    string
	Summary      string
	Field, Stage string
	Track        string
	Submitted    *time.Time
	Scores       map[string]int
	Comments     map[string]string
}

// JudgeSheets lists a judge's assigned entries in a contest with the
// judge's own scores, the latest round first (earlier rounds' sheets stay
// readable; only the contest's current round is scored).
func (db *DB) JudgeSheets(ctx context.Context, contestID, judgeID int64) ([]Sheet, error) {
	sheets, err := queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (Sheet, error) {
		var s Sheet
		var sub sql.NullTime
		err := r.Scan(&s.EntryID, &s.ContestID, &s.Round, &s.ProjectTitle, &s.ProjectZH, &s.Summary, &s.Field, &s.Stage, &s.Track, &sub)
		if sub.Valid {
			s.Submitted = &sub.Time
		}
		s.Scores, s.Comments = map[string]int{}, map[string]string{}
		return s, err
	}, `SELECT e.id, e.contest_id, a.round, p.title, p.title_zh, p.summary, p.field, p.stage, e.track, a.submitted_at
		FROM judge_assignments a JOIN entries e ON e.id = a.entry_id JOIN projects p ON p.id = e.project_id
		WHERE e.contest_id = $1 AND a.judge_id = $2 ORDER BY a.round DESC, e.id`, contestID, judgeID)
	if err != nil || len(sheets) == 0 {
		return sheets, err
	}
	type at struct {
		entry int64
		round int
	}
	where := map[at]int{}
	for i, s := range sheets {
		where[at{s.EntryID, s.Round}] = i
	}
	rows, err := db.r.QueryContext(ctx, `SELECT s.entry_id, s.round, s.criterion, s.value, s.comment FROM scores s JOIN entries e ON e.id = s.entry_id
		WHERE e.contest_id = $1 AND s.judge_id = $2`, contestID, judgeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e int64
		var c, note string
		var v, round int
		if err := rows.Scan(&e, &round, &c, &v, &note); err != nil {
			return nil, err
		}
		if i, ok := where[at{e, round}]; ok {
			sheets[i].Scores[c] = v
			sheets[i].Comments[c] = note
		}
	}
	return sheets, rows.Err()
}

// Mark is one criterion's score and comment on a judge's sheet.
type Mark struct {
	Criterion string
	Value     int
	Comment   string
}

// SaveScores saves a judge's marks on an entry in the contest's current
// round (a draft; submit marks the sheet submitted and needs every
// criterion). Refused, with nothing saved:
// a value outside the rubric's 0..max or an unknown criterion (invalid),
// an entry not assigned to the judge or conflicted (forbidden), a contest
// not in judging (err.contest.closed). The state check is a conditional
// update on the contest row, so it waits for, or wins against, a close.
func (db *DB) SaveScores(ctx context.Context, entryID, judgeID int64, marks []Mark, submit bool) error {
	return db.tx(ctx, func(tx txq) error {
		var contestID int64
		if err := tx.QueryRowContext(ctx, `SELECT contest_id FROM entries WHERE id = $1`, entryID).Scan(&contestID); err != nil {
			return one(err, "entry")
		}
		res, err := tx.ExecContext(ctx, `UPDATE contests SET state = state WHERE id = $1 AND state = 'judging'`, contestID)
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, model.Errorf(model.Conflict, "err.contest.closed")); err != nil {
			return err
		}
		c, err := scanContest(tx.QueryRowContext(ctx, `SELECT `+contestCols+` FROM contests WHERE id = $1`, contestID))
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM judge_assignments WHERE entry_id = $1 AND judge_id = $2 AND round = $3 AND `+guard("$1", "$2"), entryID, judgeID, c.Round).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return model.Errorf(model.Forbidden, "err.contest.not_assigned")
		}
		max := map[string]int{}
		for _, cr := range c.Rubric {
			max[cr.Key] = cr.Max
		}
		p := model.Problems{}
		for _, m := range marks {
			hi, ok := max[m.Criterion]
			if !ok {
				p.Add(m.Criterion, "err.choice")
			} else if m.Value < 0 || m.Value > hi {
				p.Add(m.Criterion, "err.contest.score_range")
			}
			if len(m.Comment) > 2000 {
				p.Add(m.Criterion, "err.too_long")
			}
		}
		if err := p.Err(); err != nil {
			return err
		}
		now := db.clock()
		for _, m := range marks {
			if _, err := tx.ExecContext(ctx, `INSERT INTO scores (entry_id, judge_id, round, criterion, value, comment, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7)
				ON CONFLICT (entry_id, judge_id, round, criterion) DO UPDATE SET value = excluded.value, comment = excluded.comment, updated_at = excluded.updated_at`,
				entryID, judgeID, c.Round, m.Criterion, m.Value, m.Comment, now); err != nil {
				return db.mapErr(err)
			}
		}
		if submit {
			var have int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM scores WHERE entry_id = $1 AND judge_id = $2 AND round = $3`, entryID, judgeID, c.Round).Scan(&have); err != nil {
				return err
			}
			if have < len(c.Rubric) {
				return model.Errorf(model.Invalid, "err.contest.incomplete")
			}
			if _, err := tx.ExecContext(ctx, `UPDATE judge_assignments SET submitted_at = $3 WHERE entry_id = $1 AND judge_id = $2 AND round = $4`, entryID, judgeID, now, c.Round); err != nil {
				return db.mapErr(err)
			}
		}
		return nil
	})
}

// ScoreRow is a score with its round and comment.
type ScoreRow struct {
	model.Score
	Round   int
	Comment string
}

func scanScoreRow(r interface{ Scan(...any) error }) (ScoreRow, error) {
	var s ScoreRow
	return s, r.Scan(&s.EntryID, &s.JudgeID, &s.Round, &s.Criterion, &s.Value, &s.Comment)
}

// ContestScores reads every score of a contest, every round, for review.
// Callers show them to organizers, and to judges only after the close.
func (db *DB) ContestScores(ctx context.Context, contestID int64) ([]ScoreRow, error) {
	return queryAll(ctx, db.r, scanScoreRow, `SELECT s.entry_id, s.judge_id, s.round, s.criterion, s.value, s.comment FROM scores s JOIN entries e ON e.id = s.entry_id
		WHERE e.contest_id = $1 ORDER BY s.round, s.entry_id, s.judge_id, s.criterion`, contestID)
}

// RoundScores reads one round's scores of a contest, for its ranking.
func (db *DB) RoundScores(ctx context.Context, contestID int64, round int) ([]ScoreRow, error) {
	return queryAll(ctx, db.r, scanScoreRow, `SELECT s.entry_id, s.judge_id, s.round, s.criterion, s.value, s.comment FROM scores s JOIN entries e ON e.id = s.entry_id
		WHERE e.contest_id = $1 AND s.round = $2 ORDER BY s.entry_id, s.judge_id, s.criterion`, contestID, round)
}

// EntryScores reads one entry's scores, every round (for its owner once
// published).
func (db *DB) EntryScores(ctx context.Context, entryID int64) ([]ScoreRow, error) {
	return queryAll(ctx, db.r, scanScoreRow, `SELECT entry_id, judge_id, round, criterion, value, comment FROM scores WHERE entry_id = $1 ORDER BY round, judge_id, criterion`, entryID)
}

// PanelScore is another judge's mark on an entry, the judge named only by
// a number (Judge 1, 2, …, in a fixed order over the entry's panel).
type PanelScore struct {
	Round     int
	Judge     int
	Criterion string
	Value     int
	Comment   string
}

// PanelScores are the other judges' marks on an entry for a judge
// assigned to it, in each round the judge sat on that is closed (an
// earlier round, or the current one once closed or decided); before that,
// or for a judge not assigned, there are none.
func (db *DB) PanelScores(ctx context.Context, entryID, judgeID int64) ([]PanelScore, error) {
	rows, err := queryAll(ctx, db.r, scanScoreRow, `SELECT s.entry_id, s.judge_id, s.round, s.criterion, s.value, s.comment FROM scores s
		JOIN judge_assignments a ON a.entry_id = s.entry_id AND a.judge_id = $2 AND a.round = s.round
		JOIN entries e ON e.id = s.entry_id JOIN contests c ON c.id = e.contest_id
		WHERE s.entry_id = $1 AND s.judge_id <> $2 AND (s.round < c.round OR c.state IN ('closed','decided'))
		ORDER BY s.round, s.judge_id, s.criterion`, entryID, judgeID)
	if err != nil {
		return nil, err
	}
	var out []PanelScore
	num := map[int64]int{}
	for _, r := range rows {
		if num[r.JudgeID] == 0 {
			num[r.JudgeID] = len(num) + 1
		}
		out = append(out, PanelScore{Round: r.Round, Judge: num[r.JudgeID], Criterion: r.Criterion, Value: r.Value, Comment: r.Comment})
	}
	return out, nil
}
