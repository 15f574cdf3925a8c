package gen

import (
	"encoding/json"
	"time"

	"github.com/convene/convene/internal/judging"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
)

// The contest as the demo shows it (issue 13): judged by three judges an
// entry, closed, the selection decided by the first organizer and the
// scores published, with an assignment per judge and entry scored; and
// three policies over talents and projects (the innovative-plan grant for
// selected contest projects, talent qualification certification,
// a training subsidy), so the organizer, the judge and the talent logins
// each see them. No rows are added to the tables the totals count.

func demoRule(field, op string, v any) judging.Rule {
	b, _ := json.Marshal(v)
	return judging.Rule{Field: field, Op: op, Value: b}
}

// demoPolicies are the policies the demo edition starts with.
func demoPolicies(edition int64, by *int64, at time.Time, grant int64) []store.Policy {
	return []store.Policy{
		{EditionID: edition, Subject: "project", Name: "Innovative plan grant", NameZH: "创新计划资助",
			Benefit: "A grant for excellent selected start-ups", BenefitZH: "入选优秀创业项目可获资助", AmountYuan: grant,
			Rules: []judging.Rule{demoRule("entry.result", "eq", "selected")}, CreatedBy: by, CreatedAt: at},
		{EditionID: edition, Subject: "talent", Name: "Talent qualification certification", NameZH: "人才资格认定",
			Benefit: "Certified high-level overseas talent", BenefitZH: "认定为海外高层次人才",
			Rules: []judging.Rule{demoRule("talent.degree", "gte", "master"), demoRule("talent.overseas", "eq", true),
				demoRule("talent.intent_china", "eq", "yes")}, CreatedBy: by, CreatedAt: at},
		{EditionID: edition, Subject: "talent", Name: "Training subsidy", NameZH: "培训补贴",
			Benefit: "Subsidy for entrepreneurs entering a contest", BenefitZH: "参赛创业者培训补贴", AmountYuan: 20_000,
			Rules: []judging.Rule{demoRule("entry.result", "in", []string{"submitted", "not_selected", "selected"})}, CreatedBy: by, CreatedAt: at},
	}
}

// contestRun writes the contest's run and the policies inside the load.
func (l *loader) contestRun(c *Convention, ed int64) error {
	by := l.organizer
	selected := 0
	for _, e := range c.Entries {
		if e.Status == model.EntrySelected {
			selected++
		}
	}
	start := c.Edition.StartDate
	run := store.ContestRun{State: store.ContestDecided, Published: true, DecidedBy: by, DecidedAt: start.Add(30 * time.Hour),
		OpensAt: start.AddDate(0, -2, 0), ClosesAt: start.AddDate(0, 0, -14), SelectN: selected, K: 3,
		// One round, as generated: three judges scored every entry once.
		// Named rounds now mean judging per round (a screening's scores kept
		// apart from a final's), which this single set of scores is not.
		Tracks: []store.Track{{Key: "startup", Name: "Start-ups", NameZH: "创业组"}}}
	if len(c.Entries) > 0 {
		if err := l.b.ContestRun(c.Contest.ID+l.base.Contests, run); err != nil {
			return err
		}
	}
	return l.b.Policies(demoPolicies(ed, by, run.OpensAt, c.Contest.GrantYuan))
}
