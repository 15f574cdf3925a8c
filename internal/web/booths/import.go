package booths

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/convene/convene/internal/booth"
	"github.com/convene/convene/internal/model"
	"github.com/convene/convene/internal/store"
	"github.com/convene/convene/internal/web/request"
	"github.com/xuri/excelize/v2"
)

// The plan file's columns, in this order, with a header row.
var planColumns = []string{"hall", "area", "area_kind", "code", "m2", "x", "y", "w", "d", "kind", "corner", "entrance", "blocked"}

// areaZHColumn is an optional 14th column: the area's Chinese name.
const areaZHColumn = 13

// importPlan reads a CSV or XLSX plan into a venue. The file is checked
// whole — each row's values, then codes and overlaps against the plan
// already there through the engine — and a bad row saves nothing; the page
// lists the problems by row.
func (a *Area) importPlan(w http.ResponseWriter, r *http.Request) {
	venueID, _ := strconv.ParseInt(r.FormValue("venue_id"), 10, 64)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		a.Render.Fail(w, r, model.Errorf(model.Invalid, "err.invalid", "file", "booths.err_file"))
		return
	}
	defer f.Close()
	body, err := io.ReadAll(f)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	records, err := readRecords(hdr.Filename, body)
	var rows []store.PlanRow
	var problems []string
	if err != nil {
		problems = []string{err.Error()}
	} else {
		rows, problems = parsePlan(records)
	}
	e, err := a.edition(r)
	if err != nil {
		a.Render.Fail(w, r, err)
		return
	}
	if len(problems) == 0 {
		problems, err = a.checkGeometry(r, e.ID, venueID, rows)
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
	}
	if len(problems) == 0 {
		if _, err := a.DB.ImportPlan(r.Context(), venueID, rows, request.User(r).ID); err != nil {
			if me := model.AsError(err); me != nil && me.Fields["row"] != "" {
				problems = []string{fmt.Sprintf("%s %s: %s", a.Render.T(locale(r), "booths.import.row"), me.Fields["row"], a.Render.T(locale(r), me.Key))}
			} else {
				a.Render.Fail(w, r, err)
				return
			}
		}
	}
	if len(problems) > 0 {
		d, err := a.loadReview(r)
		if err != nil {
			a.Render.Fail(w, r, err)
			return
		}
		d.Problems = problems
		a.showReview(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	done(w, r, "flash.booths.imported", "/admin/booths")
}

func readRecords(name string, body []byte) ([][]string, error) {
	if strings.HasSuffix(strings.ToLower(name), ".xlsx") {
		x, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			return nil, errors.New("not a readable XLSX file")
		}
		defer x.Close()
		return x.GetRows(x.GetSheetName(0))
	}
	cr := csv.NewReader(bytes.NewReader(body))
	cr.FieldsPerRecord = -1
	return cr.ReadAll()
}

// parsePlan checks each row's values; problems name the file's row.
func parsePlan(records [][]string) ([]store.PlanRow, []string) {
	var rows []store.PlanRow
	var problems []string
	if len(records) < 2 {
		return nil, []string{"row 1: a header and at least one booth are needed"}
	}
	for i, rec := range records[1:] {
		line := i + 2
		bad := func(f string, a ...any) {
			problems = append(problems, fmt.Sprintf("row %d: ", line)+fmt.Sprintf(f, a...))
		}
		if len(rec) < len(planColumns) {
			bad("%d columns, want %d (%s)", len(rec), len(planColumns), strings.Join(planColumns, ", "))
			continue
		}
		col := func(k int) string { return strings.TrimSpace(rec[k]) }
		fl := func(k int) float64 {
			v, err := strconv.ParseFloat(col(k), 64)
			if err != nil || v < 0 {
				bad("%s is not a number ≥ 0: %q", planColumns[k], col(k))
			}
			return v
		}
		bo := func(k int) bool {
			s := strings.ToLower(col(k))
			return s == "1" || s == "true" || s == "yes" || s == "y"
		}
		row := store.PlanRow{Line: line, Hall: col(0), Area: col(1), AreaKind: model.AreaKind(col(2)), Code: col(3), M2: fl(4),
			X: int(fl(5)), Y: int(fl(6)), W: fl(7), D: fl(8), Kind: col(9), Corner: bo(10), Entrance: bo(11), Blocked: bo(12)}
		if len(rec) > areaZHColumn {
			row.AreaZH = col(areaZHColumn)
		}
		if row.Hall == "" || row.Area == "" || row.Code == "" {
			bad("hall, area and code are required")
		}
		if !row.AreaKind.Valid() {
			bad("area_kind %q is not one of province, high_skilled, hr_services, research", row.AreaKind)
		}
		if !booth.Kind(row.Kind).Valid() {
			bad("kind %q is not one of standard, raw, island", row.Kind)
		}
		if row.M2 <= 0 || row.W <= 0 || row.D <= 0 {
			bad("m2, w and d must be positive")
		}
		rows = append(rows, row)
	}
	return rows, problems
}

// checkGeometry runs the engine's input check over the venue's plan with
// the new rows: codes taken, a booth in two areas, overlaps in a hall.
func (a *Area) checkGeometry(r *http.Request, editionID, venueID int64, rows []store.PlanRow) ([]string, error) {
	plan, err := a.DB.PlanBooths(r.Context(), editionID, timeNow())
	if err != nil {
		return nil, err
	}
	var bs []booth.Booth
	hallName := map[int64]string{}
	for _, b := range plan {
		hallName[b.HallID] = b.HallName
		if b.VenueID != venueID {
			continue
		}
		w, d := b.Size()
		bs = append(bs, booth.Booth{Code: b.Code, M2: b.M2, Kind: booth.Standard, Area: b.HallName + "/" + b.Area, Hall: b.HallName,
			X: float64(b.X), Y: float64(b.Y), W: w, D: d})
	}
	n := len(bs)
	for _, row := range rows {
		bs = append(bs, booth.Booth{Code: row.Code, M2: row.M2, Kind: booth.Standard, Area: row.Hall + "/" + row.Area, Hall: row.Hall,
			X: float64(row.X), Y: float64(row.Y), W: row.W, D: row.D})
	}
	err = booth.Check(booth.Instance{Booths: bs})
	var es booth.Errors
	if !errors.As(err, &es) {
		return nil, nil
	}
	var problems []string
	for _, e := range es {
		var i int
		if _, err := fmt.Sscanf(e.Field, "booths[%d]", &i); err == nil && i >= n {
			problems = append(problems, fmt.Sprintf("row %d: %s", rows[i-n].Line, e.Message))
		} else {
			problems = append(problems, e.Message)
		}
	}
	return problems, nil
}
