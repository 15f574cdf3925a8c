package postio

import (
	"strconv"
	"strings"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/vocab"
)

// ProjectColumns are a project file's columns, in template order, named
// as the project's fields.
var ProjectColumns = []string{"title", "title_zh", "summary", "field", "stage", "funding_sought"}

var projectAliases = map[string]string{
	"项目": "title", "项目名称": "title", "英文名称": "title", "中文名称": "title_zh", "简介": "summary", "项目简介": "summary",
	"领域": "field", "行业": "field", "阶段": "stage", "融资需求": "funding_sought", "融资金额": "funding_sought",
}

var stageWords = map[string]string{"创意": "idea", "原型": "prototype", "有收入": "revenue", "营收": "revenue", "成长": "growth"}

// ParseProjects reads a whole file into projects that copy base (edition,
// source, organization) and take each row's cells. Either every row is
// good and projects come back, or errs lists every problem.
func ParseProjects(data []byte, base model.Project) ([]model.Project, Errors) {
	ps, _, errs := ParseProjectsNoticed(data, base)
	return ps, errs
}

// ParseProjectsNoticed is ParseProjects that also lists, by row, the fields
// the vocabulary does not know: kept as typed, as a post's city is
// (ParseNoticed). A project's province is its delegation's, chosen from a
// list, so a file has none to map.
func ParseProjectsNoticed(data []byte, base model.Project) ([]model.Project, []Notice, Errors) {
	rows, errs := ReadTable(data, ProjectColumns, projectAliases, "title")
	if errs != nil {
		return nil, nil, errs
	}
	var out []model.Project
	var notices []Notice
	for _, row := range rows {
		cell := row.Cell
		p := base
		p.ID = 0
		p.Title, p.TitleZH, p.Summary, p.Field = cell("title"), cell("title_zh"), cell("summary"), cell("field")
		p.Stage = strings.ToLower(cell("stage"))
		if w, ok := stageWords[p.Stage]; ok {
			p.Stage = w
		}
		pr := model.Problems{}
		if s := cell("funding_sought"); s != "" {
			v, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
			if err != nil {
				pr.Add("funding_sought", "err.number")
			}
			p.FundingSought = v
		}
		pr.Merge(p.Validate())
		errs = row.Problems(errs, pr, ProjectColumns)
		out = append(out, p)
		if vocab.Industry.Unknown(p.Field) {
			notices = append(notices, Notice{row.Line, "field", p.Field})
		}
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	return out, notices, nil
}

// ProjectTemplate is the project import template: the header and one
// example row.
func ProjectTemplate() Sheet {
	return Sheet{Name: "projects", Header: ProjectColumns, Rows: [][]any{{
		"Solid-state battery", "固态电池", "Cells with twice the energy density for electric buses", "New energy", "prototype", 5000000}}}
}
