package store

import (
	"context"
	"strings"

	"github.com/convene/convene/internal/model"
)

// Funnel figures: named queries the docking pages, the delegations' pages
// and the report share. A row is one source of projects (contest, expert
// program, talent, the delegations together) or one foreign delegation
// (such as the CIS one), which the seed reports on its own.

// FunnelRow is one source's funnel.
type FunnelRow struct {
	Source       model.ProjectSource
	DelegationID int64 // a foreign delegation's row; 0 otherwise
	Delegation   string
	DelegationZH string
	Projects     int // projects brought
	Docked       int // projects with at least one docking
	Dockings     int
	// At counts dockings by where they stand now (the board's columns).
	At map[string]int
	// Reached counts dockings that got at least as far as each rank
	// (DockingRanks), declined and stalled ones included at the stage they
	// reached; ProjectsReached counts projects with such a docking.
	Reached         [6]int
	ProjectsReached [6]int
}

// Rate is the conversion from rank i-1 to rank i (0 when nothing reached i-1).
func (r FunnelRow) Rate(i int) float64 {
	if i <= 0 || i >= len(r.Reached) || r.Reached[i-1] == 0 {
		return 0
	}
	return float64(r.Reached[i]) / float64(r.Reached[i-1])
}

// rankSQL is a stage column's rank in SQL (-1 for declined).
func rankSQL(col string) string {
	var b strings.Builder
	b.WriteString("CASE " + col)
	for i, s := range DockingRanks {
		b.WriteString(" WHEN '" + string(s) + "' THEN " + itoa(i))
	}
	b.WriteString(" ELSE -1 END")
	return b.String()
}

// furthestSQL is the furthest rank a docking reached.
var furthestSQL = "CASE WHEN " + rankSQL("d.stage") + " > " + rankSQL("d.reached") + " THEN " + rankSQL("d.stage") + " ELSE " + rankSQL("d.reached") + " END"

// bucketSQL separates foreign delegations' projects from the rest.
const bucketSQL = `CASE WHEN p.source = 'delegation' AND po.is_foreign THEN p.org_id ELSE 0 END`

