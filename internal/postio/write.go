package postio

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/convene/convene/internal/model"
)

// Sheet is a table to write: a header row (already in the reader's
// language, or column names) and string rows.
type Sheet struct {
	Name   string
	Header []string
	Rows   [][]any
}

// WriteXLSX writes one sheet as a workbook.
func WriteXLSX(w io.Writer, s Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	name := s.Name
	if name == "" {
		name = "Sheet1"
	}
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	head := make([]any, len(s.Header))
	for i, h := range s.Header {
		head[i] = h
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, r := range s.Rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, r); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// PostRow is a post as a row of Columns, the import format: an export can
// be edited and imported again.
func PostRow(p model.Post) []any {
	return []any{p.Title, p.TitleZH, p.Description, p.DescriptionZH, p.Industry, strings.Join(p.Skills, ", "), string(p.MinDegree), p.MinExperience, p.City,
		p.SalaryMin, p.SalaryMax, p.Headcount, strings.Join(p.Languages, ", ")}
}

// PostSheet is the export of posts, with their id, fair and status first.
func PostSheet(posts []model.Post) Sheet {
	s := Sheet{Name: "posts", Header: append([]string{"id", "fair_id", "status"}, Columns...)}
	for _, p := range posts {
		s.Rows = append(s.Rows, append([]any{p.ID, p.FairID, string(p.Status)}, PostRow(p)...))
	}
	return s
}

// Template is the import template: the header and one example row.
func Template() Sheet {
	return Sheet{Name: "posts", Header: Columns, Rows: [][]any{{
		"Data scientist", "数据科学家", "Build models for smart manufacturing", "为智能制造建立模型", "电子信息", "Python, SQL, 机器学习", "master", 3,
		"广州", 20000, 35000, 2, "中文, English"}}}
}

// Stamp formats a time for a sheet cell.
func Stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04") }

// Itoa is for ids in sheets.
func Itoa(n int64) string { return strconv.FormatInt(n, 10) }
