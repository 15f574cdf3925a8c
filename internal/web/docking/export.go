package docking

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"time"

	"github.com/convene/convene/internal/postio"
)

// pipeline is every docking the filters match (as the board's filters
// read), as one sheet, for organizers' exports.
func (a *Area) pipeline(r *http.Request) (postio.Sheet, error) {
	f, _, err := a.filterOf(r, "")
	if err != nil {
		return postio.Sheet{}, err
	}
	rows, err := a.DB.DockingRows(r.Context(), f.DockingFilter)
	if err != nil {
		return postio.Sheet{}, err
	}
	s := postio.Sheet{Name: "dockings",
		Header: []string{"docking_id", "project_id", "title", "title_zh", "source", "field", "province", "brought_by", "counterpart_id", "counterpart", "stage", "updated_at"}}
	for _, d := range rows {
		s.Rows = append(s.Rows, []any{d.ID, d.ProjectID, d.Title, d.TitleZH, string(d.Source), d.Field, d.Province, d.BroughtBy,
			d.CounterpartID, d.Counterpart, d.Column(), d.UpdatedAt.UTC().Format(time.RFC3339)})
	}
	return s, nil
}

// export: the pipeline as CSV.
func (a *Area) export(w http.ResponseWriter, r *http.Request) {
	s, err := a.pipeline(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="dockings.csv"`)
	w.Write([]byte("\xef\xbb\xbf")) // a BOM, so spreadsheets read UTF-8
	cw := csv.NewWriter(w)
	cw.Write(s.Header)
	line := make([]string, len(s.Header))
	for _, row := range s.Rows {
		for i, v := range row {
			line[i] = fmt.Sprint(v)
		}
		cw.Write(line)
	}
	cw.Flush()
}

// exportXLSX: the pipeline as a workbook, which spreadsheets open as they
// are without an import step.
func (a *Area) exportXLSX(w http.ResponseWriter, r *http.Request) {
	s, err := a.pipeline(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="dockings.xlsx"`)
	if err := postio.WriteXLSX(w, s); err != nil {
		a.Log.Error("dockings.xlsx", "err", err) // the answer has started: the download breaks off
	}
}
