package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/convene/convene/internal/model"
)

// Contest states: entry (owners enter) → judging (assigned judges score)
// → closed (scores locked, the organizer reviews) → decided (selection
// recorded).
const (
	ContestEntry   = "entry"
	ContestJudging = "judging"
	ContestClosed  = "closed"
	ContestDecided = "decided"
)

// Track is a contest's track (for example "AI" or "biomedicine").
type Track struct {
	Key    string `json:"key"`
	Name   string `json:"name"`
	NameZH string `json:"name_zh"`
}

// Round is a stage of judging (screening, final).
type Round struct {
	Name   string `json:"name"`
	NameZH string `json:"name_zh"`
}

// Anchor says what a score means ("3: an idea without a prototype").
type Anchor struct {
	Score  int    `json:"score"`
	Text   string `json:"text"`
	TextZH string `json:"text_zh"`
}

// Criterion is a rubric line: weighted, scored 0..Max, with anchors. It
// reads 0001's rubric JSON (Key, Name, Weight, Max) too.
type Criterion struct {
	Key     string   `json:"key"`
	Name    string   `json:"name"`
	NameZH  string   `json:"name_zh"`
	Weight  float64  `json:"weight"`
	Max     int      `json:"max"`
	Anchors []Anchor `json:"anchors"`
}

// Contest is a start-up contest and where it stands.
type Contest struct {
	ID            int64
	EditionID     int64
	Name, NameZH  string
	Rubric        []Criterion
	Tracks        []Track
	Rounds        []Round
	OpensAt       *time.Time
	ClosesAt      *time.Time // entry deadline; withdrawals stop too
	SelectN, K    int
	TieBreak      string
	Round         int
	State         string
	Published     bool
	ShowContacts  bool     // judges see the owners' contact details
	Eligible      []string // project sources that may enter; none: anyone
	GrantYuan     int64
	GrantMinScore float64
	DecidedBy     *int64
	DecidedAt     *time.Time
}

// Validate checks a contest's set-up.
func (c *Contest) Validate() error {
	p := model.Problems{}
	c.Name, c.NameZH = strings.TrimSpace(c.Name), strings.TrimSpace(c.NameZH)
	if c.Name == "" || len(c.Name) > 200 {
		p.Add("name", "err.required")
	}
	if len(c.Rubric) == 0 {
		p.Add("rubric", "err.required")
	}
	seen := map[string]bool{}
	for _, cr := range c.Rubric {
		if cr.Key == "" || seen[cr.Key] || cr.Weight <= 0 || cr.Max < 1 || cr.Max > 100 {
			p.Add("rubric", "err.contest.rubric")
		}
		seen[cr.Key] = true
		for _, a := range cr.Anchors {
			if a.Score < 0 || a.Score > cr.Max {
				p.Add("rubric", "err.contest.rubric")
			}
		}
	}
	for _, e := range c.Eligible {
		switch model.ProjectSource(e) {
		case model.SourceTalent, model.SourceDelegation, model.SourceExpert, model.SourceContest:
		default:
			p.Add("eligible", "err.choice")
		}
	}
	if c.K < 1 || c.K > 20 {
		p.Add("k", "err.range")
	}
	if c.SelectN < 0 {
		p.Add("select_n", "err.range")
	}
	switch c.TieBreak {
	case "":
		c.TieBreak = "spread"
	case "spread", "criterion", "entry":
	default:
		p.Add("tie_break", "err.choice")
	}
	if c.OpensAt != nil && c.ClosesAt != nil && !c.ClosesAt.After(*c.OpensAt) {
		p.Add("closes_at", "err.contest.window")
	}
	return p.Err()
}

// Last says whether the contest is in its last round: a contest of zero or
// one named rounds always is. Only the last round's close leads to the
// selection; an earlier one leads to AdvanceRound.
func (c Contest) Last() bool { return c.Round >= len(c.Rounds) }

// RoundAt is the named round n (1-based), or a zero Round outside the list.
func (c Contest) RoundAt(n int) Round {
	if n < 1 || n > len(c.Rounds) {
		return Round{}
	}
	return c.Rounds[n-1]
}

// Open says whether entries are accepted at t.
func (c *Contest) Open(t time.Time) bool {
	return c.State == ContestEntry && (c.OpensAt == nil || !t.Before(*c.OpensAt)) && (c.ClosesAt == nil || t.Before(*c.ClosesAt))
}