// DockingFunnel is the funnel by source for the filter's dockings, the
// foreign delegations on rows of their own, sources in a fixed order.
func (db *DB) DockingFunnel(ctx context.Context, f DockingFilter) ([]FunnelRow, error) {
	// Dockings are counted per project first (each docking's column and
	// furthest rank worked out once, no DISTINCT), then per source: the
	// projects table is read once per docked project, not per docking.
	//
	// The edition's dockings are kept before that grouping, not after the
	// join with projects: grouping every edition's dockings first read and
	// counted them all (25 ms at scale 1, 269 ms at scale 10 on PostgreSQL,
	// BenchmarkFigure, issue 19). The join's p.edition_id stays, so the
	// rows are the same.
	var c conds
	var in []string
	if s := f.Party; s != nil {
		u, o := c.arg(s.UserID), c.arg(s.OrgID)
		in = append(in, "(d.org_id = "+o+" OR d.project_id IN (SELECT id FROM projects WHERE owner_user_id = "+u+" OR org_id = "+o+"))")
	}
	if f.EditionID != 0 {
		in = append(in, "d.project_id IN (SELECT id FROM projects WHERE edition_id = "+c.arg(f.EditionID)+")")
	}
	inner := "dockings d"
	if len(in) > 0 {
		inner += " WHERE " + strings.Join(in, " AND ")
	}
	g := f
	g.Party = nil
	g.where(&c)
	var per, sel strings.Builder
	per.WriteString(`SELECT d.project_id AS pid, count(*) AS n, max(f) AS pf`)
	sel.WriteString(`SELECT p.source, ` + bucketSQL + `, sum(x.n), count(*)`)
	for i, col := range BoardColumns {
		per.WriteString(`, sum(CASE WHEN col = '` + col + `' THEN 1 ELSE 0 END) AS c` + itoa(i))
		sel.WriteString(`, sum(x.c` + itoa(i) + `)`)
	}
	for i := range DockingRanks {
		per.WriteString(`, sum(CASE WHEN f >= ` + itoa(i) + ` THEN 1 ELSE 0 END) AS r` + itoa(i))
		sel.WriteString(`, sum(x.r` + itoa(i) + `), sum(CASE WHEN x.pf >= ` + itoa(i) + ` THEN 1 ELSE 0 END)`)
	}
	rows, err := db.r.QueryContext(ctx, sel.String()+` FROM (`+per.String()+` FROM (SELECT d.project_id, `+columnSQL+` AS col, `+furthestSQL+` AS f
		FROM `+inner+`) d GROUP BY d.project_id) x
		JOIN projects p ON p.id = x.pid LEFT JOIN organizations po ON po.id = p.org_id`+c.sql()+` GROUP BY p.source, `+bucketSQL, c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byKey := map[[2]any]*FunnelRow{}
	var out []*FunnelRow
	for rows.Next() {
		r := &FunnelRow{At: map[string]int{}}
		at := make([]int, len(BoardColumns))
		dest := []any{&r.Source, &r.DelegationID, &r.Dockings, &r.Docked}
		for i := range at {
			dest = append(dest, &at[i])
		}
		for i := range DockingRanks {
			dest = append(dest, &r.Reached[i], &r.ProjectsReached[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		for i, col := range BoardColumns {
			r.At[col] = at[i]
		}
		byKey[[2]any{r.Source, r.DelegationID}] = r
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	// Projects brought, by the same buckets and filters (without the party
	// and docking conditions, which need a docking).
	var pc conds
	g.where(&pc)
	prow, err := db.r.QueryContext(ctx, `SELECT p.source, `+bucketSQL+`, count(*), COALESCE(max(po.name), ''), COALESCE(max(po.name_zh), '')
		FROM projects p LEFT JOIN organizations po ON po.id = p.org_id`+pc.sql()+` GROUP BY p.source, `+bucketSQL, pc.args...)
	if err != nil {
		return nil, err
	}
	defer prow.Close()
	for prow.Next() {
		var src model.ProjectSource
		var deleg int64
		var n int
		var name, nameZH string
		if err := prow.Scan(&src, &deleg, &n, &name, &nameZH); err != nil {
			return nil, err
		}
		if f.Party != nil {
			if _, ok := byKey[[2]any{src, deleg}]; !ok {
				continue // a party's funnel: only sources it docks
			}
		}
		r, ok := byKey[[2]any{src, deleg}]
		if !ok {
			r = &FunnelRow{Source: src, DelegationID: deleg, At: map[string]int{}}
			byKey[[2]any{src, deleg}] = r
			out = append(out, r)
		}
		r.Projects = n
		if deleg != 0 {
			r.Delegation, r.DelegationZH = name, nameZH
		}
	}
	if err := prow.Err(); err != nil {
		return nil, err
	}
	order := map[model.ProjectSource]int{model.SourceContest: 0, model.SourceDelegation: 1, model.SourceExpert: 2, model.SourceTalent: 3}
	res := make([]FunnelRow, 0, len(out))
	for _, r := range out {
		res = append(res, *r)
	}
	sortFunnel(res, order)
	return res, nil
}

func sortFunnel(rs []FunnelRow, order map[model.ProjectSource]int) {
	less := func(a, b FunnelRow) bool {
		if order[a.Source] != order[b.Source] {
			return order[a.Source] < order[b.Source]
		}
		return a.DelegationID < b.DelegationID
	}
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && less(rs[j], rs[j-1]); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// FunnelTotal adds rows up (the whole edition's line).
func FunnelTotal(rs []FunnelRow) FunnelRow {
	t := FunnelRow{At: map[string]int{}}
	for _, r := range rs {
		t.Projects += r.Projects
		t.Docked += r.Docked
		t.Dockings += r.Dockings
		for k, v := range r.At {
			t.At[k] += v
		}
		for i := range t.Reached {
			t.Reached[i] += r.Reached[i]
			t.ProjectsReached[i] += r.ProjectsReached[i]
		}
	}
	return t
}
