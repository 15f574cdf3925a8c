package store

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/convene/convene/internal/model"
)

// PostSearch is a talent's search: words (any language) and filters.
type PostSearch struct {
	EditionID  int64
	FairID     int64
	OrgID      int64
	Industries []string // any of these spellings, case aside (a vocabulary's key maps to several)
	Cities     []string
	MinDegree  model.Degree // posts asking at most this degree
	Status     model.PostStatus
	Query      string
	Limit      int
	Offset     int
}

// searchTerms splits a query into words; quotes and operators are dropped
// so that user text never becomes FTS syntax.
func searchTerms(q string) []string {
	q = strings.Map(func(r rune) rune {
		switch r {
		case '"', '*', '(', ')', ':', '^', '+', '{', '}', '\'', '\x00':
			return ' '
		}
		return r
	}, q)
	f := strings.Fields(strings.ToLower(q))
	if len(f) > 8 {
		f = f[:8]
	}
	return f
}

// SearchPosts finds posts by words and filters, best match first (newest
// first without words). SQLite uses the FTS5 trigram index; PostgreSQL the
// pg_trgm index with a tsvector rank. Words shorter than three characters
// (common in Chinese: 医药) fall back to substring matching, which trigram
// indexes cannot answer.
func (db *DB) SearchPosts(ctx context.Context, f PostSearch) ([]model.Post, error) {
	var c conds
	if f.EditionID != 0 {
		c.add("p.fair_id IN (SELECT id FROM fairs WHERE edition_id = ?)", f.EditionID)
	}
	if f.FairID != 0 {
		c.add("p.fair_id = ?", f.FairID)
	}
	if f.OrgID != 0 {
		c.add("p.org_id = ?", f.OrgID)
	}
	if f.Status != "" {
		c.add("p.status = ?", f.Status)
	}
	c.anyOf("lower(p.industry)", f.Industries)
	c.anyOf("lower(p.city)", f.Cities)
	if f.MinDegree != "" && f.MinDegree.Valid() {
		c.degrees("p.min_degree", func(d model.Degree) bool { return d.Rank() <= f.MinDegree.Rank() })
	}
	order := "p.id DESC"
	from := "posts p"
	terms := searchTerms(f.Query)
	if db.dialect == sqliteDialect {
		var long []string
		for _, t := range terms {
			if utf8.RuneCountInString(t) >= 3 {
				long = append(long, `"`+t+`"`)
			} else {
				c.add(`lower(p.title || ' ' || p.title_zh || ' ' || p.description || ' ' || p.description_zh || ' ' || p.skills || ' ' || p.industry || ' ' || p.city) LIKE ? ESCAPE '\'`, like(t))
			}
		}
		if len(long) > 0 {
			from = "posts p JOIN posts_fts ON posts_fts.rowid = p.id"
			c.add("posts_fts MATCH ?", strings.Join(long, " AND "))
			order = "bm25(posts_fts), p.id DESC"
		}
	} else if len(terms) > 0 {
		for _, t := range terms {
			c.add(`p.search_doc LIKE ? ESCAPE '\'`, like(t))
		}
		n := c.arg(strings.Join(terms, " "))
		order = "ts_rank(p.search_tsv, plainto_tsquery('simple', " + n + ")) + word_similarity(" + n + ", p.search_doc) DESC, p.id DESC"
	}
	limit, offset := page(f.Limit, f.Offset)
	return queryAll(ctx, db.r, scanPost, `SELECT `+prefixed("p.", postCols)+` FROM `+from+c.sql()+` ORDER BY `+order+` LIMIT `+itoa(limit)+` OFFSET `+itoa(offset), c.args...)
}

// anyOf appends "col is one of vals", lower-cased and trimmed, when vals
// has any non-blank value.
func (c *conds) anyOf(col string, vals []string) {
	var in []string
	for _, v := range vals {
		if v = strings.ToLower(strings.TrimSpace(v)); v != "" {
			in = append(in, c.arg(v))
		}
	}
	if len(in) > 0 {
		c.where = append(c.where, col+" IN ("+strings.Join(in, ",")+")")
	}
}

// FacetCount is one stored spelling of a filter's value and how many
// records carry it.
type FacetCount struct {
	Value string
	N     int
}

// PostFacets are the values the search filters offer, as stored: the
// caller groups spellings of one value (广州, Guangzhou) by its vocabulary.
type PostFacets struct {
	Industries []FacetCount
	Cities     []FacetCount
}

// facetLimit bounds each list: an edition's posts name a few dozen cities
// and industries, spellings included; 500 leaves room for typos.
const facetLimit = 500

// SearchFacets counts the industries and cities of an edition's open posts.
func (db *DB) SearchFacets(ctx context.Context, editionID int64) (PostFacets, error) {
	var pf PostFacets
	scan := func(row interface{ Scan(...any) error }) (FacetCount, error) {
		var fc FacetCount
		err := row.Scan(&fc.Value, &fc.N)
		return fc, err
	}
	q := func(col string) ([]FacetCount, error) {
		return queryAll(ctx, db.r, scan, `SELECT `+col+`, count(*) FROM posts WHERE `+col+` <> '' AND status = 'open'
			AND fair_id IN (SELECT id FROM fairs WHERE edition_id = $1) GROUP BY `+col+` ORDER BY count(*) DESC, `+col+` LIMIT `+itoa(facetLimit), editionID)
	}
	var err error
	if pf.Industries, err = q("industry"); err != nil {
		return pf, err
	}
	pf.Cities, err = q("city")
	return pf, err
}
