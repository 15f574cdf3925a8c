package postio

import (
	"strings"

	"github.com/convene/convene/internal/model"
)

// ExhibitColumns are an exhibit file's columns, in template order. The
// owner is named by e-mail and the booth by its code: the store resolves
// both, in the edition, when it imports.
var ExhibitColumns = []string{"title", "title_zh", "summary", "summary_zh", "field", "owner_email", "booth"}

var exhibitAliases = map[string]string{
	"展品": "title", "展品名称": "title", "英文名称": "title", "中文名称": "title_zh", "简介": "summary", "英文简介": "summary",
	"中文简介": "summary_zh", "领域": "field", "行业": "field", "负责人邮箱": "owner_email", "邮箱": "owner_email",
	"电子邮箱": "owner_email", "展位": "booth", "展位号": "booth",
}

// ExhibitRow is one checked row of an exhibit file: Line is its row in the
// file, for the store's own problems (an unknown owner or booth).
type ExhibitRow struct {
	Line               int
	Title, TitleZH     string
	Summary, SummaryZH string
	Field              string
	OwnerEmail         string // lower case
	Booth              string // a booth code, or "" for none yet
}

// ParseExhibits reads a whole exhibit file. Either every row is good and
// rows come back, or errs lists every problem.
func ParseExhibits(data []byte) ([]ExhibitRow, Errors) {
	rows, errs := ReadTable(data, ExhibitColumns, exhibitAliases, "title")
	if errs != nil {
		return nil, errs
	}
	var out []ExhibitRow
	for _, row := range rows {
		cell := row.Cell
		x := ExhibitRow{Line: row.Line, Title: cell("title"), TitleZH: cell("title_zh"), Summary: cell("summary"),
			SummaryZH: cell("summary_zh"), Field: cell("field"), OwnerEmail: strings.ToLower(cell("owner_email")), Booth: cell("booth")}
		errs = row.Problems(errs, x.validate(), ExhibitColumns)
		out = append(out, x)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// validate checks a row as the exhibit's page needs it: a title in one
// language at least (the English one falls back to the Chinese), an
// owner's address, lengths as a project's.
func (x *ExhibitRow) validate() model.Problems {
	pr := model.Problems{}
	if x.Title == "" && x.TitleZH == "" {
		pr.Add("title", "err.required")
	}
	if len(x.Title) > 200 || len(x.TitleZH) > 200 {
		pr.Add("title", "err.too_long")
	}
	if len(x.Summary) > 4000 {
		pr.Add("summary", "err.too_long")
	}
	if len(x.SummaryZH) > 4000 {
		pr.Add("summary_zh", "err.too_long")
	}
	if len(x.Field) > 100 {
		pr.Add("field", "err.too_long")
	}
	switch {
	case x.OwnerEmail == "":
		pr.Add("owner_email", "err.required")
	case !emailLike(x.OwnerEmail):
		pr.Add("owner_email", "err.email")
	}
	if len(x.Booth) > 40 {
		pr.Add("booth", "err.too_long")
	}
	if x.Title == "" {
		x.Title = x.TitleZH
	}
	return pr
}

// emailLike is the shape of an address: something@something, no spaces,
// at most 200 bytes (the accounts' own limit).
func emailLike(s string) bool {
	at := strings.IndexByte(s, '@')
	return at > 0 && at < len(s)-1 && len(s) <= 200 && !strings.ContainsAny(s, " \t,;<>")
}

// ExhibitTemplate is the exhibit import template: the header and one
// example row.
func ExhibitTemplate() Sheet {
	return Sheet{Name: "exhibits", Header: ExhibitColumns, Rows: [][]any{{
		"Solid-state battery prototype", "固态电池样机", "A pouch cell with twice the energy density, shown charging a bus model",
		"袋式电芯，能量密度翻倍，现场为公交车模型充电", "New energy", "owner@example.com", "A01"}}}
}