const contestCols = `id, edition_id, name, name_zh, rubric, tracks, rounds, opens_at, closes_at, select_n, k, tie_break, round, state, published, grant_yuan, grant_min_score, decided_by, decided_at, show_contacts, eligible`

func scanContest(row interface{ Scan(...any) error }) (Contest, error) {
	var c Contest
	var rubric, tracks, rounds, eligible string
	var opens, closes, decidedAt sql.NullTime
	var decidedBy sql.NullInt64
	err := row.Scan(&c.ID, &c.EditionID, &c.Name, &c.NameZH, &rubric, &tracks, &rounds, &opens, &closes, &c.SelectN, &c.K,
		&c.TieBreak, &c.Round, &c.State, &c.Published, &c.GrantYuan, &c.GrantMinScore, &decidedBy, &decidedAt, &c.ShowContacts, &eligible)
	if err != nil {
		return c, err
	}
	json.Unmarshal([]byte(rubric), &c.Rubric)
	json.Unmarshal([]byte(tracks), &c.Tracks)
	json.Unmarshal([]byte(rounds), &c.Rounds)
	json.Unmarshal([]byte(eligible), &c.Eligible)
	if opens.Valid {
		c.OpensAt = &opens.Time
	}
	if closes.Valid {
		c.ClosesAt = &closes.Time
	}
	if decidedBy.Valid {
		c.DecidedBy = &decidedBy.Int64
	}
	if decidedAt.Valid {
		c.DecidedAt = &decidedAt.Time
	}
	return c, nil
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// CreateContest adds a contest in the entry state.
func (db *DB) CreateContest(ctx context.Context, c *Contest, by int64) error {
	if err := c.Validate(); err != nil {
		return err
	}
	c.State, c.Round = ContestEntry, 1
	return db.tx(ctx, func(tx txq) error {
		id, err := db.insertID(ctx, tx, `INSERT INTO contests (edition_id, name, name_zh, rubric, tracks, rounds, opens_at, closes_at, select_n, k, tie_break, grant_yuan, grant_min_score, eligible)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING id`,
			c.EditionID, c.Name, c.NameZH, jsonText(c.Rubric), jsonText(nonNil(c.Tracks)), jsonText(nonNil(c.Rounds)), nullTime(c.OpensAt), nullTime(c.ClosesAt),
			c.SelectN, c.K, c.TieBreak, c.GrantYuan, c.GrantMinScore, jsonText(nonNil(c.Eligible)))
		if err != nil {
			return err
		}
		c.ID = id
		return db.audit(ctx, tx, by, "contest.create", "contest", id, c.Name)
	})
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// UpdateContest changes a contest's set-up while it is still taking
// entries. What entries or scores already rest on may not change: a track
// an entry is in may not go (err.contest.track_in_use on "tracks"), and the
// rubric may not change once a score exists (err.contest.rubric_scored on
// "rubric"); either refuses the whole change.
func (db *DB) UpdateContest(ctx context.Context, c *Contest, by int64) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return db.tx(ctx, func(tx txq) error {
		var rubric string
		if err := tx.QueryRowContext(ctx, `SELECT rubric FROM contests WHERE id = $1`, c.ID).Scan(&rubric); err != nil {
			return one(err, "contest")
		}
		p := model.Problems{}
		keep := map[string]bool{}
		for _, t := range c.Tracks {
			keep[t.Key] = true
		}
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT track FROM entries WHERE contest_id = $1 AND track <> ''`, c.ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var t string
			if err := rows.Scan(&t); err != nil {
				rows.Close()
				return err
			}
			if !keep[t] {
				p.Add("tracks", "err.contest.track_in_use")
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var was []Criterion
		json.Unmarshal([]byte(rubric), &was)
		if jsonText(c.Rubric) != jsonText(was) {
			var scored bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM scores s JOIN entries e ON e.id = s.entry_id WHERE e.contest_id = $1)`, c.ID).Scan(&scored); err != nil {
				return err
			}
			if scored {
				p.Add("rubric", "err.contest.rubric_scored")
			}
		}
		if err := p.Err(); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE contests SET name=$2, name_zh=$3, rubric=$4, tracks=$5, rounds=$6, opens_at=$7, closes_at=$8,
			select_n=$9, k=$10, tie_break=$11, grant_yuan=$12, grant_min_score=$13, eligible=$14 WHERE id=$1 AND state='entry'`,
			c.ID, c.Name, c.NameZH, jsonText(c.Rubric), jsonText(nonNil(c.Tracks)), jsonText(nonNil(c.Rounds)), nullTime(c.OpensAt), nullTime(c.ClosesAt),
			c.SelectN, c.K, c.TieBreak, c.GrantYuan, c.GrantMinScore, jsonText(nonNil(c.Eligible)))
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, model.Errorf(model.Conflict, "err.contest.state")); err != nil {
			return err
		}
		return db.audit(ctx, tx, by, "contest.update", "contest", c.ID, c.Name)
	})
}

// ContestByID reads a contest.
func (db *DB) ContestByID(ctx context.Context, id int64) (Contest, error) {
	c, err := scanContest(db.r.QueryRowContext(ctx, `SELECT `+contestCols+` FROM contests WHERE id = $1`, id))
	return c, one(err, "contest")
}

// ListContests lists an edition's contests, newest first.
func (db *DB) ListContests(ctx context.Context, editionID int64) ([]Contest, error) {
	return queryAll(ctx, db.r, scanContest, `SELECT `+contestCols+` FROM contests WHERE edition_id = $1 ORDER BY id DESC`, editionID)
}

// ContestsForJudge lists the contests a judge sits on, newest first.
func (db *DB) ContestsForJudge(ctx context.Context, judgeID int64) ([]Contest, error) {
	return queryAll(ctx, db.r, scanContest, `SELECT `+contestCols+` FROM contests
		WHERE id IN (SELECT contest_id FROM contest_judges WHERE user_id = $1) ORDER BY id DESC`, judgeID)
}

// AddJudge puts a judge account on a contest's panel; twice is a no-op.
func (db *DB) AddJudge(ctx context.Context, contestID, userID, by int64) error {
	return db.tx(ctx, func(tx txq) error {
		var role string
		if err := tx.QueryRowContext(ctx, `SELECT role FROM users WHERE id = $1`, userID).Scan(&role); err != nil {
			return one(err, "user")
		}
		if role != string(model.RoleJudge) {
			return model.Errorf(model.Invalid, "err.contest.not_judge", "email", "err.contest.not_judge")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO contest_judges (contest_id, user_id) VALUES ($1,$2) ON CONFLICT DO NOTHING`, contestID, userID); err != nil {
			return db.mapErr(err)
		}
		return db.audit(ctx, tx, by, "contest.judge", "contest", contestID, itoa(int(userID)))
	})
}

