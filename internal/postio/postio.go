// Package postio reads posts and projects from CSV and XLSX files and
// writes posts and applications to XLSX. A file is checked whole: every bad cell is reported
// with its row and column as a message key, so the caller can say it in
// the user's language and import nothing.
package postio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/vocab"
	"github.com/xuri/excelize/v2"
)

// Columns are the file's columns, in template order; their names are the
// post's field names, so validation problems map straight to a column.
var Columns = []string{"title", "title_zh", "description", "description_zh", "industry", "skills", "min_degree", "min_experience", "city",
	"salary_min", "salary_max", "headcount", "languages"}

// aliases let a Chinese header stand for a column.
var aliases = map[string]string{
	"职位": "title", "职位名称": "title", "描述": "description", "职位描述": "description",
	"英文职位名称": "title", "中文职位名称": "title_zh", "英文描述": "description", "中文描述": "description_zh",
	"英文职位描述": "description", "中文职位描述": "description_zh", "行业": "industry",
	"技能": "skills", "学历": "min_degree", "最低学历": "min_degree", "经验": "min_experience", "工作经验": "min_experience",
	"城市": "city", "工作城市": "city", "最低月薪": "salary_min", "最高月薪": "salary_max", "人数": "headcount",
	"招聘人数": "headcount", "语言": "languages",
}

var degreeWords = map[string]model.Degree{
	"无": model.DegreeNone, "不限": model.DegreeNone, "本科": model.DegreeBachelor, "学士": model.DegreeBachelor,
	"硕士": model.DegreeMaster, "博士": model.DegreePhD,
}

// MaxRows bounds one import.
const MaxRows = 5000

// RowError is one problem: Row counts from 1 as spreadsheets do (the header
// is row 1); Column is a column name, or "" for the whole file.
type RowError struct {
	Row    int
	Column string
	Key    string
}

// Errors is every problem of a file.
type Errors []RowError

func (e Errors) Error() string {
	var b strings.Builder
	for i, x := range e {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "row %d %s: %s", x.Row, x.Column, x.Key)
	}
	return b.String()
}

// Invalid is the problems as the one error type: err.import, with a field
// per problem named by row and column ("row 3 · min_degree").
func (e Errors) Invalid() error {
	pr := model.Problems{}
	for _, x := range e {
		f := "row " + strconv.Itoa(x.Row)
		if x.Column != "" {
			f += " · " + x.Column
		}
		pr.Add(f, x.Key)
	}
	me := model.Errorf(model.Invalid, "err.import")
	me.Fields = pr
	return me
}

// Format is a file kind.
type Format string

const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// Detect tells XLSX (a zip) from CSV by the first bytes.
func Detect(b []byte) Format {
	if bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		return XLSX
	}
	return CSV
}

// Parse reads a whole file into posts that copy base (organization, fair,
// session) and take each row's cells. Either every row is good and posts
// come back, or errs lists every problem and posts is nil.
func Parse(data []byte, base model.Post) (posts []model.Post, errs Errors) {
	posts, _, errs = ParseNoticed(data, base)
	return posts, errs
}

// Notice is a cell kept as typed that the vocabulary does not know (a city
// or an industry): legal, but the importer should hear of it, since filters
// and other languages cannot place it. Row counts as in RowError.
type Notice struct {
	Row    int
	Column string
	Value  string
}

// ParseNoticed is Parse that also lists the cities and industries the
// vocabulary does not know, by row. A known one in any spelling ("广州市",
// "Canton") is mapped where it is read, so it is kept as typed silently.
func ParseNoticed(data []byte, base model.Post) ([]model.Post, []Notice, Errors) {
	rows, err := readRows(data)
	if err != nil {
		return nil, nil, Errors{{Row: 0, Column: "", Key: "err.import_file"}}
	}
	return parseRows(rows, base)
}

