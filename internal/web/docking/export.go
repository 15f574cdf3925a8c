package docking

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"time"
)

// export: the pipeline (every docking the filters match, as the board's
// filters read) as CSV, for organizers.
func (a *Area) export(w http.ResponseWriter, r *http.Request) {
	f, _, err := a.filterOf(r, "")
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	rows, err := a.DB.DockingRows(r.Context(), f.DockingFilter)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="dockings.csv"`)
	w.Write([]byte("\xef\xbb\xbf")) // a BOM, so spreadsheets read UTF-8
	cw := csv.NewWriter(w)
	cw.Write([]string{"docking_id", "project_id", "title", "title_zh", "source", "field", "province", "brought_by", "counterpart_id", "counterpart", "stage", "updated_at"})
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	for _, d := range rows {
		cw.Write([]string{id(d.ID), id(d.ProjectID), d.Title, d.TitleZH, string(d.Source), d.Field, d.Province, d.BroughtBy,
			id(d.CounterpartID), d.Counterpart, d.Column(), d.UpdatedAt.UTC().Format(time.RFC3339)})
	}
	cw.Flush()
}