// RemoveJudge takes a judge off the panel, with the assignments the judge
// has not scored yet, while the contest is not closed.
func (db *DB) RemoveJudge(ctx context.Context, contestID, userID, by int64) error {
	return db.tx(ctx, func(tx txq) error {
		res, err := tx.ExecContext(ctx, `UPDATE contests SET state = state WHERE id = $1 AND state IN ('entry','judging')`, contestID)
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, model.Errorf(model.Conflict, "err.contest.state")); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM judge_assignments WHERE judge_id = $2
			AND entry_id IN (SELECT id FROM entries WHERE contest_id = $1)
			AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.entry_id = judge_assignments.entry_id AND s.judge_id = $2 AND s.round = judge_assignments.round)`, contestID, userID); err != nil {
			return db.mapErr(err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM contest_judges WHERE contest_id = $1 AND user_id = $2
			AND NOT EXISTS (SELECT 1 FROM judge_assignments a JOIN entries e ON e.id = a.entry_id WHERE e.contest_id = $1 AND a.judge_id = $2)`, contestID, userID); err != nil {
			return db.mapErr(err)
		}
		return db.audit(ctx, tx, by, "contest.unjudge", "contest", contestID, itoa(int(userID)))
	})
}

// Judge is a panel member with the load assigned.
type Judge struct {
	UserID      int64
	Name, Email string
	OrgID       *int64
	Assigned    int
	Submitted   int
}