// readRows reads a CSV (UTF-8) or XLSX (its first sheet) file's rows.
func readRows(data []byte) (rows [][]string, err error) {
	if Detect(data) == CSV {
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel's UTF-8 mark
		if !utf8.Valid(data) {
			return nil, errors.New("not UTF-8")
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		end := 0 // the line the last record ended on
		for read := 0; read <= MaxRows+1; read++ {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
			// The reader skips blank lines, which a spreadsheet opening
			// the file numbers as rows: a blank row stands in for each, so
			// problems are reported on the row people see them on. (A
			// line break inside quotes is no new row.)
			line, _ := r.FieldPos(0)
			for gap := line - end - 1; gap > 0 && len(rows)-read < MaxRows; gap-- {
				rows = append(rows, nil)
			}
			last, _ := r.FieldPos(len(rec) - 1)
			end = last + strings.Count(rec[len(rec)-1], "\n")
			rows = append(rows, rec)
		}
		return rows, nil
	}
	defer func() {
		if p := recover(); p != nil { // a malformed workbook must not take the server down
			rows, err = nil, fmt.Errorf("xlsx: %v", p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("xlsx: no sheet")
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, err
	}
	defer it.Close()
	for it.Next() && len(rows) <= MaxRows+1 {
		rec, err := it.Columns()
		if err != nil {
			return nil, err
		}
		if len(rec) > maxColumns {
			rec = rec[:maxColumns]
		}
		rows = append(rows, rec)
	}
	return rows, it.Error()
}

// count is how many rows keep says yes to.
func count(rows [][]string, keep func([]string) bool) int {
	n := 0
	for _, r := range rows {
		if keep(r) {
			n++
		}
	}
	return n
}

// maxColumns bounds a row: the template has thirteen.
const maxColumns = 64

// ParseRows checks rows whose first is the header.
func ParseRows(rows [][]string, base model.Post) ([]model.Post, Errors) {
	posts, _, errs := parseRows(rows, base)
	return posts, errs
}

func parseRows(rows [][]string, base model.Post) ([]model.Post, []Notice, Errors) {
	rows, col, errs := table(rows, Columns, aliases, "title|title_zh")
	if errs != nil {
		return nil, nil, errs
	}
	var posts []model.Post
	var notices []Notice
	for n, rec := range rows[1:] {
		if blank(rec) {
			continue
		}
		row := n + 2
		cell := cells(col, rec)
		p := base
		p.ID = 0
		p.Title, p.Description, p.Industry, p.City = cell("title"), cell("description"), cell("industry"), cell("city")
		p.TitleZH, p.DescriptionZH = cell("title_zh"), cell("description_zh")
		p.Skills, p.Languages = model.SplitList(cell("skills")), model.SplitList(cell("languages"))
		p.MinDegree = degree(cell("min_degree"))
		if p.Status == "" {
			p.Status = model.PostOpen
		}
		pr := model.Problems{}
		for name, dst := range map[string]*int{"min_experience": &p.MinExperience, "salary_min": &p.SalaryMin, "salary_max": &p.SalaryMax, "headcount": &p.Headcount} {
			s := cell(name)
			if s == "" {
				*dst = 0
				continue
			}
			v, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
			if err != nil {
				pr.Add(name, "err.number")
				continue
			}
			*dst = v
		}
		pr.Merge(p.Validate())
		errs = append(errs, rowErrors(row, pr, Columns)...)
		posts = append(posts, p)
		for _, c := range []struct {
			kind  vocab.Kind
			name  string
			value string
		}{{vocab.City, "city", p.City}, {vocab.Industry, "industry", p.Industry}} {
			if c.kind.Unknown(c.value) {
				notices = append(notices, Notice{row, c.name, c.value})
			}
		}
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	if len(posts) == 0 {
		return nil, nil, Errors{{Row: 2, Key: "err.import_empty"}}
	}
	return posts, notices, nil
}

func degree(s string) model.Degree {
	if s == "" {
		return model.DegreeNone
	}
	if d, ok := degreeWords[s]; ok {
		return d
	}
	return model.Degree(strings.ToLower(s))
}

// Row is one non-blank data row of a file: its line as a spreadsheet
// numbers it (the header is 1) and its cells by column name.
type Row struct {
	Line  int
	Cells map[string]string
}

// Cell is a column's trimmed value ("" when the file has no such column).
func (r Row) Cell(name string) string { return r.Cells[name] }

// ReadTable reads a whole CSV or XLSX file whose first row names columns
// (or aliases of them), with the required one present, into its non-blank
// rows; or every problem of its header.
func ReadTable(data []byte, columns []string, aliases map[string]string, required string) ([]Row, Errors) {
	raw, err := readRows(data)
	if err != nil {
		return nil, Errors{{Row: 0, Column: "", Key: "err.import_file"}}
	}
	raw, col, errs := table(raw, columns, aliases, required)
	if errs != nil {
		return nil, errs
	}
	var rows []Row
	for n, rec := range raw[1:] {
		if blank(rec) {
			continue
		}
		cell := cells(col, rec)
		r := Row{Line: n + 2, Cells: make(map[string]string, len(col))}
		for name := range col {
			r.Cells[name] = cell(name)
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return nil, Errors{{Row: 2, Key: "err.import_empty"}}
	}
	return rows, nil
}

// Problems adds a row's problems to errs, the file's columns first in
// their order, then any other field's.
func (r Row) Problems(errs Errors, pr model.Problems, columns []string) Errors {
	return append(errs, rowErrors(r.Line, pr, columns)...)
}

// table checks a file's rows whose first is the header: not empty, not too
// many, every header a known column (or an alias of one) once, the
// required one present. It returns the rows without trailing blank ones
// and each column's index.
func table(rows [][]string, columns []string, aliases map[string]string, required string) ([][]string, map[string]int, Errors) {
	var errs Errors
	for len(rows) > 0 && blank(rows[len(rows)-1]) {
		rows = rows[:len(rows)-1]
	}
	if len(rows) < 2 {
		return nil, nil, Errors{{Row: 1, Key: "err.import_empty"}}
	}
	if len(rows)-1-count(rows, blank) > MaxRows {
		return nil, nil, Errors{{Row: MaxRows + 2, Key: "err.import_too_many"}}
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		name := strings.ToLower(h)
		if a, ok := aliases[h]; ok {
			name = a
		}
		if h == "" {
			continue
		}
		if !slices.Contains(columns, name) {
			errs = append(errs, RowError{1, clip(h), "err.import_unknown_column"})
			continue
		}
		if _, dup := col[name]; dup {
			errs = append(errs, RowError{1, name, "err.import_duplicate_column"})
			continue
		}
		col[name] = i
	}
	// required names a column, or alternatives "a|b" (a title in either
	// language); a missing one is reported by the first name.
	alts := strings.Split(required, "|")
	if !slices.ContainsFunc(alts, func(c string) bool { _, ok := col[c]; return ok }) {
		errs = append(errs, RowError{1, alts[0], "err.import_missing_column"})
	}
	return rows, col, errs
}

// cells reads one row's cells by column name.
func cells(col map[string]int, rec []string) func(string) string {
	return func(name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
}

// rowErrors are a row's problems, the file's columns first in their order
// (stable messages), then any other field's.
func rowErrors(row int, pr model.Problems, columns []string) Errors {
	var errs Errors
	for _, name := range columns {
		if k, ok := pr[name]; ok {
			errs = append(errs, RowError{row, name, k})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(pr)) {
		if !slices.Contains(columns, name) {
			errs = append(errs, RowError{row, name, pr[name]})
		}
	}
	return errs
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

func clip(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:40])
	}
	if !utf8.ValidString(s) {
		return "?"
	}
	return s
}
