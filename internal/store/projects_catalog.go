package store

import (
	"context"
	"strings"

	"github.com/convene/convene/internal/model"
)

// ProjectSearch is a catalogue search: words over the titles and summaries
// in both languages, and filters; zero fields match all.
type ProjectSearch struct {
	EditionID int64
	Query     string
	Fields    []string // any of these spellings, case aside (a vocabulary's key maps to several)
	Stage     string
	Source    model.ProjectSource
	Provinces []string // of the delegation that brought it; any of these spellings
	Limit     int
	Offset    int
}

// CatalogProject is a listed project with the delegation that brought it.
type CatalogProject struct {
	model.Project
	Province  string
	OrgName   string
	OrgNameZH string
}

// publicProjects are the catalogue's rows: public and not withdrawn.
const publicProjects = ` FROM projects p LEFT JOIN organizations o ON o.id = p.org_id WHERE p.visibility = 'public' AND p.withdrawn_at IS NULL`

func scanCatalogProject(row interface{ Scan(...any) error }) (CatalogProject, error) {
	var c CatalogProject
	var prov, name, nameZH *string
	p, err := scanProject(scanInto(row, &prov, &name, &nameZH))
	c.Project = p
	if prov != nil {
		c.Province, c.OrgName, c.OrgNameZH = *prov, *name, *nameZH
	}
	return c, err
}

// scanInto appends dst to every Scan on row: a row with more columns than
// the scanner it goes to knows.
func scanInto(row interface{ Scan(...any) error }, dst ...any) interface{ Scan(...any) error } {
	return scanFunc(func(d ...any) error { return row.Scan(append(d, dst...)...) })
}

type scanFunc func(...any) error

func (f scanFunc) Scan(d ...any) error { return f(d...) }

// SearchProjects lists the edition's public projects that are not
// withdrawn, newest first, by words and filters. Words match as
// case-insensitive substrings (each word somewhere in the titles or
// summaries, either language): an edition holds some 4,900 projects at the
// generator's scale 1, which a scan answers in milliseconds, and substrings
// find two-character Chinese words (医药) that trigram indexes cannot.
func (db *DB) SearchProjects(ctx context.Context, f ProjectSearch) ([]CatalogProject, error) {
	var c conds
	c.add("p.edition_id = ?", f.EditionID)
	c.anyOf("lower(p.field)", f.Fields)
	if f.Stage != "" {
		c.add("p.stage = ?", f.Stage)
	}
	if f.Source != "" {
		c.add("p.source = ?", f.Source)
	}
	c.anyOf("lower(o.province)", f.Provinces)
	for _, t := range searchTerms(f.Query) {
		c.add(`lower(p.title || ' ' || p.title_zh || ' ' || p.summary || ' ' || p.summary_zh) LIKE ? ESCAPE '\'`, like(t))
	}
	limit, offset := page(f.Limit, f.Offset)
	return queryAll(ctx, db.r, scanCatalogProject, `SELECT `+prefixed("p.", projectCols)+`, o.province, o.name, o.name_zh`+publicProjects+
		` AND `+strings.Join(c.where, " AND ")+` ORDER BY p.id DESC LIMIT `+itoa(limit)+` OFFSET `+itoa(offset), c.args...)
}

// ProjectFacets are the values the catalogue's filters offer, as stored,
// each with how many listed projects carry it: the caller groups spellings
// of one value (Guangdong, 广东省) by its vocabulary.
type ProjectFacets struct {
	Fields    []FacetCount
	Provinces []FacetCount
}

// CatalogFacets counts the fields and provinces of an edition's listed
// projects (public, not withdrawn).
func (db *DB) CatalogFacets(ctx context.Context, editionID int64) (ProjectFacets, error) {
	var pf ProjectFacets
	scan := func(row interface{ Scan(...any) error }) (FacetCount, error) {
		var fc FacetCount
		err := row.Scan(&fc.Value, &fc.N)
		return fc, err
	}
	q := func(col string) ([]FacetCount, error) {
		return queryAll(ctx, db.r, scan, `SELECT `+col+`, count(*)`+publicProjects+` AND p.edition_id = $1 AND `+col+` <> ''
			GROUP BY `+col+` ORDER BY count(*) DESC, `+col+` LIMIT `+itoa(facetLimit), editionID)
	}
	var err error
	if pf.Fields, err = q("p.field"); err != nil {
		return pf, err
	}
	pf.Provinces, err = q("o.province")
	return pf, err
}