// ContestJudges lists a contest's panel with each judge's load in the
// current round.
func (db *DB) ContestJudges(ctx context.Context, contestID int64) ([]Judge, error) {
	return queryAll(ctx, db.r, func(r interface{ Scan(...any) error }) (Judge, error) {
		var j Judge
		var org sql.NullInt64
		err := r.Scan(&j.UserID, &j.Name, &j.Email, &org, &j.Assigned, &j.Submitted)
		if org.Valid {
			j.OrgID = &org.Int64
		}
		return j, err
	}, `SELECT u.id, u.name, u.email, u.org_id,
		(SELECT count(*) FROM judge_assignments a JOIN entries e ON e.id = a.entry_id WHERE e.contest_id = cj.contest_id AND a.judge_id = u.id AND a.round = c.round),
		(SELECT count(*) FROM judge_assignments a JOIN entries e ON e.id = a.entry_id WHERE e.contest_id = cj.contest_id AND a.judge_id = u.id AND a.round = c.round AND a.submitted_at IS NOT NULL)
		FROM contest_judges cj JOIN users u ON u.id = cj.user_id JOIN contests c ON c.id = cj.contest_id WHERE cj.contest_id = $1 ORDER BY u.name, u.id`, contestID)
}

// IsJudge says whether a user sits on a contest's panel.
func (db *DB) IsJudge(ctx context.Context, contestID, userID int64) (bool, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM contest_judges WHERE contest_id = $1 AND user_id = $2`, contestID, userID).Scan(&n)
	return n > 0, err
}

// setState moves a contest from one state to the next inside tx: the
// conditional update on the state expected, refused with err.contest.state.
func (db *DB) setState(ctx context.Context, tx txq, id int64, from, to string, extra string, args ...any) error {
	res, err := tx.ExecContext(ctx, `UPDATE contests SET state = $2`+extra+` WHERE id = $1 AND state = $3`, append([]any{id, to, from}, args...)...)
	if err != nil {
		return db.mapErr(err)
	}
	return oneRow(res, model.Errorf(model.Conflict, "err.contest.state"))
}

// CloseRound closes judging of the current round: its scores are locked
// from now on (and an earlier round's stay locked).
func (db *DB) CloseRound(ctx context.Context, contestID, by int64) error {
	return db.tx(ctx, func(tx txq) error {
		if err := db.setState(ctx, tx, contestID, ContestJudging, ContestClosed, ""); err != nil {
			return err
		}
		var round int
		if err := tx.QueryRowContext(ctx, `SELECT round FROM contests WHERE id = $1`, contestID).Scan(&round); err != nil {
			return err
		}
		detail := ""
		if round > 1 {
			detail = "round " + itoa(round)
		}
		return db.audit(ctx, tx, by, "contest.close", "contest", contestID, detail)
	})
}

// AdvanceRound ends a closed round that is not the last: the entries ids
// (the organizer's top N) go on to the next round, the round's others stay
// behind (not advanced: their round is the one they reached), and judging
// opens in the next round with pairs as its assignment (conflicts refused
// as in SaveAssignment). from is the round the organizer's form was about;
// one transaction, and refused with nothing changed when the contest is
// not closed (err.contest.state), the form is stale (err.contest.stale),
// the round is the last (err.contest.last_round), ids is empty or holds an
// entry not in the round (err.contest.advance_n on "n").
func (db *DB) AdvanceRound(ctx context.Context, contestID int64, from int, ids []int64, pairs []Pair, by int64) error {
	return db.tx(ctx, func(tx txq) error {
		c, err := scanContest(tx.QueryRowContext(ctx, `SELECT `+contestCols+` FROM contests WHERE id = $1`, contestID))
		if err != nil {
			return one(err, "contest")
		}
		switch {
		case c.Round != from:
			return model.Errorf(model.Conflict, "err.contest.stale")
		case c.State != ContestClosed:
			return model.Errorf(model.Conflict, "err.contest.state")
		case c.Last():
			return model.Errorf(model.Conflict, "err.contest.last_round")
		case len(ids) == 0:
			return model.Errorf(model.Invalid, "err.contest.advance_n", "n", "err.contest.advance_n")
		}
		// The conditional update holds the row: a concurrent advance (or a
		// second click) finds the round moved on and is refused as stale.
		res, err := tx.ExecContext(ctx, `UPDATE contests SET state = 'judging', round = round + 1 WHERE id = $1 AND state = 'closed' AND round = $2`, contestID, from)
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, model.Errorf(model.Conflict, "err.contest.stale")); err != nil {
			return err
		}
		for _, id := range ids {
			res, err := tx.ExecContext(ctx, `UPDATE entries SET round = $3 WHERE id = $1 AND contest_id = $2 AND round = $4`, id, contestID, from+1, from)
			if err != nil {
				return db.mapErr(err)
			}
			if err := oneRow(res, model.Errorf(model.Invalid, "err.contest.advance_n", "n", "err.contest.advance_n")); err != nil {
				return err
			}
		}
		for _, p := range pairs {
			if err := db.assignOne(ctx, tx, contestID, p); err != nil {
				return err
			}
		}
		detail := make([]string, len(ids))
		for i, id := range ids {
			detail[i] = itoa(int(id))
		}
		return db.audit(ctx, tx, by, "contest.advance", "contest", contestID,
			"round "+itoa(from)+"→"+itoa(from+1)+": "+strings.Join(detail, ",")+"; "+itoa(len(pairs))+" pairs")
	})
}

// Select records the organizer's selection: the entries named are selected,
// the others not (with those left behind in earlier rounds), and who
// decided. Only a closed contest in its last round can be decided
// (err.contest.not_last before), only once, and only from the entries
// in that round.
func (db *DB) Select(ctx context.Context, contestID int64, entryIDs []int64, by int64, note string) error {
	return db.tx(ctx, func(tx txq) error {
		now := db.clock()
		if err := db.setState(ctx, tx, contestID, ContestClosed, ContestDecided, ", decided_by = $4, decided_at = $5", by, now); err != nil {
			return err
		}
		c, err := scanContest(tx.QueryRowContext(ctx, `SELECT `+contestCols+` FROM contests WHERE id = $1`, contestID))
		if err != nil {
			return err
		}
		if !c.Last() {
			return model.Errorf(model.Conflict, "err.contest.not_last")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET status = 'not_selected', decided_by = $2 WHERE contest_id = $1`, contestID, by); err != nil {
			return db.mapErr(err)
		}
		for _, id := range entryIDs {
			res, err := tx.ExecContext(ctx, `UPDATE entries SET status = 'selected' WHERE id = $1 AND contest_id = $2 AND round = $3`, id, contestID, c.Round)
			if err != nil {
				return db.mapErr(err)
			}
			if err := oneRow(res, model.ErrNotFound("entry")); err != nil {
				return err
			}
		}
		ids := make([]string, len(entryIDs))
		for i, id := range entryIDs {
			ids[i] = itoa(int(id))
		}
		return db.audit(ctx, tx, by, "contest.select", "contest", contestID, strings.TrimSpace(strings.Join(ids, ",")+" "+note))
	})
}

// PublishScores lets owners see their own scores once the contest is decided.
func (db *DB) PublishScores(ctx context.Context, contestID, by int64) error {
	return db.tx(ctx, func(tx txq) error {
		res, err := tx.ExecContext(ctx, `UPDATE contests SET published = $2 WHERE id = $1 AND state = 'decided'`, contestID, true)
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, model.Errorf(model.Conflict, "err.contest.state")); err != nil {
			return err
		}
		return db.audit(ctx, tx, by, "contest.publish", "contest", contestID, "")
	})
}

// SetShowContacts turns on or off whether the contest's judges see the
// owners' contact details; the organizer may switch it at any stage.
func (db *DB) SetShowContacts(ctx context.Context, contestID int64, on bool, by int64) error {
	return db.tx(ctx, func(tx txq) error {
		res, err := tx.ExecContext(ctx, `UPDATE contests SET show_contacts = $2 WHERE id = $1`, contestID, on)
		if err != nil {
			return db.mapErr(err)
		}
		if err := oneRow(res, model.ErrNotFound("contest")); err != nil {
			return err
		}
		what := "off"
		if on {
			what = "on"
		}
		return db.audit(ctx, tx, by, "contest.show_contacts", "contest", contestID, what)
	})
}

// Contact is an entry owner's contact details.
type Contact struct {
	Name, Email string
}

// JudgeEntryContact is the entry owner's contact details for a judge
// assigned to the entry, only when the contest's organizer allows it;
// otherwise ok is false.
func (db *DB) JudgeEntryContact(ctx context.Context, entryID, judgeID int64) (c Contact, ok bool, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT u.name, u.email FROM entries e
		JOIN contests c ON c.id = e.contest_id AND c.show_contacts
		JOIN judge_assignments a ON a.entry_id = e.id AND a.judge_id = $2
		JOIN users u ON u.id = e.owner_user_id
		WHERE e.id = $1`, entryID, judgeID).Scan(&c.Name, &c.Email)
	if err == sql.ErrNoRows {
		return Contact{}, false, nil
	}
	return c, err == nil, err
}
